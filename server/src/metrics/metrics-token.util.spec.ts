import { describe, expect, it } from 'vitest';
import { metricsTokenAccepted } from './metrics-token.util.js';

const TOKEN = 'scrape-token-0123456789';

describe('METRICS_TOKEN check', () => {
  it('lets everyone read when no token is configured', () => {
    expect(metricsTokenAccepted(undefined, undefined)).toBe(true);
    expect(metricsTokenAccepted(undefined, 'Bearer anything')).toBe(true);
  });

  it('needs the exact bearer token when one is configured', () => {
    expect(metricsTokenAccepted(TOKEN, `Bearer ${TOKEN}`)).toBe(true);
    expect(metricsTokenAccepted(TOKEN, `bearer   ${TOKEN} `)).toBe(true);
    expect(metricsTokenAccepted(TOKEN, undefined)).toBe(false);
    expect(metricsTokenAccepted(TOKEN, '')).toBe(false);
    expect(metricsTokenAccepted(TOKEN, 'Bearer ')).toBe(false);
    expect(metricsTokenAccepted(TOKEN, `Bearer ${TOKEN}x`)).toBe(false);
    expect(metricsTokenAccepted(TOKEN, `Bearer ${TOKEN.slice(0, -1)}`)).toBe(false);
    expect(
      metricsTokenAccepted(TOKEN, `Basic ${Buffer.from(`${TOKEN}:`).toString('base64')}`),
    ).toBe(false);
  });
});
