import type pg from 'pg';
import request from 'supertest';
import { cdnowNdjson, readCdnow } from '../../src/support/cdnow.fixture.js';
import type { RunningSwitchyard } from '../../src/support/switchyard.harness.js';

export interface ScaleOptions {
  /** Distinct customers: CDNOW's 23,570 replicated with id offsets. */
  customerCopies: number;
  /** Event copies per customer copy, each shifted by a week. */
  eventCopies: number;
}

/**
 * Loads CDNOW once through the import API, then replicates it inside Postgres with id
 * offsets (customers) and week shifts (events): 43 x 3 copies give about 1M customers and
 * 9M events; 43 x 4 about 12M.
 */
export async function loadScaledCdnow(
  app: RunningSwitchyard,
  options: ScaleOptions,
): Promise<{ customers: number; events: number }> {
  const orders = readCdnow(Number.MAX_SAFE_INTEGER);
  const res = await request(app.url)
    .post('/api/imports')
    .set('Authorization', `Bearer ${app.apiKey}`)
    .set('Content-Type', 'application/x-ndjson')
    .send(cdnowNdjson(orders));
  if (res.body.status !== 'completed')
    throw new Error(`CDNOW import failed: ${JSON.stringify(res.body).slice(0, 300)}`);
  const db = app.db;
  const ws = (await db.query('SELECT id FROM workspaces LIMIT 1')).rows[0].id as string;
  await db.query(`SET max_parallel_workers_per_gather = 2`);
  await db.query(
    `INSERT INTO customers (workspace_id, external_id, traits, first_seen_at, last_seen_at)
     SELECT c.workspace_id, (c.external_id::bigint + k * 100000)::text, c.traits, c.first_seen_at, c.last_seen_at + ($2::int - 1) * interval '7 days'
     FROM customers c CROSS JOIN generate_series(1, $1::int - 1) AS k
     WHERE c.workspace_id = $3`,
    [options.customerCopies, options.eventCopies, ws],
  );
  await db.query(
    `INSERT INTO events (workspace_id, customer_id, type, name, properties, ts)
     SELECT e.workspace_id, target.id, e.type, e.name, e.properties, e.ts + s * interval '7 days'
     FROM events e
     JOIN customers src ON src.id = e.customer_id
     CROSS JOIN generate_series(0, $1::int - 1) AS k
     JOIN customers target ON target.workspace_id = e.workspace_id
                          AND target.external_id = (src.external_id::bigint + k * 100000)::text
     CROSS JOIN generate_series(0, $2::int - 1) AS s
     WHERE e.workspace_id = $3 AND e.name = 'Order Completed' AND NOT (k = 0 AND s = 0)`,
    [options.customerCopies, options.eventCopies, ws],
  );
  await db.query('ANALYZE customers');
  await db.query('ANALYZE events');
  const customers = Number((await db.query('SELECT count(*) FROM customers')).rows[0].count);
  const events = Number(
    (await db.query(`SELECT count(*) FROM events WHERE name = 'Order Completed'`)).rows[0].count,
  );
  return { customers, events };
}

/** Peak resident memory of a process, in MiB (Linux VmHWM). */
export async function peakMemoryMiB(db: pg.Pool, pid: number): Promise<number> {
  void db;
  const { readFileSync } = await import('node:fs');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}
