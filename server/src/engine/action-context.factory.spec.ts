import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppConfig } from '../config/app-config.service.js';
import { TemplateService } from '../content/template.service.js';
import { SecretBox } from '../secrets/secret-box.js';
import { UnsubscribeLinks } from '../subscriptions/unsubscribe-links.service.js';
import { EngagementLinks } from '../engagement/engagement-links.service.js';
import { ActionContextFactory } from './action-context.factory.js';
import type { StepEnvironment } from './step-environment.types.js';

const env: StepEnvironment = {
  workspaceId: 'w1',
  workspaceTimezone: 'UTC',
  seq: 3,
  enrollmentId: 'e1',
  journeyId: 'j1',
  versionId: 'v1',
  node: { id: 'send_email_1', type: 'send_email', position: { x: 0, y: 0 }, config: {} },
  customer: {
    id: '5',
    externalId: 'c5',
    traits: { email: 'ada@example.com', name: '<Ada>' },
    timezone: 'UTC',
  },
  trigger: {
    trigger: { kind: 'segment_entered', segmentId: 's1' },
    segmentName: 'VIP',
    at: '2024-01-01T00:00:00.000Z',
  },
  context: { coupon: 'SAVE10' },
  now: new Date('2024-01-02T00:00:00Z'),
};

