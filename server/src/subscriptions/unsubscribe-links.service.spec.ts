import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppConfig } from '../config/app-config.service.js';
import { SecretBox } from '../secrets/secret-box.js';
import { UnsubscribeLinks } from './unsubscribe-links.service.js';

const config = AppConfig.fromEnv({ PUBLIC_URL: 'https://sy.example.com' });
const linksWith = (key = randomBytes(32)) => new UnsubscribeLinks(new SecretBox(key), config);

describe('UnsubscribeLinks', () => {
  const links = linksWith();
  const target = { workspaceId: '0b6d2c4e-8c1a-4f3e-9d2b-7a5e6f1c2d3e', customerId: '42' };

  it('reads back whom a link it made unsubscribes', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.bigInt({ min: 1n, max: 2n ** 62n }), (workspaceId, id) => {
        const made = { workspaceId, customerId: id.toString() };
        expect(links.read(links.token(made))).toEqual(made);
      }),
    );
    expect(links.url(target)).toBe(`https://sy.example.com/u/${links.token(target)}`);
  });

  it("carries the e-mail's run and node, signed with the rest", () => {
    const step = { enrollmentId: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d', nodeId: 'vip_mail-2' };
    fc.assert(
      fc.property(fc.uuid(), fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), (enrollmentId, nodeId) => {
        const made = { ...target, message: { enrollmentId, nodeId } };
        expect(links.read(links.token(made))).toEqual(made);
      }),
    );
    const token = links.token({ ...target, message: step });
    expect(token.length).toBeLessThan(200);
    // Another node under the same signature is refused.
    const [, mac] = token.split('.');
    const moved = links.token({ ...target, message: { ...step, nodeId: 'other' } }).split('.')[0];
    expect(links.read(`${moved}.${mac}`)).toBeNull();
  });

  it('refuses a link made with another key, altered, cut short, or not a link at all', () => {
    const token = links.token(target);
    expect(linksWith().read(token)).toBeNull();
    const [payload = '', mac = ''] = token.split('.');
    const other = links.token({ ...target, customerId: '43' }).split('.')[0] ?? '';
    expect(links.read(`${other}.${mac}`)).toBeNull();
    expect(links.read(`${payload}.${mac.slice(0, -1)}`)).toBeNull();
    expect(links.read(`${payload}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    for (const junk of ['', 'preview', '.', 'a.b', `${payload}.`, `${'x'.repeat(300)}.${mac}`])
      expect(links.read(junk)).toBeNull();
  });
});
