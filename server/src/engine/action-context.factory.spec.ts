import { describe, expect, it } from 'vitest';
import { TemplateService } from '../content/template.service.js';
import { ActionContextFactory } from './action-context.factory.js';
import type { StepEnvironment } from './step-environment.types.js';

const env: StepEnvironment = {
  enrollmentId: 'e1',
  journeyId: 'j1',
  versionId: 'v1',
  node: { id: 'send_email_1', type: 'send_email', position: { x: 0, y: 0 }, config: {} },
  customer: { id: '5', externalId: 'c5', traits: { email: 'ada@example.com', name: '<Ada>' } },
  trigger: {
    trigger: { kind: 'segment_entered', segmentId: 's1' },
    segmentName: 'VIP',
    at: '2024-01-01T00:00:00.000Z',
  },
  context: { coupon: 'SAVE10' },
  now: new Date('2024-01-02T00:00:00Z'),
};

describe('ActionContextFactory', () => {
  const factory = new ActionContextFactory(new TemplateService());

  it('renders over customer, trigger and context, escaping HTML only in render()', () => {
    const { ctx } = factory.create(env);
    expect(
      ctx.render(
        '{{customer.traits.name}} {{trigger.segmentName}} {{context.coupon}} {{trigger.kind}}',
      ),
    ).toBe('&lt;Ada&gt; VIP SAVE10 segment_entered');
    expect(ctx.renderText('{{customer.traits.name}}')).toBe('<Ada>');
    expect(ctx.idempotencyKey).toBe('e1.send_email_1');
  });

  it('collects valid emails and refuses invalid ones as fatal', async () => {
    const { ctx, effects } = factory.create(env);
    await ctx.effects.email({ to: 'ada@example.com', subject: 'Hi', html: '<p>x</p>' });
    expect(effects.emails).toHaveLength(1);
    await expect(ctx.effects.email({ to: 'nope', subject: 'Hi' })).rejects.toMatchObject({
      name: 'FatalActionError',
    });
  });

  it('turns a broken template into a fatal error instead of endless retries', () => {
    const { ctx } = factory.create(env);
    expect(() => ctx.render('{{#if x}}')).toThrow(
      expect.objectContaining({ name: 'FatalActionError' }),
    );
  });
});
