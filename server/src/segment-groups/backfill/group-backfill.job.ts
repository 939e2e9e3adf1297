/** Computes every snapshot of one backfill, in time order; one job per backfill. */
export const GROUP_BACKFILL_JOB = 'group-backfill';

export interface GroupBackfillJobData {
  backfillId: string;
  workspaceId: string;
  groupId: string;
}

/** Deterministic, so re-enqueueing an unfinished backfill (recovery) is a no-op if queued. */
export function groupBackfillJobId(backfillId: string): string {
  return `backfill-${backfillId}`;
}
