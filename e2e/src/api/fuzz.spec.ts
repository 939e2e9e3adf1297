import { randomInt } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInActions } from '../../../server/dist/actions/built-in/built-in.package.js';
import { apiRoutes } from '../../../server/dist/openapi/api-routes.js';
import type { NodeTypeSpec } from '../support/fuzz/contract-overrides.js';
import {
  DatabaseFingerprint,
  type Fingerprint,
  type FingerprintExclusion,
} from '../support/fuzz/db-fingerprint.js';
import { createFixtures } from '../support/fuzz/fuzz-fixtures.js';
import { sendRaw } from '../support/fuzz/raw-http.js';
import { FuzzRequest } from '../support/fuzz/request.arbitrary.js';
import {
  routeKey,
  routeRequests,
  unroutedRequests,
  type PlanContext,
  type TableRoute,
} from '../support/fuzz/route-plan.js';
import { startSwitchyard, type RunningSwitchyard } from '../support/switchyard.harness.js';

/**
 * Property-based fuzzing of every route of the route table (the `/v1/*` ingest routes
 * included) and of paths no route serves. Requests are generated from the routes' zod
 * schemas: valid bodies, near-valid ones (one thing wrong), broken and hostile ones
 * (wrong types, nulls, huge strings and arrays, deep nesting, NUL bytes and lone
 * surrogates, prototype keys, 1e309 / -0 / 2^63), non-JSON and empty bodies, wrong
 * content types, ids of every kind in the path, query strings from the routes' query
 * schemas and junk ones, odd credentials.
 *
 * Properties (invariant 9):
 * 1. no response is a 5xx (and every request gets an answer);
 * 2. a 4xx writes nothing: a fingerprint of every table (row count and md5 of the rows)
 *    is the same before the request and after it (once the database is quiet).
 *
 * The server runs with ROLE=api: jobs that accepted requests enqueue stay queued, so the
 * request under test is the only thing that can write. Replay a failure with the seed it
 * prints: FUZZ_SEED=<seed> FUZZ_RUNS=<runs> (FUZZ_RUNS: requests per route, default 10; 30 or more for a deeper run).
 */
const SEED = Number(process.env.FUZZ_SEED ?? randomInt(2 ** 31 - 1));
const RUNS = Number(process.env.FUZZ_RUNS ?? 10);

/**
 * The most one request may add to a table as text (its rows as JSON): twice the largest
 * body any route takes (BODY_LIMIT_ADMIN_BYTES, 10 MiB).
 */
const STORED_GROWTH_LIMIT = 21e6;

/** Data that legitimately changes on any request; everything else is compared. */
const exclusions: FingerprintExclusion[] = [
  {
    table: 'api_keys',
    columns: ['last_used_at'],
    reason: 'stamped whenever a key authenticates a request, whatever the answer',
  },
];

/**
 * Writes a 4xx of one route may make, each with its reason: the tables named may change,
 * every other table must not.
 */
const allowedOn4xx: Record<string, { tables: string[]; reason: string }> = {
  'POST /api/imports': {
    tables: ['imports'],
    reason:
      'a refused import keeps its report (status failed, errors per line) for GET /api/imports/:id, named by the Location header of the 400; no customer or event is written',
  },
};

/** Deletes last (groups before their segments), so fixtures serve the other routes first. */
const routes: TableRoute[] = [
  ...(apiRoutes as TableRoute[]).filter((r) => r.method !== 'delete'),
  ...(apiRoutes as TableRoute[]).filter((r) => r.method === 'delete').reverse(),
];

const nodeTypes = builtInActions.actions as unknown as NodeTypeSpec[];

/** Each route's own seed, from the run's seed and its name (stable when routes are added). */
function seedOf(name: string): number {
  let hash = SEED | 0;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 16777619);
  return hash;
}

