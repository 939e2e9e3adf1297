/** Re-enqueues due work from Postgres (invariant 1: Redis is never the only copy). */
export const RECONCILE_JOB = 'reconcile';
export const RECONCILE_SCHEDULER_ID = 'reconcile';

export interface ReconcileJobData {
  reason: 'schedule' | 'startup';
}
