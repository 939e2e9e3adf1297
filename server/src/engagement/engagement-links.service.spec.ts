import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppConfig } from '../config/app-config.service.js';
import { SecretBox } from '../secrets/secret-box.js';
import { EngagementLinks } from './engagement-links.service.js';

describe('EngagementLinks', () => {
  const config = AppConfig.fromEnv({ PUBLIC_URL: 'https://sy.example.com' });
  const links = new EngagementLinks(new SecretBox(randomBytes(32)), config);
  const message = {
    workspaceId: '3f2b8c1e-5d4a-4b6f-9e7d-2c1a0b9f8e7d',
    customerId: '42',
    enrollmentId: '0b6f5a9e-1c1e-4c3f-9d55-3c7f1b2a0e11',
    nodeId: 'Sale mail: day 1',
  };
  const tokenOf = (url: string) => /\/[co]\/([^?]+)/.exec(url)?.[1] ?? '';

  it('reads back the e-mail of a pixel and of a link, node ids of any text included', () => {
    expect(links.read(tokenOf(links.openUrl(message)))).toEqual(message);
    const click = links.clickUrl(message, 'https://shop.example/sale?a=1&b=2');
    expect(click).toMatch(/^https:\/\/sy\.example\.com\/c\/[\w-]+\.[\w-]{22}\?u=https%3A%2F%2F/);
    expect(links.read(tokenOf(click), 'https://shop.example/sale?a=1&b=2')).toEqual(message);
  });

  it('refuses a link sent somewhere else, an altered token, and a key of another installation', () => {
    const token = tokenOf(links.clickUrl(message, 'https://shop.example/'));
    expect(links.read(token, 'https://evil.example/')).toBeNull();
    expect(links.read(token)).toBeNull();
    expect(
      links.read(
        `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
        'https://shop.example/',
      ),
    ).toBeNull();
    const other = new EngagementLinks(new SecretBox(randomBytes(32)), config);
    expect(other.read(token, 'https://shop.example/')).toBeNull();
    expect(links.read('not-a-token')).toBeNull();
  });
});
