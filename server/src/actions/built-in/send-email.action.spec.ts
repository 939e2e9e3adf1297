import { describe, expect, it } from 'vitest';
import { fakeContext } from './action-test-context.testing.js';
import { sendEmailAction } from './send-email.action.js';

const config = {
  subject: 'Hi {{customer.traits.name}} & co',
  html: '<p>{{customer.traits.name}}</p>',
  text: 'Hi {{customer.traits.name}}',
};

describe('send_email', () => {
  it('renders the message and hands it to the outbox effect as marketing mail', async () => {
    const { ctx, calls } = fakeContext({ traits: { email: 'ada@example.com', name: 'Ada <3' } });
    expect(await sendEmailAction.run(ctx, config)).toEqual({ kind: 'continue' });
    expect(calls).toEqual([
      {
        effect: 'email',
        message: {
          to: 'ada@example.com',
          subject: 'Hi Ada <3 & co',
          html: '<p>Ada &lt;3</p>',
          text: 'Hi Ada <3',
        },
        options: { transactional: false },
      },
    ]);
  });

  it('passes transactional and the rate limit through', async () => {
    const { ctx, calls } = fakeContext({ traits: { email: 'ada@example.com' } });
    await sendEmailAction.run(ctx, {
      subject: 'Receipt\r\nBcc: x@example.com',
      html: '<p>Thanks</p>',
      transactional: true,
      ratePerMinute: 120,
    });
    expect(calls).toEqual([
      {
        effect: 'email',
        message: {
          to: 'ada@example.com',
          subject: 'Receipt Bcc: x@example.com',
          html: '<p>Thanks</p>',
        },
        options: { transactional: true, ratePerMinute: 120 },
      },
    ]);
  });

  it('refuses a rate limit that is not a positive whole number', () => {
    for (const ratePerMinute of [0, -5, 1.5])
      expect(sendEmailAction.parseConfig({ ...config, ratePerMinute }).success).toBe(false);
  });

  it('fails for good when the recipient is missing or invalid, sending nothing', async () => {
    const missing = fakeContext();
    await expect(sendEmailAction.run(missing.ctx, config)).rejects.toMatchObject({
      name: 'FatalActionError',
      message: 'the recipient address is empty',
    });
    const invalid = fakeContext({ traits: { email: 'not-an-address' } });
    await expect(sendEmailAction.run(invalid.ctx, config)).rejects.toMatchObject({
      name: 'FatalActionError',
      message: '"not-an-address" is not an email address',
    });
    expect([...missing.calls, ...invalid.calls]).toEqual([]);
  });

  it('describes its settings for the editor', () => {
    const schema = sendEmailAction.configJsonSchema as {
      properties: Record<string, Record<string, unknown>>;
      required: string[];
    };
    expect(schema.properties['html']?.['x-widget']).toBe('template');
    expect(schema.properties['to']?.['default']).toBe('{{customer.traits.email}}');
    expect(schema.properties['transactional']).toMatchObject({ type: 'boolean', default: false });
    expect(schema.required).toEqual(expect.arrayContaining(['subject', 'html']));
    expect(sendEmailAction.defaults).toEqual({
      to: '{{customer.traits.email}}',
      transactional: false,
    });
  });
});
