import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/switchyard.harness.js';

/**
 * `npm run new-action -- <name>` makes a package that passes its own test and compiles: run
 * here into a temporary folder outside the repository, with the packages `npm install`
 * would give it linked into its node_modules.
 */
// Vitest needs the repository's Node 20 polyfills; the path must not depend on the cwd.
const env = {
  ...process.env,
  NODE_OPTIONS: `--require ${join(repoRoot, 'scripts', 'node20-polyfills.cjs')}`,
};

describe('npm run new-action', () => {
  const parent = mkdtempSync(join(tmpdir(), 'sy-new-action-'));
  const dir = join(parent, 'order-ping');
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('creates a node package whose own test passes and which compiles', () => {
    const made = spawnSync(
      'node',
      [join(repoRoot, 'scripts', 'new-action.mjs'), 'order-ping', '--dir', dir],
      {
        encoding: 'utf8',
        env,
      },
    );
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toContain('custom.order_ping');
    for (const file of [
      'package.json',
      'src/index.ts',
      'src/order-ping.action.ts',
      'src/order-ping.action.spec.ts',
    ])
      expect(existsSync(join(dir, file)), file).toBe(true);
    mkdirSync(join(dir, 'node_modules', '@switchyard'), { recursive: true });
    symlinkSync(join(repoRoot, 'packages', 'sdk'), join(dir, 'node_modules', '@switchyard', 'sdk'));
    for (const dep of ['zod', 'vitest', 'typescript'])
      symlinkSync(join(repoRoot, 'node_modules', dep), join(dir, 'node_modules', dep));

    const tested = spawnSync(
      join(repoRoot, 'node_modules', '.bin', 'vitest'),
      ['run', '--root', dir],
      {
        cwd: dir,
        encoding: 'utf8',
        env,
      },
    );
    expect(tested.status, `${tested.stdout}\n${tested.stderr}`).toBe(0);
    expect(tested.stdout).toMatch(/1 passed/);
    const compiled = spawnSync(
      join(repoRoot, 'node_modules', '.bin', 'tsc'),
      ['-p', 'tsconfig.json'],
      {
        cwd: dir,
        encoding: 'utf8',
        env,
      },
    );
    expect(compiled.status, compiled.stdout).toBe(0);
    expect(existsSync(join(dir, 'dist', 'index.js'))).toBe(true);

    const again = spawnSync(
      'node',
      [join(repoRoot, 'scripts', 'new-action.mjs'), 'order-ping', '--dir', dir],
      {
        encoding: 'utf8',
        env,
      },
    );
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');
  });
});
