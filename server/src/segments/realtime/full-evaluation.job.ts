/** Re-evaluate every segment of every workspace as of now (scheduled). */
export const FULL_EVALUATION_JOB = 'full-evaluation';

export type FullEvaluationJobData = Record<string, never>;

export const FULL_EVALUATION_SCHEDULER_ID = 'segment-refresh';
