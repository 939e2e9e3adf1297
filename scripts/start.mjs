// `npm start`: install if needed, build, then run Switchyard (API, workers and web app on one port).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build, ensureInstalled, root } from './run.mjs';

ensureInstalled();
build();
const child = spawn(process.execPath, [join(root, 'server/dist/main.js')], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