describe('ActionContextFactory', () => {
  const links = new UnsubscribeLinks(
    new SecretBox(randomBytes(32)),
    AppConfig.fromEnv({ PUBLIC_URL: 'https://sy.example.com/' }),
  );
  const engagement = new EngagementLinks(
    new SecretBox(randomBytes(32)),
    AppConfig.fromEnv({ PUBLIC_URL: 'https://sy.example.com/' }),
  );
  const factory = new ActionContextFactory(new TemplateService(), links, engagement);

  it('renders over customer, trigger and context, escaping HTML only in render()', () => {
    const { ctx } = factory.create(env);
    expect(
      ctx.render(
        '{{customer.traits.name}} {{trigger.segmentName}} {{context.coupon}} {{trigger.kind}}',
      ),
    ).toBe('&lt;Ada&gt; VIP SAVE10 segment_entered');
    expect(ctx.renderText('{{customer.traits.name}}')).toBe('<Ada>');
    expect(ctx.idempotencyKey).toBe('e1.send_email_1.3');
  });

  it('collects valid emails and refuses invalid ones as fatal', async () => {
    const { ctx, effects } = factory.create(env);
    await ctx.effects.email(
      { to: 'ada@example.com', subject: 'Hi', html: '<p>x</p>' },
      { transactional: true },
    );
    expect(effects.messages).toEqual([
      {
        channel: 'email',
        payload: { to: 'ada@example.com', subject: 'Hi', html: '<p>x</p>' },
        transactional: true,
      },
    ]);
    await expect(ctx.effects.email({ to: 'nope', subject: 'Hi' })).rejects.toMatchObject({
      name: 'FatalActionError',
    });
  });

  it('collects SMS, webhooks, traits and audiences, refusing malformed ones', async () => {
    const { ctx, effects } = factory.create(env);
    await ctx.effects.sms({ to: '+14155550100', body: 'Hi' }, { transactional: true });
    await ctx.effects.webhook(
      { url: 'https://hooks.example.com/x', method: 'POST', body: '{}' },
      { ratePerMinute: 10 },
    );
    await ctx.effects.setTraits({ tier: 'gold' });
    await ctx.effects.addToAudience('7d1f5b8e-3c2a-4a9e-9d63-0c1b2a3d4e5f');
    expect(effects.messages.map((m) => [m.channel, m.transactional, m.ratePerMinute])).toEqual([
      ['sms', true, undefined],
      ['webhook', true, 10],
    ]);
    expect(effects.traits).toEqual({ tier: 'gold' });
    expect(effects.audiences).toEqual(['7d1f5b8e-3c2a-4a9e-9d63-0c1b2a3d4e5f']);
    await expect(ctx.effects.sms({ to: '555-0100', body: 'x' })).rejects.toThrow(/E\.164/);
    await expect(
      ctx.effects.webhook({ url: 'ftp://x.example.com', method: 'POST' }),
    ).rejects.toThrow(/http/);
    await expect(ctx.effects.addToAudience('nope')).rejects.toThrow(/audience id/);
  });

  it('draws the same random number on every replay of a step, different per step', () => {
    const a = factory.create(env).ctx.random();
    expect(factory.create(env).ctx.random()).toBe(a);
    expect(factory.create({ ...env, seq: 4 }).ctx.random()).not.toBe(a);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBeLessThan(1);
  });

  it('turns a broken template into a fatal error instead of endless retries', () => {
    const { ctx } = factory.create(env);
    expect(() => ctx.render('{{#if x}}')).toThrow(
      expect.objectContaining({ name: 'FatalActionError' }),
    );
  });

  it("gives templates the customer's own unsubscribe link, and a harmless one in dry runs", () => {
    const workspaceId = '3f2b8c1e-5d4a-4b6f-9e7d-2c1a0b9f8e7d';
    const enrollmentId = '6c0d9e8f-1a2b-4c3d-8e4f-5a6b7c8d9e0f';
    const url = factory
      .create({ ...env, workspaceId, enrollmentId })
      .ctx.renderText('{{unsubscribe_url}}');
    expect(url).toMatch(/^https:\/\/sy\.example\.com\/u\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    // It names the step whose e-mail carries it, for the node's unsubscribe count.
    expect(links.read(url.split('/u/')[1] ?? '')).toEqual({
      workspaceId,
      customerId: '5',
      message: { enrollmentId, nodeId: 'send_email_1' },
    });
    expect(factory.create({ ...env, dryRun: true }).ctx.renderText('{{unsubscribe_url}}')).toBe(
      'https://sy.example.com/u/preview',
    );
  });

  it('adds an unsubscribe footer to marketing e-mail whose body lacks the link, not to transactional', async () => {
    const workspaceId = '3f2b8c1e-5d4a-4b6f-9e7d-2c1a0b9f8e7d';
    const { ctx, effects } = factory.create({ ...env, workspaceId });
    const url = ctx.renderText('{{unsubscribe_url}}');
    await ctx.effects.email({ to: 'ada@example.com', subject: 'Hi', html: '<p>x</p>', text: 'x' });
    await ctx.effects.email({
      to: 'ada@example.com',
      subject: 'Hi',
      html: ctx.render('<p>x <a href="{{unsubscribe_url}}">Leave</a></p>'),
    });
    await ctx.effects.email(
      { to: 'ada@example.com', subject: 'Receipt', html: '<p>x</p>' },
      { transactional: true },
    );
    const [footed, own, receipt] = effects.messages.map((m) => m.payload);
    expect(footed).toMatchObject({ text: `x\n\nUnsubscribe: ${url}` });
    expect(footed && 'html' in footed && footed.html).toContain(`<a href="${url}"`);
    expect(own && 'html' in own && own.html).toMatch(
      new RegExp(`^<p>x <a href="${url.replace(/[.?]/g, '\\$&')}">Leave</a></p><img `),
    );
    expect(receipt).toMatchObject({ html: '<p>x</p>' });
    const preview = factory.create({ ...env, dryRun: true });
    await preview.ctx.effects.email({ to: 'ada@example.com', subject: 'Hi', html: '<p>x</p>' });
    expect(preview.effects.messages[0]?.payload).toMatchObject({
      html: expect.stringContaining('href="https://sy.example.com/u/preview"'),
    });
  });

  it("counts a marketing e-mail's opens and clicks on the step; not a receipt's, nor a preview's", async () => {
    const html = '<p><a href="https://shop.example/sale">Sale</a></p>';
    const { ctx, effects } = factory.create(env);
    await ctx.effects.email({ to: 'ada@example.com', subject: 'Hi', html });
    await ctx.effects.email({ to: 'ada@example.com', subject: 'R', html }, { transactional: true });
    const [marketing, receipt] = effects.messages.map((m) => (m.payload as { html: string }).html);
    const message = {
      workspaceId: env.workspaceId,
      customerId: env.customer.id,
      enrollmentId: env.enrollmentId,
      nodeId: 'send_email_1',
    };
    const click = engagement.clickUrl(message, 'https://shop.example/sale').replace(/&/g, '&amp;');
    expect(marketing).toContain(`<a href="${click}">Sale</a>`);
    expect(marketing).toContain(`<img src="${engagement.openUrl(message)}"`);
    // The footer's unsubscribe link is not tracked.
    expect(marketing).toContain('href="https://sy.example.com/u/');
    expect(receipt).toBe(html);
    const preview = factory.create({ ...env, dryRun: true });
    await preview.ctx.effects.email({ to: 'ada@example.com', subject: 'Hi', html });
    expect((preview.effects.messages[0]?.payload as { html: string }).html).not.toContain('/c/');
  });
});
