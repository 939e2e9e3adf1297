import type { ActionContext, EmailMessage } from '@switchyard/sdk';
import { describe, expect, it } from 'vitest';
import { TemplateService } from '../../content/template.service.js';
import { ActionRegistry } from '../action-registry.service.js';
import { exitAction } from './exit.action.js';
import { sendEmailAction } from './send-email.action.js';
import { waitAction } from './wait.action.js';

const templates = new TemplateService();
const now = new Date('2024-05-01T10:00:00Z');

function context(traits: Record<string, unknown>): { ctx: ActionContext; sent: EmailMessage[] } {
  const sent: EmailMessage[] = [];
  const data = {
    customer: { id: '1', externalId: 'c1', traits },
    trigger: { kind: 'segment_exited', segmentId: 's', segmentName: 'VIP', at: now.toISOString() },
    context: {},
  };
  const ctx: ActionContext = {
    customer: data.customer,
    trigger: {
      trigger: { kind: 'segment_exited', segmentId: 's' },
      segmentName: 'VIP',
      at: now.toISOString(),
    },
    journey: { id: 'j', versionId: 'v', enrollmentId: 'e', nodeId: 'n' },
    context: {},
    idempotencyKey: 'e.n',
    now,
    render: (t, extra) => templates.render(t, { ...data, ...extra }),
    renderText: (t, extra) => templates.render(t, { ...data, ...extra }, { escape: false }),
    effects: {
      email: async (message) => {
        sent.push(message);
      },
    },
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  };
  return { ctx, sent };
}

describe('wait', () => {
  it('waits amount x unit from now', async () => {
    const { ctx } = context({});
    expect(await waitAction.run(ctx, { amount: 90, unit: 'minutes' })).toEqual({
      kind: 'wait',
      until: new Date('2024-05-01T11:30:00Z'),
    });
    expect(waitAction.defaults).toEqual({ amount: 1, unit: 'days' });
  });
});

describe('send_email', () => {
  const config = {
    subject: 'Hi {{customer.traits.name}} & co',
    html: '<p>{{customer.traits.name}}</p>',
    text: 'Hi {{customer.traits.name}}',
  };

  it('renders the message and hands it to the outbox effect', async () => {
    const { ctx, sent } = context({ email: 'ada@example.com', name: 'Ada <3' });
    expect(await sendEmailAction.run(ctx, config)).toEqual({ kind: 'continue' });
    expect(sent).toEqual([
      {
        to: 'ada@example.com',
        subject: 'Hi Ada <3 & co',
        html: '<p>Ada &lt;3</p>',
        text: 'Hi Ada <3',
      },
    ]);
  });

  it('fails for good when the recipient is missing or invalid', async () => {
    await expect(sendEmailAction.run(context({}).ctx, config)).rejects.toMatchObject({
      name: 'FatalActionError',
    });
    await expect(
      sendEmailAction.run(context({ email: 'not-an-address' }).ctx, config),
    ).rejects.toMatchObject({
      name: 'FatalActionError',
    });
  });

  it('describes its settings for the editor', () => {
    const schema = sendEmailAction.configJsonSchema as {
      properties: Record<string, Record<string, unknown>>;
      required: string[];
    };
    expect(schema.properties['html']?.['x-widget']).toBe('template');
    expect(schema.properties['to']?.['default']).toBe('{{customer.traits.email}}');
    expect(schema.required).toEqual(expect.arrayContaining(['subject', 'html']));
    expect(sendEmailAction.defaults).toEqual({ to: '{{customer.traits.email}}' });
  });
});

describe('exit', () => {
  it('has no outputs and exits', async () => {
    expect(exitAction.staticOutputs).toEqual([]);
    expect((await exitAction.run(context({}).ctx, {})).kind).toBe('exit');
  });
});

describe('ActionRegistry', () => {
  it('serves the built-ins as node types and resolves versions', () => {
    const registry = new ActionRegistry();
    expect(registry.nodeTypes().map((t) => t.type)).toEqual(['wait', 'send_email', 'exit']);
    expect(registry.resolve('wait')?.version).toBe(1);
    expect(registry.resolve('wait', 2)).toBeUndefined();
    expect(() => registry.register(waitAction)).toThrow(/already registered/);
  });
});
