import { Injectable } from '@nestjs/common';
import type { EventWait } from '@switchyard/sdk';
import type { JourneyGraph } from '@switchyard/contracts';
import type { EnrollmentStatus } from './enrollment.types.js';
import type { ScheduledStep } from './journey-scheduler.service.js';
import { nextNodeOf, type StepDecision } from './step-decision.util.js';
import { execute } from '../database/sql.util.js';
import type { StepStatus, StepWrites } from './step-writes.buffer.js';

/** What to enqueue once the step's transaction has committed. */
export interface StepFollowUp {
  steps: ScheduledStep[];
  outboxIds: string[];
  /** The job came before its time (a wait not yet due, a deferred send): run it again then. */
  notBefore: Date | null;
  /** The customer whose traits the step changed (for real-time segment evaluation). */
  traitsChanged: { workspaceId: string; customerId: string } | null;
}

export const NOTHING_TO_DO: StepFollowUp = Object.freeze({
  steps: [],
  outboxIds: [],
  notBefore: null,
  traitsChanged: null,
}) as StepFollowUp;

/** One visit of one node by one enrollment. */
export interface StepTarget {
  enrollmentId: string;
  nodeId: string;
  nodeType: string;
  seq: number;
  graph: JourneyGraph;
}

interface StepFields {
  output?: string | null;
  error?: string;
  note?: string | null;
  resumeAt?: Date;
  waitEvent?: EventWait | null;
}

/** Records a step's outcome and moves the enrollment, inside the step's transaction. */
@Injectable()
export class StepRecorder {
  record(
    writes: StepWrites,
    target: StepTarget,
    decision: StepDecision,
    note: { skipped: string } | null = null,
  ): StepFollowUp {
    switch (decision.kind) {
      case 'advance':
        this.upsertStep(writes, target, note ? 'skipped' : 'completed', {
          output: decision.output,
          note: note?.skipped ?? null,
        });
        return this.advance(writes, target, decision.nextNodeId, decision.context);
      case 'wait':
        this.upsertStep(writes, target, 'waiting', {
          output: decision.output,
          resumeAt: decision.resumeAt,
          waitEvent: decision.event,
        });
        this.moveEnrollment(writes, target, 'active', {
          nodeId: target.nodeId,
          nextRunAt: decision.resumeAt,
          context: decision.context,
        });
        return {
          ...NOTHING_TO_DO,
          steps: [
            {
              kind: 'resume',
              enrollmentId: target.enrollmentId,
              nodeId: target.nodeId,
              seq: target.seq,
              runAt: decision.resumeAt,
            },
          ],
        };
      case 'exit':
        this.upsertStep(writes, target, 'completed', { output: null });
        this.moveEnrollment(writes, target, 'exited', {
          nodeId: target.nodeId,
          exitReason: decision.reason ?? 'exit node',
        });
        return NOTHING_TO_DO;
      case 'fail':
        return this.fail(writes, target, decision.error);
      default: {
        const never: never = decision;
        throw new Error(`unknown step decision ${JSON.stringify(never)}`);
      }
    }
  }

  /** A finished wait: the step completes and the enrollment follows `output`. */
  resume(
    writes: StepWrites,
    target: StepTarget,
    output: string | null,
    note: string | null = null,
  ): StepFollowUp {
    this.upsertStep(writes, target, 'completed', { output, note });
    return this.advance(
      writes,
      target,
      output === null ? null : nextNodeOf(target.graph, target.nodeId, output),
      null,
    );
  }

  /** Ends the run early (goal reached ...); a waiting step is closed as completed. */
  async exitEarly(writes: StepWrites, target: StepTarget, reason: string): Promise<StepFollowUp> {
    await execute(
      writes.em,
      `UPDATE enrollment_steps SET status = 'completed', note = $3, finished_at = now()
        WHERE enrollment_id = $1 AND seq = $2 AND status = 'waiting'`,
      [target.enrollmentId, target.seq, reason],
    );
    this.moveEnrollment(writes, target, 'exited', { nodeId: target.nodeId, exitReason: reason });
    return NOTHING_TO_DO;
  }

  fail(writes: StepWrites, target: StepTarget, error: string): StepFollowUp {
    this.upsertStep(writes, target, 'failed', { error: error.slice(0, 2000) });
    this.moveEnrollment(writes, target, 'failed', { nodeId: target.nodeId });
    return NOTHING_TO_DO;
  }

  private advance(
    writes: StepWrites,
    target: StepTarget,
    nextNodeId: string | null,
    context: Record<string, unknown> | null,
  ): StepFollowUp {
    if (nextNodeId === null) {
      this.moveEnrollment(writes, target, 'completed', { nodeId: target.nodeId, context });
      return NOTHING_TO_DO;
    }
    this.moveEnrollment(writes, target, 'active', { nodeId: nextNodeId, context, nextSeq: true });
    return {
      ...NOTHING_TO_DO,
      steps: [
        {
          kind: 'step',
          enrollmentId: target.enrollmentId,
          nodeId: nextNodeId,
          seq: target.seq + 1,
        },
      ],
    };
  }

  private upsertStep(
    writes: StepWrites,
    target: StepTarget,
    status: StepStatus,
    fields: StepFields,
  ): void {
    writes.step({
      enrollmentId: target.enrollmentId,
      seq: target.seq,
      nodeId: target.nodeId,
      nodeType: target.nodeType,
      status,
      output: fields.output ?? null,
      error: fields.error ?? null,
      note: fields.note ?? null,
      resumeAt: fields.resumeAt ?? null,
      waitEvent: fields.waitEvent ?? null,
    });
  }

  private moveEnrollment(
    writes: StepWrites,
    target: StepTarget,
    status: EnrollmentStatus,
    move: {
      nodeId: string;
      nextRunAt?: Date;
      context?: Record<string, unknown> | null;
      exitReason?: string;
      nextSeq?: boolean;
    },
  ): void {
    writes.move({
      enrollmentId: target.enrollmentId,
      status,
      nodeId: move.nodeId,
      nextRunAt: move.nextRunAt ?? null,
      context: move.context ?? null,
      exitReason: move.exitReason ?? null,
      seqIncrement: move.nextSeq ? 1 : 0,
    });
  }
}
