// Preloaded into the server by `profile=sql|cpu`: compiles and loads the TypeScript probe
// in the main thread only (Node's module-hooks thread also runs NODE_OPTIONS' --import,
// and cannot load TypeScript there).
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./journey-server-probe.ts');
}
