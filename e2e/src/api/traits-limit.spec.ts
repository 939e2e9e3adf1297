import { CUSTOMER_TRAITS_MAX_BYTES } from '@switchyard/contracts';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JourneyApi, trigger } from '../support/journey-api.js';
import { type RunningSwitchyard, startSwitchyard } from '../support/switchyard.harness.js';

/** A trait value of 30,000 characters: eight of them fit a customer, nine do not. */
const BULK = 'x'.repeat(30_000);
const LIMIT_MESSAGE = /^the traits of customer "bulky" would take more than 256 KB as stored/;

interface Issue {
  field: string;
  message: string;
}

/**
 * A customer's traits have a limit as stored (CUSTOMER_TRAITS_MAX_BYTES): each message may
 * carry 32 KB, and messages merge, so without one a client could grow a profile without end.
 * A write past it is refused with a 4xx naming the customer and stores nothing of itself;
 * the profile keeps taking events and changed values, and a journey that would pass it
 * fails its step saying so.
 */
describe('api: the limit on a customer’s traits', () => {
  let app: RunningSwitchyard;
  let api: JourneyApi;
  const stored = async (userId: string) => {
    const { rows } = await app.db.query<{ bytes: number; keys: string[] }>(
      `SELECT octet_length(traits::text) AS bytes, array(SELECT jsonb_object_keys(traits) ORDER BY 1) AS keys
         FROM customers WHERE external_id = $1`,
      [userId],
    );
    return rows[0];
  };
  const eventsOf = async (userId: string) => {
    const { rows } = await app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events e JOIN customers c ON c.id = e.customer_id
        WHERE c.external_id = $1`,
      [userId],
    );
    return rows[0]?.n ?? 0;
  };
  const issues = (body: unknown) => (body as { issues?: Issue[] }).issues ?? [];
  /**
   * Publishes a journey named `name` whose step `set` writes trait `key`, for customers
   * entering a segment of those who have trait `having`; returns its id.
   */
  const setTraitOnEntry = async (name: string, having: string, key: string, value: string) => {
    const segment = await api.segment(name, { attribute: having, op: 'exists' });
    return api.publish(
      name,
      [
        trigger({ kind: 'segment_entered', segmentId: segment }),
        { id: 'set', type: 'update_attribute', config: { trait: key, value, valueType: 'string' } },
      ],
      [['trigger', 'set']],
    );
  };

  beforeAll(async () => {
    app = await startSwitchyard({ env: { SEED_DEMO: 'false' } });
    api = new JourneyApi(app);
    for (let i = 1; i <= 8; i++)
      await api.post('/v1/identify', { userId: 'bulky', traits: { [`k${i}`]: BULK } }).expect(200);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('takes traits up to the limit', async () => {
    const customer = await stored('bulky');
    expect(customer?.keys).toEqual(['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8']);
    expect(customer?.bytes).toBeGreaterThan(8 * 30_000);
    expect(customer?.bytes).toBeLessThanOrEqual(CUSTOMER_TRAITS_MAX_BYTES);
  });

  it('refuses an identify that would pass it, naming the customer, and stores nothing of it', async () => {
    const before = await stored('bulky');
    const eventsBefore = await eventsOf('bulky');
    const res = await api.post('/v1/identify', { userId: 'bulky', traits: { k9: BULK } });
    expect(res.status).toBe(400);
    expect(issues(res.body)).toEqual([
      { field: 'traits', message: expect.stringMatching(LIMIT_MESSAGE) },
    ]);
    expect(await stored('bulky')).toEqual(before);
    // Not even the identify's own event.
    expect(await eventsOf('bulky')).toBe(eventsBefore);
  });

  it('refuses the whole batch that holds such an identify, naming its message', async () => {
    const res = await api.post('/v1/batch', {
      batch: [
        { type: 'track', userId: 'bystander', event: 'Viewed' },
        { type: 'identify', userId: 'bulky', traits: { k9: BULK } },
      ],
    });
    expect(res.status).toBe(400);
    expect(issues(res.body)).toEqual([
      { field: 'batch[1].traits', message: expect.stringMatching(LIMIT_MESSAGE) },
    ]);
    expect(await stored('bystander')).toBeUndefined();
  });

  it('keeps taking the customer’s events and changed values that do not grow it', async () => {
    const eventsBefore = await eventsOf('bulky');
    await api.track('bulky', 'Order Completed', { total: 12 });
    await api
      .post('/v1/identify', { userId: 'bulky', traits: { k1: 'y'.repeat(30_000) } })
      .expect(200);
    expect(await eventsOf('bulky')).toBe(eventsBefore + 2);
    const { rows } = await app.db.query<{ k1: string }>(
      `SELECT left(traits ->> 'k1', 3) AS k1 FROM customers WHERE external_id = 'bulky'`,
    );
    expect(rows[0]?.k1).toBe('yyy');
  });

  it('refuses an import line that would pass it, naming the line, and imports nothing', async () => {
    const lines = [
      { type: 'track', userId: 'importer', event: 'Viewed' },
      { type: 'identify', userId: 'bulky', traits: { k10: BULK } },
    ];
    const res = await request(app.url)
      .post('/api/imports?skipInvalid=true')
      .set('Authorization', `Bearer ${app.apiKey}`)
      .set('Content-Type', 'application/x-ndjson')
      .send(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body).toMatchObject({
      status: 'failed',
      eventsInserted: 0,
      errors: [{ line: 2, field: 'traits', message: expect.stringMatching(LIMIT_MESSAGE) }],
    });
    expect(await stored('importer')).toBeUndefined();
  });

  it('fails a journey step that would pass it, saying why, and leaves the traits as they were', async () => {
    const before = await stored('bulky');
    const journey = await setTraitOnEntry('Note everything', 'k2', 'note', BULK);
    await api.evaluate();
    expect(await api.settled(journey, 1)).toEqual({ failed: 1 });
    const { rows } = await app.db.query<{ status: string; error: string }>(
      `SELECT s.status, s.error FROM enrollment_steps s JOIN enrollments e ON e.id = s.enrollment_id
        WHERE e.journey_id = $1 AND s.node_id = 'set'`,
      [journey],
    );
    expect(rows).toEqual([{ status: 'failed', error: expect.stringMatching(LIMIT_MESSAGE) }]);
    expect(await stored('bulky')).toEqual(before);
  });

  it('removes a trait set to null, which makes room under the limit', async () => {
    const res = await api.post('/v1/identify', {
      userId: 'bulky',
      traits: { k3: null, k9: BULK, never_set: null },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await stored('bulky'))?.keys).toEqual(['k1', 'k2', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9']);
    // An import's null removes it too; the identify's own event keeps what was sent.
    const line = JSON.stringify({ type: 'identify', userId: 'bulky', traits: { k4: null } });
    await request(app.url)
      .post('/api/imports')
      .set('Authorization', `Bearer ${app.apiKey}`)
      .set('Content-Type', 'application/x-ndjson')
      .send(`${line}\n`)
      .expect(201);
    expect((await stored('bulky'))?.keys).toEqual(['k1', 'k2', 'k5', 'k6', 'k7', 'k8', 'k9']);
    const { rows } = await app.db.query<{ properties: Record<string, unknown> }>(
      `SELECT e.properties FROM events e JOIN customers c ON c.id = e.customer_id
        WHERE c.external_id = 'bulky' AND e.name = '$identify' ORDER BY e.id DESC LIMIT 1`,
    );
    expect(rows[0]?.properties).toEqual({ k4: null });
    // A new customer's null traits are not stored either.
    await api.post('/v1/identify', { userId: 'fresh', traits: { plan: 'gold', city: null } });
    expect((await stored('fresh'))?.keys).toEqual(['plan']);
  });

  it('lets a profile already past it (written before the limit) change and shrink, not grow', async () => {
    await api.post('/v1/identify', { userId: 'legacy', traits: { l0: 'small' } }).expect(200);
    // Nine bulky traits, as a client could have left them before there was a limit.
    await app.db.query(
      `UPDATE customers SET traits = traits || (
         SELECT jsonb_object_agg('l' || i, repeat('x', 30000)) FROM generate_series(1, 9) i)
        WHERE external_id = 'legacy'`,
    );
    const past = await stored('legacy');
    expect(past?.bytes).toBeGreaterThan(CUSTOMER_TRAITS_MAX_BYTES);

    // A changed value of the same size, and one that shrinks it: taken.
    await api
      .post('/v1/identify', { userId: 'legacy', traits: { l1: 'y'.repeat(30_000) } })
      .expect(200);
    expect((await stored('legacy'))?.bytes).toBe(past?.bytes);
    await api.post('/v1/identify', { userId: 'legacy', traits: { l0: 'tiny' } }).expect(200);
    const smaller = await stored('legacy');
    expect(smaller?.bytes).toBe((past?.bytes ?? 0) - 1);

    // A new trait grows it: refused, naming the customer; nothing stored.
    const grown = await api.post('/v1/identify', { userId: 'legacy', traits: { extra: 'a' } });
    expect(grown.status).toBe(400);
    expect(issues(grown.body)).toEqual([
      {
        field: 'traits',
        message: expect.stringMatching(/^the traits of customer "legacy" would take more than/),
      },
    ]);
    expect(await stored('legacy')).toEqual(smaller);

    // So may a journey's attribute update that does not grow it.
    const journey = await setTraitOnEntry('Refresh l2', 'l9', 'l2', 'z'.repeat(30_000));
    await api.evaluate();
    expect(await api.settled(journey, 1)).toEqual({ completed: 1 });
    const { rows } = await app.db.query<{ l2: string }>(
      `SELECT left(traits ->> 'l2', 3) AS l2 FROM customers WHERE external_id = 'legacy'`,
    );
    expect(rows[0]?.l2).toBe('zzz');
    expect((await stored('legacy'))?.bytes).toBe(smaller?.bytes);
  });
});
