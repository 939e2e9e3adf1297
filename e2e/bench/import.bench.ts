/**
 * Import throughput at scale: POST /api/imports of CDNOW replicated to about 10 million
 * `Order Completed` events (NDJSON over HTTP, streamed from a file: validated line by
 * line, customers upserted, events de-duplicated by message id and COPYed into the
 * events table, in one transaction) against raw COPYs of the very rows it stored, run in
 * the same process on the same database:
 *   1. into `bench_events`, created `LIKE events INCLUDING ALL` (same columns, defaults,
 *      check constraint and all four indexes: primary key, unique (workspace_id,
 *      message_id), (customer_id, name, ts), (workspace_id, name)) plus every foreign key
 *      events has, read from the catalog: the fair baseline (the same rows into an
 *      identical table, customer ids already known);
 *   2. into a bare table of the same columns without indexes or constraints (the floor).
 * The rows are exported from events after the import (not timed) and COPYed from a file.
 * A CHECKPOINT runs before each timed run.
 *
 * Usage: npm run bench -- import [customerCopies=48] [eventCopies=3] [format=ndjson|csv]
 *   48 x 3: 1,131,360 customers, 10,030,896 events (about 1.8 GB of NDJSON).
 *   format=csv sends the same events as CSV rows (import-csv.util.ts) instead.
 */
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { Redis } from 'ioredis';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { startSwitchyard } from '../src/support/switchyard.harness.js';
import { type ImportFormat, postImportFile, writeScaledCdnow } from './support/import-data.js';
import { formatCount, parseBenchArgs } from './support/journey-args.js';
import { CpuMeter, type CpuReport } from './support/journey-cpu.js';
import { peakMemoryMiB } from './support/scale-data.js';

const args = parseBenchArgs(process.argv.slice(2));
const customerCopies = args.positional(0, 48);
const eventCopies = args.positional(1, 3);
const format = args.option('format', 'ndjson');
if (format !== 'ndjson' && format !== 'csv')
  throw new Error(`format must be ndjson or csv, got ${format}`);
const importFormat: ImportFormat = format;
const FORMAT_NAME = importFormat === 'csv' ? 'CSV' : 'NDJSON';
const TARGET_RATIO = 0.7;
const COLUMNS = 'workspace_id, customer_id, type, name, properties, ts, message_id';
const sourceFile = join(tmpdir(), `sy-import-bench-${process.pid}.${importFormat}`);
const rowsFile = join(tmpdir(), `sy-import-bench-${process.pid}.copy`);

function line(label: string, seconds: number, rows: number, cpu: CpuReport): void {
  const perRow = (s: number | null) =>
    s === null ? '' : `${((s * 1e6) / rows).toFixed(1)} µs/row`;
  console.log(
    `  ${label.padEnd(58)} ${seconds.toFixed(1).padStart(7)} s  ${formatCount(rows / seconds).padStart(9)} rows/s   cpu: postgres ${perRow(cpu.postgres)}${cpu.server === null ? '' : `, server ${perRow(cpu.server)}`}, bench ${perRow(cpu.bench)}`,
  );
}

