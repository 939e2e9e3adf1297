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

  it('counts exactly when it can (and always for quantile rules)', async () => {
    const res = await request(app.url)
      .post('/api/segments/preview')
      .set(auth())
      .send({ rule: { rfm: 'frequency', op: 'eq', value: 5 }, asOf: '1997-06-30' });
    expect(res.status).toBe(200);
    expect(res.body.estimated).toBeUndefined();
    const buyers = new Set(
      orders.filter((o) => o.ts <= endOfDay('1997-06-30')).map((o) => o.customer),
    ).size;
    // ntile(5): the top fifth of buyers (the first groups take the remainder).
    expect(res.body.count).toBe(Math.floor(buyers / 5));
  });
});
