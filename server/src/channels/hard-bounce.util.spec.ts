import { describe, expect, it } from 'vitest';
import { isHardBounce } from './hard-bounce.util.js';

const smtpError = (fields: Record<string, unknown>) => Object.assign(new Error('x'), fields);

describe('isHardBounce', () => {
  it('is a 5xx refusal of the recipient, or a bad or disabled mailbox by its enhanced status', () => {
    expect(isHardBounce(smtpError({ responseCode: 550, code: 'EENVELOPE' }))).toBe(true);
    expect(isHardBounce(smtpError({ responseCode: 553, command: 'RCPT TO' }))).toBe(true);
    expect(
      isHardBounce(
        smtpError({ responseCode: 550, response: '550 5.1.1 <gone@example.com>: user unknown' }),
      ),
    ).toBe(true);
    expect(isHardBounce(smtpError({ responseCode: 550, response: '550 5.2.1 disabled' }))).toBe(
      true,
    );
  });

  it('is not a temporary refusal, nor one about the content, the sender or the connection', () => {
    expect(isHardBounce(smtpError({ responseCode: 450, code: 'EENVELOPE' }))).toBe(false);
    expect(
      isHardBounce(smtpError({ responseCode: 554, response: '554 5.7.1 rejected as spam' })),
    ).toBe(false);
    expect(isHardBounce(smtpError({ responseCode: 535, command: 'AUTH PLAIN' }))).toBe(false);
    expect(isHardBounce(smtpError({ code: 'ECONNRESET' }))).toBe(false);
    expect(isHardBounce(new Error('550 5.1.1 in the text only'))).toBe(false);
    expect(isHardBounce(null)).toBe(false);
  });
});
