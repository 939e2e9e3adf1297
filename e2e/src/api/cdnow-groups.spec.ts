import { createHash } from 'node:crypto';
import request from 'supertest';
import type { GroupMovementView } from '@switchyard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CdnowOrder,
  cdnowEmail,
  cdnowNdjson,
  endOfDay,
  readCdnow,
} from '../support/cdnow.fixture.js';
import { type RunningSwitchyard, startSwitchyard } from '../support/switchyard.harness.js';

/**
 * The whole CDNOW log (69,659 orders) in a five-bucket lifecycle group, evaluated as of
 * two dates: counts and the full from -> to matrix must equal what this test computes
 * from the raw file itself.
 */
const DAY = 86_400_000;
const BUCKETS = ['churned', 'vip', 'at_risk_vip', 'active', 'lapsing'] as const;

interface Customer {
  first: number;
  orders: { ts: number; cents: number }[];
}

function byCustomer(orders: CdnowOrder[]): Map<string, Customer> {
  const customers = new Map<string, Customer>();
  for (const o of orders) {
    const c = customers.get(o.customer) ?? { first: o.ts, orders: [] };
    c.first = Math.min(c.first, o.ts);
    c.orders.push({ ts: o.ts, cents: Math.round(o.total * 100) });
    customers.set(o.customer, c);
  }
  return customers;
}

/**
 * The group's bucket of a customer as of `asOf`, or null before its first order.
 * 1 vip, 2 at_risk_vip, 3 active, 4 lapsing, 0 churned (fallback).
 */
function bucket(c: Customer, asOf: number): number | null {
  if (c.first > asOf) return null;
  let count365 = 0;
  let cents365 = 0;
  let last = -Infinity;
  for (const o of c.orders) {
    if (o.ts > asOf) continue;
    last = Math.max(last, o.ts);
    if (o.ts > asOf - 365 * DAY) {
      count365 += 1;
      cents365 += o.cents;
    }
  }
  const daysSinceLast = Math.floor((asOf - last) / DAY);
  const valuable = count365 >= 4 && cents365 >= 200_00;
  if (valuable && daysSinceLast <= 90) return 1;
  if (valuable) return 2;
  if (daysSinceLast <= 90) return 3;
  if (daysSinceLast <= 180) return 4;
  return 0;
}

function countsOf(customers: Map<string, Customer>, asOf: number): number[] {
  const counts = BUCKETS.map(() => 0);
  for (const c of customers.values()) {
    const b = bucket(c, asOf);
    if (b !== null) counts[b] = (counts[b] ?? 0) + 1;
  }
  return counts;
}

