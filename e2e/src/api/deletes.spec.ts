import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey } from '../../../server/dist/auth/api-key.util.js';
import { Caller, memberSession, setUpOwner } from '../support/access-api.js';
import { JourneyApi, trigger, type GraphNode } from '../support/journey-api.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

const email = (id = 'mail'): GraphNode => ({
  id,
  type: 'send_email',
  config: { to: '{{customer.traits.email}}', subject: 'Hi', html: '<p>Hi</p>' },
});
const waitHour: GraphNode = { id: 'wait', type: 'wait', config: { amount: 1, unit: 'hours' } };

/**
 * DELETE /api/journeys/:id, /api/campaigns/:id and /api/audiences/:id: what each
 * refuses (409 naming why) and allows (204, nothing in the answer), what stays behind
 * (sent messages still count for frequency caps, the customer profile still loads),
 * another workspace's ids (404, nothing changed), roles, and the audit log.
 */
describe('deleting journeys, campaigns and audiences', () => {
  let app: RunningSwitchyard;
  let api: JourneyApi;
  let owner: Caller;
  let marketer: Caller;
  let viewer: Caller;

  beforeAll(async () => {
    app = await startSwitchyard();
    api = new JourneyApi(app);
    owner = new Caller(app, { cookie: await setUpOwner(app, 'the owner password') });
    marketer = new Caller(app, {
      cookie: (await memberSession(app, owner, 'marketer@example.com', 'marketer')).cookie,
    });
    viewer = new Caller(app, {
      cookie: (await memberSession(app, owner, 'viewer@example.com', 'viewer')).cookie,
    });
    await api.identify(
      ['d-1', 'd-2', 'd-3'].map((userId) => ({
        userId,
        traits: { email: `${userId}@example.com`, plan: 'pro' },
      })),
    );
  });
  afterAll(async () => {
    await app?.stop();
  });

  const count = async (sql: string, params: unknown[]): Promise<number> =>
    Number((await app.db.query<{ n: string }>(sql, params)).rows[0]?.n ?? 0);
  const audience = async (name: string, ids = ['d-1', 'd-2']): Promise<string> =>
    (await api.post('/api/audiences', { name, externalIds: ids }).expect(201)).body.id as string;
  /** A 409 and its message. */
  const refused = async (path: string): Promise<string> => {
    const res = await marketer.call('delete', path);
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    return res.body.message as string;
  };
  const deleted = async (path: string, caller = marketer) => {
    const res = await caller.call('delete', path);
    expect(res.status, JSON.stringify(res.body)).toBe(204);
    expect(res.text).toBe('');
    await api.get(path).expect(404);
  };

  it('deletes a draft journey for a marketer, not for a viewer; then it is gone', async () => {
    const draft = (await api.post('/api/journeys', { name: 'Scratch' }).expect(201)).body.id;
    const forbidden = await viewer.call('delete', `/api/journeys/${draft}`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.message).toContain('needs the marketer role');
    await api.get(`/api/journeys/${draft}`).expect(200);
    await deleted(`/api/journeys/${draft}`);
    await marketer.call('delete', `/api/journeys/${draft}`).expect(404);
  });

  it('asks to stop a live or paused journey first; a stopped one goes with its runs', async () => {
    const journey = await api.publish(
      'Greeter',
      [trigger({ kind: 'event', event: 'Greet' }), waitHour, email()],
      [
        ['trigger', 'wait'],
        ['wait', 'mail'],
      ],
    );
    await api.track('d-1', 'Greet');
    await waitFor(
      async () => ((await api.enrollments(journey))['active'] === 1 ? true : undefined),
      10_000,
      'd-1 waiting in Greeter',
    );
    const path = `/api/journeys/${journey}`;
    expect(await refused(path)).toBe(
      'journey "Greeter" is live (1 customer in it): stop it first, then delete it',
    );
    await api.post(`${path}/pause`).expect(201);
    expect(await refused(path)).toContain('is paused (1 customer in it): stop it first');
    expect(await api.enrollments(journey)).toEqual({ active: 1 });
    await api.post(`${path}/stop`).expect(201);
    await deleted(path);
    for (const table of ['journey_versions', 'enrollments'])
      expect(
        await count(`SELECT count(*) AS n FROM ${table} WHERE journey_id = $1`, [journey]),
      ).toBe(0);
  });

  it('keeps the messages a deleted journey sent: frequency caps still count them', async () => {
    await api
      .put('/api/workspace/settings', { frequencyCaps: [{ channel: 'email', max: 1, days: 7 }] })
      .expect(200);
    const first = await api.publish(
      'First mail',
      [trigger({ kind: 'event', event: 'Ping' }), email()],
      [['trigger', 'mail']],
    );
    await api.track('d-2', 'Ping');
    await api.settled(first, 1);
    const mailsToD2 = `SELECT count(*) AS n FROM outbox o JOIN customers c ON c.id = o.customer_id
                        WHERE c.external_id = 'd-2'`;
    expect(await count(mailsToD2, [])).toBe(1);
    await api.post(`/api/journeys/${first}/stop`).expect(201);
    await deleted(`/api/journeys/${first}`);
    expect(await count(`${mailsToD2} AND o.enrollment_id IS NULL`, [])).toBe(1);

    const second = await api.publish(
      'Second mail',
      [trigger({ kind: 'event', event: 'Pong' }), email()],
      [['trigger', 'mail']],
    );
    await api.track('d-2', 'Pong');
    expect(await api.settled(second, 1)).toEqual({ completed: 1 });
    const step = await app.db.query<{ status: string; note: string | null }>(
      `SELECT s.status, s.note FROM enrollment_steps s JOIN enrollments e ON e.id = s.enrollment_id
        WHERE e.journey_id = $1 AND s.node_id = 'mail'`,
      [second],
    );
    expect(step.rows[0]?.status).toBe('skipped');
    expect(step.rows[0]?.note).toContain('frequency cap');
    expect(await count(mailsToD2, [])).toBe(1);
    await api.put('/api/workspace/settings', { frequencyCaps: [] }).expect(200);
  });

  it('deletes a draft campaign and keeps its audience', async () => {
    const list = await audience('Draft list');
    const campaign = (await api.post('/api/campaigns', { name: 'Draft', audienceId: list })).body
      .id;
    await deleted(`/api/campaigns/${campaign}`);
    expect((await api.get(`/api/audiences/${list}`).expect(200)).body.size).toBe(2);
  });

  it('deletes a launched campaign with its journey once nobody is in it', async () => {
    const list = await audience('Launch list');
    const id = (await api.post('/api/campaigns', { name: 'Spring', audienceId: list })).body.id;
    const launched = (await api.post(`/api/campaigns/${id}/launch`).expect(200)).body;
    const journey = launched.journeyId as string;
    await api.settled(journey, 2);
    const profile = () => api.get('/api/customers/d-1?by=externalId').expect(200);
    const runs = (await profile()).body.journeys as { journeyId: string }[];
    expect(runs.map((r) => r.journeyId)).toContain(journey);
    expect(await refused(`/api/journeys/${journey}`)).toBe(
      'journey "Campaign: Spring" sends the campaign "Spring": delete the campaign instead (its journey goes with it)',
    );

    // A campaign's runs end too fast to catch one in flight: put one back in the journey
    // (due tomorrow, so no worker takes it meanwhile), as a run still sending would be.
    const held = await app.db.query(
      `UPDATE enrollments SET status = 'active', next_run_at = now() + interval '1 day'
        WHERE id = (SELECT id FROM enrollments WHERE journey_id = $1 LIMIT 1)`,
      [journey],
    );
    expect(held.rowCount).toBe(1);
    expect(await refused(`/api/campaigns/${id}`)).toBe(
      'campaign "Spring" is still sending: 1 customer in its journey "Campaign: Spring"; stop that journey (or wait until they are through), then delete the campaign',
    );
    await api.post(`/api/journeys/${journey}/stop`).expect(201);

    const mails = (
      await app.db.query<{ id: string }>(
        `SELECT o.id FROM outbox o JOIN enrollments e ON e.id = o.enrollment_id
          WHERE e.journey_id = $1 AND o.channel = 'email'`,
        [journey],
      )
    ).rows.map((r) => r.id);
    expect(mails).toHaveLength(2);
    await deleted(`/api/campaigns/${id}`);
    await api.get(`/api/journeys/${journey}`).expect(404);
    expect(
      await count(`SELECT count(*) AS n FROM enrollments WHERE journey_id = $1`, [journey]),
    ).toBe(0);
    // The e-mails it sent stay (frequency caps count them), no longer tied to a run.
    expect(
      await count(
        `SELECT count(*) AS n FROM outbox WHERE id = ANY($1::uuid[]) AND enrollment_id IS NULL`,
        [mails],
      ),
    ).toBe(2);
    expect(
      ((await profile()).body.journeys as { journeyId: string }[]).map((r) => r.journeyId),
    ).not.toContain(journey);
    expect((await api.get(`/api/audiences/${list}`).expect(200)).body.size).toBe(2);
  });

  it('refuses to delete an audience a campaign or a running journey uses, naming them', async () => {
    const list = await audience('Shared list');
    const campaign = (await api.post('/api/campaigns', { name: 'Uses it', audienceId: list })).body
      .id;
    const adder = await api.publish(
      'Collector',
      [
        trigger({ kind: 'event', event: 'Collect' }),
        { id: 'add', type: 'add_to_audience', config: { audienceId: list } },
      ],
      [['trigger', 'add']],
    );
    const draft = (
      await api
        .post('/api/journeys', {
          name: 'Broadcast draft',
          graph: {
            nodes: [
              {
                id: 'trigger',
                type: 'trigger',
                position: { x: 0, y: 0 },
                config: { kind: 'audience_broadcast', audienceId: list },
              },
            ],
            edges: [],
          },
        })
        .expect(201)
    ).body.id;
    const path = `/api/audiences/${list}`;
    expect(await refused(path)).toBe(
      'audience "Shared list" cannot be deleted: it is the audience of the campaign "Uses it" (draft): delete that campaign first; the journey "Collector" (live) uses it: stop it, or publish a version without it and let the customers already in it finish',
    );
    await deleted(`/api/campaigns/${campaign}`);
    expect(await refused(path)).toContain('the journey "Collector" (live) uses it');
    await api.post(`/api/journeys/${adder}/stop`).expect(201);
    await deleted(path);
    expect(
      await count(`SELECT count(*) AS n FROM audience_members WHERE audience_id = $1`, [list]),
    ).toBe(0);
    // A draft naming it is not in the way: the editor shows the issue.
    const issues = (await api.get(`/api/journeys/${draft}`).expect(200)).body.issues;
    expect(issues).toContainEqual(
      expect.objectContaining({ message: 'no such audience in this workspace' }),
    );
  });

  it("answers 404 to another workspace's ids and changes nothing", async () => {
    const journey = (await api.post('/api/journeys', { name: 'Mine' }).expect(201)).body.id;
    const list = await audience('Mine too');
    const campaign = (await api.post('/api/campaigns', { name: 'Mine three', audienceId: list }))
      .body.id;
    const workspace = await app.db.query<{ id: string }>(
      `INSERT INTO workspaces (name) VALUES ('Other') RETURNING id`,
    );
    const otherKey = generateApiKey();
    await app.db.query(
      `INSERT INTO api_keys (workspace_id, name, key_hash, key_prefix) VALUES ($1, 'other', $2, $3)`,
      [workspace.rows[0]?.id, hashApiKey(otherKey), otherKey.slice(0, 7)],
    );
    for (const path of [
      `/api/campaigns/${campaign}`,
      `/api/audiences/${list}`,
      `/api/journeys/${journey}`,
    ]) {
      const res = await request(app.url).delete(path).set('Authorization', `Bearer ${otherKey}`);
      expect(res.status, path).toBe(404);
      await api.get(path).expect(200);
    }
  });

  it('records each delete in the audit log with its name, and nothing for a refused one', async () => {
    const log = (await owner.get('/api/audit-log?limit=200').expect(200)).body.entries as {
      action: string;
      targetType: string;
      targetId: string;
      actor: { label: string };
      details: Record<string, unknown>;
    }[];
    const deletes = log
      .filter((e) => e.action.endsWith('.deleted'))
      .reverse()
      .map((e) => [e.action, e.details['name'], e.details['status'], e.actor.label]);
    const by = 'marketer@example.com';
    expect(deletes).toEqual([
      ['journey.deleted', 'Scratch', 'draft', by],
      ['journey.deleted', 'Greeter', 'stopped', by],
      ['journey.deleted', 'First mail', 'stopped', by],
      ['campaign.deleted', 'Draft', 'draft', by],
      ['campaign.deleted', 'Spring', 'launched', by],
      ['campaign.deleted', 'Uses it', 'draft', by],
      ['audience.deleted', 'Shared list', undefined, by],
    ]);
    const entry = log.find((e) => e.action === 'audience.deleted');
    expect(entry).toMatchObject({ targetType: 'audience' });
    expect(entry?.targetId).toMatch(/^[0-9a-f-]{36}$/);
    // Only owners read the log.
    expect((await marketer.get('/api/audit-log')).status).toBe(403);
  });
});
