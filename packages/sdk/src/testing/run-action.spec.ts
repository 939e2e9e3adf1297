import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FatalActionError } from '../action-errors.js';
import { defineAction } from '../define-action.js';
import { runAction } from './run-action.js';

const greet = defineAction({
  type: 'test.greet',
  version: 1,
  title: 'Greet',
  description: 'Posts a greeting.',
  category: 'integration',
  config: z.strictObject({ url: z.url(), text: z.string().default('Hi {{customer.traits.name}}') }),
  outputs: ['sent', 'skipped'],
  sends: ['webhook'],
  async execute(ctx, config) {
    if (ctx.customer.traits['optOut'] === true) return { kind: 'continue', output: 'skipped' };
    await ctx.effects.webhook({
      url: config.url,
      method: 'POST',
      body: ctx.renderText(config.text),
    });
    ctx.logger.info('greeted', { at: ctx.now.toISOString() });
    return { kind: 'continue', output: 'sent' };
  },
});

describe('runAction', () => {
  it('parses the config, renders templates with the helpers and captures effects', async () => {
    const run = await runAction(greet, {
      config: {
        url: 'https://hooks.example.com/x',
        text: 'Hi {{default customer.traits.name "there"}}',
      },
      customer: { traits: {} },
      now: new Date('2030-01-02T03:04:05Z'),
    });
    expect(run.output).toBe('sent');
    expect(run.effects).toEqual([
      {
        effect: 'webhook',
        request: { url: 'https://hooks.example.com/x', method: 'POST', body: 'Hi there' },
        options: undefined,
      },
    ]);
    expect(run.logs).toEqual([
      { level: 'info', message: 'greeted', data: { at: '2030-01-02T03:04:05.000Z' } },
    ]);
  });

  it('follows the action to its other outputs and refuses an invalid config', async () => {
    const run = await runAction(greet, {
      config: { url: 'https://hooks.example.com/x' },
      customer: { traits: { optOut: true } },
    });
    expect(run.output).toBe('skipped');
    expect(run.effects).toEqual([]);
    await expect(runAction(greet, { config: { url: 'not a url' } })).rejects.toThrow(/url/);
  });

  it('fails an action that sends on a channel it does not declare', async () => {
    const undeclared = defineAction({ ...greet, sends: [] });
    await expect(
      runAction(undeclared, { config: { url: 'https://hooks.example.com/x' } }),
    ).rejects.toThrow(`test.greet sends on "webhook" without declaring it: add sends: ['webhook']`);
    const texts = defineAction({
      ...greet,
      sends: ['email'],
      execute: async (ctx) => {
        await ctx.effects.sms({ to: '+14155550100', body: 'Hi' });
        return { kind: 'continue' };
      },
    });
    await expect(
      runAction(texts, { config: { url: 'https://hooks.example.com/x' } }),
    ).rejects.toThrow(`add sends: ['email', 'sms']`);
  });

  it('lets failures through as the engine would see them', async () => {
    const broken = defineAction({
      type: 'test.broken',
      version: 1,
      title: 'Broken',
      description: 'Always fails.',
      category: 'data',
      config: z.strictObject({}),
      outputs: ['next'],
      async execute() {
        throw new FatalActionError('no');
      },
    });
    await expect(runAction(broken)).rejects.toThrow(FatalActionError);
  });

  it('answers ctx.http from the test, captures the calls, and hands out secrets', async () => {
    const lookup = defineAction({
      type: 'test.lookup',
      version: 1,
      title: 'Lookup',
      description: 'Reads a score.',
      category: 'data',
      config: z.strictObject({}),
      outputs: ['high', 'low'],
      async execute(ctx) {
        const token = await ctx.secret('scoreToken');
        const answer = await ctx.http.request({
          url: `https://scores.example.com/${ctx.customer.externalId}`,
          headers: { authorization: `Bearer ${token ?? ''}` },
        });
        const score = (JSON.parse(answer.body) as { score: number }).score;
        return { kind: 'continue', output: score > 50 ? 'high' : 'low', context: { score } };
      },
    });
    const run = await runAction(lookup, {
      customer: { externalId: 'c-7' },
      secrets: { scoreToken: 's3cret' },
      http: () => ({ status: 200, headers: {}, body: '{"score":72}' }),
    });
    expect(run.output).toBe('high');
    expect(run.httpCalls).toEqual([
      { url: 'https://scores.example.com/c-7', headers: { authorization: 'Bearer s3cret' } },
    ]);
    await expect(runAction(lookup)).rejects.toThrow(/no http answer/);
  });
});
