// A vitest reporter for `npm test`'s deadline (scripts/test.mjs): one JSON line per test
// that starts and per test that ends, appended as they happen, so a run stopped at its
// deadline still counts what passed and failed and names the tests that were running.
import { appendFileSync, writeFileSync } from 'node:fs';

export default class TestProgressReporter {
  constructor() {
    this.file = process.env.TEST_PROGRESS_FILE;
    if (this.file) writeFileSync(this.file, '');
  }

  write(entry) {
    if (this.file) appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
  }

  onTestCaseReady(testCase) {
    this.write({
      id: testCase.id,
      started: `${testCase.module.relativeModuleId} > ${testCase.fullName}`,
    });
  }

  onTestCaseResult(testCase) {
    this.write({ id: testCase.id, state: testCase.result().state });
  }
}
