import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { expect } from 'vitest';
import { deliveryProblems, type DeliveryTally, tallyDeliveries } from './delivery-tally.js';
import { emailWaitEmail } from './journey-graphs.js';
import type { ReceivedMail } from './smtp-sink.js';
import { repoRoot, type RunningSwitchyard } from './switchyard.harness.js';

/**
 * The journey the durability tests run (invariants 1 and 5): 5,000 customers enter a
 * segment, get e-mail A, wait 2 s, get e-mail B. Whatever breaks in between, every run
 * must complete once and each customer must receive A once and B once.
 */
export const DURABILITY_CUSTOMERS = 5000;
export const NODE_A = 'email-a';
export const NODE_B = 'email-b';
export const WAIT_NODE = 'wait';
const COHORT = 'durability';

/** Server settings for the runs: lost work comes back within seconds. */
export function durabilityEnv(smtpUrl: string): Record<string, string> {
  return { SMTP_URL: smtpUrl, RECONCILE_SECONDS: '2', STEP_CONCURRENCY: '20' };
}

export interface DurabilityCustomer {
  externalId: string;
  email: string;
}

export function durabilityCustomers(count = DURABILITY_CUSTOMERS): DurabilityCustomer[] {
  return Array.from({ length: count }, (_, i) => {
    const externalId = `dur-${String(i + 1).padStart(5, '0')}`;
    return { externalId, email: `${externalId}@durability.test` };
  });
}

/** Which node sent a message: subjects are "A <externalId>" and "B <externalId>". */
export function nodeOfSubject(message: { subject: string }): string | undefined {
  if (message.subject.startsWith('A ')) return NODE_A;
  if (message.subject.startsWith('B ')) return NODE_B;
  return undefined;
}

export function countNode(messages: readonly ReceivedMail[], node: string): number {
  let n = 0;
  for (const m of messages) if (nodeOfSubject(m) === node) n += 1;
  return n;
}

async function call(
  app: RunningSwitchyard,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${app.apiKey}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  if (res.status >= 300)
    throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 2000)}`);
  return { status: res.status, body: parsed };
}

/** Identifies every customer (an e-mail and the cohort trait) through /v1/batch. */
export async function identifyCustomers(
  app: RunningSwitchyard,
  customers: readonly DurabilityCustomer[],
  chunk = 1000,
): Promise<void> {
  for (let i = 0; i < customers.length; i += chunk) {
    await call(app, 'POST', '/v1/batch', {
      batch: customers.slice(i, i + chunk).map((c) => ({
        type: 'identify',
        userId: c.externalId,
        traits: { email: c.email, cohort: COHORT },
        messageId: `identify-${c.externalId}`,
      })),
    });
  }
  const { rows } = await app.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM customers WHERE traits->>'cohort' = $1`,
    [COHORT],
  );
  if (rows[0]?.n !== customers.length)
    throw new Error(`expected ${customers.length} customers, found ${rows[0]?.n}`);
}

/** The segment everyone matches and the live A → wait → B journey on entering it. */
export async function publishDurabilityJourney(
  app: RunningSwitchyard,
  waitSeconds = 2,
): Promise<{ segmentId: string; journeyId: string }> {
  const segment = await call(app, 'POST', '/api/segments', {
    name: 'Durability cohort',
    rule: { attribute: 'cohort', op: 'eq', value: COHORT },
  });
  const segmentId = (segment.body as { id: string }).id;
  const graph = emailWaitEmail(
    'segment_entered',
    segmentId,
    { subject: 'A {{customer.externalId}}', html: '<p>First, {{customer.externalId}}</p>' },
    { amount: waitSeconds, unit: 'seconds' },
    { subject: 'B {{customer.externalId}}', html: '<p>Second, {{customer.externalId}}</p>' },
    { trigger: 'trigger', first: NODE_A, wait: WAIT_NODE, second: NODE_B },
  );
  const journey = await call(app, 'POST', '/api/journeys', { name: 'Durability', graph });
  const journeyId = (journey.body as { id: string }).id;
  await call(app, 'POST', `/api/journeys/${journeyId}/publish`);
  return { segmentId, journeyId };
}

/**
 * Seeds the customers, publishes the journey and enrolls everyone: the run is under way
 * when this returns. Returns the customers (the expected recipients).
 */
export async function startDurabilityRun(
  app: RunningSwitchyard,
  count = DURABILITY_CUSTOMERS,
): Promise<{ customers: DurabilityCustomer[]; segmentId: string; journeyId: string }> {
  const customers = durabilityCustomers(count);
  await identifyCustomers(app, customers);
  // Let the real-time pass over these identifies finish while no segment exists yet, so
  // the evaluation below is what enrolls everyone.
  await sleep(1500);
  const ids = await publishDurabilityJourney(app);
  await enrollEveryone(app, customers.length);
  return { customers, ...ids };
}

