import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey } from '../../../server/dist/auth/api-key.util.js';
import { apiRoutes } from '../../../server/dist/openapi/api-routes.js';
import { JourneyApi, trigger } from '../support/journey-api.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

/**
 * Every route of the route table that takes an id, called with workspace A's ids and
 * workspace B's key, answers 404 and changes nothing of A's. New routes are covered as
 * soon as they are in the table: a route with an id this test cannot fill fails it.
 */
describe('tenant isolation: ids of another workspace are 404 and change nothing', () => {
  let app: RunningSwitchyard;
  let otherKey: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startSwitchyard();
    const a = new JourneyApi(app);
    await a.identify([{ userId: 'ta-1', traits: { plan: 'pro', email: 'ta@example.com' } }]);
    await a.track('ta-1', 'Order Completed', { total: 10 });
    ids['segments'] = await a.segment('Pro', { attribute: 'plan', op: 'eq', value: 'pro' });
    const topic = await a.post('/api/subscription-topics', { name: 'Deals' }).expect(201);
    ids['subscription-topics'] = topic.body.id;
    ids['topicId'] = topic.body.id;
    const group = await a
      .post('/api/segment-groups', {
        name: 'Plans',
        members: [{ segmentId: ids['segments'], growthIsGood: true }],
        fallback: { label: 'Other', growthIsGood: false },
      })
      .expect(201);
    ids['segment-groups'] = group.body.id;
    await a.post(`/api/segment-groups/${group.body.id}/evaluations`, {}).expect(200);
    const backfill = await a
      .post(`/api/segment-groups/${group.body.id}/backfill`, {
        from: '2024-01-01',
        to: '2024-01-03',
        every: 'day',
      })
      .expect(202);
    ids['backfillId'] = backfill.body.id;
    // Let A's own background work end, so that only B's calls could change A.
    await waitFor(async () => {
      const status = await a.get(
        `/api/segment-groups/${group.body.id}/backfills/${backfill.body.id}`,
      );
      return status.body.status === 'completed' ? true : undefined;
    }, 30_000);
    const journey = await a.publish(
      'Welcome',
      [
        trigger({ kind: 'segment_entered', segmentId: ids['segments'] }),
        { id: 'tag', type: 'update_attribute', config: { trait: 'welcomed', value: 'yes' } },
      ],
      [['trigger', 'tag']],
    );
    ids['journeys'] = journey;
    // Enroll now (not in the middle of the test) and let the run finish.
    await a.evaluate();
    await a.settled(journey, 1);
    const versions = await a.get(`/api/journeys/${ids['journeys']}/versions`).expect(200);
    ids['versionId'] = versions.body[0].id;
    const audience = await a
      .post('/api/audiences', { name: 'Pros', externalIds: ['ta-1'] })
      .expect(201);
    ids['audiences'] = audience.body.id;
    ids['channel'] = 'email';
    const campaign = await a
      .post('/api/campaigns', { name: 'Hello', audienceId: audience.body.id })
      .expect(201);
    ids['campaigns'] = campaign.body.id;
    const imported = await request(app.url)
      .post('/api/imports')
      .set('Authorization', `Bearer ${app.apiKey}`)
      .set('Content-Type', 'application/x-ndjson')
      .send(`${JSON.stringify({ type: 'identify', userId: 'ta-2', traits: { plan: 'free' } })}\n`)
      .expect(201);
    ids['imports'] = imported.body.id;
    const customer = await app.db.query<{ id: string }>(
      `SELECT id::text AS id FROM customers WHERE external_id = 'ta-1'`,
    );
    ids['customers'] = customer.rows[0]?.id ?? '';
    ids['externalId'] = 'ta-1';
    // A message that failed for good (what the Deliveries page sends again).
    const message = await app.db.query<{ id: string }>(
      `INSERT INTO outbox (workspace_id, customer_id, node_id, idempotency_key, channel, payload, status, attempts, last_error)
       SELECT workspace_id, id, 'tag', 'ta-failed', 'webhook', '{"url": "https://crm.example.com", "method": "POST"}', 'failed', 1, 'HTTP 400'
         FROM customers WHERE external_id = 'ta-1'
       RETURNING id::text AS id`,
    );
    ids['deliveries'] = message.rows[0]?.id ?? '';
    // An address A stopped e-mailing after a hard bounce.
    await app.db.query(
      `INSERT INTO email_suppressions (workspace_id, address, reason)
       SELECT workspace_id, 'ta@example.com', '550 5.1.1 user unknown' FROM customers WHERE external_id = 'ta-1'`,
    );
    ids['address'] = 'ta@example.com';
    const owner = await app.db.query<{ id: string }>(`SELECT id::text AS id FROM users LIMIT 1`);
    ids['members'] = owner.rows[0]?.id ?? '';
    const key = await app.db.query<{ id: string }>(
      `SELECT id::text AS id FROM api_keys WHERE key_hash = $1`,
      [hashApiKey(app.apiKey)],
    );
    ids['api-keys'] = key.rows[0]?.id ?? '';

    // Workspace B, with a key of its own.
    const workspace = await app.db.query<{ id: string }>(
      `INSERT INTO workspaces (name) VALUES ('B') RETURNING id`,
    );
    otherKey = generateApiKey();
    await app.db.query(
      `INSERT INTO api_keys (workspace_id, name, key_hash, key_prefix) VALUES ($1, 'b', $2, $3)`,
      [workspace.rows[0]?.id, hashApiKey(otherKey), otherKey.slice(0, 7)],
    );
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** Everything of workspace A a call could change, as one comparable value. */
  const snapshotOfA = async (): Promise<string> => {
    const tables = [
      `SELECT id, name, rule, updated_at FROM segments ORDER BY id`,
      `SELECT id, name, updated_at FROM segment_groups ORDER BY id`,
      `SELECT id, as_of, computed_at FROM group_snapshots ORDER BY id`,
      `SELECT id, name, status, live_version_id, updated_at FROM journeys ORDER BY id`,
      `SELECT count(*) FROM enrollments`,
      `SELECT id, name, source FROM audiences ORDER BY id`,
      `SELECT audience_id, customer_id FROM audience_members ORDER BY 1, 2`,
      `SELECT id, name, status, updated_at FROM campaigns ORDER BY id`,
      `SELECT id, external_id, traits FROM customers ORDER BY id`,
      `SELECT id, email, role, password_hash FROM users ORDER BY id`,
      `SELECT id, scope, revoked_at FROM api_keys ORDER BY id`,
      `SELECT id, status, attempts FROM outbox ORDER BY id`,
      `SELECT customer_id, channel FROM channel_opt_outs ORDER BY 1, 2`,
      `SELECT id, name, description FROM subscription_topics ORDER BY id`,
      `SELECT customer_id, topic_id FROM topic_opt_outs ORDER BY 1, 2`,
      `SELECT workspace_id, address FROM email_suppressions ORDER BY 1, 2`,
    ];
    const rows = [];
    for (const sql of tables) rows.push((await app.db.query(sql)).rows);
    return JSON.stringify(rows);
  };

  /** Not tenant data: templates, B's own secrets and catalog names. */
  const skipped = [
    '/health/live',
    '/api/segment-templates/{key}/install',
    '/api/workspace/secrets/{name}',
    '/api/catalog/events/{name}/properties',
    // Public: the signed token names its workspace (see unsubscribe.spec).
    '/u/{token}',
    '/u/{token}/preferences',
    // Public: the signed token names its e-mail (see email-engagement.spec).
    '/c/{token}',
    '/o/{token}',
  ];
  const mailNode = {
    id: 'mail',
    type: 'send_email',
    position: { x: 0, y: 0 },
    config: { subject: 'x', html: '<p>x</p>' },
  };
  const bodies: Record<string, unknown> = {
    'patch /api/segments/{id}': { name: 'stolen' },
    'patch /api/segment-groups/{id}': { name: 'stolen' },
    'patch /api/journeys/{id}': { name: 'stolen' },
    'patch /api/campaigns/{id}': { name: 'stolen' },
    'patch /api/members/{id}': { role: 'viewer' },
    'post /api/journeys/{id}/preview-step': { node: mailNode },
    'post /api/journeys/{id}/test-send': { node: mailNode, to: 'me@example.org' },
    'put /api/customers/{id}/subscriptions/{channel}': { status: 'unsubscribed' },
    'put /api/customers/{id}/subscriptions/topics/{topicId}': { status: 'unsubscribed' },
    'patch /api/subscription-topics/{id}': { name: 'stolen' },
    'post /api/segment-groups/{id}/backfill': {
      from: '2024-01-01',
      to: '2024-01-02',
      every: 'day',
    },
  };
  const queries: Record<string, string> = {
    '/api/segment-groups/{id}/movement': '?from=2024-01-01&to=2024-01-02',
    '/api/segment-groups/{id}/transitions': '?from=2024-01-01&to=2024-01-02',
  };

  it('answers 404 for every route with another workspace id, and A is unchanged', async () => {
    const before = await snapshotOfA();
    const routes = apiRoutes.filter((r) => r.path.includes('{') && !skipped.includes(r.path));
    expect(routes.length).toBeGreaterThan(25);
    const answers: string[] = [];
    for (const route of routes) {
      const collection = route.path.split('/')[2] ?? '';
      const path = route.path.replace(/\{(\w+)\}/g, (_, param: string) => {
        const value = param === 'id' ? ids[collection] : ids[param];
        if (!value) throw new Error(`no id of A to put in ${route.path} for {${param}}`);
        return encodeURIComponent(value);
      });
      const url = `${path}${queries[route.path] ?? ''}`;
      const call = request(app.url)[route.method](url).set('Authorization', `Bearer ${otherKey}`);
      const res = ['post', 'patch', 'put'].includes(route.method)
        ? await call.send((bodies[`${route.method} ${route.path}`] ?? {}) as object)
        : await call;
      answers.push(`${route.method.toUpperCase()} ${route.path} → ${res.status}`);
    }
    expect(answers.filter((a) => !a.endsWith('→ 404'))).toEqual([]);
    expect(await snapshotOfA()).toBe(before);
    // And A still sees its own things.
    await request(app.url)
      .get(`/api/campaigns/${ids['campaigns']}`)
      .set('Authorization', `Bearer ${app.apiKey}`)
      .expect(200);
  });

  it("lists only the workspace's own messages, and retrying all of them leaves A's alone", async () => {
    const b = (path: string) =>
      request(app.url).get(path).set('Authorization', `Bearer ${otherKey}`).expect(200);
    const listed = await b('/api/deliveries?status=failed');
    expect(listed.body.items).toEqual([]);
    expect(listed.body.counts).toEqual({ failed: 0, pending: 0 });
    const retried = await request(app.url)
      .post('/api/deliveries/retry')
      .set('Authorization', `Bearer ${otherKey}`)
      .send({})
      .expect(200);
    expect(retried.body).toEqual({ retried: 0 });
    const own = await request(app.url)
      .get('/api/deliveries?status=failed')
      .set('Authorization', `Bearer ${app.apiKey}`)
      .expect(200);
    expect(own.body.items.map((d: { id: string }) => d.id)).toEqual([ids['deliveries']]);
  });

  it("keeps the queue board (every workspace's jobs) from another workspace's admin key", async () => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      const res = await request(app.url).get(path).set('Authorization', `Bearer ${otherKey}`);
      expect(res.status, path).toBe(403);
      expect(res.body.message).toContain("installation's first workspace");
    }
    await request(app.url)
      .get('/admin/queues/api/queues')
      .set('Authorization', `Bearer ${app.apiKey}`)
      .expect(200);
  });

  it("refuses to delete a group's member segment with a 409 naming the group", async () => {
    const res = await request(app.url)
      .delete(`/api/segments/${ids['segments']}`)
      .set('Authorization', `Bearer ${app.apiKey}`);
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('"Plans"');
  });
});
