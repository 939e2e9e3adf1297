/** One occurrence of a journey's schedule trigger: enroll the segment's members now. */
export const SCHEDULE_OCCURRENCE_JOB = 'schedule-occurrence';

export interface ScheduleOccurrenceJobData {
  journeyId: string;
}

/** The BullMQ job scheduler of a journey's schedule trigger (one per journey). */
export function journeyScheduleId(journeyId: string): string {
  return `journey-schedule-${journeyId}`;
}