/** Runs the evaluation that moves everyone into the segment; resolves once all are enrolled. */
export async function enrollEveryone(app: RunningSwitchyard, expected: number): Promise<void> {
  await call(app, 'POST', '/api/evaluations', {});
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { rows } = await app.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM enrollments',
    );
    const n = rows[0]?.n ?? 0;
    if (n === expected) return;
    if (n > expected) throw new Error(`${n} enrollments for ${expected} customers`);
    if (Date.now() > deadline) throw new Error(`only ${n} of ${expected} enrolled after 30 s`);
    await sleep(200);
  }
}

/**
 * Waits until between `from` and `to` of the expected A-messages have arrived and returns
 * how many had (the moment to inject a fault). Throws if the run went past `to` first.
 */
export async function waitForMidRun(
  messages: readonly ReceivedMail[],
  total: number,
  { from = 0.2, to = 0.8, timeoutMs = 120_000 } = {},
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const a = countNode(messages, NODE_A);
    if (a >= total * from) {
      if (a > total * to)
        throw new Error(`the run was already past ${to * 100}% (${a} A-mails) before the fault`);
      return a;
    }
    if (Date.now() > deadline)
      throw new Error(`only ${a} of ${total} A-mails after ${timeoutMs / 1000} s`);
    await sleep(20);
  }
}

/** Enrollments per status; undefined while the database does not answer (a restart). */
export async function enrollmentStatuses(db: pg.Pool): Promise<Record<string, number> | undefined> {
  try {
    const { rows } = await db.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM enrollments GROUP BY 1 ORDER BY 1',
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  } catch {
    return undefined;
  }
}

export interface DrainedRun {
  enrollments: Record<string, number>;
  ms: number;
}

/**
 * Polls until no enrollment is active, every outbox row is delivered or failed and the
 * SMTP sink has been quiet for `quietMs` (so late duplicates are caught), logging progress.
 * Fails at once if one of `alive` exits; `processes` are the ones whose logs a failure shows.
 */
export async function waitForRunToDrain(
  db: pg.Pool,
  messages: readonly ReceivedMail[],
  label: string,
  {
    timeoutMs = 420_000,
    quietMs = 5000,
    processes = [] as readonly RunningSwitchyard[],
    alive = [] as readonly RunningSwitchyard[],
  } = {},
): Promise<DrainedRun> {
  const started = Date.now();
  let lastLog = 0;
  let lastCount = -1;
  let lastChange = Date.now();
  for (;;) {
    const statuses = await enrollmentStatuses(db);
    const pending = await pendingOutbox(db);
    if (messages.length !== lastCount) {
      lastCount = messages.length;
      lastChange = Date.now();
    }
    const now = Date.now();
    if (now - lastLog >= 5000) {
      lastLog = now;
      console.log(
        `[${label}] +${((now - started) / 1000).toFixed(0)}s enrollments ${JSON.stringify(
          statuses ?? 'database unavailable',
        )} outbox pending ${pending ?? '?'} mails A=${countNode(messages, NODE_A)} B=${countNode(
          messages,
          NODE_B,
        )}`,
      );
    }
    if (statuses && !statuses.active && pending === 0 && now - lastChange >= quietMs)
      return { enrollments: statuses, ms: now - started };
    const logs = () =>
      processes.map((p) => `--- ${p.role} (pid ${p.pid}) ---\n${tail(p.output(), 40)}`).join('\n');
    const died = alive.find((p) => !p.running());
    if (died)
      throw new Error(`[${label}] the ${died.role} process (pid ${died.pid}) exited\n${logs()}`);
    if (now - started > timeoutMs) {
      throw new Error(
        `[${label}] not drained after ${timeoutMs / 1000} s: enrollments ${JSON.stringify(
          statuses,
        )}, outbox pending ${pending}, mails A=${countNode(messages, NODE_A)} B=${countNode(
          messages,
          NODE_B,
        )}\n${logs()}`,
      );
    }
    await sleep(250);
  }
}

