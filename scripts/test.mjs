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
const deadlineMinutes = Number(process.env.TEST_DEADLINE_MINUTES ?? 24);
const polyfills = join(root, 'scripts', 'node20-polyfills.cjs');
// What the tests' own databases and Redis keys were before, to remove what a stopped run left.
const dataBefore = await listTestData().catch((error) => {
  console.error(`> could not list the test databases and Redis keys: ${error.message}`);
  return null;
});

/**
 * Two lanes at once, each a series of vitest runs: the e2e API files one after another
 * (each starts its own server: two cores do not like several), and beside them every other
 * project on one worker, then the browser files one after another. In one vitest run the
 * other projects waited for the whole e2e project (25 minutes on a slow day); side by side,
 * at most two servers run at once and the run takes about as long as the longer lane.
 */
const BROWSER = '**/src/browser/**';
const lanes = [
  [{ name: 'e2e-api', args: ['--project', 'e2e', `--exclude=${BROWSER}`] }],
  [
    {
      name: 'units',
      args: [
        ...['contracts', 'sdk', 'slack-notify', 'server', 'web'].flatMap((p) => ['--project', p]),
        '--maxWorkers=1',
      ],
    },
    {
      name: 'e2e-browser',
      args: [
        '--project',
        'e2e',
        '--exclude=**/src/api/**',
        '--exclude=**/src/tooling/**',
        '--exclude=**/src/support/**',
      ],
    },
  ],
];
const deadline = Date.now() + deadlineMinutes * 60_000;
/** One vitest run of a lane, with what is left of the deadline. */
async function runStep(step) {
  const report = join(reportDir, `vitest-report.${step.name}.json`);
  rmSync(report, { force: true });
  const result = await runVitest({
    args: [
      'run',
      ...step.args,
      '--passWithNoTests',
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
    deadlineMs: Math.max(deadline - Date.now(), 1_000),
    progressFile: join(reportDir, `test-progress.${step.name}.jsonl`),
  });
  return { lane: step.name, report, ...result };
}
const results = (
  await Promise.all(
    lanes.map(async (steps) => {
      const done = [];
      for (const step of steps) {
        const result = await runStep(step);
        done.push(result);
        if (result.timedOut) break;
      }
      return done;
    }),
  )
).flat();

let passed = 0;
let failed = 0;
for (const result of results) {
  if (result.timedOut) {
    // The lane was stopped: count what ended, and the lane itself as one failure.
    const { progress } = result;
    console.error(
      `\n> the ${result.lane} tests ran past their deadline of ${deadlineMinutes} min (TEST_DEADLINE_MINUTES) and were stopped; still running then:\n${
        progress.running.map((name) => `  ${name}`).join('\n') ||
        '  (no test: a hook or the runner)'
      }`,
    );
    passed += progress.passed;
    failed += progress.failed + 1;
    continue;
  }
  // A lane whose filter (npm test -- <file>) matched nothing of it ran nothing: not a failure.
  let lanePassed = 0;
  let laneFailed = 0;
  try {
    const json = JSON.parse(readFileSync(result.report, 'utf8'));
    lanePassed = json.numPassedTests ?? 0;
    laneFailed =
      (json.numFailedTests ?? 0) +
      (json.numFailedTestSuites && !json.numFailedTests ? json.numFailedTestSuites : 0);
  } catch {
    laneFailed = result.status === 0 ? 0 : 1;
  }
  if (result.status !== 0 && laneFailed === 0 && lanePassed > 0) laneFailed = 1;
  passed += lanePassed;
  failed += laneFailed;
}
if (results.some((r) => r.timedOut) && dataBefore) {
  const removed = await removeTestDataSince(dataBefore).catch((error) => {
    console.error(`> could not remove what the stopped tests left: ${error.message}`);
    return null;
  });
  if (removed)
    console.error(
      `> removed what the stopped tests left: ${removed.databases.length} databases, ${removed.keys.length} Redis key prefixes`,
    );
}
passed += checks.filter(Boolean).length;
failed += checks.filter((ok) => !ok).length;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
