// `npm test`: install if needed, build, run every test project once and print the total.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, ensureInstalled, root } from './run.mjs';
import { listTestData, removeTestDataSince } from './test-leftovers.mjs';
import { runVitest } from './vitest-deadline.mjs';

ensureInstalled();
build();

// Static checks first: formatting, zero lint warnings and a clean typecheck in every project.
console.log('> format (prettier --check .)');
const formatted =
  spawnSync('npx', ['prettier', '--check', '--log-level=warn', '.'], {
    cwd: root,
    stdio: 'inherit',
  }).status === 0;
const checks = [
  formatted,
  ...['lint', 'typecheck'].map((target) => {
    console.log(`> ${target} (nx run-many -t ${target})`);
    const r = spawnSync('npx', ['nx', 'run-many', '-t', target, '--output-style=static'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    });
    return r.status === 0;
  }),
];
const reportDir = join(root, 'e2e', 'artifacts');
mkdirSync(reportDir, { recursive: true });
const report = join(reportDir, 'vitest-report.json');
rmSync(report, { force: true });
const deadlineMinutes = Number(process.env.TEST_DEADLINE_MINUTES ?? 24);
const polyfills = join(root, 'scripts', 'node20-polyfills.cjs');
// What the tests' own databases and Redis keys were before, to remove what a stopped run left.
const dataBefore = await listTestData().catch((error) => {
  console.error(`> could not list the test databases and Redis keys: ${error.message}`);
  return null;
});
const result = await runVitest({
  args: [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  cwd: root,
  env: {
    ...process.env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${polyfills}`.trim(),
  },
  deadlineMs: deadlineMinutes * 60_000,
  progressFile: join(reportDir, 'test-progress.jsonl'),
});
let passed = 0;
let failed = 0;
if (result.timedOut) {
  // The run was stopped: count what ended, and the run itself as one failure.
  const { progress } = result;
  console.error(
    `\n> the tests ran past their deadline of ${deadlineMinutes} min (TEST_DEADLINE_MINUTES) and were stopped; still running then:\n${
      progress.running.map((name) => `  ${name}`).join('\n') || '  (no test: a hook or the runner)'
    }`,
  );
  passed = progress.passed;
  failed = progress.failed + 1;
  if (dataBefore) {
    const removed = await removeTestDataSince(dataBefore).catch((error) => {
      console.error(`> could not remove what the stopped tests left: ${error.message}`);
      return null;
    });
    if (removed)
      console.error(
        `> removed what the stopped tests left: ${removed.databases.length} databases, ${removed.keys.length} Redis key prefixes`,
      );
  }
} else {
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed = json.numPassedTests ?? 0;
    failed =
      (json.numFailedTests ?? 0) +
      (json.numFailedTestSuites && !json.numFailedTests ? json.numFailedTestSuites : 0);
  } catch {
    failed = Math.max(failed, 1);
  }
  if (result.status !== 0 && failed === 0) failed = 1;
}
passed += checks.filter(Boolean).length;
failed += checks.filter((ok) => !ok).length;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
