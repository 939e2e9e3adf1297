import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';

let logger: PinoLogger | null = null;

/**
 * Gives queue jobs a logging context like the one requests get: every line logged while
 * a job runs carries `queue` and `jobId`. Created with the application (LoggingModule);
 * before that, or without nestjs-pino (unit tests), jobs simply run.
 */
@Injectable()
export class JobLogContext {
  constructor(pino: PinoLogger) {
    logger = pino;
  }
}

export function runInJobLogContext<T>(job: Job, fn: () => Promise<T>): Promise<T> {
  if (!logger) return fn();
  return logger.runInContext(fn, { bindings: { queue: job.queueName, jobId: job.id } });
}
