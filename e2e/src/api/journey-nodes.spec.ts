import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasValidSignature, startHttpSink, type HttpSink } from '../support/http-sink.js';
import { JourneyApi, trigger } from '../support/journey-api.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

/**
 * Every built-in node in one run: a condition branch, a random split with a holdout,
 * a signed webhook, an SMS through the workspace's HTTP provider, a trait update and an
 * audience; then an event trigger feeding a wait-for-event with both outcomes.
 */
describe('journey nodes', () => {
  /** The signing key is write-only: the owner sets one to verify signatures with. */
  const signingSecret = 'journey-nodes-signing-key';
  let app: RunningSwitchyard;
  let sink: HttpSink;
  let api: JourneyApi;

  beforeAll(async () => {
    sink = await startHttpSink();
    app = await startSwitchyard({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
    api = new JourneyApi(app);
    await api
      .put('/api/workspace/settings', {
        smsProvider: { url: `${sink.url}/sms`, from: 'Switchyard' },
        signingSecret,
      })
      .expect(200);
  });
  afterAll(async () => {
    await app?.stop();
    await sink?.stop();
  });

  it('branches on the customer, splits with a holdout, and calls webhook, SMS, traits and audiences', async () => {
    const customers = Array.from({ length: 40 }, (_, i) => ({
      userId: `n${i}`,
      traits: {
        email: `n${i}@example.test`,
        phone: `+1415555${String(1000 + i)}`,
        tier: i % 2 === 0 ? 'gold' : 'silver',
        cohort: 'nodes',
      },
    }));
    await api.identify(customers);
    const segment = await api.segment('Node cohort', {
      attribute: 'cohort',
      op: 'eq',
      value: 'nodes',
    });
    const audience = await api
      .post('/api/audiences', { name: 'Nudged', externalIds: [] })
      .expect(201);
    const journey = await api.publish(
      'Every node',
      [
        trigger({ kind: 'segment_entered', segmentId: segment }),
        {
          id: 'tier',
          type: 'condition_branch',
          config: {
            branches: [
              { key: 'gold', label: 'Gold', rule: { attribute: 'tier', op: 'eq', value: 'gold' } },
            ],
          },
        },
        {
          id: 'split',
          type: 'random_split',
          config: {
            branches: [
              { key: 'a', label: 'Webhook', percent: 45 },
              { key: 'b', label: 'SMS', percent: 45 },
            ],
            holdoutPercent: 10,
          },
        },
        {
          id: 'hook',
          type: 'webhook',
          config: { url: `${sink.url}/hook`, body: '{"id":"{{customer.externalId}}"}' },
        },
        { id: 'sms', type: 'send_sms', config: { body: 'Hi {{customer.externalId}}' } },
        { id: 'nudge', type: 'update_attribute', config: { trait: 'nudged', value: 'yes' } },
        { id: 'aud', type: 'add_to_audience', config: { audienceId: audience.body.id } },
      ],
      [
        ['trigger', 'tier'],
        ['tier', 'split', 'gold'],
        ['tier', 'nudge', 'else'],
        ['split', 'hook', 'a'],
        ['split', 'sms', 'b'],
        ['nudge', 'aud'],
      ],
    );
    await api.evaluate();
    expect(await api.settled(journey, 40)).toEqual({ completed: 40 });

    const tiers = await api.outputsAt(journey, 'tier');
    for (const c of customers)
      expect(tiers.get(c.userId)).toBe(c.traits.tier === 'gold' ? 'gold' : 'else');
    const split = await api.outputsAt(journey, 'split');
    expect(split.size).toBe(20);
    const took = (output: string) => [...split].filter(([, o]) => o === output).map(([id]) => id);
    expect(took('a').length + took('b').length + took('holdout').length).toBe(20);
    expect(took('a').length).toBeGreaterThan(0);
    expect(took('b').length).toBeGreaterThan(0);

    const stats = (await api.get(`/api/journeys/${journey}/stats`).expect(200)).body;
    const splitStats = stats.nodes.find((n: { nodeId: string }) => n.nodeId === 'split');
    const countOf = (output: string) =>
      splitStats.outputs.find((o: { output: string }) => o.output === output)?.count ?? 0;
    expect([countOf('a'), countOf('b'), countOf('holdout')]).toEqual([
      took('a').length,
      took('b').length,
      took('holdout').length,
    ]);
    expect(stats.holdouts).toEqual([
      expect.objectContaining({
        nodeId: 'split',
        treated: expect.objectContaining({ n: took('a').length + took('b').length }),
        heldOut: expect.objectContaining({ n: took('holdout').length }),
      }),
    ]);
    await waitFor(
      async () => (sink.requests.length === took('a').length + took('b').length ? true : undefined),
      15_000,
      'every webhook and SMS request',
    );
    const hooks = sink.requests.filter((r) => r.path === '/hook');
    const sms = sink.requests.filter((r) => r.path === '/sms');
    expect(hooks.map((r) => JSON.parse(r.body).id).sort()).toEqual(took('a').sort());
    expect(sms.map((r) => JSON.parse(r.body).body).sort()).toEqual(
      took('b')
        .map((id) => `Hi ${id}`)
        .sort(),
    );
    for (const r of [...hooks, ...sms]) {
      expect(hasValidSignature(r, signingSecret)).toBe(true);
      expect(r.headers['idempotency-key']).toBeTruthy();
    }
    expect(hasValidSignature({ ...hooks[0]!, body: '{"id":"forged"}' }, signingSecret)).toBe(false);

    const { rows } = await app.db.query<{ external_id: string; nudged: string | null }>(
      `SELECT external_id, traits->>'nudged' AS nudged FROM customers ORDER BY external_id`,
    );
    for (const row of rows)
      expect(row.nudged).toBe(Number(row.external_id.slice(1)) % 2 === 1 ? 'yes' : null);
    expect((await api.get(`/api/audiences/${audience.body.id}`).expect(200)).body.size).toBe(20);
  });

  it('starts on a matching event and waits for another event, with a timeout', async () => {
    const journey = await api.publish(
      'Sign-up to first order',
      [
        trigger({
          kind: 'event',
          event: 'Signed Up',
          where: [{ property: 'plan', op: 'eq', value: 'pro' }],
        }),
        {
          id: 'wait',
          type: 'wait_for_event',
          config: {
            event: 'Order Completed',
            where: [{ property: 'total', op: 'gte', value: 50 }],
            timeout: { amount: 4, unit: 'seconds' },
          },
        },
        { id: 'yes', type: 'update_attribute', config: { trait: 'ordered', value: 'yes' } },
        { id: 'no', type: 'update_attribute', config: { trait: 'ordered', value: 'no' } },
      ],
      [
        ['trigger', 'wait'],
        ['wait', 'yes', 'event'],
        ['wait', 'no', 'timeout'],
      ],
    );
    for (const [id, plan] of [
      ['w1', 'pro'],
      ['w2', 'pro'],
      ['w3', 'pro'],
      ['w4', 'free'],
    ] as const)
      await api.track(id, 'Signed Up', { plan });
    await waitFor(
      async () => ((await api.enrollments(journey))['active'] === 3 ? true : undefined),
      10_000,
      'three waiting enrollments',
    );
    const started = Date.now();
    await api.track('w1', 'Order Completed', { total: 80 });
    await api.track('w2', 'Order Completed', { total: 10 });
    await waitFor(
      async () => {
        const { rows } = await app.db.query(
          `SELECT 1 FROM customers WHERE external_id = 'w1' AND traits->>'ordered' = 'yes'`,
        );
        return rows.length > 0 ? true : undefined;
      },
      10_000,
      'w1 to leave through "event"',
    );
    // Woken by the event, not by the 4 s timeout.
    expect(Date.now() - started).toBeLessThan(3500);
    expect(await api.settled(journey, 3, 20_000)).toEqual({ completed: 3 });
    const outputs = await api.outputsAt(journey, 'wait');
    expect(Object.fromEntries(outputs)).toEqual({ w1: 'event', w2: 'timeout', w3: 'timeout' });
  });
});