function matrixOf(
  customers: Map<string, Customer>,
  from: number,
  to: number,
): { from: number | null; to: number; count: number }[] {
  const cells = new Map<string, number>();
  for (const c of customers.values()) {
    const b = bucket(c, to);
    if (b === null) continue;
    const key = `${bucket(c, from)}>${b}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  return [...cells]
    .map(([key, count]) => {
      const [a, b] = key.split('>') as [string, string];
      return { from: a === 'null' ? null : Number(a), to: Number(b), count };
    })
    .sort((x, y) => (x.from ?? -1) - (y.from ?? -1) || x.to - y.to);
}

const within365 = { window: { lastDays: 365 } };
const orders4 = {
  event: 'Order Completed',
  aggregate: { fn: 'count' },
  op: 'gte',
  value: 4,
  ...within365,
};
const spent200 = {
  event: 'Order Completed',
  aggregate: { fn: 'sum', property: 'total' },
  op: 'gte',
  value: 200,
  ...within365,
};
const lastWithin = (days: number) => ({
  event: 'Order Completed',
  measure: 'daysSinceLast',
  op: 'lte',
  value: days,
});

describe('CDNOW: lifecycle group counts and movement match the raw file', () => {
  const orders = readCdnow(Number.POSITIVE_INFINITY);
  const customers = byCustomer(orders);
  const june = endOfDay('1997-06-30');
  const december = endOfDay('1997-12-31');
  const timings: Record<string, number> = {};

  let app: RunningSwitchyard;
  let groupId: string;
  const api = () => request(app.url);
  const auth = () => ({ Authorization: `Bearer ${app.apiKey}` });
  const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const result = await run();
    timings[name] = Date.now() - started;
    return result;
  };

  beforeAll(async () => {
    app = await startSwitchyard();
  });
  afterAll(async () => {
    console.log(`CDNOW group timings (ms): ${JSON.stringify(timings)}`);
    await app?.stop();
  });

  it('reads all 69,659 purchases of 23,570 customers', () => {
    expect(orders).toHaveLength(69_659);
    expect(customers.size).toBe(23_570);
  });

  it('imports every row', async () => {
    const res = await timed('import', () =>
      api()
        .post('/api/imports')
        .set(auth())
        .set('Content-Type', 'application/x-ndjson')
        .send(cdnowNdjson(orders)),
    );
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(201);
    const { rows } = await app.db.query(
      `SELECT count(*)::int AS events, count(DISTINCT customer_id)::int AS customers FROM events WHERE name = 'Order Completed'`,
    );
    expect(rows[0]).toEqual({ events: 69_659, customers: 23_570 });
  });

  it('creates the five segments and the group, first match wins', async () => {
    const create = async (name: string, rule: unknown) => {
      const res = await api().post('/api/segments').set(auth()).send({ name, rule });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const vip = await create('vip', { all: [orders4, spent200, lastWithin(90)] });
    const atRiskVip = await create('at_risk_vip', { all: [orders4, spent200] });
    const active = await create('active', lastWithin(90));
    const lapsing = await create('lapsing', lastWithin(180));
    await create('churned', { not: lastWithin(180) });
    const group = await api()
      .post('/api/segment-groups')
      .set(auth())
      .send({
        name: 'CDNOW lifecycle',
        members: [
          { segmentId: vip, growthIsGood: true },
          { segmentId: atRiskVip, growthIsGood: false },
          { segmentId: active, growthIsGood: true },
          { segmentId: lapsing, label: 'Lapsing', color: '#f76b15', growthIsGood: false },
        ],
        fallback: { label: 'churned', growthIsGood: false },
      });
    expect(group.status, JSON.stringify(group.body)).toBe(201);
    groupId = group.body.id;
    expect(group.body.buckets.map((b: { label: string }) => b.label)).toEqual([
      'churned',
      'vip',
      'at_risk_vip',
      'active',
      'Lapsing',
    ]);
  });

  it('counts per bucket as of 1997-06-30 and 1997-12-31 equal the raw computation', async () => {
    const expectedJune = countsOf(customers, june);
    const expectedDecember = countsOf(customers, december);
    console.log(
      `CDNOW buckets ${BUCKETS.join('/')}: 1997-06-30 ${expectedJune.join('/')}, 1997-12-31 ${expectedDecember.join('/')}`,
    );
    // Every bucket is populated on one date at least (nobody is churned by June 30: the
    // cohort's first orders are all in 1997).
    expectedJune.forEach((n, i) => expect(n + (expectedDecember[i] ?? 0)).toBeGreaterThan(50));
    expect(expectedJune.slice(1).every((n) => n > 50)).toBe(true);

    const first = await timed('evaluate 1997-06-30', () =>
      api()
        .post(`/api/segment-groups/${groupId}/evaluations`)
        .set(auth())
        .send({ asOf: '1997-06-30' }),
    );
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({
      asOf: '1997-06-30T23:59:59.999Z',
      reused: false,
      total: customers.size,
      previousAsOf: null,
      transitionsRecorded: 0,
    });
    expect(first.body.counts.map((c: { count: number }) => c.count)).toEqual(expectedJune);

    const second = await timed('evaluate 1997-12-31', () =>
      api()
        .post(`/api/segment-groups/${groupId}/evaluations`)
        .set(auth())
        .send({ asOf: '1997-12-31' }),
    );
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body.counts.map((c: { count: number }) => c.count)).toEqual(expectedDecember);
    expect(second.body.previousAsOf).toBe('1997-06-30T23:59:59.999Z');

    const moved = matrixOf(customers, june, december)
      .filter((c) => c.from !== c.to)
      .reduce((n, c) => n + c.count, 0);
    expect(second.body.transitionsRecorded).toBe(moved);

    // The standalone churned segment holds the fallback plus at-risk VIPs gone 180+ days
    // (first match wins: they are at-risk VIPs in the group).
    const preview = await api()
      .post('/api/segments/preview')
      .set(auth())
      .send({ rule: { not: lastWithin(180) }, asOf: '1997-12-31', sampleSize: 0 });
    const goneLong = [...customers.values()].filter((c) => {
      const last = Math.max(...c.orders.map((o) => o.ts).filter((ts) => ts <= december));
      return Math.floor((december - last) / DAY) > 180;
    }).length;
    expect(preview.body.count).toBe(goneLong);
    expect(goneLong).toBeGreaterThan(expectedDecember[0] ?? 0);
  });

  it('the from -> to matrix and the recorded moves equal the raw computation', async () => {
    const expected = matrixOf(customers, june, december);
    const res = await timed('matrix', () =>
      api()
        .get(`/api/segment-groups/${groupId}/transitions`)
        .query({ from: '1997-06-30', to: '1997-12-31' })
        .set(auth()),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual(expected);
    console.log(`CDNOW matrix 1997-06-30 -> 1997-12-31: ${JSON.stringify(expected)}`);

    const { rows } = await app.db.query(
      `SELECT from_index AS "from", to_index AS "to", count(*)::int AS count FROM group_transitions
       WHERE group_id = $1 AND from_as_of = '1997-06-30T23:59:59.999Z' AND to_as_of = '1997-12-31T23:59:59.999Z'
       GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2`,
      [groupId],
    );
    expect(rows).toEqual(expected.filter((c) => c.from !== c.to));
  });

  it('evaluating a date again reuses its snapshot and records nothing', async () => {
    const countMoves = async () =>
      (await app.db.query('SELECT count(*)::int AS n FROM group_transitions')).rows[0].n as number;
    const moves = await countMoves();
    const snapshots = await api().get(`/api/segment-groups/${groupId}/snapshots`).set(auth());
    expect(snapshots.status).toBe(200);
    expect(snapshots.body.map((s: { asOf: string }) => s.asOf)).toEqual([
      '1997-06-30T23:59:59.999Z',
      '1997-12-31T23:59:59.999Z',
    ]);
    const juneId = snapshots.body[0].id;
    const again = await timed('re-evaluate 1997-06-30', () =>
      api()
        .post(`/api/segment-groups/${groupId}/evaluations`)
        .set(auth())
        .send({ asOf: '1997-06-30' }),
    );
    expect(again.body).toMatchObject({
      snapshotId: juneId,
      reused: true,
      transitionsRecorded: 0,
      nextTransitionsChanged: 0,
      nextAsOf: '1997-12-31T23:59:59.999Z',
    });
    expect(again.body.counts.map((c: { count: number }) => c.count)).toEqual(
      countsOf(customers, june),
    );
    expect(await countMoves()).toBe(moves);
    const { rows } = await app.db.query('SELECT count(*)::int AS n FROM group_snapshots');
    expect(rows[0].n).toBe(2);
  });

  it('the movement endpoint: matrix, distribution and entered / left equal the raw computation', async () => {
    const res = await timed('movement', () =>
      api()
        .get(`/api/segment-groups/${groupId}/movement`)
        .query({ from: '1997-06-30', to: '1997-12-31' })
        .set(auth()),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const view = res.body as GroupMovementView;
    expect(view.computed).toEqual([]);
    // Cell by cell (nobody is deleted from the log, so every cell has a `to`).
    const expected = matrixOf(customers, june, december);
    expect(view.matrix.map(({ from, to, count }) => ({ from, to, count }))).toEqual(expected);
    // Distribution and entered / left from each customer's two buckets, not from the matrix.
    const fromCounts = countsOf(customers, june);
    const toCounts = countsOf(customers, december);
    const entered = BUCKETS.map(() => 0);
    const left = BUCKETS.map(() => 0);
    for (const c of customers.values()) {
      const a = bucket(c, june);
      const b = bucket(c, december);
      if (a === b) continue;
      if (b !== null) entered[b] = (entered[b] ?? 0) + 1;
      if (a !== null) left[a] = (left[a] ?? 0) + 1;
    }
    const total = (counts: number[]) => counts.reduce((x, y) => x + y, 0);
    expect(view.totals).toMatchObject({
      from: total(fromCounts),
      to: total(toCounts),
      new: expected.filter((c) => c.from === null).reduce((n, c) => n + c.count, 0),
      deleted: 0,
    });
    for (const b of view.buckets) {
      const i = b.index;
      expect(b, BUCKETS[i]).toMatchObject({
        fromCount: fromCounts[i],
        toCount: toCounts[i],
        change: (toCounts[i] ?? 0) - (fromCounts[i] ?? 0),
        entered: entered[i],
        left: left[i],
      });
      expect(b.fromShare).toBeCloseTo((fromCounts[i] ?? 0) / total(fromCounts), 9);
      const growing = (toCounts[i] ?? 0) > (fromCounts[i] ?? 0);
      expect(b.verdict).toBe(growing === b.growthIsGood ? 'good' : 'bad');
    }
    // Shares of a row (everyone in a bucket in June) add up to 1.
    const vipRow = view.matrix.filter((c) => c.from === 1);
    expect(vipRow.reduce((s, c) => s + (c.shareOfFrom ?? 0), 0)).toBeCloseTo(1, 9);
    console.log(
      `CDNOW movement 1997-06-30 -> 1997-12-31 (${timings['movement']} ms): ${JSON.stringify(view.buckets.map((b) => [b.label, b.fromCount, b.toCount, b.verdict, b.entered, b.left]))}`,
    );
  });

  it('computes a missing date on demand, without enrolling anyone, and refuses bad dates', async () => {
    const march = endOfDay('1997-03-31');
    const res = await api()
      .get(`/api/segment-groups/${groupId}/movement`)
      .query({ from: '1997-03-31', to: '1997-06-30' })
      .set(auth());
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const view = res.body as GroupMovementView;
    expect(view.computed).toEqual(['1997-03-31T23:59:59.999Z']);
    expect(view.buckets.map((b) => b.fromCount)).toEqual(countsOf(customers, march));
    expect(view.matrix.map(({ from, to, count }) => ({ from, to, count }))).toEqual(
      matrixOf(customers, march, june),
    );
    const { rows } = await app.db.query('SELECT count(*)::int AS n FROM enrollments');
    expect(rows[0].n).toBe(0);

    const backwards = await api()
      .get(`/api/segment-groups/${groupId}/movement`)
      .query({ from: '1997-12-31', to: '1997-06-30' })
      .set(auth());
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain('query.from');
    const future = await api()
      .get(`/api/segment-groups/${groupId}/movement`)
      .query({ from: '1997-12-31', to: '2999-01-01' })
      .set(auth());
    expect(future.status).toBe(400);
    expect(JSON.stringify(future.body)).toContain('query.to');
  });

  it('an audience from a movement cell or an entered bar holds exactly those customers', async () => {
    const expected = matrixOf(customers, june, december);
    const vipToAtRisk = expected.find((c) => c.from === 1 && c.to === 2)?.count ?? 0;
    expect(vipToAtRisk).toBeGreaterThan(0);
    const movement = { groupId, from: '1997-06-30', to: '1997-12-31' };
    const cell = await api()
      .post('/api/audiences')
      .set(auth())
      .send({
        name: 'VIP → at-risk VIP',
        movement: { ...movement, fromBuckets: [1], toBuckets: [2] },
      });
    expect(cell.status, JSON.stringify(cell.body)).toBe(201);
    expect(cell.body.size).toBe(vipToAtRisk);
    expect(cell.body.source).toEqual({
      kind: 'movement',
      groupId,
      from: '1997-06-30T23:59:59.999Z',
      to: '1997-12-31T23:59:59.999Z',
      fromBuckets: [1],
      toBuckets: [2],
    });
    // The members are those customers, by external id.
    const { rows } = await app.db.query(
      `SELECT c.external_id FROM audience_members m JOIN customers c ON c.id = m.customer_id
        WHERE m.audience_id = $1 ORDER BY 1`,
      [cell.body.id],
    );
    const raw = [...customers]
      .filter(([, c]) => bucket(c, june) === 1 && bucket(c, december) === 2)
      .map(([id]) => id)
      .sort();
    expect(rows.map((r: { external_id: string }) => r.external_id)).toEqual(raw);

    // Members page by page, the CSV export and the hashed export agree with the audience.
    const page = await api()
      .get(`/api/audiences/${cell.body.id}/members`)
      .query({ limit: 5 })
      .set(auth());
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(vipToAtRisk);
    expect(page.body.items).toHaveLength(Math.min(5, vipToAtRisk));
    const csv = await api().get(`/api/audiences/${cell.body.id}/export`).set(auth());
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('external_id,email,phone,first_name,last_name,added_at');
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual(raw);
    const first = raw[0] ?? '';
    const row = lines.find((l) => l.startsWith(`${first},`)) ?? '';
    expect(row.split(',')[1]).toBe(cdnowEmail(first));
    const hashed = await api()
      .get(`/api/audiences/${cell.body.id}/export`)
      .query({ format: 'hashed' })
      .set(auth());
    const hashes = hashed.text.trim().split('\r\n');
    expect(hashes[0]).toBe('email_sha256,phone_sha256');
    expect(hashes).toHaveLength(vipToAtRisk + 1);
    const expectedHash = createHash('sha256').update(cdnowEmail(first).toLowerCase()).digest('hex');
    expect(hashes).toContain(`${expectedHash},`);

    const enteredVip = [...customers.values()].filter(
      (c) => bucket(c, december) === 1 && bucket(c, june) !== 1,
    ).length;
    const entered = await api()
      .post('/api/audiences')
      .set(auth())
      .send({ name: 'Entered VIP', movement: { ...movement, toBuckets: [1], movedOnly: true } });
    expect(entered.status, JSON.stringify(entered.body)).toBe(201);
    expect(entered.body.size).toBe(enteredVip);

    const twoSources = await api()
      .post('/api/audiences')
      .set(auth())
      .send({ name: 'x', externalIds: ['1'], movement });
    expect(twoSources.status).toBe(400);
    expect(JSON.stringify(twoSources.body)).toContain('movement');
  });
});
