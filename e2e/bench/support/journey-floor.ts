import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { MicroBatcher } from '../../../server/dist/common/micro-batcher.js';
import { appConfigSchema } from '../../../server/dist/config/app-config.schema.js';
import { onAdminConnection } from '../../src/support/switchyard.harness.js';
import {
  type BaselineJobData,
  type BaselineOptions,
  type BaselineResult,
  chainJob,
  chainNode,
  runChains,
} from './journey-baseline.js';

/**
 * The hand-written floor of a durable journey step: the plain BullMQ chains of
 * journey-baseline.ts, plus the least Postgres work that invariants 1 and 5 of DESIGN.md
 * ask of a step, written by hand and group-committed the way the engine batches steps.
 * It is a yardstick, not a proof: an engine doing that work plus what a product needs
 * (foreign keys, indexes for its queries, stats, signatures) should not expect to beat it.
 *
 * Per batch of jobs (up to `STEP_BATCH_SIZE`, two batches at once, as the engine's
 * defaults): BEGIN; lock the enrollments with their customers' tier (one statement);
 * decide each step in JavaScript (a replay is a no-op that re-adds the current step);
 * write the step rows, move the enrollments and insert the webhooks' outbox rows with
 * their idempotency keys (one statement); COMMIT; then add the next jobs (one addBulk).
 * A webhook job then POSTs to the sink and its outbox row is marked sent (one UPDATE per
 * batch of sends).
 *
 * Deliberately generous to the floor: three tables with primary keys and the outbox's
 * unique key only (no foreign keys, no secondary indexes, no timestamps, no audit of
 * the branch's rule, no HMAC signature), enrollments created and analysed before the
 * clock starts, and the branch condition a string comparison.
 */
export interface DurableFloor {
  /** The floor's database, for the CPU meter's backend sampling. */
  pool: pg.Pool;
  run: (options: BaselineOptions) => Promise<BaselineResult>;
  /** Closes the pool and drops the database. */
  drop: () => Promise<void>;
}

/** Batch size and parallel batches: the engine's defaults (STEP_BATCH_SIZE, _PARALLEL). */
const ENGINE_DEFAULTS = appConfigSchema.parse({});
const BATCH = {
  maxSize: ENGINE_DEFAULTS.STEP_BATCH_SIZE,
  maxParallel: ENGINE_DEFAULTS.STEP_BATCH_PARALLEL,
};

const SCHEMA = [
  `CREATE TABLE customers (id bigint PRIMARY KEY, traits jsonb NOT NULL)`,
  `CREATE TABLE enrollments (
     id uuid PRIMARY KEY DEFAULT gen_random_uuid(), customer_id bigint NOT NULL,
     status text NOT NULL, current_node_id text NOT NULL, step_seq int NOT NULL
   ) WITH (fillfactor = 70)`,
  `CREATE TABLE enrollment_steps (
     enrollment_id uuid NOT NULL, seq int NOT NULL, node_id text NOT NULL, output text,
     PRIMARY KEY (enrollment_id, seq))`,
  `CREATE TABLE outbox (
     id bigserial PRIMARY KEY, idempotency_key text NOT NULL UNIQUE, payload jsonb NOT NULL,
     status text NOT NULL DEFAULT 'pending')`,
];

const LOCK = `
  SELECT e.id::text, e.status, e.current_node_id, e.step_seq, c.traits->>'tier' AS tier
    FROM enrollments e JOIN customers c ON c.id = e.customer_id
   WHERE e.id = ANY($1::uuid[])
   ORDER BY e.id
     FOR UPDATE OF e`;

const WRITE = `
  WITH steps AS (
    INSERT INTO enrollment_steps (enrollment_id, seq, node_id, output)
    SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[])
  ), moved AS (
    UPDATE enrollments e SET current_node_id = m.node_id, step_seq = m.seq, status = m.status
      FROM unnest($1::uuid[], $5::text[], $6::int[], $7::text[]) AS m(id, node_id, seq, status)
     WHERE e.id = m.id
  ), sends AS (
    INSERT INTO outbox (idempotency_key, payload)
    SELECT * FROM unnest($8::text[], $9::jsonb[])
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id, idempotency_key
  )
  SELECT id::text, idempotency_key FROM sends`;

interface LockedRow {
  id: string;
  status: string;
  current_node_id: string;
  step_seq: number;
  tier: string | null;
}

/** A job's outcome: the outbox row to deliver, if its step wrote one. */
export type FloorOutcome = { send: string | null };

