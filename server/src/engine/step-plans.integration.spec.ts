import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigratedDatabase, dropDatabase } from '../database/test-database.testing.js';
import { RuleQueryBuilder } from '../segments/compiler/rule-compiler.js';
import { LOCK_ENROLLMENTS_SQL } from './enrollment-lock.sql.js';

/**
 * The plans of a step batch's reads on tables just filled, as a benchmark or a large
 * first import leaves them before autovacuum has analysed anything: without statistics
 * the planner takes `workspace_id = $1` for a selective filter and a table for small. The
 * batch must still read its rows by key, not scan a workspace's customers or every step
 * row per batch (which cost 4-7 ms a batch at 30,000 enrollments and grew with the table).
 */
const CUSTOMERS = 5_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function flatten(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(flatten)];
}

/** The relations a plan reads, as "<node type> <relation> [<index>]". */
function scans(plan: PlanNode): string[] {
  return flatten(plan)
    .filter((n) => n['Relation Name'])
    .map(
      (n) =>
        `${n['Node Type']} ${n['Relation Name']}${n['Index Name'] ? ` ${n['Index Name']}` : ''}`,
    );
}

describe('step batch plans on tables without statistics (Postgres)', () => {
  let database: string;
  let db: DataSource;
  let workspace: string;
  let customerIds: string[];
  let enrollmentIds: string[];

  const q = <T>(sql: string, params: unknown[] = []): Promise<T[]> => db.query<T[]>(sql, params);
  const explain = async (sql: string, params: unknown[]): Promise<PlanNode> => {
    const [row] = await q<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
      `EXPLAIN (FORMAT JSON) ${sql}`,
      params,
    );
    const plan = row?.['QUERY PLAN'][0]?.Plan;
    if (!plan) throw new Error('no plan');
    return plan;
  };

  beforeAll(async () => {
    ({ name: database, db } = await createMigratedDatabase('plans', 2));
    // No ANALYZE, here or by autovacuum: the statistics stay those of empty tables.
    for (const table of ['customers', 'enrollments', 'enrollment_steps', 'journeys'])
      await q(`ALTER TABLE ${table} SET (autovacuum_enabled = false)`);

    [{ id: workspace }] = (await q<{ id: string }>(
      `INSERT INTO workspaces (name) VALUES ('plans') RETURNING id`,
    )) as [{ id: string }];
    await q(
      `INSERT INTO customers (workspace_id, external_id, traits, first_seen_at, last_seen_at)
       SELECT $1, 'c' || i, jsonb_build_object('vip', i % 2 = 0), now() - interval '1 day', now()
         FROM generate_series(1, $2::int) AS i`,
      [workspace, CUSTOMERS],
    );
    const [journey] = await q<{ id: string }>(
      `INSERT INTO journeys (workspace_id, name, status, draft_graph)
       VALUES ($1, 'j', 'live', '{"nodes":[],"edges":[]}') RETURNING id`,
      [workspace],
    );
    const [version] = await q<{ id: string }>(
      `INSERT INTO journey_versions (journey_id, workspace_id, version, graph, trigger, trigger_kind, entry_node_id)
       VALUES ($1, $2, 1, '{"nodes":[],"edges":[]}', '{}', 'event', 'branch') RETURNING id`,
      [journey?.id, workspace],
    );
    // Every enrollment at its third step, with two step rows behind it.
    await q(
      `INSERT INTO enrollments (workspace_id, journey_id, version_id, customer_id, status, current_node_id, entry_key, step_seq)
       SELECT $1, $2, $3, c.id, 'active', 'hook', c.external_id, 3 FROM customers c`,
      [workspace, journey?.id, version?.id],
    );
    await q(
      `INSERT INTO enrollment_steps (enrollment_id, seq, node_id, node_type, status, finished_at)
       SELECT e.id, s.seq, 'node-' || s.seq, 'wait', 'completed', now()
         FROM enrollments e CROSS JOIN generate_series(1, 2) AS s(seq)`,
    );
    const sample = await q<{ id: string; customer_id: string }>(
      `SELECT id, customer_id::text FROM enrollments ORDER BY random() LIMIT 100`,
    );
    enrollmentIds = sample.map((r) => r.id);
    customerIds = sample.map((r) => r.customer_id);
  }, 120_000);

  afterAll(() => dropDatabase(database, db));

  // (The enrollments themselves may be scanned while their table is small: the planner's
  // cost model, not missing statistics, and cheap at that size.)
  it('locks a batch of enrollments and reads their step rows by key', async () => {
    const plan = await explain(LOCK_ENROLLMENTS_SQL, [enrollmentIds]);
    const read = scans(plan);
    expect(read.filter((s) => s.includes('enrollment_steps'))).toEqual([
      'Index Scan enrollment_steps enrollment_steps_visit',
    ]);
    // And the rows come back as the batch expects them.
    const rows = await q<{ id: string; step_status: string | null }>(
      `${LOCK_ENROLLMENTS_SQL.replace('FOR UPDATE OF e', '')}`,
      [enrollmentIds],
    );
    expect(rows).toHaveLength(enrollmentIds.length);
    expect(rows.every((r) => r.step_status === null)).toBe(true);
  });

  it("checks a branch's rule for a batch's customers through the primary key", async () => {
    const builder = new RuleQueryBuilder(workspace, new Date());
    const where = builder.expression({ attribute: 'vip', op: 'eq', value: true });
    const query = builder.build('c.id', { where, customerIds });
    const read = scans(await explain(query.sql, [...query.params]));
    expect(read.filter((s) => s.includes('customers'))).toEqual([
      'Index Scan customers customers_pkey',
    ]);
    const matched = await q<{ id: string }>(query.sql, [...query.params]);
    const vips = await q<{ id: string }>(
      `SELECT id::text AS id FROM customers WHERE id = ANY($1::bigint[]) AND traits->>'vip' = 'true'`,
      [customerIds],
    );
    expect(matched.map((r) => String(r.id)).sort()).toEqual(vips.map((r) => r.id).sort());
    expect(vips.length).toBeGreaterThan(0);
  });
});
