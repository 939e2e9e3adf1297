import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'server',
    include: ['src/**/*.spec.ts'],
    // npm test runs these beside the e2e lane's servers on two cores: the integration tests
    // that COPY 50,000-line imports took 4.7-5.1 s of vitest's default 5 s there.
    testTimeout: 30_000,
  },
});
