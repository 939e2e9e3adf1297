/** Runs (or resumes) one node for one enrollment: one step per job (invariant 5). */
export const JOURNEY_STEP_JOB = 'journey-step';

export interface JourneyStepJobData {
  enrollmentId: string;
  nodeId: string;
}

/** `step` runs a node; `resume` finishes a wait. Both are decided by the enrollment's rows. */
export type StepJobKind = 'step' | 'resume';

/** Deterministic, so a duplicate enqueue is a no-op. BullMQ ids must not contain ':'. */
export function journeyStepJobId(kind: StepJobKind, data: JourneyStepJobData): string {
  return `${kind}-${data.enrollmentId}-${data.nodeId}`;
}