describe('fuzz every route of the route table', () => {
  let app: RunningSwitchyard;
  let fingerprint: DatabaseFingerprint;
  let ctx: PlanContext;
  const statuses = new Map<string, Map<number, number>>();
  /** Where the time goes: waiting for answers vs fingerprinting the database. */
  const spent = { requests: 0, answerMs: 0, fingerprintMs: 0 };

  beforeAll(async () => {
    console.log(
      `fuzz: seed ${SEED}, ${RUNS} requests per route; replay with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}`,
    );
    app = await startSwitchyard({ role: 'api' });
    const fixtures = await createFixtures(app);
    fingerprint = await DatabaseFingerprint.create(app.db, exclusions);
    ctx = { apiKey: app.apiKey, fixtures, nodeTypes };
  });
  afterAll(async () => {
    const lines = [...statuses].map(
      ([route, counts]) =>
        `${route.padEnd(56)} ${[...counts]
          .sort(([a], [b]) => a - b)
          .map(([status, n]) => `${status}×${n}`)
          .join(' ')}`,
    );
    if (lines.length) console.log(`fuzz: answers per route (seed ${SEED})\n${lines.join('\n')}`);
    console.log(
      `fuzz: ${spent.requests} requests, ${Math.round(spent.answerMs / 1000)} s waiting for answers, ${Math.round(spent.fingerprintMs / 1000)} s fingerprinting`,
    );
    await app?.stop();
  });

  /**
   * The settled fingerprint after the previous request of the same property: nothing
   * else writes in between (ROLE=api), so it is the state before the next one.
   */
  let settled: Fingerprint | undefined;

  /**
   * Set once a request blew a table up: every fingerprint after it would take seconds, so
   * every check after it (fast-check's shrinking included) fails at once with this error.
   */
  let blownUp: Error | undefined;

  /** Sends one request and checks both properties; the error names the route. */
  const check = async (req: FuzzRequest): Promise<number> => {
    if (blownUp) throw blownUp;
    const logFrom = app.output().length;
    let started = Date.now();
    const before = settled ?? (await fingerprint.take());
    settled = undefined;
    spent.fingerprintMs += Date.now() - started;
    started = Date.now();
    let status: number;
    let body: string;
    try {
      const res = await sendRaw(app.url, req.method, req.path, req.headers, req.body);
      status = res.status;
      body = res.body;
    } catch (error) {
      throw new Error(`${req.route}: no answer (${(error as Error).message})`, { cause: error });
    }
    spent.answerMs += Date.now() - started;
    spent.requests++;
    started = Date.now();
    const after = await fingerprint.settled();
    spent.fingerprintMs += Date.now() - started;
    settled = after;
    // A body must not become a blown-up row: 5e-324 written out in full made 65 MB rows
    // of a 1.4 MB body, and every fingerprint after it took a second.
    const growth = DatabaseFingerprint.largestGrowth(before, after);
    if (growth.characters > STORED_GROWTH_LIMIT) {
      blownUp = new Error(
        `${req.route} answered ${status} and ${growth.table} grew by ${Math.round(growth.characters / 1e6)} MB as text (a request may add at most ${STORED_GROWTH_LIMIT / 1e6} MB); the checks after it were not run`,
      );
      throw blownUp;
    }
    const counts = statuses.get(req.route) ?? new Map<number, number>();
    counts.set(status, (counts.get(status) ?? 0) + 1);
    statuses.set(req.route, counts);
    if (status >= 500)
      throw new Error(
        `${req.route} answered ${status}: ${body.slice(0, 500)}\nserver log:\n${app
          .output()
          .slice(logFrom)
          .slice(-3_000)}`,
      );
    if (status >= 400) {
      const allowed = allowedOn4xx[req.route]?.tables ?? [];
      const changed = DatabaseFingerprint.diff(before, after).filter(
        (table) => !allowed.some((name) => table.startsWith(`${name} (`)),
      );
      if (changed.length > 0)
        throw new Error(
          `${req.route} answered ${status} but wrote to ${changed.join(', ')}: ${body.slice(0, 500)}`,
        );
    }
    return status;
  };

  const run = async (name: string, arbitrary: fc.Arbitrary<FuzzRequest>, seed: number) => {
    const property = fc.asyncProperty(fc.limitShrink(arbitrary, 200), async (req) => {
      await check(req);
    });
    settled = undefined;
    try {
      await fc.assert(property, {
        seed,
        numRuns: RUNS,
      });
    } catch (error) {
      (error as Error).message =
        `${name} (replay: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} npx vitest run e2e/src/api/fuzz.spec.ts -t '${name}:')\n` +
        (error as Error).message;
      throw error;
    }
  };

  routes.forEach((route) => {
    const name = routeKey(route);
    it(`${name}: no 5xx, and a 4xx writes nothing`, async () => {
      await run(name, routeRequests(route, ctx), seedOf(name));
    });
  });

  /** Requests this test once shrank to, kept as fixed cases (the fix of each is named). */
  it('regressions: what fuzzing found answers as expected, and a 4xx writes nothing', async () => {
    const group = ctx.fixtures.pools['segment-groups']![0]!;
    const send = (route: string, path: string, body?: unknown) => {
      const [method] = route.split(' ');
      const bytes = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const headers: Record<string, string> = { Authorization: `Bearer ${app.apiKey}` };
      if (bytes) headers['Content-Type'] = 'application/json';
      return check(new FuzzRequest(route, method!, path, headers, bytes, 'regression', ''));
    };
    const importBody = (query: string, body: Buffer) =>
      check(
        new FuzzRequest(
          'POST /api/imports',
          'POST',
          `/api/imports${query}`,
          { Authorization: `Bearer ${app.apiKey}`, 'Content-Type': 'application/x-ndjson' },
          body,
          'regression',
          '',
        ),
      );
    const identify = JSON.stringify({ type: 'identify', userId: 'fz-rx', traits: { plan: 'pro' } });
    const nulLines = Buffer.from(`${identify}\nnul\u0000here\n`, 'utf8');
    let deep: unknown = { attribute: 'plan', op: 'exists' };
    for (let i = 0; i < 1_000; i++) deep = { not: deep };
    const counted = (window: unknown) => ({
      rule: { event: 'Order Completed', aggregate: { fn: 'count' }, op: 'gte', value: 1, window },
    });
    const getWithBody = async (times: number) => {
      const answered: number[] = [];
      for (let i = 0; i < times; i++)
        answered.push(
          await check(
            new FuzzRequest(
              'GET /api/docs',
              'GET',
              '/api/docs?&limit=1&limit=2',
              {
                Authorization: `Basic ${Buffer.from(`${app.apiKey}:`).toString('base64')}`,
                'Content-Type': 'application/json',
              },
              Buffer.from(JSON.stringify(Array.from({ length: 10_001 }, () => 10 ** 29))),
              'regression',
              '',
            ),
          ),
        );
      return [...new Set(answered)];
    };
    const answers = {
      // StorableInputPipe: NUL in text, in a path parameter, and nesting beyond 128 levels.
      nulInName: await send('PATCH /api/segment-groups/{id}', `/api/segment-groups/${group}`, {
        name: 'a\u0000b',
      }),
      nulInPath: await send('GET /api/customers/{id}', '/api/customers/%00'),
      deepRule: await send('POST /api/segments', '/api/segments', { name: 'Deep', rule: deep }),
      // Contracts: bucket indexes 0-50, days 0-36500, no year 0.
      bucketBeyondInteger: await send('POST /api/audiences', '/api/audiences', {
        name: 'Movers',
        movement: { groupId: group, from: '2024-01-01', to: '2024-02-01', toBuckets: [2 ** 32] },
      }),
      daysBeyondInteger: await send('POST /api/segments/preview', '/api/segments/preview', {
        rule: { attribute: 'signup', op: 'withinLastDays', value: Number.MAX_SAFE_INTEGER },
      }),
      yearZeroWindow: await send(
        'POST /api/segments/preview',
        '/api/segments/preview',
        counted({ from: '0000-01-01', to: '0000-01-02' }),
      ),
      yearZeroBackfill: await send(
        'POST /api/segment-groups/{id}/backfill',
        `/api/segment-groups/${group}/backfill`,
        { from: '0000-01-01', to: '0000-01-03', every: 'day' },
      ),
      // Rule compiler: a count naming a property left an unused, untyped parameter.
      countWithProperty: await send('POST /api/segments', '/api/segments', {
        name: 'Counted',
        rule: {
          event: 'Order Completed',
          aggregate: { fn: 'count', property: 'total' },
          op: 'gte',
          value: 1,
        },
      }),
      evaluateAll: await send('POST /api/evaluations', '/api/evaluations', {}),
      // Import reports: V8's parse message quoted a NUL, or half of a surrogate pair (a line
      // starting with an emoji), which jsonb refuses: 500, and the import stayed running.
      importNulLine: await importBody('', nulLines),
      importNulLineSkipped: await importBody('?skipInvalid=true', nulLines),
      importHalfPair: await importBody('', Buffer.from('😀 is not JSON\n', 'utf8')),
      // A lone surrogate as a client's encoder writes it (bytes ED A0 80): read as U+FFFD.
      importLoneSurrogate: await importBody(
        '',
        Buffer.concat([Buffer.from('x'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(' y\n')]),
      ),
      // A body on a GET, which Fastify does not read: the connection closed with it unread
      // and was reset under the answer (body-limits.hook.ts now reads it to its end first).
      // Five times: a race; without the fix one run of these five in three failed here.
      getWithBody: await getWithBody(5),
    };
    expect(answers).toEqual({
      getWithBody: [200],
      nulInName: 400,
      nulInPath: 400,
      deepRule: 400,
      bucketBeyondInteger: 400,
      daysBeyondInteger: 400,
      yearZeroWindow: 400,
      yearZeroBackfill: 400,
      countWithProperty: 201,
      evaluateAll: 200,
      importNulLine: 400,
      importNulLineSkipped: 201,
      importHalfPair: 400,
      importLoneSurrogate: 400,
    });
    // Each of those imports ended (none left running), in the order they were sent.
    const { rows } = await app.db.query<{ status: string }>(
      `SELECT status FROM imports ORDER BY started_at DESC LIMIT 4`,
    );
    expect(rows.map((row) => row.status).reverse()).toEqual([
      'failed',
      'completed',
      'failed',
      'failed',
    ]);
  });

  it('unrouted: paths no route serves: no 5xx, and a 4xx writes nothing', async () => {
    await run('unrouted', unroutedRequests(routes, app.apiKey), seedOf('unrouted'));
  });

  it('reached the handlers: valid requests were accepted, and the server is still up', async () => {
    let accepted = 0;
    let total = 0;
    for (const counts of statuses.values())
      for (const [status, n] of counts) {
        total += n;
        if (status < 300) accepted += n;
      }
    expect(total).toBeGreaterThan(0);
    expect(accepted / total).toBeGreaterThan(0.1);
    const ready = await sendRaw(app.url, 'GET', '/health/ready', {}, undefined);
    expect(ready.status).toBe(200);
  });
});
