import { randomBytes, randomUUID } from 'node:crypto';
import type { JourneyGoal, JourneyGraph, JourneyNode } from '@switchyard/contracts';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../database/migrations/index.js';
import { JourneyStatsService } from '../journey-stats.service.js';
import { newcombeInterval } from './holdout-lift.util.js';

/**
 * The stats statement on a real Postgres database of its own: a live version with a
 * random split holding customers out and a goal with a property filter, enrollments with
 * known outcomes (including events just inside and just outside the goal's window), and
 * an older version whose numbers must not leak into the live one.
 */
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2024-03-01T00:00:00Z');

const goal: JourneyGoal = {
  event: 'Order Completed',
  where: [{ property: 'total', op: 'gte', value: 50 }],
  withinDays: 7,
};

function node(id: string, type: string, config: Record<string, unknown> = {}): JourneyNode {
  return {
    id,
    type,
    position: { x: 0, y: 0 },
    config,
    ...(id === 'mail_a' ? { label: 'Offer A' } : {}),
  };
}

const graph: JourneyGraph = {
  nodes: [
    node('trigger', 'trigger', { kind: 'event', event: 'Signed Up' }),
    node('split', 'random_split', { holdoutPercent: 40, branches: [{ name: 'a' }, { name: 'b' }] }),
    node('mail_a', 'send_email', { subject: 'A' }),
    node('mail_b', 'send_email', { subject: 'B' }),
    node('wait', 'wait', { amount: 1, unit: 'days' }),
  ],
  edges: [
    { id: 'e1', source: 'trigger', target: 'split' },
    { id: 'e2', source: 'split', sourceHandle: 'a', target: 'mail_a' },
    { id: 'e3', source: 'split', sourceHandle: 'b', target: 'mail_b' },
    { id: 'e4', source: 'mail_a', target: 'wait' },
  ],
};

/**
 * What happens after enrolling: `yes` a matching order 2 days in, `edge` one exactly at
 * the end of the window; `late` (7 days + 1 s), `early` (1 s before enrolling), `small`
 * (total 40, fails the filter), `other` (another event name) and `none` do not convert.
 */
type Outcome = 'yes' | 'edge' | 'late' | 'early' | 'small' | 'other' | 'none';
type Branch = 'a' | 'b' | 'holdout';

interface Run {
  branch: Branch;
  outcome: Outcome;
  status: 'active' | 'completed' | 'exited' | 'failed';
  /** Status of the branch's next step (mail_a / mail_b); none for held-out customers. */
  mail?: 'completed' | 'skipped' | 'failed' | 'waiting';
  /** mail_a runs go on to the wait node: waiting there, or done. */
  wait?: 'waiting' | 'completed';
  /** The run looped: it went through the wait node once before its latest visit. */
  looped?: boolean;
  /** The e-mail a completed mail step wrote to the outbox, by its delivery status. */
  delivery?: 'sent' | 'failed' | 'pending';
}

const RUNS: Run[] = [
  // branch a: 8 runs, 4 convert (yes, yes, edge, yes)
  // mail_a's e-mails: 3 sent, 1 failed, 1 waiting; mail_b's: 2 sent.
  {
    branch: 'a',
    outcome: 'yes',
    status: 'completed',
    mail: 'completed',
    wait: 'completed',
    delivery: 'sent',
  },
  { branch: 'a', outcome: 'yes', status: 'completed', mail: 'skipped', wait: 'completed' },
  {
    branch: 'a',
    outcome: 'edge',
    status: 'active',
    mail: 'completed',
    wait: 'waiting',
    looped: true,
    delivery: 'sent',
  },
  {
    branch: 'a',
    outcome: 'yes',
    status: 'exited',
    mail: 'completed',
    wait: 'waiting',
    delivery: 'failed',
  },
  {
    branch: 'a',
    outcome: 'late',
    status: 'active',
    mail: 'completed',
    wait: 'waiting',
    delivery: 'pending',
  },
  {
    branch: 'a',
    outcome: 'early',
    status: 'active',
    mail: 'completed',
    wait: 'waiting',
    delivery: 'sent',
  },
  { branch: 'a', outcome: 'small', status: 'failed', mail: 'failed' },
  { branch: 'a', outcome: 'none', status: 'active', mail: 'waiting' },
  // branch b: 4 runs, 1 converts
  { branch: 'b', outcome: 'yes', status: 'completed', mail: 'completed', delivery: 'sent' },
  { branch: 'b', outcome: 'other', status: 'completed', mail: 'completed', delivery: 'sent' },
  { branch: 'b', outcome: 'none', status: 'failed', mail: 'failed' },
  { branch: 'b', outcome: 'none', status: 'completed', mail: 'skipped' },
  // held out: 8 runs, 1 converts
  { branch: 'holdout', outcome: 'yes', status: 'completed' },
  { branch: 'holdout', outcome: 'late', status: 'completed' },
  { branch: 'holdout', outcome: 'small', status: 'completed' },
  ...Array.from({ length: 4 }, (): Run => ({
    branch: 'holdout',
    outcome: 'none',
    status: 'completed',
  })),
  { branch: 'holdout', outcome: 'none', status: 'exited' },
];

