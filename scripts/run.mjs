// Small helpers shared by the start and test scripts (no dependencies: they run before install).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

/** Installs dependencies when node_modules is missing or older than the lockfile. */
export function ensureInstalled() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  const stale =
    !existsSync(marker) || readFileSync(marker, 'utf8').length === 0 || mtime(lock) > mtime(marker);
  if (stale) {
    // `npm install`, not `npm ci`: the registry this project is installed from lacks nx's
    // non-Linux binaries, so the lockfile cannot list them and `npm ci` would refuse it.
    console.log('> installing dependencies (npm install)');
    run('npm', ['install', '--no-audit', '--no-fund']);
  }
}

export function build() {
  console.log('> building (nx run-many -t build)');
  run('npx', ['nx', 'run-many', '-t', 'build', '--output-style=static'], {
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