async function pendingOutbox(db: pg.Pool): Promise<number | undefined> {
  try {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`,
    );
    return rows[0]?.n ?? 0;
  } catch {
    return undefined;
  }
}

export interface RunOutcome {
  enrollments: Record<string, number>;
  /** `${node_id}:${status}` → count. */
  steps: Record<string, number>;
  /** `${node_id}:${status}` → count. */
  outbox: Record<string, number>;
  tally: DeliveryTally;
  problems: string[];
  received: { a: number; b: number; total: number };
}

/** Everything the assertions look at, read once after the run drained. */
export async function readOutcome(
  db: pg.Pool,
  messages: readonly ReceivedMail[],
  customers: readonly DurabilityCustomer[],
): Promise<RunOutcome> {
  const grouped = async (sql: string) => {
    const { rows } = await db.query<{ node_id: string; status: string; n: number }>(sql);
    return Object.fromEntries(rows.map((r) => [`${r.node_id}:${r.status}`, r.n]));
  };
  const tally = tallyDeliveries(
    messages,
    [NODE_A, NODE_B],
    customers.map((c) => c.email),
    nodeOfSubject,
  );
  return {
    enrollments: (await enrollmentStatuses(db)) ?? {},
    steps: await grouped(
      'SELECT node_id, status, count(*)::int AS n FROM enrollment_steps GROUP BY 1, 2 ORDER BY 1, 2',
    ),
    outbox: await grouped(
      'SELECT node_id, status, count(*)::int AS n FROM outbox GROUP BY 1, 2 ORDER BY 1, 2',
    ),
    tally,
    problems: [...deliveryProblems(tally), ...mismatchedSubjects(messages)],
    received: {
      a: tally.nodes[NODE_A]?.received ?? 0,
      b: tally.nodes[NODE_B]?.received ?? 0,
      total: messages.length,
    },
  };
}

/**
 * Exactly once: every run completed, three step rows each, both outbox rows sent, and
 * the SMTP server got one A and one B per customer. Soft, so one run reports every miss.
 */
export function expectExactlyOnce(outcome: RunOutcome, total: number): void {
  expect.soft(outcome.problems, 'delivery problems').toEqual([]);
  expect.soft(outcome.received, 'messages received').toEqual({
    a: total,
    b: total,
    total: 2 * total,
  });
  expect.soft(outcome.enrollments, 'enrollments by status').toEqual({ completed: total });
  expect.soft(outcome.steps, 'enrollment steps by node and status').toEqual({
    [`${NODE_A}:completed`]: total,
    [`${NODE_B}:completed`]: total,
    [`${WAIT_NODE}:completed`]: total,
  });
  expect.soft(outcome.outbox, 'outbox rows by node and status').toEqual({
    [`${NODE_A}:sent`]: total,
    [`${NODE_B}:sent`]: total,
  });
}

/** A message whose subject names another customer than its recipient. */
function mismatchedSubjects(messages: readonly ReceivedMail[]): string[] {
  const wrong = messages.filter((m) => {
    const id = m.subject.split(' ')[1];
    return id === undefined || m.to.length !== 1 || m.to[0] !== `${id}@durability.test`;
  });
  return wrong.length === 0
    ? []
    : [
        `${wrong.length} messages whose subject does not match the recipient: ${wrong
          .slice(0, 10)
          .map((m) => `"${m.subject}" to ${m.to.join(',')}`)
          .join(', ')}`,
      ];
}

/**
 * Keeps each process's output (and any `extra` text, by file name) under
 * e2e/artifacts/journey-durability/<test>/ for a post-mortem.
 */
export function saveLogs(
  test: string,
  processes: readonly RunningSwitchyard[],
  extra: Record<string, string> = {},
): void {
  const dir = join(repoRoot, 'e2e', 'artifacts', 'journey-durability', test);
  mkdirSync(dir, { recursive: true });
  processes.forEach((p, i) =>
    writeFileSync(join(dir, `${i + 1}-${p.role.replace(/,/g, '+')}.log`), p.output()),
  );
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
}

function tail(text: string, lines: number): string {
  return text.split('\n').slice(-lines).join('\n');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * The end of every fault scenario: wait for the run to drain, then check that each
 * enrollment completed once and each customer got exactly one A and one B.
 */
export async function expectRunDrainedExactlyOnce(
  label: string,
  run: {
    db: pg.Pool;
    sink: { messages: readonly ReceivedMail[]; aborted: () => number };
    customers: readonly DurabilityCustomer[];
    processes: readonly RunningSwitchyard[];
    alive: readonly RunningSwitchyard[];
  },
): Promise<void> {
  const drained = await waitForRunToDrain(run.db, run.sink.messages, label, {
    processes: run.processes,
    alive: run.alive,
  });
  const outcome = await readOutcome(run.db, run.sink.messages, run.customers);
  console.log(
    `[${label}] drained in ${drained.ms} ms`,
    JSON.stringify({ ...outcome, tally: undefined, aborted: run.sink.aborted() }),
  );
  for (const process of run.alive)
    expect(process.running(), `${process.role} process is still running`).toBe(true);
  expectExactlyOnce(outcome, DURABILITY_CUSTOMERS);
}