describe('journey stats (Postgres)', () => {
  const database = `sy_stats_${randomBytes(4).toString('hex')}`;
  let db: DataSource;
  let service: JourneyStatsService;
  let ws: string;
  let journeyId: string;
  let oldVersion: string;
  let liveVersion: string;
  /** A run waiting at the split (no output yet), in the live version. */
  const extraWaiting = 1;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: ADMIN });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
    await admin.end();
    db = new DataSource({
      type: 'postgres',
      url: `postgres://postgres@127.0.0.1:5432/${database}`,
      migrations,
      extra: { options: '-c timezone=UTC', max: 2 },
    });
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });
    service = new JourneyStatsService(db);

    ws = (await db.query(`INSERT INTO workspaces (name) VALUES ('w') RETURNING id`))[0].id;
    journeyId = (
      await db.query(
        `INSERT INTO journeys (workspace_id, name, status, draft_graph) VALUES ($1, 'Welcome', 'live', $2) RETURNING id`,
        [ws, JSON.stringify(graph)],
      )
    )[0].id;
    const insertVersion = async (version: number, settings: unknown) =>
      (
        await db.query(
          `INSERT INTO journey_versions (journey_id, workspace_id, version, graph, trigger, trigger_kind, entry_node_id, settings)
           VALUES ($1, $2, $3, $4, '{}', 'event', 'split', $5) RETURNING id`,
          [journeyId, ws, version, JSON.stringify(graph), JSON.stringify(settings)],
        )
      )[0].id as string;
    oldVersion = await insertVersion(1, {});
    liveVersion = await insertVersion(2, { goal });
    await db.query(`UPDATE journeys SET live_version_id = $1 WHERE id = $2`, [
      liveVersion,
      journeyId,
    ]);

    for (const [i, run] of RUNS.entries()) await insertRun(liveVersion, `c${i}`, i, run);
    const waitingAtSplit = await insertCustomer('c-waiting');
    const enrolled = await insertEnrollment(liveVersion, waitingAtSplit, T0, 'active', 'split');
    await insertStep(enrolled, 1, 'split', 'random_split', 'waiting', null, T0);
    // The old version: two runs, both with a matching order; no goal there.
    for (const i of [0, 1]) await insertRun(oldVersion, `old${i}`, 100 + i, RUNS[i] as Run);
  });

  afterAll(async () => {
    await db?.destroy();
    const admin = new pg.Client({ connectionString: ADMIN });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(database)} WITH (FORCE)`);
    await admin.end();
  });

  async function insertCustomer(externalId: string): Promise<string> {
    const seen = new Date(T0 - DAY).toISOString();
    return (
      await db.query(
        `INSERT INTO customers (workspace_id, external_id, first_seen_at, last_seen_at) VALUES ($1, $2, $3, $3) RETURNING id::text`,
        [ws, externalId, seen],
      )
    )[0].id;
  }

  async function insertEnrollment(
    versionId: string,
    customerId: string,
    at: number,
    status: Run['status'],
    current: string,
  ): Promise<string> {
    return (
      await db.query(
        `INSERT INTO enrollments (workspace_id, journey_id, version_id, customer_id, status, current_node_id, entry_key, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [ws, journeyId, versionId, customerId, status, current, randomUUID(), new Date(at)],
      )
    )[0].id;
  }

  /** Why the fixture's skipped steps were skipped (the note the engine writes). */
  const CAPPED = 'frequency cap: at most 1 email in 7 days';

  async function insertStep(
    enrollmentId: string,
    seq: number,
    nodeId: string,
    type: string,
    status: string,
    output: string | null,
    at: number,
  ): Promise<void> {
    await db.query(
      `INSERT INTO enrollment_steps (enrollment_id, seq, node_id, node_type, status, output, entered_at, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        enrollmentId,
        seq,
        nodeId,
        type,
        status,
        output,
        new Date(at),
        status === 'skipped' ? CAPPED : null,
      ],
    );
  }

  async function insertRun(versionId: string, externalId: string, i: number, run: Run) {
    const customerId = await insertCustomer(externalId);
    const at = T0 + i * HOUR;
    const enrollmentId = await insertEnrollment(versionId, customerId, at, run.status, 'split');
    let seq = 0;
    const step = (nodeId: string, type: string, status: string, output: string | null) =>
      insertStep(enrollmentId, ++seq, nodeId, type, status, output, at + seq * 1000);
    await step('split', 'random_split', 'completed', run.branch);
    if (run.mail) {
      const mailNode = run.branch === 'a' ? 'mail_a' : 'mail_b';
      const done = run.mail === 'completed' || run.mail === 'skipped';
      await step(mailNode, 'send_email', run.mail, done ? 'next' : null);
      if (run.delivery)
        await db.query(
          `INSERT INTO outbox (workspace_id, enrollment_id, customer_id, node_id, idempotency_key, channel, payload, status)
           VALUES ($1, $2, $3, $4, $5, 'email', '{}', $6)`,
          [ws, enrollmentId, customerId, mailNode, `${enrollmentId}.${mailNode}`, run.delivery],
        );
    }
    if (run.looped) await step('wait', 'wait', 'completed', 'next');
    if (run.wait) await step('wait', 'wait', run.wait, run.wait === 'completed' ? 'next' : null);
    const order = (ts: number, total: number, name = 'Order Completed') =>
      db.query(
        `INSERT INTO events (workspace_id, customer_id, type, name, properties, ts) VALUES ($1, $2, 'track', $3, $4, $5)`,
        [ws, customerId, name, JSON.stringify({ total }), new Date(ts)],
      );
    switch (run.outcome) {
      case 'yes':
        return order(at + 2 * DAY, 80);
      case 'edge':
        return order(at + 7 * DAY, 50);
      case 'late':
        return order(at + 7 * DAY + 1000, 80);
      case 'early':
        return order(at - 1000, 80);
      case 'small':
        return order(at + DAY, 40);
      case 'other':
        return order(at + DAY, 80, 'Order Refunded');
      case 'none':
        return undefined;
      default: {
        const never: never = run.outcome;
        throw new Error(`unknown outcome ${String(never)}`);
      }
    }
  }

  it('counts the live version by default', async () => {
    // Unsubscribed through the link of a sent e-mail: every mail_a reader from e-mail, and
    // one of them from the e-mail's topic too (one customer, counted once); one mail_b
    // reader from the topic only.
    await db.query(
      `INSERT INTO channel_opt_outs (customer_id, channel, workspace_id, source, enrollment_id, node_id)
       SELECT customer_id, 'email', workspace_id, 'link', enrollment_id, node_id FROM outbox
        WHERE workspace_id = $1 AND node_id = 'mail_a' AND status = 'sent'`,
      [ws],
    );
    const [topic] = await db.query<{ id: string }[]>(
      `INSERT INTO subscription_topics (workspace_id, name) VALUES ($1, 'Offers') RETURNING id`,
      [ws],
    );
    await db.query(
      `INSERT INTO topic_opt_outs (customer_id, topic_id, workspace_id, source, enrollment_id, node_id)
       SELECT DISTINCT ON (node_id) customer_id, $2::uuid, workspace_id, 'one_click', enrollment_id, node_id
         FROM outbox WHERE workspace_id = $1 AND status = 'sent' ORDER BY node_id, id`,
      [ws, topic?.id],
    );
    const stats = await service.stats(ws, journeyId);
    expect(stats.versionId).toBe(liveVersion);
    expect(stats.goal).toEqual(goal);
    expect(stats.enrollments).toEqual({
      total: 21,
      active: 5,
      completed: 12,
      failed: 2,
      exited: 2,
      converted: 6,
    });
    const byId = new Map(stats.nodes.map((n) => [n.nodeId, n]));
    expect(stats.nodes.map((n) => n.nodeId)).toEqual([
      'trigger',
      'split',
      'mail_a',
      'mail_b',
      'wait',
    ]);
    expect(byId.get('trigger')).toMatchObject({
      entered: 21,
      completed: 21,
      converted: 6,
      outputs: [],
    });
    expect(byId.get('split')).toEqual({
      nodeId: 'split',
      type: 'random_split',
      entered: 20 + extraWaiting,
      completed: 20,
      failed: 0,
      waiting: 1,
      converted: 6,
      messages: null,
      skipped: [],
      unsubscribed: 0,
      complaints: 0,
      opened: 0,
      clicked: 0,
      outputs: [
        { output: 'a', count: 8, converted: 4 },
        { output: 'b', count: 4, converted: 1 },
        { output: 'holdout', count: 8, converted: 1 },
      ],
    });
    // Skipped steps count as completed (the run went on); waiting and failed ones have no output.
    expect(byId.get('mail_a')).toEqual({
      nodeId: 'mail_a',
      type: 'send_email',
      entered: 8,
      completed: 6,
      failed: 1,
      waiting: 1,
      converted: 4,
      // What the step's e-mails came to, apart from the step (a sent step's mail can fail).
      messages: { sent: 3, failed: 1, waiting: 1 },
      // ... and the customers it went on for without sending, by reason.
      skipped: [{ reason: CAPPED, count: 1 }],
      outputs: [{ output: 'next', count: 6, converted: 4 }],
      unsubscribed: 3,
      complaints: 0,
      opened: 0,
      clicked: 0,
    });
    expect(byId.get('mail_b')).toMatchObject({
      entered: 4,
      completed: 3,
      failed: 1,
      waiting: 0,
      converted: 1,
      messages: { sent: 2, failed: 0, waiting: 0 },
      skipped: [{ reason: CAPPED, count: 1 }],
      outputs: [{ output: 'next', count: 3, converted: 1 }],
      unsubscribed: 1,
    });
    // By each run's latest visit; the looping run left through `next` once and waits again.
    expect(byId.get('wait')).toMatchObject({
      entered: 6,
      completed: 2,
      waiting: 4,
      converted: 4,
      messages: null,
      outputs: [{ output: 'next', count: 3, converted: 3 }],
    });
  });

  it('compares treated with held-out customers of the random split', async () => {
    const { holdouts } = await service.stats(ws, journeyId, liveVersion);
    expect(holdouts).toHaveLength(1);
    const [split] = holdouts;
    expect(split?.nodeId).toBe('split');
    expect(split?.treated).toEqual({ n: 12, converted: 5, rate: 5 / 12 });
    expect(split?.heldOut).toEqual({ n: 8, converted: 1, rate: 1 / 8 });
    expect(split?.lift.absolute).toBeCloseTo(5 / 12 - 1 / 8, 12);
    expect(split?.lift.relative).toBeCloseTo((5 / 12 - 1 / 8) / (1 / 8), 12);
    expect(split?.lift.ci95).toEqual(
      newcombeInterval({ n: 12, converted: 5 }, { n: 8, converted: 1 }),
    );
    // Independently: Wilson bounds of 5/12 are [0.193260, 0.680489] and of 1/8
    // [0.022417, 0.470888]; 0.291667 − √(0.223406² + 0.345888²) and
    // 0.291667 + √(0.263822² + 0.102583²).
    expect(split?.lift.ci95[0]).toBeCloseTo(-0.120097, 5);
    expect(split?.lift.ci95[1]).toBeCloseTo(0.574731, 5);
    expect(split?.significant).toBe(false);
  });

  it('reports an older version on request, without a goal there', async () => {
    const stats = await service.stats(ws, journeyId, oldVersion);
    expect(stats.versionId).toBe(oldVersion);
    expect(stats.goal).toBeNull();
    expect(stats.enrollments).toEqual({
      total: 2,
      active: 0,
      completed: 2,
      failed: 0,
      exited: 0,
      converted: 0,
    });
    expect(stats.nodes.find((n) => n.nodeId === 'split')?.outputs).toEqual([
      { output: 'a', count: 2, converted: 0 },
    ]);
    expect(stats.holdouts[0]).toMatchObject({
      treated: { n: 2, converted: 0, rate: 0 },
      heldOut: { n: 0, converted: 0, rate: 0 },
      lift: { absolute: 0, ci95: [-1, 1], relative: null },
      significant: false,
    });
  });

  it('falls back to the newest version when none is live', async () => {
    await db.query(`UPDATE journeys SET live_version_id = NULL WHERE id = $1`, [journeyId]);
    try {
      expect((await service.stats(ws, journeyId)).versionId).toBe(liveVersion);
    } finally {
      await db.query(`UPDATE journeys SET live_version_id = $1 WHERE id = $2`, [
        liveVersion,
        journeyId,
      ]);
    }
  });

  it('is a 404 for another workspace, an unknown journey or a version of another journey', async () => {
    const other = (await db.query(`INSERT INTO workspaces (name) VALUES ('x') RETURNING id`))[0].id;
    await expect(service.stats(other, journeyId)).rejects.toMatchObject({ status: 404 });
    await expect(service.stats(ws, randomUUID())).rejects.toMatchObject({ status: 404 });
    await expect(service.stats(ws, journeyId, randomUUID())).rejects.toMatchObject({ status: 404 });
  });

  it('is empty for a journey that was never published', async () => {
    const draft = (
      await db.query(
        `INSERT INTO journeys (workspace_id, name, draft_graph) VALUES ($1, 'Draft', $2) RETURNING id`,
        [ws, JSON.stringify(graph)],
      )
    )[0].id;
    expect(await service.stats(ws, draft)).toEqual({
      journeyId: draft,
      versionId: null,
      enrollments: { total: 0, active: 0, completed: 0, failed: 0, exited: 0, converted: 0 },
      goal: null,
      nodes: [],
      holdouts: [],
    });
  });
});
