import { describe, expect, it } from 'vitest';
import { messageSummary, urlHost } from './message-summary.util.js';

describe('messageSummary', () => {
  it('is the subject of an e-mail', () => {
    expect(messageSummary({ channel: 'email', recipient: 'a@b.co', summary: 'Hello' })).toBe(
      'Hello',
    );
  });

  it('is the SMS text, cut at 80 characters', () => {
    const short = 'x'.repeat(80);
    expect(messageSummary({ channel: 'sms', recipient: '+1', summary: short })).toBe(short);
    expect(messageSummary({ channel: 'sms', recipient: '+1', summary: `${short}y` })).toBe(
      `${short}…`,
    );
  });

  it('is the method and host of a webhook', () => {
    expect(
      messageSummary({
        channel: 'webhook',
        recipient: 'https://hooks.example.com:8443/a/b?c=d',
        summary: 'POST',
      }),
    ).toBe('POST hooks.example.com:8443');
    expect(messageSummary({ channel: 'webhook', recipient: null, summary: 'GET' })).toBe('GET');
  });

  it('is empty when the payload had nothing to show', () => {
    expect(messageSummary({ channel: 'email', recipient: null, summary: null })).toBe('');
  });
});

describe('urlHost', () => {
  it('keeps text that is not a URL', () => {
    expect(urlHost('not a url')).toBe('not a url');
    expect(urlHost('http://localhost:3000/x')).toBe('localhost:3000');
  });
});
