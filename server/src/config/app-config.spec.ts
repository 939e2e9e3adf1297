import { describe, expect, it } from 'vitest';
import { AppConfig, ConfigError } from './app-config.service.js';

describe('AppConfig', () => {
  it('defaults to the local services', () => {
    const config = AppConfig.fromEnv({});
    expect(config.values.PORT).toBe(3000);
    expect(config.values.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/switchyard');
    expect(config.values.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.runsApi && config.runsWorkers).toBe(true);
  });

  it('names every bad variable and why', () => {
    expect(() =>
      AppConfig.fromEnv({ PORT: 'abc', DATABASE_URL: 'mysql://x', ROLE: 'boss' }),
    ).toThrow(ConfigError);
    try {
      AppConfig.fromEnv({ PORT: 'abc', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      expect((e as Error).message).toContain('PORT');
      expect((e as Error).message).toContain('DATABASE_URL: must be a postgres:// URL');
    }
  });

  it('splits roles', () => {
    expect(AppConfig.fromEnv({ ROLE: 'api' }).runsWorkers).toBe(false);
    expect(AppConfig.fromEnv({ ROLE: 'worker' }).runsApi).toBe(false);
    const split = AppConfig.fromEnv({ ROLE: 'api, sender' });
    expect([split.runsApi, split.runsWorkers, split.runsSender]).toEqual([true, false, true]);
    expect(AppConfig.fromEnv({ ROLE: 'all' }).roleNames).toBe('api,worker,sender');
    expect(() => AppConfig.fromEnv({ ROLE: 'api,boss' })).toThrow(/"boss" is not a role/);
  });

  it('reads the owner e-mail and the session length', () => {
    const defaults = AppConfig.fromEnv({});
    expect(defaults.values.OWNER_EMAIL).toBe('owner@switchyard.local');
    expect(defaults.values.SESSION_DAYS).toBe(14);
    expect(
      AppConfig.fromEnv({ OWNER_EMAIL: 'ops@shop.com', SESSION_DAYS: '30' }).values,
    ).toMatchObject({
      OWNER_EMAIL: 'ops@shop.com',
      SESSION_DAYS: 30,
    });
    expect(() => AppConfig.fromEnv({ OWNER_EMAIL: 'nobody' })).toThrow(
      /OWNER_EMAIL: must be an e-mail address/,
    );
    expect(() => AppConfig.fromEnv({ SESSION_DAYS: '0' })).toThrow(/SESSION_DAYS/);
  });
});
