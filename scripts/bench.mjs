// `npm run bench -- <name> [args]`: builds, then runs e2e/bench/<name>.bench.ts (printing ratios
// against baselines run in the same process).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build, ensureInstalled, root } from './run.mjs';

const [name = 'import', ...args] = process.argv.slice(2);
const script = join(root, 'e2e', 'bench', `${name}.bench.ts`);
if (!existsSync(script)) {
  console.error(`no benchmark "${name}" (looked for ${script})`);
  process.exit(2);
}
ensureInstalled();
build();
const result = spawnSync('npx', ['tsx', script, ...args], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
