import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { Gauge, Registry } from 'prom-client';
import { ALL_QUEUES, type QueueName } from '../queues/queue-names.js';

/** The job states reported per queue. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

/** What one queue holds at scrape time. */
export interface QueueDepth {
  queue: QueueName;
  counts: Record<QueueState, number>;
  /** Seconds the oldest waiting job has been due; 0 when none waits. */
  oldestWaitingSeconds: number;
}

/**
 * Reads every BullMQ queue's depth when `/metrics` is scraped (not on a timer): jobs per
 * state and how long the oldest waiting job has been due. Its gauges live in this
 * application's own registry; `/metrics` merges it with the process registry.
 */
@Injectable()
export class QueueDepthCollector {
  readonly registry = new Registry();
  private readonly logger = new Logger(QueueDepthCollector.name);
  private queues: Queue[] | null = null;
  private pending: Promise<QueueDepth[]> | null = null;

  constructor(private readonly modules: ModuleRef) {
    const depths = () => this.depths();
    new Gauge({
      name: 'switchyard_queue_jobs',
      help: 'BullMQ jobs per queue and state (waiting, active, delayed, failed), read at scrape time',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const depth of await depths())
          for (const state of QUEUE_STATES)
            this.set({ queue: depth.queue, state }, depth.counts[state]);
      },
    });
    new Gauge({
      name: 'switchyard_queue_oldest_waiting_seconds',
      help: 'Seconds the oldest waiting job of each queue has been due (0 when none waits), read at scrape time',
      labelNames: ['queue'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const depth of await depths())
          this.set({ queue: depth.queue }, depth.oldestWaitingSeconds);
      },
    });
  }

  /** Both gauges collect in the same scrape (concurrently): one read of Redis serves them. */
  depths(): Promise<QueueDepth[]> {
    this.pending ??= this.read().finally(() => (this.pending = null));
    return this.pending;
  }

  private async read(): Promise<QueueDepth[]> {
    // Looked up on first use: the queue providers are not ready while this one is built.
    this.queues ??= ALL_QUEUES.map((name) =>
      this.modules.get<Queue>(getQueueToken(name), { strict: false }),
    );
    const now = Date.now();
    const results = await Promise.allSettled(
      this.queues.map(async (queue): Promise<QueueDepth> => {
        const [counts, oldest] = await Promise.all([
          queue.getJobCounts(...QUEUE_STATES),
          queue.getJobs(['waiting'], 0, 0, true),
        ]);
        const first = oldest[0];
        const due = first ? first.timestamp + (first.delay ?? 0) : now;
        return {
          queue: queue.name as QueueName,
          counts: Object.fromEntries(QUEUE_STATES.map((s) => [s, counts[s] ?? 0])) as Record<
            QueueState,
            number
          >,
          oldestWaitingSeconds: Math.max(0, (now - due) / 1000),
        };
      }),
    );
    const depths: QueueDepth[] = [];
    for (const [i, result] of results.entries()) {
      if (result.status === 'fulfilled') depths.push(result.value);
      else
        this.logger.warn(
          `queue ${ALL_QUEUES[i]}: depth not read: ${(result.reason as Error).message}`,
        );
    }
    return depths;
  }
}
