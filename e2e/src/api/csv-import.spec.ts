import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSwitchyard, startSwitchyard } from '../support/switchyard.harness.js';

/**
 * CSV through `POST /api/imports` (Content-Type: text/csv): a customer list with typed
 * traits, then an order history that a segment counts; a bad row lands nothing (or is
 * skipped on request), and a file that is not CSV is refused naming the line.
 */
describe('CSV imports', () => {
  let app: RunningSwitchyard;

  beforeAll(async () => {
    app = await startSwitchyard();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const importCsv = (csv: string, query = '') =>
    request(app.url)
      .post(`/api/imports${query}`)
      .set('Authorization', `Bearer ${app.apiKey}`)
      .set('Content-Type', 'text/csv')
      .send(csv);
  const traitsOf = async (externalId: string) => {
    const { rows } = await app.db.query<{ traits: Record<string, unknown> }>(
      `SELECT traits FROM customers WHERE external_id = $1`,
      [externalId],
    );
    return rows[0]?.traits;
  };
  const eventCount = async () =>
    (await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events`)).rows[0]?.n;

  it('imports a customer list with typed traits', async () => {
    const res = await importCsv(
      [
        'user_id,email,first_name,plan,visits,vip,zip:string,address.city',
        'csv-1,ada@example.com,Ada,pro,12,true,01234,London',
        'csv-2,"bob@example.com","Bob ""the builder""",basic,3,false,94103,Berlin',
        'csv-3,cy@example.com,Cy,,,,,',
      ].join('\r\n'),
    ).expect(201);
    expect(res.body).toMatchObject({
      status: 'completed',
      linesRead: 4,
      customersUpserted: 3,
      // Identify calls are stored as events too, as over /v1/identify.
      eventsInserted: 3,
      invalidLines: 0,
    });
    expect(await traitsOf('csv-1')).toEqual({
      email: 'ada@example.com',
      first_name: 'Ada',
      plan: 'pro',
      visits: 12,
      vip: true,
      zip: '01234',
      address: { city: 'London' },
    });
    expect(await traitsOf('csv-2')).toMatchObject({
      first_name: 'Bob "the builder"',
      zip: '94103',
    });
    expect(await traitsOf('csv-3')).toEqual({ email: 'cy@example.com', first_name: 'Cy' });
    // A dotted column is a path, so the rule language finds it as it names it.
    const berliners = await request(app.url)
      .post('/api/segments/preview')
      .set('Authorization', `Bearer ${app.apiKey}`)
      .send({ rule: { attribute: 'address.city', op: 'eq', value: 'Berlin' } })
      .expect(200);
    expect(berliners.body.count).toBe(1);
  });

  it('imports an order history that a segment then counts', async () => {
    const res = await importCsv(
      [
        'userId,event,timestamp,messageId,total,currency',
        'csv-1,Order Completed,2026-01-05T10:00:00Z,o-1,19.90,EUR',
        'csv-1,Order Completed,2026-02-07T10:00:00Z,o-2,42,EUR',
        'csv-2,Order Completed,2026-02-09T10:00:00Z,o-3,5.5,EUR',
        'csv-1,Order Completed,2026-02-07T10:00:00Z,o-2,42,EUR',
        '',
      ].join('\n'),
    ).expect(201);
    expect(res.body).toMatchObject({ eventsInserted: 3, duplicatesSkipped: 1, invalidLines: 0 });
    const { rows } = await app.db.query<{ total: unknown; at: Date }>(
      `SELECT e.properties->'total' AS total, e.ts AS at FROM events e
         JOIN customers c ON c.id = e.customer_id
        WHERE c.external_id = 'csv-1' AND e.type = 'track' ORDER BY e.ts`,
    );
    expect(rows.map((r) => [r.total, r.at.toISOString()])).toEqual([
      [19.9, '2026-01-05T10:00:00.000Z'],
      [42, '2026-02-07T10:00:00.000Z'],
    ]);
    const preview = await request(app.url)
      .post('/api/segments/preview')
      .set('Authorization', `Bearer ${app.apiKey}`)
      .send({
        rule: { event: 'Order Completed', aggregate: { fn: 'count' }, op: 'gte', value: 2 },
      })
      .expect(200);
    expect(preview.body.count).toBe(1);
  });

  it('lands nothing for a bad row, naming its line and column, unless told to skip it', async () => {
    const before = await eventCount();
    const csv = [
      'userId,event,total:number',
      'csv-9,Visit,1',
      'csv-9,Visit,lots',
      'csv-9,,2',
      'csv-9,Visit',
    ].join('\n');
    const refused = await importCsv(csv).expect(400);
    expect(refused.body.errors).toEqual([
      { line: 3, field: 'total', message: '"lots" is not a number' },
    ]);
    expect(refused.body.message).toContain('line 3: total');
    expect(await eventCount()).toBe(before);

    const skipped = await importCsv(csv, '?skipInvalid=true').expect(201);
    expect(skipped.body).toMatchObject({ eventsInserted: 1, invalidLines: 3 });
    expect(skipped.body.errors.map((e: { line: number; field: string }) => e)).toEqual([
      expect.objectContaining({ line: 3, field: 'total' }),
      expect.objectContaining({ line: 4, field: 'event' }),
      { line: 5, field: '(line)', message: 'has 2 cells; the header has 3' },
    ]);
  });

  it('refuses a file that is not CSV it can read, naming the line, and stores nothing', async () => {
    const before = await eventCount();
    const unclosed = await importCsv('userId,event\ncsv-8,Visit\ncsv-8,"Visit\n').expect(400);
    expect(unclosed.body.errors).toEqual([
      expect.objectContaining({
        field: '(file)',
        message: expect.stringMatching(/Quote Not Closed/),
      }),
    ]);
    const headless = await importCsv('email,plan\nx@example.com,pro\n', '?skipInvalid=true').expect(
      400,
    );
    expect(headless.body.errors).toEqual([
      expect.objectContaining({
        line: 1,
        field: '(file)',
        message: expect.stringMatching(/no userId column/),
      }),
    ]);
    expect(await eventCount()).toBe(before);
    const json = await request(app.url)
      .post('/api/imports')
      .set('Authorization', `Bearer ${app.apiKey}`)
      .send({ userId: 'x' })
      .expect(415);
    expect(json.body.message).toContain('text/csv');
  });
});
