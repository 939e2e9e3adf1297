/** Runs (or resumes) one node for one enrollment: one step per job (invariant 5). */
export const JOURNEY_STEP_JOB = 'journey-step';

export interface JourneyStepJobData {
  enrollmentId: string;
  nodeId: string;
  /** The enrollment's step number at this node (a loop visits a node more than once). */
  seq: number;
  /** Set on `wake` jobs: only re-check a waiting step or the goal, never run a node. */
  wake?: true;
}

/**
 * `step` runs a node; `resume` finishes a wait when it is due; `wake` re-checks a waiting
 * step early because an event arrived (event waits, goals). All are decided by the rows.
 */
export type StepJobKind = 'step' | 'resume' | 'wake';

/** Deterministic, so a duplicate enqueue is a no-op. BullMQ ids must not contain ':'. */
export function journeyStepJobId(
  kind: StepJobKind,
  data: JourneyStepJobData,
  suffix?: string,
): string {
  const base = `${kind}-${data.enrollmentId}-${data.seq}`;
  return suffix === undefined ? base : `${base}-${suffix}`;
}
