import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSwitchyard, startSwitchyard } from '../support/switchyard.harness.js';

interface Issue {
  field: string;
  message: string;
}

const EVIL = "'; DROP TABLE customers; --";
const AS_OF = '1997-07-01T00:00:00Z';

/**
 * The rule language through the API: every new condition kind answers a preview, bad
 * rules are refused with a 400 naming the field (or the cycle) and write nothing, and
 * SQL-looking text is only ever data.
 */
describe('rule language', () => {
  let app: RunningSwitchyard;
  let events = 0;
  const auth = () => ({ Authorization: `Bearer ${app.apiKey}` });
  const count = async (table: string) =>
    (await app.db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
  const fields = (body: { issues?: Issue[] }) => (body.issues ?? []).map((i) => i.field);
  const preview = (rule: unknown) =>
    request(app.url).post('/api/segments/preview').set(auth()).send({ rule, asOf: AS_OF });
  const previewCount = async (rule: unknown) => {
    const res = await preview(rule);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.count as number;
  };
  const create = (name: string, rule: unknown) =>
    request(app.url).post('/api/segments').set(auth()).send({ name, rule });

  beforeAll(async () => {
    app = await startSwitchyard();
    const order = (userId: string, day: string, total: number, sku: string) => ({
      type: 'track',
      userId,
      event: 'Order Completed',
      properties: { total, sku },
      timestamp: `${day}T00:00:00Z`,
    });
    const identify = (userId: string, traits: Record<string, unknown>) => ({
      type: 'identify',
      userId,
      traits,
      timestamp: '1997-01-01T00:00:00Z',
    });
    const res = await request(app.url)
      .post('/v1/batch')
      .set(auth())
      .send({
        batch: [
          identify('u1', { city: 'Seoul', tags: ['VIP', 'early'], plan: 'pro' }),
          identify('u2', { address: { city: 'SEOUL', country: 'KR' }, plan: 'free' }),
          identify('u3', { city: 'Busan', plan: EVIL }),
          identify('u4', { country: 'US', tags: [] }),
          order('u1', '1997-02-01', 10, 'a'),
          order('u1', '1997-03-01', 20, 'b'),
          order('u1', '1997-06-20', 30, 'a'),
          order('u2', '1997-01-15', 500, 'c'),
          order('u4', '1997-05-01', 40, 'a'),
        ],
      });
    expect(res.status).toBe(200);
    expect(await count('customers')).toBe(4);
    events = await count('events');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('previews every new condition kind', async () => {
    expect(await previewCount({ location: 'city', op: 'in', value: ['seoul'] })).toBe(2);
    expect(await previewCount({ location: 'country', op: 'notIn', value: ['kr'] })).toBe(3);
    expect(await previewCount({ attribute: 'tags', op: 'in', value: ['vip', 'VIP'] })).toBe(1);
    expect(await previewCount({ attribute: 'tags', op: 'contains', value: 'vip' })).toBe(1);
    expect(await previewCount({ event: 'Order Completed', never: true })).toBe(1);
    expect(
      await previewCount({
        event: 'Order Completed',
        aggregate: { fn: 'count' },
        op: 'eq',
        value: 0,
      }),
    ).toBe(1);
    const distinctSkus = {
      event: 'Order Completed',
      aggregate: { fn: 'countDistinct', property: 'sku' },
      op: 'gte',
      value: 2,
    };
    expect(await previewCount(distinctSkus)).toBe(1);
    // Three buyers, so ntile(5) hands out scores 1-3: u4 (40), u1 (60), u2 (500).
    expect(await previewCount({ rfm: 'monetary', op: 'eq', value: 3 })).toBe(1);
    expect(await previewCount({ rfm: 'frequency', op: 'gte', value: 1 })).toBe(3);
    expect(await previewCount({ random: { percent: 100, salt: 'x' } })).toBe(4);
    expect(await previewCount({ random: { percent: 0, salt: 'x' } })).toBe(0);
  });

  it('evaluates a segment that refers to another one, as of the same time', async () => {
    const seoul = await create('Seoul', { location: 'city', op: 'in', value: ['Seoul'] });
    expect(seoul.status).toBe(201);
    const quiet = await create('Seoul, quiet for 30 days', {
      all: [
        { segment: seoul.body.id },
        { event: 'Order Completed', never: true, window: { lastDays: 30 } },
      ],
    });
    expect(quiet.status).toBe(201);
    expect(await previewCount({ not: { segment: quiet.body.id } })).toBe(3);
    const evaluation = await request(app.url)
      .post('/api/evaluations')
      .set(auth())
      .send({ asOf: AS_OF, segmentIds: [quiet.body.id] });
    expect(evaluation.status).toBe(200);
    expect(evaluation.body.segments[0]).toMatchObject({ members: 1, entered: 1 });

    // In use: cannot be deleted.
    const remove = await request(app.url).delete(`/api/segments/${seoul.body.id}`).set(auth());
    expect(remove.status).toBe(409);
    expect(remove.body.message).toContain('"Seoul, quiet for 30 days"');
    await request(app.url).delete(`/api/segments/${quiet.body.id}`).set(auth()).expect(204);
    await request(app.url).delete(`/api/segments/${seoul.body.id}`).set(auth()).expect(204);
  });

  it('refuses bad rules, naming the field, and writes nothing', async () => {
    const a = await create('A', { attribute: 'plan', op: 'eq', value: 'pro' });
    const b = await create('B', { any: [{ segment: a.body.id }] });
    expect([a.status, b.status]).toEqual([201, 201]);
    const before = await count('segments');
    const bad: [unknown, string][] = [
      [
        {
          all: [
            { attribute: 'plan', op: 'eq', value: 'x' },
            { attribute: 'plan', op: 'like', value: 'x' },
          ],
        },
        'rule.all[1].op',
      ],
      [{ attribute: 'age', op: 'between', value: 3 }, 'rule.value'],
      [{ attribute: 'signup', op: 'withinLastDays', value: 'soon' }, 'rule.value'],
      [
        {
          event: 'Order Completed',
          aggregate: { fn: 'sum', property: 'total' },
          op: 'gt',
          value: '100',
        },
        'rule.value',
      ],
      [
        { event: 'Order Completed', aggregate: { fn: 'countDistinct' }, op: 'gt', value: 1 },
        'rule.aggregate.property',
      ],
      [{ location: 'planet', op: 'in', value: ['Mars'] }, 'rule.location'],
      [{ location: 'city', op: 'in', value: 'Seoul' }, 'rule.value'],
      [{ rfm: 'recency', op: 'gte', value: 9 }, 'rule.value'],
      [{ random: { percent: '10', salt: 'a' } }, 'rule.random.percent'],
      [{ any: [{ segment: 'b' }] }, 'rule.any[0].segment'],
      [{ event: 'Order Completed', never: false }, 'rule.never'],
    ];
    for (const [rule, field] of bad) {
      const res = await create('Bad', rule);
      expect(res.status, JSON.stringify(rule)).toBe(400);
      expect(fields(res.body), JSON.stringify(rule)).toContain(field);
      expect((await preview(rule)).status).toBe(400);
    }

    const unknown = { all: [{ attribute: 'plan', op: 'exists' }, { segment: randomUUID() }] };
    for (const res of [
      await create('Unknown', unknown),
      await preview(unknown),
      await request(app.url)
        .patch(`/api/segments/${a.body.id}`)
        .set(auth())
        .send({ rule: unknown }),
    ]) {
      expect(res.status).toBe(400);
      expect(res.body.issues).toEqual([
        { field: 'rule.all[1].segment', message: 'no such segment' },
      ]);
    }

    const cycle = await request(app.url)
      .patch(`/api/segments/${a.body.id}`)
      .set(auth())
      .send({ rule: { not: { segment: b.body.id } } });
    expect(cycle.status).toBe(400);
    expect(cycle.body.message).toBe('rule: segment cycle "A" -> "B" -> "A"');
    const self = await request(app.url)
      .patch(`/api/segments/${a.body.id}`)
      .set(auth())
      .send({ name: 'Self', rule: { segment: a.body.id } });
    expect(self.status).toBe(400);
    expect(self.body.message).toBe('rule: segment cycle "Self" -> "Self"');

    let deep: unknown = { attribute: 'plan', op: 'exists' };
    for (let i = 0; i < 40; i++) deep = { not: deep };
    const wide = (n: number) => ({
      any: Array.from({ length: n }, () => ({ attribute: 'plan', op: 'exists' })),
    });
    for (const rule of [deep, { all: [wide(300), wide(300)] }]) {
      const res = await create('Huge', rule);
      expect(res.status).toBe(400);
      expect(fields(res.body)).toEqual(['rule']);
      expect(res.body.message).toMatch(/nesting depth 41 exceeds 32|600 conditions exceed/);
    }

    expect(await count('segments')).toBe(before);
    const stored = await request(app.url).get(`/api/segments/${a.body.id}`).set(auth());
    expect(stored.body).toMatchObject({
      name: 'A',
      rule: { attribute: 'plan', op: 'eq', value: 'pro' },
    });
  });

  it('stores and evaluates SQL-looking names and values as plain data', async () => {
    const rule = {
      any: [
        { attribute: 'plan', op: 'eq', value: EVIL },
        { attribute: 'plan', op: 'in', value: [EVIL, 'x'] },
        { location: 'city', op: 'in', value: [EVIL] },
        { event: EVIL, never: true, where: [{ property: 'sku', op: 'startsWith', value: EVIL }] },
        { rfm: 'monetary', op: 'gte', value: 5, event: EVIL },
        { random: { percent: 0, salt: EVIL } },
      ],
    };
    const created = await create(EVIL, rule);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: EVIL, rule });
    // Everyone never did the event named EVIL; u3's plan is EVIL.
    expect(await previewCount(rule)).toBe(4);
    expect(await previewCount(rule.any[0])).toBe(1);
    const evaluation = await request(app.url)
      .post('/api/evaluations')
      .set(auth())
      .send({ asOf: AS_OF, segmentIds: [created.body.id] });
    expect(evaluation.status).toBe(200);
    expect(evaluation.body.segments[0].members).toBe(4);
    expect(await count('customers')).toBe(4);
    expect(await count('events')).toBe(events);
    const listed = await request(app.url).get('/api/segments').set(auth());
    expect(listed.body.map((s: { name: string }) => s.name)).toContain(EVIL);
  });
});
