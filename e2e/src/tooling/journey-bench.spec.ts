import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBullmqBaseline } from '../../bench/support/journey-baseline.js';
import {
  type DurableFloor,
  prepareDurableFloor,
  stepBatch,
} from '../../bench/support/journey-floor.js';
import { type HttpSink, startHttpSink } from '../../bench/support/journey-sink.js';
import { SHARED_POSTGRES_URL, SHARED_REDIS_URL } from '../support/switchyard.harness.js';

/**
 * The journey benchmark's two yardsticks (e2e/bench/journey-throughput.bench.ts), small:
 * the plain BullMQ script and the hand-written durable floor run every job of every chain
 * once and POST once per chain, and the floor does what it stands for (invariant 5): each
 * step recorded once, a replay a no-op that points at the current step.
 */
const CHAINS = 300;
const JOBS_PER_CHAIN = 3;

describe('journey benchmark yardsticks', () => {
  let sink: HttpSink;
  beforeAll(async () => {
    sink = await startHttpSink();
  });
  afterAll(async () => {
    await sink.stop();
  });

  const options = () => ({
    redisUrl: SHARED_REDIS_URL,
    chains: CHAINS,
    jobsPerChain: JOBS_PER_CHAIN,
    concurrency: 50,
    sink,
    timeoutMs: 60_000,
  });

  it('the plain BullMQ script runs every job once and POSTs once per chain', async () => {
    const result = await runBullmqBaseline(options());
    expect(result.jobs).toBe(CHAINS * JOBS_PER_CHAIN);
    expect(result.posts).toBe(CHAINS);
    expect(sink.repeats()).toBe(0);
  });

  it('the durable floor records every step and sends every webhook once', async () => {
    const floor = await prepareDurableFloor(SHARED_POSTGRES_URL, CHAINS);
    try {
      // run() also checks the rows: every run completed, a step row per job, a sent message per chain.
      const result = await floor.run(options());
      expect(result.jobs).toBe(CHAINS * JOBS_PER_CHAIN);
      expect(result.posts).toBe(CHAINS);
      expect(sink.repeats()).toBe(0);
      const { rows } = await floor.pool.query<{ output: string; n: number }>(
        `SELECT output, count(*)::int AS n FROM enrollment_steps WHERE seq = 1 GROUP BY output ORDER BY output`,
      );
      expect(rows).toEqual([
        { output: 'else', n: CHAINS / 2 },
        { output: 'vip', n: CHAINS / 2 },
      ]);
    } finally {
      await floor.drop();
    }
  });

  describe('a floor batch', () => {
    let floor: DurableFloor & { enrollmentIds: string[] };
    beforeAll(async () => {
      floor = await prepareDurableFloor(SHARED_POSTGRES_URL, 4);
    });
    afterAll(async () => {
      await floor.drop();
    });

    it('runs a step once, however many of its jobs arrive, and re-points a stale job', async () => {
      const [a, b] = floor.enrollmentIds as [string, string];
      const first = await stepBatch(
        floor.pool,
        [
          { enrollmentId: a, nodeId: 'branch', seq: 1 },
          { enrollmentId: a, nodeId: 'branch', seq: 1 },
          { enrollmentId: b, nodeId: 'branch', seq: 1 },
        ],
        JOBS_PER_CHAIN,
      );
      expect(first.next).toEqual([
        { enrollmentId: a, nodeId: 'wait', seq: 2 },
        { enrollmentId: b, nodeId: 'wait', seq: 2 },
      ]);
      expect(first.outcomes).toEqual([{ send: null }, { send: null }, { send: null }]);
      // The stale job (step 1 again) runs nothing and points at the current step, 2.
      const replay = await stepBatch(
        floor.pool,
        [{ enrollmentId: a, nodeId: 'branch', seq: 1 }],
        JOBS_PER_CHAIN,
      );
      expect(replay.next).toEqual([{ enrollmentId: a, nodeId: 'wait', seq: 2 }]);
      expect(replay.outcomes).toEqual([{ send: null }]);
      const { rows } = await floor.pool.query<{ enrollment_id: string; n: number }>(
        `SELECT enrollment_id::text, count(*)::int AS n FROM enrollment_steps GROUP BY 1 ORDER BY 1`,
      );
      expect(rows).toEqual([a, b].sort().map((id) => ({ enrollment_id: id, n: 1 })));
    });

    it('writes the last step an outbox row once, and a replay sends nothing', async () => {
      const [, , c] = floor.enrollmentIds as [string, string, string];
      const chain = ['branch', 'wait', 'webhook'];
      let sends: (string | null)[] = [];
      for (const [i, nodeId] of chain.entries()) {
        const { outcomes } = await stepBatch(
          floor.pool,
          [{ enrollmentId: c, nodeId, seq: i + 1 }],
          JOBS_PER_CHAIN,
        );
        sends = outcomes.map((o) => o.send);
      }
      expect(sends).toEqual([expect.any(String)]);
      const again = await stepBatch(
        floor.pool,
        [{ enrollmentId: c, nodeId: 'webhook', seq: 3 }],
        JOBS_PER_CHAIN,
      );
      expect(again).toEqual({ outcomes: [{ send: null }], next: [] });
      const { rows } = await floor.pool.query<{ status: string; messages: number }>(
        `SELECT e.status, (SELECT count(*)::int FROM outbox WHERE idempotency_key LIKE $2) AS messages
           FROM enrollments e WHERE e.id = $1`,
        [c, `${c}:%`],
      );
      expect(rows).toEqual([{ status: 'completed', messages: 1 }]);
    });
  });
});
