import { defineConfig } from 'vitest/config';

/** One run over every project, so `npm test` prints one total. */
export default defineConfig({
  test: {
    projects: [
      'packages/contracts',
      'packages/sdk',
      'packages/slack-notify',
      'server',
      'web',
      'e2e',
    ],
  },
});
