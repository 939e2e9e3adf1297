import { describe, expect, it } from 'vitest';
import { firstBadHost } from './allowed-hosts.util';

describe('firstBadHost', () => {
  it('accepts hosts, host:port, IP addresses and blank lines', () => {
    expect(firstBadHost(['crm.internal', '', '  10.0.0.12:8080 ', '[::1]:9000'])).toBeNull();
  });

  it('names the first bad line by its number, counting blank lines', () => {
    const message = firstBadHost(['crm.internal', '', 'https://x.example/path', 'a b']);
    expect(message).toMatch(/^Line 3 \(“https:\/\/x\.example\/path”\): must be a host name/);
  });

  it('refuses a port out of range', () => {
    expect(firstBadHost(['crm.internal:70000'])).toMatch(/^Line 1 /);
  });
});
