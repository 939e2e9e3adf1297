// Worker-thread entry of the ingest benchmark's baseline server: compiles and loads the
// TypeScript server in this thread (Node's worker threads do not inherit tsx's loader).
import { register } from 'tsx/esm/api';

register();
await import('./ingest-baseline.server.ts');
