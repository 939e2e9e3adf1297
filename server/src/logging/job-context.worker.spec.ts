import { DelayedError, type Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { queueJobDuration } from '../metrics/queue-job.metrics.js';
import { withJobContext } from './job-context.worker.js';

const job = (queueName: string) => ({ id: '1', name: 'x', queueName }) as unknown as Job;

async function observed(queue: string, result: string): Promise<number> {
  const metric = await queueJobDuration.get();
  return (
    metric.values.find(
      (v) =>
        v.metricName === 'switchyard_queue_job_duration_seconds_count' &&
        v.labels.queue === queue &&
        v.labels.result === result,
    )?.value ?? 0
  );
}

describe('job context', () => {
  it('runs the processor and counts the job by queue and result', async () => {
    const wrapped = withJobContext(async (j) => `done ${j.queueName}`);
    expect(await wrapped(job('q-ok'), 'token')).toBe('done q-ok');
    expect(await observed('q-ok', 'completed')).toBe(1);

    const failing = withJobContext(async () => {
      throw new Error('boom');
    });
    await expect(failing(job('q-fail'))).rejects.toThrow('boom');
    expect(await observed('q-fail', 'failed')).toBe(1);

    const delayed = withJobContext(async () => {
      throw new DelayedError();
    });
    await expect(delayed(job('q-delay'))).rejects.toBeInstanceOf(DelayedError);
    expect(await observed('q-delay', 'delayed')).toBe(1);
  });

  it('keeps the arity BullMQ reads to decide whether to pass an AbortSignal', async () => {
    const two = withJobContext(async (_job, _token) => 'two');
    const three = withJobContext(async (_job, _token, signal) => (signal ? 'signal' : 'none'));
    expect(two.length).toBe(2);
    expect(three.length).toBe(3);
    expect(await three(job('q-arity'), 't', new AbortController().signal)).toBe('signal');
  });
});
