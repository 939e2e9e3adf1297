import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'e2e',
    include: ['src/**/*.spec.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Each file starts its own server; two cores do not like several at once.
    fileParallelism: false,
    // npm test runs the browser files beside the API files: polls get 10 s, not 1.
    expect: { poll: { timeout: 10_000 } },
  },
});
