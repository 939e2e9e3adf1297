import type { JourneyGraph } from '@switchyard/contracts';
import { nextNodeOf, type StepDecision } from './step-decision.util.js';
import type { StepFollowUp, StepTarget } from './step-recorder.service.js';
import type { LockedEnrollment, StepRow } from './step-runner.service.js';
import type { CachedVersion } from './version-cache.service.js';

export function target(
  enrollment: LockedEnrollment,
  nodeId: string,
  nodeType: string,
  version: CachedVersion | undefined,
): StepTarget {
  return {
    enrollmentId: enrollment.id,
    nodeId,
    nodeType,
    seq: enrollment.step_seq,
    graph: version?.graph ?? { nodes: [], edges: [] },
  };
}

/** FatalActionError, also from a plugin bundling its own copy of the SDK. */
export function isFatal(error: unknown): error is Error {
  return error instanceof Error && error.name === 'FatalActionError';
}

/**
 * A wait that is already over (wait 0 s, a time of day that is now) completes in the same
 * step instead of costing a resume job and a second transaction.
 */
export function dueNow(decision: StepDecision, graph: JourneyGraph, nodeId: string): StepDecision {
  if (decision.kind !== 'wait' || decision.event || decision.resumeAt.getTime() > Date.now())
    return decision;
  return {
    kind: 'advance',
    output: decision.output,
    nextNodeId: nextNodeOf(graph, nodeId, decision.output),
    context: decision.context,
  };
}

/** The step row read together with the lock, if the current visit has one. */
export function stepOf(enrollment: LockedEnrollment): StepRow | undefined {
  if (enrollment.step_status === null || enrollment.step_entered_at === null) return undefined;
  return {
    status: enrollment.step_status,
    output: enrollment.step_output,
    resume_at: enrollment.step_resume_at,
    resume_due: enrollment.step_resume_due === true,
    entered_at: enrollment.step_entered_at,
    wait_event: enrollment.step_wait_event,
  };
}

/** The follow-up with only the outbox rows its transaction inserted (see StepWrites.flush). */
export function onlyInserted(followUp: StepFollowUp, inserted: ReadonlySet<string>): StepFollowUp {
  if (followUp.outboxIds.every((id) => inserted.has(id))) return followUp;
  return { ...followUp, outboxIds: followUp.outboxIds.filter((id) => inserted.has(id)) };
}
