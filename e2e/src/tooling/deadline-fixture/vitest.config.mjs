// The fixture run of vitest-deadline.spec.ts: not part of the e2e project (*.fixture.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: import.meta.dirname,
  test: { include: ['*.fixture.ts'], testTimeout: 600_000 },
});
