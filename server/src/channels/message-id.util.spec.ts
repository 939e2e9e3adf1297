import { describe, expect, it } from 'vitest';
import {
  domainOf,
  isPermanentSmtpError,
  messageIdFor,
  providerMessageId,
  readMessageId,
  sameMessage,
} from './message-id.util.js';

describe('messageIdFor', () => {
  it('derives a stable Message-ID from the idempotency key and the sender domain', () => {
    const key = '0b6f5a9e-1c1e-4c3f-9d55-3c7f1b2a0e11.send_email_1';
    expect(messageIdFor(key, 'Switchyard <no-reply@mail.example.com>')).toBe(
      `<${key}@mail.example.com>`,
    );
    expect(messageIdFor(key, 'x')).toBe(`<${key}@switchyard.local>`);
    expect(messageIdFor('a b<c>', 'me@ex.org')).toBe('<a_b_c_@ex.org>');
  });

  it('reads back the run and the key of a Message-ID it made, as providers report it', () => {
    const run = '0b6f5a9e-1c1e-4c3f-9d55-3c7f1b2a0e11';
    for (const key of [`${run}.send_email_1.0`, `${run}.Welcome mail!.3`]) {
      const id = messageIdFor(key, 'Shop <news@shop.example>');
      for (const reported of [id, ` ${id.slice(1, -1)} `]) {
        const read = readMessageId(reported);
        expect(read?.enrollmentId).toBe(run);
        expect(sameMessage(key, read?.localPart ?? '')).toBe(true);
      }
      expect(sameMessage(`${run}.other.0`, readMessageId(id)?.localPart ?? '')).toBe(false);
    }
    // Not ours: a test send's, a provider's own, nothing.
    expect(readMessageId(messageIdFor('test.4b2c', 'a@b.c'))).toBeNull();
    expect(readMessageId('<0100018c-ses-id@email.amazonses.com>')).toBeNull();
    expect(readMessageId('')).toBeNull();
  });

  it('reads the domain of bare and named addresses', () => {
    expect(domainOf('me@ex.org')).toBe('ex.org');
    expect(domainOf('Me <me@ex.org>')).toBe('ex.org');
  });

  it('treats SMTP 5xx as permanent and everything else as retryable', () => {
    expect(isPermanentSmtpError({ responseCode: 550 })).toBe(true);
    expect(isPermanentSmtpError({ responseCode: 451 })).toBe(false);
    expect(isPermanentSmtpError(new Error('ECONNREFUSED'))).toBe(false);
  });
});

describe('providerMessageId', () => {
  it('prefers the queue id from the server answer', () => {
    expect(providerMessageId('250 2.0.0 Ok: queued as 4Xb1-9', '<m@x>')).toBe('4Xb1-9');
    expect(providerMessageId('250 OK: message queued', '<m@x>')).toBe('<m@x>');
    expect(providerMessageId(undefined, '<m@x>')).toBe('<m@x>');
  });
});
