import { Injectable } from '@nestjs/common';
import type { EventWait } from '@switchyard/sdk';
import type { JourneyGraph } from '@switchyard/contracts';
import type { EntityManager } from 'typeorm';
import type { EnrollmentStatus } from './enrollment.types.js';
import type { ScheduledStep } from './journey-scheduler.service.js';
import { nextNodeOf, type StepDecision } from './step-decision.util.js';
import { execute } from '../database/sql.util.js';

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

type StepStatus = 'waiting' | 'completed' | 'failed' | 'skipped';

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
  async record(
    em: EntityManager,
    target: StepTarget,
    decision: StepDecision,
    note: { skipped: string } | null = null,
  ): Promise<StepFollowUp> {
    switch (decision.kind) {
      case 'advance':
        await this.upsertStep(em, target, note ? 'skipped' : 'completed', {
          output: decision.output,
          note: note?.skipped ?? null,
        });
        return this.advance(em, target, decision.nextNodeId, decision.context);
      case 'wait':
        await this.upsertStep(em, target, 'waiting', {
          output: decision.output,
          resumeAt: decision.resumeAt,
          waitEvent: decision.event,
        });
        await this.moveEnrollment(em, target, 'active', {
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
        await this.upsertStep(em, target, 'completed', { output: null });
        await this.moveEnrollment(em, target, 'exited', {
          nodeId: target.nodeId,
          exitReason: decision.reason ?? 'exit node',
        });
        return NOTHING_TO_DO;
      case 'fail':
        return this.fail(em, target, decision.error);
      default: {
        const never: never = decision;
        throw new Error(`unknown step decision ${JSON.stringify(never)}`);
      }
    }
  }

  /** A finished wait: the step completes and the enrollment follows `output`. */
  async resume(
    em: EntityManager,
    target: StepTarget,
    output: string | null,
    note: string | null = null,
  ): Promise<StepFollowUp> {
    await this.upsertStep(em, target, 'completed', { output, note });
    return this.advance(
      em,
      target,
      output === null ? null : nextNodeOf(target.graph, target.nodeId, output),
      null,
    );
  }

  /** Ends the run early (goal reached ...); a waiting step is closed as completed. */
  async exitEarly(em: EntityManager, target: StepTarget, reason: string): Promise<StepFollowUp> {
    await execute(
      em,
      `UPDATE enrollment_steps SET status = 'completed', note = $3, finished_at = now()
        WHERE enrollment_id = $1 AND seq = $2 AND status = 'waiting'`,
      [target.enrollmentId, target.seq, reason],
    );
    await this.moveEnrollment(em, target, 'exited', { nodeId: target.nodeId, exitReason: reason });
    return NOTHING_TO_DO;
  }

  async fail(em: EntityManager, target: StepTarget, error: string): Promise<StepFollowUp> {
    await this.upsertStep(em, target, 'failed', { error: error.slice(0, 2000) });
    await this.moveEnrollment(em, target, 'failed', { nodeId: target.nodeId });
    return NOTHING_TO_DO;
  }

  private async advance(
    em: EntityManager,
    target: StepTarget,
    nextNodeId: string | null,
    context: Record<string, unknown> | null,
  ): Promise<StepFollowUp> {
    if (nextNodeId === null) {
      await this.moveEnrollment(em, target, 'completed', { nodeId: target.nodeId, context });
      return NOTHING_TO_DO;
    }
    await this.moveEnrollment(em, target, 'active', { nodeId: nextNodeId, context, nextSeq: true });
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

  private async upsertStep(
    em: EntityManager,
    target: StepTarget,
    status: StepStatus,
    fields: StepFields,
  ): Promise<void> {
    await execute(
      em,
      `INSERT INTO enrollment_steps (enrollment_id, seq, node_id, node_type, status, output, error, note, resume_at, wait_event, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, CASE WHEN $5 = 'waiting' THEN NULL ELSE now() END)
       ON CONFLICT (enrollment_id, seq) DO UPDATE SET
         status = EXCLUDED.status,
         output = COALESCE(EXCLUDED.output, enrollment_steps.output),
         error = EXCLUDED.error,
         note = COALESCE(EXCLUDED.note, enrollment_steps.note),
         resume_at = COALESCE(EXCLUDED.resume_at, enrollment_steps.resume_at),
         finished_at = EXCLUDED.finished_at`,
      [
        target.enrollmentId,
        target.seq,
        target.nodeId,
        target.nodeType,
        status,
        fields.output ?? null,
        fields.error ?? null,
        fields.note ?? null,
        fields.resumeAt ?? null,
        fields.waitEvent ? JSON.stringify(fields.waitEvent) : null,
      ],
    );
  }

  private async moveEnrollment(
    em: EntityManager,
    target: StepTarget,
    status: EnrollmentStatus,
    move: {
      nodeId: string;
      nextRunAt?: Date;
      context?: Record<string, unknown> | null;
      exitReason?: string;
      nextSeq?: boolean;
    },
  ): Promise<void> {
    await execute(
      em,
      `UPDATE enrollments SET
         status = $2,
         current_node_id = $3,
         step_seq = step_seq + $7,
         next_run_at = COALESCE($4::timestamptz, now()),
         context = context || $5::jsonb,
         exit_reason = $6,
         updated_at = now(),
         finished_at = CASE WHEN $2 = 'active' THEN NULL ELSE now() END
       WHERE id = $1`,
      [
        target.enrollmentId,
        status,
        move.nodeId,
        move.nextRunAt ?? null,
        JSON.stringify(move.context ?? {}),
        move.exitReason ?? null,
        move.nextSeq ? 1 : 0,
      ],
    );
  }
}
