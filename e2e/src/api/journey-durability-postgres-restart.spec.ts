import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DURABILITY_CUSTOMERS,
  durabilityEnv,
  enrollmentStatuses,
  expectRunDrainedExactlyOnce,
  saveLogs,
  startDurabilityRun,
  waitForMidRun,
} from '../support/durability.scenario.js';
import { type PostgresCluster, startPostgresCluster } from '../support/postgres-cluster.js';
import { type RedisInstance, startRedis } from '../support/redis-instance.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { type RunningSwitchyard, startSwitchyard } from '../support/switchyard.harness.js';
import { Teardown } from '../support/teardown.js';

/**
 * Invariants 1 and 5 when the source of truth goes away for a moment: `pg_ctl restart -m
 * fast` in the middle of a 5,000-customer run cuts every connection (steps and deliveries
 * in flight fail). The pools reconnect, the jobs retry, and nothing runs twice. Runs on
 * its own Postgres cluster and Redis, so no other test sees the restart.
 */
describe('journey durability: PostgreSQL restart mid-run', () => {
  const teardown = new Teardown();
  let cluster: PostgresCluster;
  let redis: RedisInstance;
  let sink: SmtpSink;
  let app: RunningSwitchyard;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    teardown.add('postgres cluster', () => cluster.stop());
    redis = await startRedis();
    teardown.add('redis-server', () => redis.stop());
    sink = await startSmtpSink({ headersOnly: true });
    teardown.add('smtp sink', () => sink.stop());
    app = await startSwitchyard({
      databaseUrl: `${cluster.serverUrl}/switchyard_durability`,
      redisUrl: redis.url,
      env: durabilityEnv(sink.url),
    });
    teardown.add('save logs', async () =>
      saveLogs('postgres-restart', [app], { 'postgres.log': await cluster.log() }),
    );
    teardown.add('server', () => app.stop());
  }, 240_000);
  afterAll(() => teardown.run());

  it('the pools reconnect and jobs retry: every enrollment once, one A and one B per customer', async () => {
    const { customers } = await startDurabilityRun(app);

    const aAtRestart = await waitForMidRun(sink.messages, DURABILITY_CUSTOMERS);
    const restart = await cluster.restart();
    const atRestart = await enrollmentStatuses(app.db);
    console.log(
      `[postgres-restart] restarted in ${restart.ms} ms at ${aAtRestart} A-mails`,
      atRestart,
    );
    expect(atRestart?.completed ?? 0, 'some runs were still going').toBeLessThan(
      DURABILITY_CUSTOMERS,
    );

    await expectRunDrainedExactlyOnce('postgres-restart', {
      db: app.db,
      sink,
      customers,
      processes: [app],
      alive: [app],
    });
  }, 600_000);
});
