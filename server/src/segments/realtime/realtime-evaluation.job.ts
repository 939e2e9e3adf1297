/** Re-evaluate a workspace's dirty customers against every segment, as of now. */
export const REALTIME_EVALUATION_JOB = 'realtime-evaluation';

export interface RealtimeEvaluationJobData {
  workspaceId: string;
}
