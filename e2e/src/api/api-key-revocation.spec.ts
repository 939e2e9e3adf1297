import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisInstance, startRedis } from '../support/redis-instance.js';
import { type RunningSwitchyard, startSwitchyard, waitFor } from '../support/switchyard.harness.js';
import { Teardown } from '../support/teardown.js';

/** What each process names its revocation listener's connection in pg_stat_activity. */
const LISTENER = 'switchyard api-key revocations';

/**
 * Two API processes of one installation on a Redis of their own. A key revoked through
 * one is refused by the other as the revoke commits (a Postgres NOTIFY), with Redis
 * stopped, and also when the other's listening connection was cut just before the revoke
 * (it then trusts no cached key until it listens again).
 */
describe('API key revocation across processes', () => {
  const teardown = new Teardown();
  let redis: RedisInstance;
  let first: RunningSwitchyard;
  let second: RunningSwitchyard;

  beforeAll(async () => {
    redis = await startRedis();
    teardown.add('redis-server', () => redis.stop());
    first = await startSwitchyard({ role: 'api', redisUrl: redis.url });
    teardown.add('first process', () => first.stop());
    second = await startSwitchyard({ attachTo: first, role: 'api' });
    teardown.add('second process', () => second.stop());
    await waitFor(
      async () => ((await listeners()) === 2 ? true : undefined),
      10_000,
      'two listeners',
    );
  }, 120_000);
  afterAll(() => teardown.run());

  const listeners = async () => {
    const { rows } = await first.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = $1`,
      [LISTENER],
    );
    return rows[0]?.n ?? 0;
  };
  const newKey = async (name: string) => {
    const created = await request(first.url)
      .post('/api/api-keys')
      .set('Authorization', `Bearer ${first.apiKey}`)
      .send({ name, scope: 'ingest' })
      .expect(201);
    return { id: created.body.id as string, key: created.body.key as string };
  };
  const track = (key: string) =>
    request(second.url)
      .post('/v1/track')
      .set('Authorization', `Bearer ${key}`)
      .send({ userId: 'revocation-1', event: 'Visit' });
  const revoke = (id: string) =>
    request(first.url)
      .delete(`/api/api-keys/${id}`)
      .set('Authorization', `Bearer ${first.apiKey}`)
      .expect((res) => expect(res.status).toBeLessThan(300));
  /** Tracks with the key until it is refused; the time that took, in ms. */
  const refusedAfter = async (key: string, since: number) => {
    let status = 0;
    while (Date.now() - since < 5000) {
      status = (await track(key)).status;
      if (status === 401) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(status).toBe(401);
    return Date.now() - since;
  };

  it('refuses a revoked key in the other process at once with Redis stopped', async () => {
    const { id, key } = await newKey('shop');
    // The second process now trusts the key for its cache time (10 s).
    await track(key).expect(200);
    await redis.stopServer();
    try {
      await revoke(id);
      expect(await refusedAfter(key, Date.now())).toBeLessThan(1000);
    } finally {
      await redis.startAgain();
    }
  });

  it('refuses a key revoked while the other process was not listening', async () => {
    const { id, key } = await newKey('shop again');
    await track(key).expect(200);
    // Cut both processes' listening connections; the revoke's NOTIFY reaches nobody.
    await first.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = $1`,
      [LISTENER],
    );
    await waitFor(
      async () =>
        /not listening for API key revocations/.test(second.output()) ? true : undefined,
      5000,
      'the lost connection noticed',
    );
    await revoke(id);
    expect(await refusedAfter(key, Date.now())).toBeLessThan(1000);

    // Both listen again on their own, and a revoke reaches the other process as before.
    await waitFor(
      async () => ((await listeners()) === 2 ? true : undefined),
      15_000,
      'two listeners again',
    );
    const next = await newKey('shop once more');
    await track(next.key).expect(200);
    await revoke(next.id);
    expect(await refusedAfter(next.key, Date.now())).toBeLessThan(1000);
  });
});
