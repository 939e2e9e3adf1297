import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JourneyApi, trigger, type GraphNode } from '../support/journey-api.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

const at = { x: 0, y: 0 };
const mail = (config: Record<string, unknown>) => ({
  id: 'mail',
  type: 'send_email',
  position: at,
  config,
});

/**
 * POST /api/journeys/:id/preview-step: a step of a journey run for a real customer as a
 * dry run. It answers what the step would send, set and decide, and writes nothing.
 */
describe('step preview', () => {
  let app: RunningSwitchyard;
  let api: JourneyApi;
  let segmentId: string;
  let draftId: string;

  /** Rows a step could write, across the workspace. */
  const footprint = async () => {
    const { rows } = await app.db.query<Record<string, number | string>>(
      `SELECT (SELECT count(*) FROM outbox)::int AS outbox,
              (SELECT count(*) FROM enrollments)::int AS enrollments,
              (SELECT count(*) FROM enrollment_steps)::int AS steps,
              (SELECT count(*) FROM audience_members)::int AS audience_members,
              (SELECT md5(string_agg(traits::text, ',' ORDER BY id)) FROM customers) AS traits`,
    );
    return rows[0];
  };

  const preview = (journeyId: string, body: Record<string, unknown>) =>
    api.post(`/api/journeys/${journeyId}/preview-step`, body);

  beforeAll(async () => {
    app = await startSwitchyard();
    api = new JourneyApi(app);
    await api.identify([
      {
        userId: 'ada',
        traits: { plan: 'preview', tier: 'vip', first_name: 'Ada', email: 'ada@example.com' },
      },
      {
        userId: 'bob',
        traits: { plan: 'preview', tier: 'regular', first_name: 'Bob', email: 'bob@example.com' },
      },
    ]);
    segmentId = await api.segment('Preview plan', {
      attribute: 'plan',
      op: 'eq',
      value: 'preview',
    });
    draftId = await api.draftOnSegment('Preview draft', segmentId);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('renders an unsaved e-mail step for a named customer and writes nothing', async () => {
    const before = await footprint();
    const node = mail({
      subject: 'Hi {{customer.traits.first_name}}',
      html: '<p>Hello {{customer.traits.first_name}} & {{trigger.segmentName}}</p>',
    });
    const res = await preview(draftId, { node, customer: 'ada' }).expect(200);
    expect(res.body).toEqual({
      customer: { id: expect.any(String), externalId: 'ada', pick: 'given' },
      run: null,
      outcome: { kind: 'continue', output: 'next' },
      messages: [
        {
          channel: 'email',
          to: 'ada@example.com',
          subject: 'Hi Ada',
          // Marketing e-mail without {{unsubscribe_url}} gets the footer, with a harmless link.
          html: expect.stringMatching(
            /^<p>Hello Ada & Preview plan<\/p>\n<p [^>]+>Don't want these e-mails\? <a href="http:[^"]+\/u\/preview"[^>]*>Unsubscribe<\/a>\.<\/p>$/,
          ),
          text: null,
          transactional: false,
        },
      ],
      held: null,
      traits: {},
      audiences: [],
    });
    // The internal id finds the same customer.
    const byId = await preview(draftId, { node, customer: res.body.customer.id }).expect(200);
    expect(byId.body.messages[0].subject).toBe('Hi Ada');
    expect(await footprint()).toEqual(before);
  });

  it('takes the branch the customer would take now, and shows the traits a step would set', async () => {
    const branch = {
      id: 'tier',
      type: 'condition_branch',
      position: at,
      config: {
        branches: [
          { key: 'vip', label: 'VIP', rule: { attribute: 'tier', op: 'eq', value: 'vip' } },
        ],
      },
    };
    const before = await footprint();
    expect(
      (await preview(draftId, { node: branch, customer: 'ada' }).expect(200)).body.outcome,
    ).toEqual({ kind: 'continue', output: 'vip' });
    expect(
      (await preview(draftId, { node: branch, customer: 'bob' }).expect(200)).body.outcome,
    ).toEqual({ kind: 'continue', output: 'else' });
    const touch = {
      id: 'touch',
      type: 'update_attribute',
      position: at,
      config: { trait: 'greeting', value: 'Hi {{customer.traits.first_name}}!' },
    };
    const set = await preview(draftId, { node: touch, customer: 'bob' }).expect(200);
    expect(set.body.traits).toEqual({ greeting: 'Hi Bob!' });
    expect(set.body.messages).toEqual([]);
    expect(await footprint()).toEqual(before);
  });

  it('draws a random split per customer, the same draw each time for one customer', async () => {
    const users = Array.from({ length: 16 }, (_, i) => `split${i}`);
    await api.identify(users.map((userId) => ({ userId, traits: { plan: 'other' } })));
    const split = {
      id: 'coin',
      type: 'random_split',
      position: at,
      config: {
        branches: [
          { key: 'heads', label: 'Heads', percent: 50 },
          { key: 'tails', label: 'Tails', percent: 50 },
        ],
      },
    };
    const outputs: string[] = [];
    for (const customer of users) {
      const res = await preview(draftId, { node: split, customer }).expect(200);
      outputs.push(res.body.outcome.output);
    }
    // 16 fair draws are all alike once in 32,768 runs.
    expect(new Set(outputs)).toEqual(new Set(['heads', 'tails']));
    const again = await preview(draftId, { node: split, customer: users[0] }).expect(200);
    expect(again.body.outcome.output).toBe(outputs[0]);
  });

  it('says why a step would fail instead of showing a message', async () => {
    const noAddress = await preview(draftId, {
      node: mail({ to: '{{customer.traits.work_email}}', subject: 'Hi', html: '<p>x</p>' }),
      customer: 'ada',
    }).expect(200);
    expect(noAddress.body.outcome).toEqual({
      kind: 'error',
      message: 'the recipient address is empty',
    });
    expect(noAddress.body.messages).toEqual([]);
    const broken = await preview(draftId, {
      node: mail({ subject: 'Hi {{#if customer}}', html: '<p>x</p>' }),
      customer: 'ada',
    }).expect(200);
    expect(broken.body.outcome.kind).toBe('error');
    expect(broken.body.outcome.message).toMatch(/^template error: /);
  });

  it("uses the context and trigger of the customer's run of the journey", async () => {
    await api.track('ada', 'Order Completed', { total: 42, products: [{ name: 'Kettle' }] });
    const journeyId = await api.publish(
      'Preview with context',
      [
        trigger({ kind: 'segment_entered', segmentId }),
        { id: 'orders', type: 'order_summary', config: {} },
        { id: 'pause', type: 'wait', config: { amount: 1, unit: 'days' } },
        mail({ subject: 'x', html: '<p>x</p>' }) as GraphNode,
      ],
      [
        ['trigger', 'orders'],
        ['orders', 'pause'],
        ['pause', 'mail'],
      ],
    );
    await api.evaluate();
    const enrollmentId = await waitFor(
      async () => {
        const { rows } = await app.db.query<{ id: string }>(
          `SELECT e.id FROM enrollments e JOIN customers c ON c.id = e.customer_id
            WHERE e.journey_id = $1 AND c.external_id = 'ada' AND e.current_node_id = 'pause'`,
          [journeyId],
        );
        return rows[0]?.id;
      },
      20_000,
      "ada's run waiting at the pause",
    );
    const before = await footprint();
    const node = mail({
      subject: '{{context.orders.orders}} order, {{context.orders.totalSpent}} spent',
      html: '<p>{{context.orders.lastProduct}}</p>',
    });
    const res = await preview(journeyId, { node, customer: 'ada' }).expect(200);
    expect(res.body.run).toEqual({
      id: enrollmentId,
      startedAt: expect.any(String),
      status: 'active',
    });
    expect(res.body.messages[0]).toMatchObject({
      subject: '1 order, 42 spent',
      html: expect.stringMatching(/^<p>Kettle<\/p>\n<p [^>]+>Don't want these e-mails/),
    });
    // Without a customer: the customer of the journey's newest run.
    const sample = await preview(journeyId, { node }).expect(200);
    expect(sample.body.customer.pick).toBe('latest_run');
    expect(sample.body.run).not.toBeNull();
    expect(await footprint()).toEqual(before);
  });

  it("without a run, an event trigger's step sees the customer's latest such event", async () => {
    await api.track('bob', 'Cart Abandoned', { item: 'Mug' });
    const created = await api
      .post('/api/journeys', {
        name: 'Preview of an event journey',
        graph: {
          nodes: [{ ...trigger({ kind: 'event', event: 'Cart Abandoned' }), position: at }],
          edges: [],
        },
      })
      .expect(201);
    const res = await preview(created.body.id, {
      node: mail({
        subject: 'Still thinking about the {{trigger.event.properties.item}}?',
        html: '<p>x</p>',
      }),
    }).expect(200);
    expect(res.body.customer).toMatchObject({ externalId: 'bob', pick: 'trigger_member' });
    expect(res.body.run).toBeNull();
    expect(res.body.messages[0].subject).toBe('Still thinking about the Mug?');
  });

  it('refuses what cannot be previewed, naming the step', async () => {
    const trig = await preview(draftId, {
      node: { ...trigger({ kind: 'segment_entered', segmentId }), position: at },
    }).expect(400);
    expect(trig.body.message).toContain('the trigger is not a step');
    const unknown = await preview(draftId, {
      node: { id: 'odd', type: 'acme.nope', position: at, config: {} },
    }).expect(400);
    expect(unknown.body.issues).toEqual([
      { field: 'node.type', message: 'node type acme.nope is not installed', nodeId: 'odd' },
    ]);
    const invalid = await preview(draftId, { node: mail({ html: '<p>x</p>' }) }).expect(400);
    expect(invalid.body.issues).toEqual([
      expect.objectContaining({ field: 'node.config.subject', nodeId: 'mail' }),
    ]);
    expect(invalid.body.message).toMatch(/^step "mail" cannot be previewed: node\.config\.subject/);
    const missing = await preview(draftId, {
      node: mail({ subject: 'x', html: '<p>x</p>' }),
      customer: 'zed',
    }).expect(404);
    expect(missing.body.message).toBe('no customer "zed" in this workspace');
    await preview('00000000-0000-4000-8000-000000000000', {
      node: mail({ subject: 'x', html: '<p>x</p>' }),
    }).expect(404);
    const bare = await api.post('/api/journeys', { name: 'No trigger yet' }).expect(201);
    const noTrigger = await preview(bare.body.id, {
      node: mail({ subject: 'x', html: '<p>x</p>' }),
    }).expect(400);
    expect(noTrigger.body.message).toContain('choose what starts the journey first');
    expect((await preview(draftId, { node: 'mail' })).status).toBe(400);
  });

  describe('the whole journey for a customer (preview-run)', () => {
    const node = (id: string, type: string, config: Record<string, unknown>, label?: string) => ({
      id,
      type,
      position: at,
      config,
      ...(label ? { label } : {}),
    });
    const edge = (source: string, target: string, sourceHandle?: string) => ({
      id: `${source}-${sourceHandle ?? 'next'}-${target}`,
      source,
      target,
      ...(sourceHandle ? { sourceHandle } : {}),
    });
    const graph = (subject: string) => ({
      nodes: [
        { ...trigger({ kind: 'segment_entered', segmentId }), position: at },
        node('orders', 'order_summary', {}),
        node('pause', 'wait', { amount: 2, unit: 'days' }, 'Two days'),
        node('tier', 'condition_branch', {
          branches: [
            { key: 'vip', label: 'VIP', rule: { attribute: 'tier', op: 'eq', value: 'vip' } },
          ],
        }),
        node('vipMail', 'send_email', {
          subject,
          html: '<p>{{context.orders.orders}} orders</p>',
        }),
        node('touch', 'update_attribute', {
          trait: 'greeting',
          value: 'Welcome {{customer.traits.first_name}}',
        }),
        node('bye', 'send_email', { subject: '{{customer.traits.greeting}}', html: '<p>x</p>' }),
      ],
      edges: [
        edge('trigger', 'orders'),
        edge('orders', 'pause'),
        edge('pause', 'tier'),
        edge('tier', 'vipMail', 'vip'),
        edge('tier', 'touch', 'else'),
        edge('touch', 'bye'),
      ],
    });
    const walk = (body: Record<string, unknown>) =>
      api.post(`/api/journeys/${draftId}/preview-run`, body);

    it('follows the path each customer would take, carrying context and traits, and writes nothing', async () => {
      await api.track('ada', 'Order Completed', { total: 5 });
      const before = await footprint();
      const bob = await walk({
        graph: graph('VIP {{customer.traits.first_name}}'),
        customer: 'bob',
      }).expect(200);
      expect(bob.body.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual([
        'orders',
        'pause',
        'tier',
        'touch',
        'bye',
      ]);
      expect(bob.body.steps[1]).toMatchObject({
        label: 'Two days',
        outcome: { kind: 'wait', output: 'next', event: null },
      });
      expect(bob.body.steps[2].outcome).toEqual({ kind: 'continue', output: 'else' });
      expect(bob.body.steps[3].traits).toEqual({ greeting: 'Welcome Bob' });
      // The trait the step before set is in the next step's template data.
      expect(bob.body.steps[4].messages[0]).toMatchObject({
        to: 'bob@example.com',
        subject: 'Welcome Bob',
      });
      expect(bob.body.end).toEqual({ kind: 'completed' });

      const ada = await walk({
        graph: graph('VIP {{customer.traits.first_name}}'),
        customer: 'ada',
      }).expect(200);
      expect(ada.body.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual([
        'orders',
        'pause',
        'tier',
        'vipMail',
      ]);
      // The context the order summary put there, in the e-mail two steps later.
      expect(ada.body.steps[0].outcome).toEqual({ kind: 'continue', output: 'next' });
      expect(ada.body.steps[3].messages[0]).toMatchObject({ subject: 'VIP Ada' });
      expect(ada.body.steps[3].messages[0].html).toMatch(/^<p>[1-9]\d* orders<\/p>\n<p /);
      expect(await footprint()).toEqual(before);
    });

    it('a condition sees the traits an earlier step of the walk set, without them being written', async () => {
      const upgrade = graph('VIP {{customer.traits.first_name}}');
      upgrade.nodes.push(node('promote', 'update_attribute', { trait: 'tier', value: 'vip' }));
      upgrade.edges = upgrade.edges.map((e) =>
        e.source === 'orders' ? edge('orders', 'promote') : e,
      );
      upgrade.edges.push(edge('promote', 'pause'));
      const before = await footprint();
      const bob = await walk({ graph: upgrade, customer: 'bob' }).expect(200);
      expect(bob.body.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual([
        'orders',
        'promote',
        'pause',
        'tier',
        'vipMail',
      ]);
      expect(bob.body.steps[3].outcome).toEqual({ kind: 'continue', output: 'vip' });
      expect(await footprint()).toEqual(before);
    });

    it('ends where the journey would: an exit, a failing step, or a loop cut off', async () => {
      const exiting = graph('x');
      exiting.nodes.push(node('out', 'exit', {}));
      exiting.edges = exiting.edges.map((e) =>
        e.target === 'vipMail' ? edge('tier', 'out', 'vip') : e,
      );
      const exited = await walk({ graph: exiting, customer: 'ada' }).expect(200);
      expect(exited.body.end).toEqual({ kind: 'exited', reason: 'exit node' });
      expect(exited.body.steps.at(-1).outcome).toEqual({ kind: 'exit', reason: 'exit node' });

      const failing = graph('x');
      failing.nodes = failing.nodes.map((n) =>
        n.id === 'bye'
          ? node('bye', 'send_email', {
              to: '{{customer.traits.nope}}',
              subject: 'x',
              html: '<p>x</p>',
            })
          : n,
      );
      const failed = await walk({ graph: failing, customer: 'bob' }).expect(200);
      expect(failed.body.end).toEqual({ kind: 'failed' });
      expect(failed.body.steps.at(-1)).toMatchObject({
        nodeId: 'bye',
        outcome: { kind: 'error', message: 'the recipient address is empty' },
        messages: [],
      });

      const looping = {
        nodes: [
          { ...trigger({ kind: 'segment_entered', segmentId }), position: at },
          node('again', 'wait', { amount: 1, unit: 'hours' }),
        ],
        edges: [edge('trigger', 'again'), edge('again', 'again')],
      };
      const loop = await walk({ graph: looping, customer: 'bob' }).expect(200);
      expect(loop.body.end).toEqual({ kind: 'limit', steps: 50 });
      expect(loop.body.steps).toHaveLength(50);

      const unknown = graph('x');
      unknown.nodes = unknown.nodes.map((n) =>
        n.id === 'orders' ? node('orders', 'acme.nope', {}) : n,
      );
      const odd = await walk({ graph: unknown, customer: 'bob' }).expect(200);
      expect(odd.body.steps).toEqual([
        expect.objectContaining({
          nodeId: 'orders',
          outcome: { kind: 'error', message: 'node type acme.nope is not installed' },
        }),
      ]);
      expect(odd.body.end).toEqual({ kind: 'failed' });

      const dangling = graph('x');
      dangling.nodes = dangling.nodes.filter((n) => n.id !== 'bye');
      const broken = await walk({ graph: dangling, customer: 'bob' }).expect(200);
      expect(broken.body.end).toEqual({ kind: 'broken', nodeId: 'bye' });
      expect(broken.body.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual([
        'orders',
        'pause',
        'tier',
        'touch',
      ]);
    });
  });
});
