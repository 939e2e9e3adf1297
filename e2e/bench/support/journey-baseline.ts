import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { dropPrefix } from './journey-redis.js';
import type { HttpSink } from './journey-sink.js';

/** The payload of a Switchyard journey-step job. */
export interface BaselineJobData {
  enrollmentId: string;
  nodeId: string;
  seq: number;
}

export interface BaselineOptions {
  redisUrl: string;
  /** Chains to run (one per enrollment). */
  chains: number;
  /** Jobs per chain; the last one POSTs to the sink. */
  jobsPerChain: number;
  concurrency: number;
  sink: HttpSink;
  timeoutMs: number;
}

export interface BaselineResult {
  seconds: number;
  jobs: number;
  posts: number;
}

/** Node ids of the chain, as in the benchmark journey (the trigger is not a step). */
const NODES = ['branch', 'wait', 'webhook', 'extra-1', 'extra-2', 'extra-3'];
const JOB_NAME = 'journey-step';
const BULK = 1000;

/**
 * The plain BullMQ floor of the journey engine: one Queue and one Worker with the given
 * concurrency on its own prefix, no database. Each job adds the next job of its chain
 * (deterministic ids, the same payload shape as Switchyard's journey-step jobs and the
 * server's default job options), and the last job of a chain POSTs `{"id": ...}` to the
 * sink over a keep-alive agent like the server's webhook client. Timed from the first
 * addBulk of the chain heads until every job has completed and the sink has every POST.
 */
export async function runBullmqBaseline(options: BaselineOptions): Promise<BaselineResult> {
  const prefix = `sy_bench_${randomBytes(5).toString('hex')}`;
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue<BaselineJobData>('journey-steps', {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const sinkUrl = new URL(options.sink.url);
  const last = options.jobsPerChain;
  const total = options.chains * options.jobsPerChain;
  let completed = 0;
  let failed = 0;
  let runError: unknown;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));

  const worker = new Worker<BaselineJobData>(
    'journey-steps',
    async (job: Job<BaselineJobData>) => {
      const { enrollmentId, seq } = job.data;
      if (seq < last) {
        const next = { enrollmentId, nodeId: NODES[seq] ?? `node-${seq}`, seq: seq + 1 };
        await queue.add(JOB_NAME, next, { jobId: jobId(next) });
        return `next: ${next.nodeId}`;
      }
      await post(agent, sinkUrl, JSON.stringify({ id: enrollmentId }));
      return 'done';
    },
    { connection, prefix, concurrency: options.concurrency, autorun: false },
  );
  worker.on('completed', () => {
    completed += 1;
    if (completed === total) done();
  });
  worker.on('failed', () => {
    failed += 1;
  });

  options.sink.reset();
  try {
    await queue.waitUntilReady();
    worker.run().catch((error: unknown) => {
      runError = error;
      done();
    });
    await worker.waitUntilReady();
    const started = performance.now();
    for (let i = 0; i < options.chains; i += BULK) {
      const heads: BaselineJobData[] = [];
      for (let k = i; k < Math.min(i + BULK, options.chains); k++)
        heads.push({ enrollmentId: randomUUID(), nodeId: NODES[0] ?? 'node-0', seq: 1 });
      await queue.addBulk(
        heads.map((data) => ({ name: JOB_NAME, data, opts: { jobId: jobId(data) } })),
      );
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
    });
    const outcome = await Promise.race([finished.then(() => 'done' as const), timedOut]);
    clearTimeout(timer);
    if (runError) throw runError;
    if (outcome === 'timeout')
      throw new Error(`baseline timed out: ${completed}/${total} jobs, ${failed} failed`);
    if (!(await options.sink.waitForDistinct(options.chains, 30_000)))
      throw new Error(`baseline: the sink got ${options.sink.distinct()}/${options.chains} POSTs`);
    const seconds = (performance.now() - started) / 1000;
    return { seconds, jobs: completed, posts: options.sink.distinct() };
  } finally {
    await worker.close();
    await queue.close();
    agent.destroy();
    await dropPrefix(connection, prefix);
    connection.disconnect();
  }
}

function jobId(data: BaselineJobData): string {
  return `step-${data.enrollmentId}-${data.seq}`;
}

function post(agent: http.Agent, url: URL, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else reject(new Error(`sink answered ${status}`));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
