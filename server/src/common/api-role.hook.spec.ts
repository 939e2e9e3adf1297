import { describe, expect, it } from 'vitest';
import { isOperationsPath } from './api-role.hook.js';

describe('operations paths of a process without the api role', () => {
  it('are health checks and metrics', () => {
    for (const url of ['/health/live', '/health/ready', '/metrics', '/metrics?x=1', '/health'])
      expect(isOperationsPath(url)).toBe(true);
  });

  it('exclude the API, the web app and look-alikes', () => {
    for (const url of ['/api/segments', '/v1/track', '/', '/metricsx', '/healthz', '/admin/queues'])
      expect(isOperationsPath(url)).toBe(false);
  });
});