/** Creates the floor's database with `chains` customers and active enrollments. */
export async function prepareDurableFloor(
  postgresUrl: string,
  chains: number,
): Promise<DurableFloor & { enrollmentIds: string[] }> {
  const name = `sy_floor_${randomBytes(5).toString('hex')}`;
  await onAdminConnection(postgresUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const pool = new pg.Pool({ connectionString: `${postgresUrl}/${name}`, max: 4 });
  const drop = async () => {
    await pool.end();
    await onAdminConnection(postgresUrl, (client) =>
      client.query(`DROP DATABASE IF EXISTS ${name}`),
    );
  };
  try {
    for (const statement of SCHEMA) await pool.query(statement);
    await pool.query(
      `INSERT INTO customers
       SELECT g, jsonb_build_object('tier', CASE WHEN g % 2 = 0 THEN 'vip' ELSE 'regular' END)
         FROM generate_series(1, $1::int) g`,
      [chains],
    );
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO enrollments (customer_id, status, current_node_id, step_seq)
       SELECT g, 'active', $2, 1 FROM generate_series(1, $1::int) g RETURNING id::text`,
      [chains, chainNode(1)],
    );
    await pool.query('ANALYZE');
    return {
      pool,
      enrollmentIds: rows.map((r) => r.id),
      drop,
      run: (options) =>
        runFloor(
          pool,
          options,
          rows.map((r) => r.id),
        ),
    };
  } catch (error) {
    await drop();
    throw error;
  }
}

async function runFloor(
  pool: pg.Pool,
  options: BaselineOptions,
  heads: readonly string[],
): Promise<BaselineResult> {
  const result = await runChainsThroughPostgres(pool, options, heads);
  await verifyFloor(pool, options);
  return result;
}

/** Every enrollment completed, one step row per job, one sent outbox row per chain. */
async function verifyFloor(pool: pg.Pool, options: BaselineOptions): Promise<void> {
  const { rows } = await pool.query<{ completed: number; steps: number; sent: number }>(
    `SELECT (SELECT count(*) FROM enrollments WHERE status = 'completed')::int AS completed,
            (SELECT count(*) FROM enrollment_steps)::int AS steps,
            (SELECT count(*) FROM outbox WHERE status = 'sent')::int AS sent`,
  );
  const found = rows[0];
  const { chains, jobsPerChain } = options;
  if (found?.completed !== chains || found.steps !== chains * jobsPerChain || found.sent !== chains)
    throw new Error(
      `the durable floor's rows are incomplete: ${JSON.stringify(found)} for ${chains} chains of ${jobsPerChain}`,
    );
}

function runChainsThroughPostgres(
  pool: pg.Pool,
  options: BaselineOptions,
  heads: readonly string[],
): Promise<BaselineResult> {
  const last = options.jobsPerChain;
  return runChains({ ...options, heads }, ({ queue, post }) => {
    const steps = new MicroBatcher<BaselineJobData, FloorOutcome>(async (jobs) => {
      const { outcomes, next } = await stepBatch(pool, jobs, last);
      if (next.length > 0) await queue.addBulk(next.map(chainJob));
      return outcomes;
    }, BATCH);
    const sent = new MicroBatcher<string, void>(async (ids) => {
      await pool.query(`UPDATE outbox SET status = 'sent' WHERE id = ANY($1::bigint[])`, [ids]);
      return ids.map(() => undefined);
    }, BATCH);
    return async (job) => {
      const { send } = await steps.submit(job.data);
      if (send === null) return 'step';
      await post(job.data.enrollmentId);
      await sent.submit(send);
      return 'sent';
    };
  });
}

/**
 * One transaction for a batch of steps; the next jobs are the caller's to add after it.
 * Exported for its test (e2e/src/tooling/journey-bench.spec.ts).
 */
export async function stepBatch(
  pool: pg.Pool,
  jobs: readonly BaselineJobData[],
  last: number,
): Promise<{ outcomes: FloorOutcome[]; next: BaselineJobData[] }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const locked = await client.query<LockedRow>(LOCK, [jobs.map((j) => j.enrollmentId)]);
    const byId = new Map(locked.rows.map((row) => [row.id, row]));
    const write = {
      ids: [] as string[],
      seqs: [] as number[],
      nodes: [] as string[],
      outputs: [] as string[],
      nextNodes: [] as string[],
      nextSeqs: [] as number[],
      statuses: [] as string[],
      keys: [] as string[],
      payloads: [] as string[],
    };
    const next: BaselineJobData[] = [];
    const decided = new Set<string>();
    for (const job of jobs) {
      const row = byId.get(job.enrollmentId);
      if (!row || row.status !== 'active') continue;
      // The same run twice in one batch: its first job runs the step.
      if (decided.has(row.id)) continue;
      if (row.current_node_id !== job.nodeId || row.step_seq !== job.seq) {
        // A replay: the step it names is done; make sure the current one has its job.
        next.push({ enrollmentId: row.id, nodeId: row.current_node_id, seq: row.step_seq });
        continue;
      }
      decided.add(row.id);
      const final = job.seq >= last;
      write.ids.push(row.id);
      write.seqs.push(job.seq);
      write.nodes.push(job.nodeId);
      write.outputs.push(job.seq === 1 ? (row.tier === 'vip' ? 'vip' : 'else') : 'next');
      write.nextNodes.push(final ? job.nodeId : chainNode(job.seq + 1));
      write.nextSeqs.push(final ? job.seq : job.seq + 1);
      write.statuses.push(final ? 'completed' : 'active');
      if (final) {
        write.keys.push(`${row.id}:${job.seq}`);
        write.payloads.push(JSON.stringify({ id: row.id }));
      } else next.push({ enrollmentId: row.id, nodeId: chainNode(job.seq + 1), seq: job.seq + 1 });
    }
    const sends = await client.query<{ id: string; idempotency_key: string }>(WRITE, [
      write.ids,
      write.seqs,
      write.nodes,
      write.outputs,
      write.nextNodes,
      write.nextSeqs,
      write.statuses,
      write.keys,
      write.payloads,
    ]);
    await client.query('COMMIT');
    const byKey = new Map(sends.rows.map((r) => [r.idempotency_key, r.id]));
    const outcomes = jobs.map((job): FloorOutcome => ({
      send: byKey.get(`${job.enrollmentId}:${job.seq}`) ?? null,
    }));
    return { outcomes, next };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
