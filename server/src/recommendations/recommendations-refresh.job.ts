/** Recomputes every workspace's association rules (a repeating job). */
export const RECOMMENDATIONS_REFRESH_JOB = 'recommendations-refresh';
export const RECOMMENDATIONS_REFRESH_SCHEDULER_ID = 'recommendations-refresh-schedule';

export type RecommendationsRefreshJobData = Record<string, never>;
