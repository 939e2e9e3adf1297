import { describe, expect, it } from 'vitest';
import { fakeContext } from './action-test-context.testing.js';
import { sendSmsAction } from './send-sms.action.js';

const config = { body: 'Hi {{customer.traits.name}}, your code is {{context.code}} & more' };

describe('send_sms', () => {
  it('renders the number and text (unescaped) and hands them to the outbox', async () => {
    const { ctx, calls } = fakeContext({
      traits: { phone: '+1 (415) 555-0100', name: 'Ada <3' },
      context: { code: '1234' },
    });
    expect(await sendSmsAction.run(ctx, config)).toEqual({ kind: 'continue' });
    expect(calls).toEqual([
      {
        effect: 'sms',
        message: { to: '+14155550100', body: 'Hi Ada <3, your code is 1234 & more' },
        options: { transactional: false },
      },
    ]);
  });

  it('passes transactional and the rate limit, and reads another number when told', async () => {
    const { ctx, calls } = fakeContext({ traits: { mobile: '+44 20 7946 0958' } });
    await sendSmsAction.run(ctx, {
      to: '{{customer.traits.mobile}}',
      body: 'Your receipt',
      transactional: true,
      ratePerMinute: 30,
    });
    expect(calls).toEqual([
      {
        effect: 'sms',
        message: { to: '+442079460958', body: 'Your receipt' },
        options: { transactional: true, ratePerMinute: 30 },
      },
    ]);
  });

  it('fails for good on a missing or non-E.164 number, naming it', async () => {
    await expect(sendSmsAction.run(fakeContext().ctx, config)).rejects.toMatchObject({
      name: 'FatalActionError',
      message: 'the recipient phone number is empty',
    });
    for (const phone of [
      '415 555 0100',
      '+0 415 555 0100',
      '+1 415 CALL NOW',
      '+1234567890123456',
    ]) {
      const { ctx, calls } = fakeContext({ traits: { phone } });
      await expect(sendSmsAction.run(ctx, config)).rejects.toMatchObject({
        name: 'FatalActionError',
        message: `"${phone}" is not a phone number in E.164 form (e.g. +14155550100)`,
      });
      expect(calls).toEqual([]);
    }
  });

  it('fails for good on an empty or too long message', async () => {
    const phone = { phone: '+14155550100' };
    await expect(
      sendSmsAction.run(fakeContext({ traits: phone }).ctx, { body: '{{customer.traits.none}}  ' }),
    ).rejects.toMatchObject({ message: 'the message is empty once rendered' });
    const long = fakeContext({ traits: { ...phone, bio: 'é'.repeat(1601) } });
    await expect(
      sendSmsAction.run(long.ctx, { body: '{{customer.traits.bio}}' }),
    ).rejects.toMatchObject({
      name: 'FatalActionError',
      message: 'the message is 1601 characters once rendered; the limit is 1600',
    });
    const emoji = fakeContext({ traits: { ...phone, bio: '🙂'.repeat(1600) } });
    await sendSmsAction.run(emoji.ctx, { body: '{{customer.traits.bio}}' });
    expect(emoji.calls).toHaveLength(1);
    expect(long.calls).toEqual([]);
  });

  it('describes its settings for the editor', () => {
    expect(sendSmsAction.defaults).toEqual({
      to: '{{customer.traits.phone}}',
      transactional: false,
    });
    expect(sendSmsAction.templateFields).toEqual(['to', 'body']);
    expect(sendSmsAction.parseConfig({}).success).toBe(false);
    expect(sendSmsAction.parseConfig({ body: 'x', ratePerMinute: 0 }).success).toBe(false);
  });
});
