import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DURABILITY_CUSTOMERS,
  durabilityEnv,
  enrollmentStatuses,
  expectRunDrainedExactlyOnce,
  saveLogs,
  sleep,
  startDurabilityRun,
  waitForMidRun,
} from '../support/durability.scenario.js';
import { type RedisInstance, startRedis } from '../support/redis-instance.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { type RunningSwitchyard, startSwitchyard } from '../support/switchyard.harness.js';
import { Teardown } from '../support/teardown.js';

/**
 * Invariants 1 and 5 under a crash: the process running journey steps is killed with -9
 * in the middle of a 5,000-customer run and a new one takes over. The API and sender
 * process keeps running. Every run completes once; every customer gets A once and B once.
 */
describe('journey durability: kill -9 of the worker process mid-run', () => {
  const teardown = new Teardown();
  const processes: RunningSwitchyard[] = [];
  let redis: RedisInstance;
  let sink: SmtpSink;
  let api: RunningSwitchyard;

  beforeAll(async () => {
    redis = await startRedis();
    teardown.add('redis-server', () => redis.stop());
    sink = await startSmtpSink({ headersOnly: true });
    teardown.add('smtp sink', () => sink.stop());
    teardown.add('save logs', async () => saveLogs('worker-kill', processes));
    api = await startSwitchyard({
      redisUrl: redis.url,
      role: 'api,sender',
      env: durabilityEnv(sink.url),
    });
    processes.push(api);
    teardown.add('api,sender process', () => api.stop());
    const worker = await startSwitchyard({ attachTo: api, role: 'worker' });
    processes.push(worker);
    teardown.add('worker process', () => worker.stop());
  });
  afterAll(() => teardown.run());

  it('a new worker finishes the run: every enrollment once, one A and one B per customer', async () => {
    const [, worker] = processes as [RunningSwitchyard, RunningSwitchyard];
    const { customers } = await startDurabilityRun(api);

    const aAtKill = await waitForMidRun(sink.messages, DURABILITY_CUSTOMERS);
    await worker.kill9();
    const atKill = await enrollmentStatuses(api.db);
    console.log(`[worker-kill] killed pid ${worker.pid} at ${aAtKill} A-mails`, atKill);
    expect(worker.running()).toBe(false);
    expect(atKill?.completed ?? 0, 'some runs were still going').toBeLessThan(DURABILITY_CUSTOMERS);

    await sleep(1000);
    const replacement = await startSwitchyard({ attachTo: api, role: 'worker' });
    processes.push(replacement);
    teardown.add('replacement worker process', () => replacement.stop());

    await expectRunDrainedExactlyOnce('worker-kill', {
      db: api.db,
      sink,
      customers,
      processes: processes,
      alive: [api, replacement],
    });
  }, 600_000);
});
