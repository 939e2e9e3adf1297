// `npm test`: install if needed, build, run every test project once and print the total.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, ensureInstalled, root } from './run.mjs';

ensureInstalled();
build();
const reportDir = join(root, 'e2e', 'artifacts');
mkdirSync(reportDir, { recursive: true });
const report = join(reportDir, 'vitest-report.json');
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)];
const polyfills = join(root, 'scripts', 'node20-polyfills.cjs');
const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${polyfills}`.trim() };
const result = spawnSync('npx', args, { cwd: root, stdio: 'inherit', env });
let passed = 0;
let failed = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  failed = (json.numFailedTests ?? 0) + (json.numFailedTestSuites && !json.numFailedTests ? json.numFailedTestSuites : 0);
} catch {
  failed = Math.max(failed, 1);
}
if (result.status !== 0 && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(result.status === 0 && failed === 0 ? 0 : 1);
