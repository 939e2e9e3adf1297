import type { ImportReport } from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestDatabase } from '../ingest/ingest-database.testing.js';
import { CHUNK_LINES, ImportStreamService } from './import-stream.service.js';
import { ImportsRepository } from './imports.repository.js';

/** NDJSON in pieces of ~64 KB, as a request body arrives. */
async function* body(lines: string[]): AsyncGenerator<string> {
  let piece = '';
  for (const line of lines) {
    piece += `${line}\n`;
    if (piece.length > 65_536) {
      yield piece;
      piece = '';
    }
  }
  if (piece) yield piece;
}

const track = (userId: string, messageId: string, timestamp: string, total = 1) =>
  JSON.stringify({
    type: 'track',
    userId,
    event: 'Order Completed',
    messageId,
    timestamp,
    properties: { total, note: 'tab\there "quoted" back\\slash' },
  });

describe('imports on real Postgres (chunks COPYed straight into events)', () => {
  let database: IngestDatabase;
  let importer: ImportStreamService;
  const count = async (sql: string, params: unknown[]) =>
    Number(((await database.db.query(sql, params)) as { n: string }[])[0]?.n);

  beforeAll(async () => {
    database = await IngestDatabase.create();
    importer = new ImportStreamService(database.db, new ImportsRepository(database.db));
  });
  afterAll(() => database.drop());

  it('stores customers and events, skips repeated ids, merges traits in time order', async () => {
    const ws = await database.workspace();
    const lines = [
      JSON.stringify({
        type: 'identify',
        userId: 'ada',
        traits: { plan: 'pro' },
        timestamp: '2020-02-01T00:00:00Z',
        messageId: 'i-1',
      }),
      JSON.stringify({
        type: 'identify',
        userId: 'ada',
        traits: { plan: 'free', city: 'Oslo' },
        timestamp: '2020-01-01T00:00:00Z',
        messageId: 'i-2',
      }),
      track('ada', 't-1', '2020-03-01T00:00:00Z'),
      '',
      track('bob', 't-2', '2019-05-01T00:00:00Z'),
      // A repeat with a later time: skipped, and bob's last seen stays.
      track('bob', 't-2', '2021-05-01T00:00:00Z', 99),
    ];
    const result = await importer.run(ws, body(lines), { skipInvalid: false });
    expect(result.outcome).toBe('completed');
    expect(result.report).toMatchObject({
      status: 'completed',
      linesRead: 6,
      customersUpserted: 2,
      eventsInserted: 4,
      duplicatesSkipped: 1,
      invalidLines: 0,
    });
    expect(
      await database.db.query(
        `SELECT external_id, traits, last_seen_at::text AS last FROM customers WHERE workspace_id = $1 ORDER BY 1`,
        [ws],
      ),
    ).toEqual([
      { external_id: 'ada', traits: { plan: 'pro', city: 'Oslo' }, last: '2020-03-01 00:00:00+00' },
      { external_id: 'bob', traits: {}, last: '2019-05-01 00:00:00+00' },
    ]);
    // COPY text escaping keeps tabs, quotes and backslashes.
    const stored: { properties: { note: string } }[] = await database.db.query(
      `SELECT properties FROM events WHERE workspace_id = $1 AND message_id = 't-1'`,
      [ws],
    );
    expect(stored[0]?.properties.note).toBe('tab\there "quoted" back\\slash');
  });

  it('finds a repeat across chunks, and a second run of the same file stores nothing', async () => {
    const ws = await database.workspace();
    const lines = Array.from({ length: CHUNK_LINES + 5000 }, (_, i) =>
      track(`c${i % 7000}`, `m-${i}`, '2020-01-01T00:00:00Z'),
    );
    // Line CHUNK_LINES + 100 repeats the id of line 11 (in the first chunk), later in time.
    lines[CHUNK_LINES + 99] = track('late', 'm-10', '2030-01-01T00:00:00Z');
    const first = await importer.run(ws, body(lines), { skipInvalid: false });
    expect(first.report).toMatchObject({
      status: 'completed',
      eventsInserted: lines.length - 1,
      duplicatesSkipped: 1,
      customersUpserted: 7000,
    });
    expect(await count(`SELECT count(*) AS n FROM customers WHERE external_id = 'late'`, [])).toBe(
      0,
    );

    const again = await importer.run(ws, body(lines), { skipInvalid: false });
    expect(again.report).toMatchObject({
      status: 'completed',
      eventsInserted: 0,
      duplicatesSkipped: lines.length,
      customersUpserted: 0,
    });
    expect(await count(`SELECT count(*) AS n FROM events WHERE workspace_id = $1`, [ws])).toBe(
      lines.length - 1,
    );
  });

  it('an invalid line after a written chunk rolls the whole import back', async () => {
    const ws = await database.workspace();
    const lines = Array.from({ length: CHUNK_LINES + 10 }, (_, i) =>
      track(`r${i}`, `r-${i}`, '2020-01-01T00:00:00Z'),
    );
    lines.push('{"type":"track","userId":"x"}');
    const result = await importer.run(ws, body(lines), { skipInvalid: false });
    expect(result.outcome).toBe('rejected');
    expect(result.report.errors[0]).toMatchObject({ line: lines.length, field: 'event' });
    expect(await count(`SELECT count(*) AS n FROM events WHERE workspace_id = $1`, [ws])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM customers WHERE workspace_id = $1`, [ws])).toBe(
      0,
    );

    const skipping = await importer.run(ws, body(lines), { skipInvalid: true });
    expect(skipping.report).toMatchObject({
      status: 'completed',
      invalidLines: 1,
      eventsInserted: CHUNK_LINES + 10,
    });
  });

  it('stores reports quoting a NUL or half a surrogate pair, with U+FFFD in their place', async () => {
    const ws = await database.workspace();
    const lines = [
      track('ada', 'u-1', '2020-01-01T00:00:00Z'),
      'nul\u0000here',
      // V8's message quotes the first UTF-16 unit: half of the emoji's surrogate pair.
      '😀 is not JSON',
      JSON.stringify({ type: 'track', userId: 'ada', event: 'E', properties: { 'a\u0000b': 1 } }),
    ];
    const refused = await importer.run(ws, body(lines), { skipInvalid: false });
    expect(refused.outcome).toBe('rejected');
    expect(refused.report).toMatchObject({ status: 'failed', invalidLines: 1 });
    expect(refused.report.errors).toEqual([
      { line: 2, field: '(line)', message: expect.stringContaining('"nul\uFFFDhere"') },
    ]);

    const skipping = await importer.run(ws, body(lines), { skipInvalid: true });
    expect(skipping.report).toMatchObject({
      status: 'completed',
      invalidLines: 3,
      eventsInserted: 1,
    });
    const [nul, emoji, key] = skipping.report.errors;
    expect(nul?.message).toContain('"nul\uFFFDhere"');
    // The lone half is replaced; the whole pair in the quoted line is kept.
    expect(emoji?.message).toContain("'\uFFFD'");
    expect(emoji?.message).toContain('"😀 is not JSON"');
    expect(key?.field).toContain('a\uFFFDb');
    const stored: { report: ImportReport['errors'] }[] = await database.db.query(
      `SELECT errors AS report FROM imports WHERE id = $1`,
      [skipping.report.id],
    );
    expect(stored[0]?.report).toEqual(skipping.report.errors);
  });

  it('marks an import failed whatever it failed on, never leaves it running', async () => {
    const ws = await database.workspace();
    class LostCommit extends ImportsRepository {
      override complete(): Promise<ImportReport> {
        return Promise.reject(new Error('connection lost'));
      }
    }
    const losing = new ImportStreamService(database.db, new LostCommit(database.db));
    await expect(
      losing.run(ws, body([track('ada', 'l-1', '2020-01-01T00:00:00Z')]), { skipInvalid: false }),
    ).rejects.toThrow('connection lost');
    expect(
      await database.db.query(`SELECT status, errors FROM imports WHERE workspace_id = $1`, [ws]),
    ).toEqual([
      {
        status: 'failed',
        errors: [{ line: 2, field: '(body)', message: 'internal error; nothing was written' }],
      },
    ]);
    expect(await count(`SELECT count(*) AS n FROM events WHERE workspace_id = $1`, [ws])).toBe(0);
  });

  it('marks an import failed with a plain error when its report is refused', async () => {
    const ws = await database.workspace();
    let refusals = 1;
    // The first write of a failed status is refused, as Postgres refuses an unstorable report.
    const refusing = new Proxy(database.db, {
      get(target, property) {
        if (property !== 'query') return Reflect.get(target, property, target) as unknown;
        return (sql: string, parameters?: unknown[]) =>
          sql.includes(`status = 'failed'`) && refusals-- > 0
            ? Promise.reject(new Error('invalid input syntax for type json'))
            : target.query(sql, parameters);
      },
    }) as DataSource;
    const refusingImporter = new ImportStreamService(database.db, new ImportsRepository(refusing));
    const result = await refusingImporter.run(ws, body(['not json']), { skipInvalid: false });
    expect(result.outcome).toBe('rejected');
    expect(result.report).toMatchObject({ status: 'failed', linesRead: 1, invalidLines: 1 });
    expect(result.report.errors).toEqual([
      {
        line: 2,
        field: '(body)',
        message: 'the import failed and its report could not be stored; nothing was written',
      },
    ]);
  });
});
