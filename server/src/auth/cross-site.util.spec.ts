import { describe, expect, it } from 'vitest';
import { isCrossSiteWrite } from './cross-site.util.js';

describe('isCrossSiteWrite', () => {
  const host = 'localhost:3000';

  it('lets reads through whatever their origin', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'get'])
      expect(isCrossSiteWrite(method, 'https://evil.example', host, undefined)).toBe(false);
  });

  it('lets writes without an Origin header through (scripts; SameSite=Lax covers browsers)', () => {
    expect(isCrossSiteWrite('POST', undefined, host, undefined)).toBe(false);
  });

  it('accepts writes from this server, by Host or by PUBLIC_URL', () => {
    expect(isCrossSiteWrite('POST', 'http://localhost:3000', host, undefined)).toBe(false);
    expect(isCrossSiteWrite('DELETE', 'http://LOCALHOST:3000', host, undefined)).toBe(false);
    expect(
      isCrossSiteWrite(
        'PATCH',
        'https://crm.example.com',
        'switchyard:3000',
        'https://crm.example.com/',
      ),
    ).toBe(false);
  });

  it('refuses writes from another site, another port, or an opaque origin', () => {
    expect(isCrossSiteWrite('POST', 'https://evil.example', host, undefined)).toBe(true);
    expect(isCrossSiteWrite('PUT', 'http://localhost:8080', host, undefined)).toBe(true);
    expect(isCrossSiteWrite('POST', 'null', host, undefined)).toBe(true);
    expect(
      isCrossSiteWrite(
        'DELETE',
        'https://crm.example.com.evil.example',
        host,
        'https://crm.example.com',
      ),
    ).toBe(true);
  });
});
