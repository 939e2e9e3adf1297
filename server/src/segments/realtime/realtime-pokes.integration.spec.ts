import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfig } from '../../config/app-config.service.js';
import { QueueName } from '../../queues/queue-names.js';
import type { WorkspaceEvaluationService } from '../evaluation/workspace-evaluation.service.js';
import { DirtyCustomersService } from './dirty-customers.service.js';
import { SegmentEvaluationProcessor } from './segment-evaluation.processor.js';

/**
 * Pokes while a real-time job runs (real Redis, real BullMQ): a job that keeps taking
 * marks for a long time has exactly one successor queued behind it, however many pokes
 * arrive meanwhile, and that successor runs once it ends. (With a deduplication window of
 * one debounce period, a job running for a minute under steady ingest had one successor
 * per period behind it, and the queue grew for as long as the load lasted.)
 */
describe('real-time evaluation pokes', () => {
  const prefix = `sy-test-pokes-${process.pid}-${Date.now()}`;
  const connection = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  let queue: Queue;
  let worker: Worker;
  const workspaceId = '00000000-0000-4000-8000-000000000001';
  const takes: string[] = [];
  let releaseFirst: () => void = () => undefined;
  const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
  let firstStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (firstStarted = resolve));
  let dirty: DirtyCustomersService;

  beforeAll(() => {
    queue = new Queue(QueueName.SegmentEvaluation, { connection, prefix });
    const config = AppConfig.fromEnv({ REALTIME_DEBOUNCE_MS: '20' });
    dirty = new DirtyCustomersService({} as DataSource, config, queue);
    // The marks: the first job's first take blocks until released (a long pass);
    // every other take finds nothing.
    Object.assign(dirty, {
      marks: {
        take: async () => {
          takes.push(`take ${takes.length + 1}`);
          if (takes.length === 1) {
            firstStarted();
            await firstHeld;
          }
          return 0;
        },
      },
    });
    const processor = new SegmentEvaluationProcessor(
      {} as WorkspaceEvaluationService,
      dirty,
      config,
      queue,
    );
    worker = new Worker(QueueName.SegmentEvaluation, (job: Job) => processor.process(job), {
      connection: connection.duplicate({ maxRetriesPerRequest: null }),
      prefix,
      concurrency: 1,
    });
  });
  afterAll(async () => {
    // A failed assertion may leave the first job held: let it end so the worker closes.
    releaseFirst();
    await worker?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
    connection.disconnect();
  });

  const pending = async () => {
    const c = await queue.getJobCounts('waiting', 'delayed', 'prioritized');
    return (c.waiting ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0);
  };
  const pokeAndSettle = async () => {
    dirty.poke(workspaceId);
    await new Promise((r) => setTimeout(r, 25));
  };

  it('queues one successor behind a running job, whatever the number of pokes', async () => {
    await pokeAndSettle();
    await started;
    for (let i = 0; i < 20; i += 1) await pokeAndSettle();
    expect(await pending()).toBe(1);
    releaseFirst();
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const c = await queue.getJobCounts('completed', 'active');
      if ((await pending()) === 0 && (c.active ?? 0) === 0 && takes.length >= 2) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    // The first job and its one successor each took marks; nothing else ran or waits.
    expect(takes).toEqual(['take 1', 'take 2']);
    expect(await pending()).toBe(0);
  });

  it('takes a poke after the queue went idle as a new job', async () => {
    await pokeAndSettle();
    const deadline = Date.now() + 10_000;
    while (takes.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(takes).toHaveLength(3);
  });
});
