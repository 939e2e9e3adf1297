import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'slack-notify', include: ['src/**/*.spec.ts'] },
});
