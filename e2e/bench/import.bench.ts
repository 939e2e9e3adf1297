/**
 * Import throughput: POST /api/imports (NDJSON over HTTP, validated line by line, COPY,
 * customer upsert, de-duplicated events) against two baselines run in the same process on
 * the same rows:
 *   1. raw COPY of the rows into a bare table (the ceiling of any import);
 *   2. hand-written SQL doing the same work: COPY into staging, upsert customers,
 *      insert events into the real, indexed tables.
 *
 * Usage: npm run bench -- import [copies]   (copies of the CDNOW log with id offsets; default 3)
 */
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import request from 'supertest';
import { readCdnow } from '../src/support/cdnow.fixture.js';
import { startSwitchyard } from '../src/support/switchyard.harness.js';

interface Row {
  userId: string;
  messageId: string;
  ts: string;
  total: number;
  quantity: number;
}

const copies = Number(process.argv[2] ?? 3);
const base = readCdnow(Number.MAX_SAFE_INTEGER);
const rows: Row[] = [];
for (let c = 0; c < copies; c++) {
  for (const o of base) {
    rows.push({
      userId: String(Number(o.customer) + c * 100_000),
      messageId: `bench-${c}-${o.line}`,
      ts: `${o.date}T00:00:00.000Z`,
      total: o.total,
      quantity: o.quantity,
    });
  }
}

const ndjson = rows.map((r) =>
  JSON.stringify({
    type: 'track',
    userId: r.userId,
    event: 'Order Completed',
    properties: { total: r.total, quantity: r.quantity },
    timestamp: r.ts,
    messageId: r.messageId,
  }),
);
const tsv = rows.map(
  (r) =>
    `${r.userId}\tOrder Completed\t${JSON.stringify({ total: r.total, quantity: r.quantity })}\t${r.ts}\t${r.messageId}`,
);

function chunks(lines: string[]): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < lines.length; i += 5000) yield `${lines.slice(i, i + 5000).join('\n')}\n`;
    })(),
  );
}

async function copyInto(client: pg.PoolClient, table: string): Promise<void> {
  await pipeline(
    chunks(tsv),
    client.query(copyFrom(`COPY ${table} (user_id, name, properties, ts, message_id) FROM STDIN`)),
  );
}

async function timed(label: string, fn: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await fn();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `  ${label.padEnd(38)} ${seconds.toFixed(2).padStart(7)} s  ${Math.round(rows.length / seconds)
      .toLocaleString('en-US')
      .padStart(9)} rows/s`,
  );
  return seconds;
}

const app = await startSwitchyard({ env: { LOG_LEVEL: 'error' } });
try {
  console.log(
    `import benchmark: ${rows.length.toLocaleString('en-US')} Order Completed events (${copies} x CDNOW)`,
  );
  const client = await app.db.connect();
  const rawSeconds = await timed('baseline 1: raw COPY, bare table', async () => {
    await client.query(
      'CREATE TABLE bench_raw (user_id text, name text, properties jsonb, ts timestamptz, message_id text)',
    );
    await copyInto(client, 'bench_raw');
  });

  const handSeconds = await timed('baseline 2: hand-written SQL', async () => {
    const ws = (
      await client.query(`INSERT INTO workspaces (name) VALUES ('bench-baseline') RETURNING id`)
    ).rows[0].id as string;
    await client.query('BEGIN');
    await client.query(
      'CREATE TEMP TABLE bench_stage (user_id text, name text, properties jsonb, ts timestamptz, message_id text) ON COMMIT DROP',
    );
    await copyInto(client, 'bench_stage');
    await client.query(
      `INSERT INTO customers (workspace_id, external_id, first_seen_at, last_seen_at)
       SELECT $1, user_id, min(ts), max(ts) FROM bench_stage GROUP BY user_id
       ON CONFLICT (workspace_id, external_id) DO UPDATE
         SET first_seen_at = LEAST(customers.first_seen_at, EXCLUDED.first_seen_at),
             last_seen_at = GREATEST(customers.last_seen_at, EXCLUDED.last_seen_at)`,
      [ws],
    );
    await client.query(
      `INSERT INTO events (workspace_id, customer_id, type, name, properties, ts, message_id)
       SELECT $1, c.id, 'track', s.name, s.properties, s.ts, s.message_id
       FROM bench_stage s JOIN customers c ON c.workspace_id = $1 AND c.external_id = s.user_id
       ORDER BY c.id
       ON CONFLICT (workspace_id, message_id) WHERE message_id IS NOT NULL DO NOTHING`,
      [ws],
    );
    await client.query('COMMIT');
  });
  client.release();

  let report: { status: string; eventsInserted: number } = { status: '', eventsInserted: 0 };
  const apiSeconds = await timed('Switchyard: POST /api/imports', async () => {
    const res = await request(app.url)
      .post('/api/imports')
      .set('Authorization', `Bearer ${app.apiKey}`)
      .set('Content-Type', 'application/x-ndjson')
      .send(`${ndjson.join('\n')}\n`);
    report = res.body;
  });
  if (report.status !== 'completed' || report.eventsInserted !== rows.length)
    throw new Error(`import did not complete: ${JSON.stringify(report).slice(0, 500)}`);

  console.log(`  ratio vs raw COPY:            ${(rawSeconds / apiSeconds).toFixed(2)}`);
  console.log(`  ratio vs hand-written SQL:    ${(handSeconds / apiSeconds).toFixed(2)}`);
} finally {
  await app.stop();
}