const app = await startSwitchyard({ env: { LOG_LEVEL: 'error' } });
const redis = new Redis(app.redisUrl);
try {
  const generated = await writeScaledCdnow(sourceFile, customerCopies, eventCopies, importFormat);
  console.log(
    `import benchmark: ${formatCount(generated.lines)} Order Completed events of ${formatCount(generated.customers)} customers (CDNOW x ${customerCopies} customers x ${eventCopies} weeks), ${(generated.bytes / 1024 ** 3).toFixed(2)} GiB of ${FORMAT_NAME}; load average ${loadavg()[0]?.toFixed(2)}`,
  );
  const ws = (await app.db.query(`SELECT id FROM workspaces LIMIT 1`)).rows[0].id as string;

  await app.db.query('CHECKPOINT');
  const serverMeter = new CpuMeter(redis, app.db, app.pid);
  await serverMeter.start();
  let started = performance.now();
  const answer = await postImportFile(app.url, app.apiKey, sourceFile, importFormat);
  const importSeconds = (performance.now() - started) / 1000;
  const importCpu = await serverMeter.stop();
  const report = JSON.parse(answer.body) as {
    status: string;
    eventsInserted: number;
    customersUpserted: number;
  };
  if (answer.status !== 201 || report.eventsInserted !== generated.lines)
    throw new Error(`import did not complete: ${answer.status} ${answer.body.slice(0, 500)}`);
  line(
    `Switchyard: POST /api/imports (${FORMAT_NAME} over HTTP)`,
    importSeconds,
    generated.lines,
    importCpu,
  );
  console.log(
    `    ${formatCount(report.customersUpserted)} customers upserted; server peak memory ${(await peakMemoryMiB(app.db, app.pid)).toFixed(0)} MiB`,
  );

  // The very rows the import stored, as COPY text (not timed).
  const exporter = await app.db.connect();
  try {
    await pipeline(
      exporter.query(
        copyTo(`COPY (SELECT ${COLUMNS} FROM events WHERE workspace_id = '${ws}') TO STDOUT`),
      ),
      createWriteStream(rowsFile),
    );
  } finally {
    exporter.release();
  }

  const client = await app.db.connect();
  try {
    await client.query('CREATE TABLE bench_events (LIKE events INCLUDING ALL)');
    const fks = await client.query<{ def: string }>(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE conrelid = 'events'::regclass AND contype = 'f'`,
    );
    for (const fk of fks.rows) await client.query(`ALTER TABLE bench_events ADD ${fk.def}`);
    const indexes = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_index WHERE indrelid = 'bench_events'::regclass`,
    );
    await client.query('CHECKPOINT');
    const meter = new CpuMeter(redis, app.db, null);
    await meter.start();
    started = performance.now();
    await pipeline(
      createReadStream(rowsFile, { highWaterMark: 1 << 20 }),
      client.query(copyFrom(`COPY bench_events (${COLUMNS}) FROM STDIN`)),
    );
    const likeSeconds = (performance.now() - started) / 1000;
    line(
      `baseline: raw COPY into LIKE events (${indexes.rows[0]?.n} indexes, ${fks.rows.length} FK)`,
      likeSeconds,
      generated.lines,
      await meter.stop(),
    );

    await client.query(
      `CREATE TABLE bench_bare (workspace_id uuid, customer_id bigint, type text, name text, properties jsonb, ts timestamptz, message_id text)`,
    );
    await client.query('CHECKPOINT');
    await meter.start();
    started = performance.now();
    await pipeline(
      createReadStream(rowsFile, { highWaterMark: 1 << 20 }),
      client.query(copyFrom(`COPY bench_bare (${COLUMNS}) FROM STDIN`)),
    );
    const bareSeconds = (performance.now() - started) / 1000;
    line(
      'floor: raw COPY into a bare table (no index, no constraint)',
      bareSeconds,
      generated.lines,
      await meter.stop(),
    );

    const ratio = likeSeconds / importSeconds;
    console.log(
      `  ratio vs raw COPY into LIKE events: ${ratio.toFixed(2)} (target ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'}); vs the bare table: ${(bareSeconds / importSeconds).toFixed(2)}`,
    );
    console.log('');
    console.log(
      `| bulk import, ${formatCount(generated.lines)} \`Order Completed\` events of ${formatCount(generated.customers)} customers (CDNOW x ${customerCopies} x ${eventCopies}, ${(generated.bytes / 1024 ** 3).toFixed(1)} GiB ${FORMAT_NAME} over HTTP: validated line by line, customers upserted, events de-duplicated and COPYed, one transaction) | \`npm run bench -- import ${customerCopies} ${eventCopies}${importFormat === 'csv' ? ' format=csv' : ''}\` | ${importSeconds.toFixed(0)} s, ${formatCount(generated.lines / importSeconds)} events/s | raw COPY of the same rows into a table \`LIKE events INCLUDING ALL\` with its foreign keys: ${likeSeconds.toFixed(0)} s; into a bare table: ${bareSeconds.toFixed(0)} s | ${ratio.toFixed(2)} of raw COPY (same indexes), ${(bareSeconds / importSeconds).toFixed(2)} of bare |`,
    );
  } finally {
    client.release();
  }
} finally {
  redis.disconnect();
  await app.stop();
  rmSync(sourceFile, { force: true });
  rmSync(rowsFile, { force: true });
}
