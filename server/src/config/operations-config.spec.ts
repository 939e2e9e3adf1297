import { describe, expect, it } from 'vitest';
import { AppConfig } from './app-config.service.js';

describe('operations settings', () => {
  it('takes a REDIS_PREFIX with one hash tag (Redis Cluster) or none', () => {
    for (const prefix of ['switchyard', '{switchyard}', 'sy-{prod}', '{sy}_test_1', 'a_b-c'])
      expect(AppConfig.fromEnv({ REDIS_PREFIX: prefix }).values.REDIS_PREFIX).toBe(prefix);
  });

  it('refuses a REDIS_PREFIX with an empty, unbalanced or second hash tag, or other characters', () => {
    for (const prefix of ['{}', '{sy', 'sy}', '{a}{b}', '{a{b}}', 'has space', 'a:b', 'sy*'])
      expect(() => AppConfig.fromEnv({ REDIS_PREFIX: prefix }), prefix).toThrow(
        /REDIS_PREFIX: .*hash tag/,
      );
  });

  it('takes an optional METRICS_TOKEN of at least 16 characters', () => {
    expect(AppConfig.fromEnv({}).values.METRICS_TOKEN).toBeUndefined();
    expect(AppConfig.fromEnv({ METRICS_TOKEN: 'x'.repeat(16) }).values.METRICS_TOKEN).toBe(
      'x'.repeat(16),
    );
    expect(() => AppConfig.fromEnv({ METRICS_TOKEN: 'short' })).toThrow(
      /METRICS_TOKEN: at least 16 characters/,
    );
  });
});
