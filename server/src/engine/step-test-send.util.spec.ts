import type { StepPreviewMessage } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { destinationOf, recipientIssue, SecretRedactor, shownUrl } from './step-test-send.util.js';

const email: StepPreviewMessage = {
  channel: 'email',
  to: 'ada@example.com',
  subject: 'Hi',
  html: '<p>Hi</p>',
  text: null,
  transactional: false,
};
const sms: StepPreviewMessage = {
  channel: 'sms',
  to: '+14155550111',
  body: 'Hi',
  transactional: false,
};
const webhook: StepPreviewMessage = {
  channel: 'webhook',
  method: 'POST',
  url: 'https://example.com/hook',
  headers: {},
  body: null,
};

describe('recipientIssue', () => {
  it('asks an e-mail address for an e-mail, a phone number for an SMS and nothing for a webhook', () => {
    expect(recipientIssue([email], 'me@example.org', 'n')).toBeNull();
    expect(recipientIssue([sms], '+14155550100', 'n')).toBeNull();
    expect(recipientIssue([webhook], undefined, 'n')).toBeNull();
    expect(recipientIssue([email], undefined, 'n')?.message).toBe(
      'must be an e-mail address: the step sends an e-mail',
    );
    expect(recipientIssue([email, webhook], '+14155550100', 'n')?.field).toBe('to');
    expect(recipientIssue([sms], 'me@example.org', 'n')?.message).toMatch(/phone number/);
    expect(recipientIssue([sms], undefined, 'n')?.nodeId).toBe('n');
    expect(recipientIssue([email, sms], 'me@example.org', 'n')?.message).toMatch(
      /an e-mail and an SMS/,
    );
  });
});

describe('SecretRedactor', () => {
  it('shows every occurrence of a secret it was given as its placeholder', () => {
    const secrets = new SecretRedactor();
    expect(secrets.remember('token', 'abc123')).toBe('abc123');
    expect(secrets.remember('unset', undefined)).toBeUndefined();
    expect(secrets.redact('https://x.test/abc123?k=abc123')).toBe(
      'https://x.test/[secret token]?k=[secret token]',
    );
    expect(secrets.redact('nothing here')).toBe('nothing here');
  });
});

describe('shownUrl and destinationOf', () => {
  it('masks a password in a URL and names where each test went', () => {
    expect(shownUrl('https://user:pw@example.com/x')).toBe('https://user:***@example.com/x');
    expect(shownUrl('https://example.com/x')).toBe('https://example.com/x');
    expect(shownUrl('not a url')).toBe('not a url');
    expect(
      destinationOf({ channel: 'email', to: 'me@example.org', subject: 's', delivery: 'sent' }),
    ).toBe('me@example.org');
    expect(
      destinationOf({
        channel: 'webhook',
        method: 'PUT',
        url: 'https://example.com/x',
        status: 200,
        answer: '',
        ms: 3,
      }),
    ).toBe('PUT https://example.com/x');
  });
});
