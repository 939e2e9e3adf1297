import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSwitchyard, startSwitchyard } from '../support/switchyard.harness.js';

interface Issue {
  field: string;
  message: string;
  nodeId?: string;
}

/** Bad input gets a 4xx naming the field and the reason, and changes nothing (invariant 9). */
describe('bad input is refused, named, and writes nothing', () => {
  let app: RunningSwitchyard;
  const auth = () => ({ Authorization: `Bearer ${app.apiKey}` });
  const count = async (table: string) =>
    (await app.db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
  const fields = (body: { issues?: Issue[] }) => (body.issues ?? []).map((i) => i.field);

  beforeAll(async () => {
    app = await startSwitchyard();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('refuses requests without a valid key', async () => {
    const none = await request(app.url).post('/v1/track').send({ userId: 'u1', event: 'x' });
    expect(none.status).toBe(401);
    const wrong = await request(app.url)
      .get('/api/segments')
      .set('Authorization', 'Bearer sk_wrong_wrong_wrong_wrong');
    expect(wrong.status).toBe(401);
  });

  it('accepts Basic auth with the key as user name, as Segment SDKs send it', async () => {
    const basic = Buffer.from(`${app.apiKey}:`).toString('base64');
    const res = await request(app.url)
      .post('/v1/track')
      .set('Authorization', `Basic ${basic}`)
      .send({ userId: 'basic-user', event: 'Signed Up', messageId: 'm-basic' });
    expect(res.status).toBe(200);
    expect(await count('events')).toBe(1);
    // The same messageId again is a duplicate: stored once.
    const again = await request(app.url)
      .post('/v1/track')
      .set('Authorization', `Basic ${basic}`)
      .send({ userId: 'basic-user', event: 'Signed Up', messageId: 'm-basic' });
    expect(again.status).toBe(200);
    expect(await count('events')).toBe(1);
    await app.db.query('DELETE FROM events');
    await app.db.query('DELETE FROM customers');
  });

  it('malformed JSON', async () => {
    const res = await request(app.url)
      .post('/v1/track')
      .set(auth())
      .set('Content-Type', 'application/json')
      .send('{"userId": "u1", "event": ');
    expect(res.status).toBe(400);
    expect(res.body.message).toBeTruthy();
    expect(await count('events')).toBe(0);
  });

  it('unknown fields and wrong types in Segment payloads', async () => {
    const unknown = await request(app.url)
      .post('/v1/track')
      .set(auth())
      .send({ userId: 'u1', event: 'x', colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues).toEqual([{ field: 'colour', message: 'is not a known field' }]);

    // Segment SDK batches may carry page/screen/group/alias: accepted, not stored.
    const mixed = await request(app.url)
      .post('/v1/batch')
      .set(auth())
      .send({
        batch: [
          { type: 'page', userId: 'u1', name: 'Home' },
          { type: 'alias', userId: 'u1', previousId: 'anon' },
        ],
      });
    expect(mixed.status).toBe(200);

    const wrongType = await request(app.url)
      .post('/v1/track')
      .set(auth())
      .send({ userId: 'u1', event: 5 });
    expect(wrongType.status).toBe(400);
    expect(fields(wrongType.body)).toContain('event');

    const noIdentity = await request(app.url)
      .post('/v1/identify')
      .set(auth())
      .send({ traits: { plan: 'pro' } });
    expect(noIdentity.status).toBe(400);
    expect(fields(noIdentity.body)).toContain('userId');

    const badTime = await request(app.url)
      .post('/v1/track')
      .set(auth())
      .send({ userId: 'u1', event: 'x', timestamp: 'yesterday' });
    expect(badTime.status).toBe(400);
    expect(fields(badTime.body)).toContain('timestamp');

    const batch = await request(app.url)
      .post('/v1/batch')
      .set(auth())
      .send({
        batch: [
          { type: 'track', userId: 'u1', event: 'ok' },
          { type: 'track', userId: 'u2' },
        ],
      });
    expect(batch.status).toBe(400);
    expect(fields(batch.body)).toContain('batch[1].event');

    const tooMany = Array.from({ length: 2501 }, (_, i) => ({
      type: 'track',
      userId: `u${i}`,
      event: 'x',
    }));
    const big = await request(app.url).post('/v1/batch').set(auth()).send({ batch: tooMany });
    expect(big.status).toBe(400);
    expect(big.body.issues[0]).toMatchObject({
      field: 'batch',
      message: 'must hold at most 2500 messages',
    });

    expect(await count('events')).toBe(0);
    expect(await count('customers')).toBe(0);
  });

  it('an import with a bad line lands nothing and names the line', async () => {
    const body = [
      JSON.stringify({
        type: 'track',
        userId: 'u1',
        event: 'Order Completed',
        properties: { total: 3 },
      }),
      '{not json',
      JSON.stringify({ type: 'track', userId: 'u2', event: 'Order Completed' }),
    ].join('\n');
    const res = await request(app.url)
      .post('/api/imports')
      .set(auth())
      .set('Content-Type', 'application/x-ndjson')
      .send(body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('"line":2');
    expect(await count('events')).toBe(0);
  });

  it('an invalid rule', async () => {
    const res = await request(app.url)
      .post('/api/segments')
      .set(auth())
      .send({
        name: 'Broken',
        rule: {
          all: [
            { attribute: 'plan', op: 'eq', value: 'pro' },
            { attribute: 'age', op: 'bigger', value: 3 },
          ],
        },
      });
    expect(res.status).toBe(400);
    expect(fields(res.body)).toContain('rule.all[1].op');
    const sql = await request(app.url)
      .post('/api/segments')
      .set(auth())
      .send({ name: 'Injection', rule: { attribute: "plan') OR 1=1 --", op: 'eq', value: 'x' } });
    expect(sql.status).toBe(400);
    expect(fields(sql.body)).toContain('rule.attribute');
    expect(await count('segments')).toBe(0);
  });

  it('an invalid graph and a template syntax error', async () => {
    const segment = await request(app.url)
      .post('/api/segments')
      .set(auth())
      .send({ name: 'Pro', rule: { attribute: 'plan', op: 'eq', value: 'pro' } });
    expect(segment.status).toBe(201);

    const badShape = await request(app.url)
      .post('/api/journeys')
      .set(auth())
      .send({ name: 'Bad', graph: { nodes: [{ id: 'a b', type: 'wait' }], edges: [] } });
    expect(badShape.status).toBe(400);
    expect(fields(badShape.body)).toEqual(
      expect.arrayContaining(['graph.nodes[0].id', 'graph.nodes[0].position']),
    );
    expect(await count('journeys')).toBe(0);

    const graph = {
      nodes: [
        {
          id: 'start',
          type: 'trigger',
          position: { x: 0, y: 0 },
          config: { kind: 'segment_entered', segmentId: segment.body.id },
        },
        {
          id: 'mail',
          type: 'send_email',
          position: { x: 0, y: 100 },
          config: {
            to: '{{customer.traits.email}}',
            subject: 'Hi {{#if customer}}',
            html: '<p>ok</p>',
          },
        },
        {
          id: 'orphan',
          type: 'wait',
          position: { x: 200, y: 100 },
          config: { amount: 1, unit: 'hours' },
        },
      ],
      edges: [{ id: 'e1', source: 'start', target: 'mail' }],
    };
    const journey = await request(app.url)
      .post('/api/journeys')
      .set(auth())
      .send({ name: 'Draft with problems', graph });
    expect(journey.status).toBe(201);
    const publish = await request(app.url)
      .post(`/api/journeys/${journey.body.id}/publish`)
      .set(auth())
      .send();
    expect(publish.status).toBe(400);
    const issues = publish.body.issues as Issue[];
    const subject = issues.find((i) => i.nodeId === 'mail');
    expect(subject?.field).toContain('subject');
    expect(subject?.message).toMatch(/line 1/i);
    expect(issues.some((i) => i.nodeId === 'orphan')).toBe(true);
    expect(await count('journey_versions')).toBe(0);

    const cyclic = {
      nodes: [
        {
          id: 'start',
          type: 'trigger',
          position: { x: 0, y: 0 },
          config: { kind: 'segment_entered', segmentId: segment.body.id },
        },
        {
          id: 'w1',
          type: 'update_attribute',
          position: { x: 0, y: 100 },
          config: { trait: 'a', value: '1' },
        },
        {
          id: 'w2',
          type: 'update_attribute',
          position: { x: 0, y: 200 },
          config: { trait: 'b', value: '2' },
        },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'w1' },
        { id: 'e2', source: 'w1', target: 'w2' },
        { id: 'e3', source: 'w2', target: 'w1' },
      ],
    };
    await request(app.url)
      .patch(`/api/journeys/${journey.body.id}`)
      .set(auth())
      .send({ graph: cyclic })
      .expect(200);
    const cycle = await request(app.url)
      .post(`/api/journeys/${journey.body.id}/publish`)
      .set(auth())
      .send();
    expect(cycle.status).toBe(400);
    expect(JSON.stringify(cycle.body.issues)).toContain('cycle without a wait: w1 -> w2 -> w1');
    expect(await count('journey_versions')).toBe(0);
  });
});
