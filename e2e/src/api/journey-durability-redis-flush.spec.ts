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
import { type RedisInstance, startRedis } from '../support/redis-instance.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { type RunningSwitchyard, startSwitchyard } from '../support/switchyard.harness.js';
import { Teardown } from '../support/teardown.js';

/**
 * Invariant 1 (Postgres is the source of truth, Redis only carries work): FLUSHALL in
 * the middle of a 5,000-customer run loses every queued, delayed and active job. The
 * server keeps going (BullMQ reconnects) and the reconciler rebuilds the due work from
 * Postgres. Runs against its own redis-server, so no other test loses anything.
 */
describe('journey durability: Redis FLUSHALL mid-run', () => {
  const teardown = new Teardown();
  let redis: RedisInstance;
  let sink: SmtpSink;
  let app: RunningSwitchyard;

  beforeAll(async () => {
    redis = await startRedis();
    teardown.add('redis-server', () => redis.stop());
    sink = await startSmtpSink({ headersOnly: true });
    teardown.add('smtp sink', () => sink.stop());
    app = await startSwitchyard({ redisUrl: redis.url, env: durabilityEnv(sink.url) });
    teardown.add('save logs', async () => saveLogs('redis-flush', [app]));
    teardown.add('server', () => app.stop());
  });
  afterAll(() => teardown.run());

  it('the reconciler rebuilds the lost jobs: every enrollment once, one A and one B per customer', async () => {
    const { customers } = await startDurabilityRun(app);

    const aAtFlush = await waitForMidRun(sink.messages, DURABILITY_CUSTOMERS);
    const keysBefore = await redis.size();
    await redis.flushAll();
    const keysAfter = await redis.size();
    const atFlush = await enrollmentStatuses(app.db);
    console.log(
      `[redis-flush] FLUSHALL at ${aAtFlush} A-mails: ${keysBefore} keys before, ${keysAfter} right after`,
      atFlush,
    );
    expect(keysBefore).toBeGreaterThan(keysAfter);
    expect(atFlush?.completed ?? 0, 'some runs were still going').toBeLessThan(
      DURABILITY_CUSTOMERS,
    );

    await expectRunDrainedExactlyOnce('redis-flush', {
      db: app.db,
      sink,
      customers,
      processes: [app],
      alive: [app],
    });
  }, 600_000);
});
