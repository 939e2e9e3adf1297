import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdnowNdjson, endOfDay, orderedWithin, readCdnow } from '../support/cdnow.fixture.js';
import { type RunningSwitchyard, startSwitchyard } from '../support/switchyard.harness.js';

/**
 * Preview stays live on large workspaces: past its time budget (here 1 ms, to force it) it
 * answers with an estimate from a random sample, marked as such, within its stated margin.
 */
describe('segment preview: exact within budget, else a marked estimate', () => {
  const orders = readCdnow(Number.MAX_SAFE_INTEGER);
  const exact = orderedWithin(orders, endOfDay('1997-06-30'), 90).size;
  const rule = {
    event: 'Order Completed',
    aggregate: { fn: 'count' },
    op: 'gte',
    value: 1,
    window: { lastDays: 90 },
  };
  let app: RunningSwitchyard;
  const auth = () => ({ Authorization: `Bearer ${app.apiKey}` });

  beforeAll(async () => {
    app = await startSwitchyard({ env: { PREVIEW_EXACT_BUDGET_MS: '1' } });
    const res = await request(app.url)
      .post('/api/imports')
      .set(auth())
      .set('Content-Type', 'application/x-ndjson')
      .send(cdnowNdjson(orders));
    expect(res.body.status).toBe('completed');
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('estimates within its margin when the exact count is over budget', async () => {
    const res = await request(app.url)
      .post('/api/segments/preview')
      .set(auth())
      .send({ rule, asOf: '1997-06-30', sampleSize: 5 });
    expect(res.status).toBe(200);
    expect(res.body.estimated).toBe(true);
    expect(res.body.margin).toBeGreaterThan(0);
    expect(Math.abs(res.body.count - exact)).toBeLessThanOrEqual(res.body.margin);
    expect(res.body.sample).toHaveLength(5);
  });

  it('estimates quantile rules the same way', async () => {
    const res = await request(app.url)
      .post('/api/segments/preview')
      .set(auth())
      .send({ rule: { rfm: 'frequency', op: 'eq', value: 5 }, asOf: '1997-06-30' });
    expect(res.status).toBe(200);
    expect(res.body.estimated).toBe(true);
    const buyers = new Set(
      orders.filter((o) => o.ts <= endOfDay('1997-06-30')).map((o) => o.customer),
    ).size;
    // ntile(5): the top fifth of buyers.
    expect(Math.abs(res.body.count - Math.floor(buyers / 5))).toBeLessThanOrEqual(res.body.margin);
  });
});

describe('segment preview: exact when it fits the budget', () => {
  const orders = readCdnow(5000);
  let app: RunningSwitchyard;

  beforeAll(async () => {
    app = await startSwitchyard();
    await request(app.url)
      .post('/api/imports')
      .set({ Authorization: `Bearer ${app.apiKey}` })
      .set('Content-Type', 'application/x-ndjson')
      .send(cdnowNdjson(orders))
      .expect(201);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('returns the exact count, unmarked', async () => {
    const res = await request(app.url)
      .post('/api/segments/preview')
      .set({ Authorization: `Bearer ${app.apiKey}` })
      .send({
        rule: {
          event: 'Order Completed',
          aggregate: { fn: 'count' },
          op: 'gte',
          value: 1,
          window: { lastDays: 90 },
        },
        asOf: '1997-06-30',
      });
    expect(res.body.estimated).toBeUndefined();
    expect(res.body.count).toBe(orderedWithin(orders, endOfDay('1997-06-30'), 90).size);
  });
});
