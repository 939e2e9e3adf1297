import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostgresCluster, startPostgresCluster } from '../support/postgres-cluster.js';
import { type RedisInstance, startRedis } from '../support/redis-instance.js';
import { type RunningSwitchyard, startSwitchyard } from '../support/switchyard.harness.js';
import { Teardown } from '../support/teardown.js';

/** One /v1/batch request of the continuous sender and how it was answered. */
interface Sent {
  ids: string[];
  at: number;
  ms: number;
  /** HTTP status; -1 for a network error. */
  status: number;
  retryAfter: string | null;
}

const CLIENTS = 4;
const MESSAGES_PER_REQUEST = 20;
const OUTAGE_MS = 30_000;
const INGEST_TIMEOUT_MS = 10_000;

/**
 * Clients that keep sending /v1/batch (unique message ids, no retries: every answer is
 * recorded as it came) until `stop` resolves.
 */
function startSending(app: RunningSwitchyard): { sent: Sent[]; stop: () => Promise<void> } {
  const sent: Sent[] = [];
  let running = true;
  let seq = 0;
  const client = async (c: number) => {
    while (running) {
      const n = seq++;
      const ids = Array.from({ length: MESSAGES_PER_REQUEST }, (_, i) => `pg-${c}-${n}-${i}`);
      const at = Date.now();
      let status: number;
      let retryAfter: string | null = null;
      try {
        const res = await fetch(`${app.url}/v1/batch`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${app.apiKey}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            batch: ids.map((messageId, i) => ({
              type: 'track',
              userId: `pg-user-${(n * MESSAGES_PER_REQUEST + i) % 500}`,
              event: 'Order Completed',
              messageId,
              properties: { total: i },
            })),
          }),
          signal: AbortSignal.timeout(INGEST_TIMEOUT_MS + 10_000),
        });
        await res.arrayBuffer();
        status = res.status;
        retryAfter = res.headers.get('retry-after');
      } catch {
        status = -1;
      }
      sent.push({ ids, at, ms: Date.now() - at, status, retryAfter });
      // Clients back off a little on 503s, as SDKs do (not per Retry-After: keep probing).
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
  };
  const loops = Array.from({ length: CLIENTS }, (_, c) => client(c));
  return {
    sent,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/**
 * PostgreSQL stopped for 30 s under continuous ingest (its own cluster, so no other test
 * sees it): clients get 503 with Retry-After, never a 500 and never a hang beyond the
 * request time limit; every event that got a 2xx is stored exactly once afterwards; and
 * ingest recovers by itself once Postgres is back.
 */
describe('ingest faults: PostgreSQL stopped for 30 s', () => {
  const teardown = new Teardown();
  let cluster: PostgresCluster;
  let redis: RedisInstance;
  let app: RunningSwitchyard;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    teardown.add('postgres cluster', () => cluster.stop());
    redis = await startRedis();
    teardown.add('redis-server', () => redis.stop());
    app = await startSwitchyard({
      databaseUrl: `${cluster.serverUrl}/switchyard_ingest_faults`,
      redisUrl: redis.url,
      env: { INGEST_TIMEOUT_MS: String(INGEST_TIMEOUT_MS), RATE_LIMIT_INGEST_PER_SECOND: '0' },
    });
    teardown.add('server', () => app.stop());
  }, 240_000);
  afterAll(() => teardown.run());

  it('503 with Retry-After while it is down, every 2xx stored once, recovery without help', async () => {
    const sender = startSending(app);
    await new Promise((r) => setTimeout(r, 3000));
    const stopAsked = Date.now();
    await cluster.stopServer();
    // The outage starts once Postgres is down (a fast shutdown still takes a moment).
    const stoppedAt = Date.now();
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    // The outage ends when the restart is asked for: Postgres takes connections a moment
    // before startAgain() returns, and a request in that moment is rightly stored.
    const restartAsked = Date.now();
    const restart = await cluster.startAgain();
    const restartedAt = Date.now();
    // Recovery: keep sending until 2xx answers are back for a while.
    const recovered = await new Promise<number>((resolve, reject) => {
      const deadline = restartedAt + 60_000;
      const check = setInterval(() => {
        const firstOk = sender.sent.find((s) => s.at >= restartedAt && s.status === 200);
        if (firstOk && Date.now() > firstOk.at + 3000) {
          clearInterval(check);
          resolve(firstOk.at - restartedAt);
        } else if (Date.now() > deadline) {
          clearInterval(check);
          reject(new Error('ingest did not recover within 60 s of the restart'));
        }
      }, 200);
    });
    await sender.stop();

    const sent = sender.sent;
    const byStatus = new Map<number, number>();
    for (const s of sent) byStatus.set(s.status, (byStatus.get(s.status) ?? 0) + 1);
    const during = sent.filter((s) => s.at > stoppedAt + 1000 && s.at + s.ms < restartAsked);
    console.log(
      `[ingest-faults] ${sent.length} requests: ${JSON.stringify(Object.fromEntries(byStatus))}; ` +
        `${during.length} during the outage; Postgres back in ${restart.ms} ms, first 200 ${recovered} ms later`,
    );

    // Only 2xx and 503, and every 503 says when to retry. (Else: the errors the server logged.)
    if ([...byStatus.keys()].some((status) => status !== 200 && status !== 503)) {
      const lines = app.output().split('\n');
      // Logs are pino JSON lines: errors are level 50 (60: fatal).
      const errors = lines.flatMap((line, i) =>
        /"level":(50|60)\b|ERROR/.test(line) ? lines.slice(i, i + 12) : [],
      );
      console.log(`[ingest-faults] server errors:\n${errors.slice(0, 120).join('\n')}`);
    }
    expect([...byStatus.keys()].sort()).toEqual([200, 503]);
    for (const s of sent.filter((x) => x.status === 503))
      expect(Number(s.retryAfter), 'Retry-After of a 503').toBeGreaterThanOrEqual(1);
    // During the outage everything was refused, and quickly: no request hung.
    expect(during.length).toBeGreaterThan(20);
    expect(
      during
        .filter((s) => s.status !== 503)
        .map((s) => ({ status: s.status, sentAfterStopMs: s.at - stoppedAt, ms: s.ms })),
    ).toEqual([]);
    expect(Math.max(...sent.map((s) => s.ms))).toBeLessThan(INGEST_TIMEOUT_MS + 2000);
    // Before the stop and after the restart, events were stored.
    expect(sent.some((s) => s.status === 200 && s.at < stopAsked)).toBe(true);
    expect(recovered).toBeLessThan(30_000);

    // Every acknowledged id is in Postgres exactly once.
    const acknowledged = sent.filter((s) => s.status === 200).flatMap((s) => s.ids);
    const { rows } = await app.db.query<{ message_id: string; n: number }>(
      `SELECT message_id, count(*)::int AS n FROM events WHERE message_id = ANY($1::text[]) GROUP BY message_id`,
      [acknowledged],
    );
    expect(rows.length).toBe(acknowledged.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const repeated = await app.db.query(
      `SELECT message_id FROM events GROUP BY workspace_id, message_id HAVING count(*) > 1`,
    );
    expect(repeated.rows).toEqual([]);
    expect(app.running()).toBe(true);
  }, 240_000);
});
