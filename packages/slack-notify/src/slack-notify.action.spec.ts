import { runAction } from '@switchyard/sdk/testing';
import { describe, expect, it } from 'vitest';
import { slackNotifyAction } from './slack-notify.action.js';

const url = 'https://hooks.example.com/services/T000/B000/XXXX';

describe('example.slack_notify', () => {
  it('posts the rendered message as Slack JSON through the outbox', async () => {
    const run = await runAction(slackNotifyAction, {
      config: {
        webhookUrl: url,
        message: 'New VIP: {{customer.traits.first_name}}',
        mention: 'here',
      },
      customer: { traits: { first_name: 'Ada' } },
    });
    expect(run.output).toBe('next');
    expect(run.effects).toEqual([
      {
        effect: 'webhook',
        request: {
          url,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: '<!here> New VIP: Ada' }),
        },
        options: undefined,
      },
    ]);
  });

  it('has sensible defaults and refuses a webhook that is not http(s)', async () => {
    const run = await runAction(slackNotifyAction, {
      config: { webhookUrl: url, username: 'Switchyard' },
      customer: { externalId: 'c-42' },
    });
    const request = run.effects[0]?.effect === 'webhook' ? run.effects[0].request : undefined;
    expect(JSON.parse(request?.body ?? '{}')).toEqual({
      text: 'c-42 reached this step',
      username: 'Switchyard',
    });
    await expect(
      runAction(slackNotifyAction, { config: { webhookUrl: 'ftp://example.com/x' } }),
    ).rejects.toThrow(/webhookUrl/);
  });

  it('mentions one person when asked, and needs their id for it', async () => {
    const run = await runAction(slackNotifyAction, {
      config: { webhookUrl: url, message: 'Look', mention: 'user', userId: 'U024BE7LH' },
    });
    const request = run.effects[0]?.effect === 'webhook' ? run.effects[0].request : undefined;
    expect(JSON.parse(request?.body ?? '{}').text).toBe('<@U024BE7LH> Look');
    await expect(
      runAction(slackNotifyAction, { config: { webhookUrl: url, mention: 'user' } }),
    ).rejects.toThrow(/userId/);
    expect(
      (slackNotifyAction.configJsonSchema['properties'] as Record<string, Record<string, unknown>>)[
        'userId'
      ]?.['x-show-when'],
    ).toEqual({ field: 'mention', equals: ['user'] });
  });
});
