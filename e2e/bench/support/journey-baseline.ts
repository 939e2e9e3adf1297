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

/** What a chain's job processor is given: the queue and a POST to the sink. */
export interface ChainTools {
  queue: Queue<BaselineJobData>;
  /** POSTs `{"id": enrollmentId}` to the sink over a keep-alive agent. */
  post: (enrollmentId: string) => Promise<void>;
}

export type ChainProcessor = (job: Job<BaselineJobData>) => Promise<string>;

/** Node ids of the chain, as in the benchmark journey (the trigger is not a step). */
const NODES = ['branch', 'wait', 'webhook', 'extra-1', 'extra-2', 'extra-3'];
const JOB_NAME = 'journey-step';
const BULK = 1000;

/** The node of a chain's `seq`-th job (1-based). */
export function chainNode(seq: number): string {
  return NODES[seq - 1] ?? `node-${seq}`;
}

/** Deterministic job id of a chain's job, as the engine's. */
export function chainJob(data: BaselineJobData) {
  return { name: JOB_NAME, data, opts: { jobId: `step-${data.enrollmentId}-${data.seq}` } };
}

/**
 * The plain BullMQ floor of the journey engine: one Queue and one Worker with the given
 * concurrency on its own prefix, no database. Each job adds the next job of its chain
 * (deterministic ids, the same payload shape as Switchyard's journey-step jobs and the
 * server's default job options), and the last job of a chain POSTs `{"id": ...}` to the
 * sink over a keep-alive agent like the server's webhook client.
 */
export function runBullmqBaseline(options: BaselineOptions): Promise<BaselineResult> {
  const last = options.jobsPerChain;
  return runChains(options, ({ queue, post }) => async (job) => {
    const { enrollmentId, seq } = job.data;
    if (seq < last) {
      const next = chainJob({ enrollmentId, nodeId: chainNode(seq + 1), seq: seq + 1 });
      await queue.add(next.name, next.data, next.opts);
      return `next: ${next.data.nodeId}`;
    }
    await post(enrollmentId);
    return 'done';
  });
}

/**
 * Runs `options.chains` chains of `options.jobsPerChain` jobs through one Queue and one
 * Worker on a prefix of their own, `processor` deciding what each job does (and adding the
 * next one). Timed from the first addBulk of the chain heads (ids from `heads`, else
 * random) until every job has completed and the sink has every chain's POST.
 */
export async function runChains(
  options: BaselineOptions & { heads?: readonly string[] },
  processor: (tools: ChainTools) => ChainProcessor,
): Promise<BaselineResult> {
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
  const total = options.chains * options.jobsPerChain;
  let completed = 0;
  let failed = 0;
  let lastFailure = '';
  let runError: unknown;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const process = processor({
    queue,
    post: (enrollmentId) => post(agent, sinkUrl, JSON.stringify({ id: enrollmentId })),
  });

  const worker = new Worker<BaselineJobData>('journey-steps', process, {
    connection,
    prefix,
    concurrency: options.concurrency,
    autorun: false,
  });
  worker.on('completed', () => {
    completed += 1;
    if (completed === total) done();
  });
  worker.on('failed', (_job, error) => {
    failed += 1;
    lastFailure = error.message;
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
        heads.push({
          enrollmentId: options.heads?.[k] ?? randomUUID(),
          nodeId: chainNode(1),
          seq: 1,
        });
      await queue.addBulk(heads.map(chainJob));
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
    });
    const outcome = await Promise.race([finished.then(() => 'done' as const), timedOut]);
    clearTimeout(timer);
    if (runError) throw runError;
    if (outcome === 'timeout')
      throw new Error(
        `timed out: ${completed}/${total} jobs, ${failed} failed${lastFailure ? ` (last: ${lastFailure})` : ''}`,
      );
    if (!(await options.sink.waitForDistinct(options.chains, 30_000)))
      throw new Error(`the sink got ${options.sink.distinct()}/${options.chains} POSTs`);
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
