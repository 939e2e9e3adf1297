import { describe, expect, it } from 'vitest';
import { stepJob, type ScheduledStep } from './journey-scheduler.service.js';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const step = (extra: Partial<ScheduledStep> = {}): ScheduledStep => ({
  kind: 'step',
  enrollmentId: 'e1',
  nodeId: 'n1',
  seq: 2,
  ...extra,
});

describe('stepJob', () => {
  it('puts a next step due now at the front of the queue, and a first step at the back', () => {
    expect(stepJob(step(), NOW, 'front').opts).toEqual({ jobId: expect.any(String), lifo: true });
    expect(stepJob(step(), NOW, 'back').opts).toEqual({ jobId: expect.any(String) });
    expect(stepJob(step(), NOW).opts).toEqual(stepJob(step(), NOW, 'back').opts);
  });

  it('delays a step that is not due yet, wherever it was asked to go', () => {
    const later = step({ runAt: new Date(NOW + 5_000) });
    expect(stepJob(later, NOW, 'front').opts).toEqual({ jobId: expect.any(String), delay: 5_000 });
  });

  it('treats a time already past as due now', () => {
    const past = step({ runAt: new Date(NOW - 5_000) });
    expect(stepJob(past, NOW, 'front').opts).toEqual({ jobId: expect.any(String), lifo: true });
  });

  it('keeps the job id of the (kind, enrollment, visit), wherever the job goes', () => {
    expect(stepJob(step(), NOW, 'front').opts.jobId).toBe(stepJob(step(), NOW, 'back').opts.jobId);
    expect(stepJob(step(), NOW).opts.jobId).not.toBe(stepJob(step({ seq: 3 }), NOW).opts.jobId);
  });
});
