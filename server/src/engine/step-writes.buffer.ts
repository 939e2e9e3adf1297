import type { EventWait } from '@switchyard/sdk';
import type { EntityManager } from 'typeorm';
import {
  insertOutboxRows,
  outboxRows,
  type OutboxBatch,
  type OutboxRowWrite,
} from '../channels/outbox.repository.js';
import { execute } from '../database/sql.util.js';
import type { EnrollmentStatus } from './enrollment.types.js';

export type StepStatus = 'waiting' | 'completed' | 'failed' | 'skipped';

/** One visit's row in enrollment_steps, inserted or updated. */
export interface StepRowWrite {
  enrollmentId: string;
  seq: number;
  nodeId: string;
  nodeType: string;
  status: StepStatus;
  output: string | null;
  error: string | null;
  note: string | null;
  resumeAt: Date | null;
  waitEvent: EventWait | null;
}

/** Where an enrollment goes after a step. */
export interface EnrollmentMove {
  enrollmentId: string;
  status: EnrollmentStatus;
  nodeId: string;
  /** The next wake-up; due now when null (a time already past is kept). */
  nextRunAt: Date | null;
  /** Merged into the enrollment's context. */
  context: Record<string, unknown> | null;
  exitReason: string | null;
  /** 1 when the enrollment moves on to its next visit. */
  seqIncrement: 0 | 1;
}

/**
 * The step rows, enrollment moves and outbox messages of one transaction, written
 * together: three set-based statements however many steps the transaction ran (one for a
 * single job, a whole batch for the batched runner). At most one row per (enrollment,
 * seq) and one move per enrollment, which the runners guarantee by running an enrollment
 * once per transaction.
 */
export class StepWrites {
  private steps: StepRowWrite[] = [];
  private moves: EnrollmentMove[] = [];
  private messages: OutboxRowWrite[] = [];

  constructor(readonly em: EntityManager) {}

  step(row: StepRowWrite): void {
    this.steps.push(row);
  }

  move(move: EnrollmentMove): void {
    this.moves.push(move);
  }

  /** A step's messages for the outbox; returns the ids their rows will have. */
  outbox(batch: OutboxBatch): string[] {
    const rows = outboxRows(batch);
    this.messages.push(...rows);
    return rows.map((r) => r.id);
  }

  /** Takes over another buffer's writes (a job of a batch that succeeded). */
  absorb(other: StepWrites): void {
    this.steps.push(...other.steps);
    this.moves.push(...other.moves);
    this.messages.push(...other.messages);
    other.steps = [];
    other.moves = [];
    other.messages = [];
  }

  get size(): number {
    return this.steps.length + this.moves.length + this.messages.length;
  }

  /**
   * Writes everything buffered. Returns the ids of the outbox rows inserted: a message
   * whose idempotency key was already in the outbox is not inserted again, and is not
   * for the caller to dispatch.
   */
  async flush(): Promise<Set<string>> {
    const steps = this.steps;
    const moves = this.moves;
    const messages = this.messages;
    this.steps = [];
    this.moves = [];
    this.messages = [];
    if (steps.length > 0) await upsertSteps(this.em, steps);
    if (moves.length > 0) await moveEnrollments(this.em, moves);
    return insertOutboxRows(this.em, messages);
  }
}

async function upsertSteps(em: EntityManager, rows: readonly StepRowWrite[]): Promise<void> {
  await execute(
    em,
    `INSERT INTO enrollment_steps (enrollment_id, seq, node_id, node_type, status, output, error, note, resume_at, wait_event, finished_at)
     SELECT s.enrollment_id, s.seq, s.node_id, s.node_type, s.status, s.output, s.error, s.note, s.resume_at, s.wait_event,
            CASE WHEN s.status = 'waiting' THEN NULL ELSE now() END
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                   $8::text[], $9::timestamptz[], $10::jsonb[])
            AS s(enrollment_id, seq, node_id, node_type, status, output, error, note, resume_at, wait_event)
     ON CONFLICT (enrollment_id, seq) DO UPDATE SET
       status = EXCLUDED.status,
       output = COALESCE(EXCLUDED.output, enrollment_steps.output),
       error = EXCLUDED.error,
       note = COALESCE(EXCLUDED.note, enrollment_steps.note),
       resume_at = COALESCE(EXCLUDED.resume_at, enrollment_steps.resume_at),
       finished_at = EXCLUDED.finished_at`,
    [
      rows.map((r) => r.enrollmentId),
      rows.map((r) => r.seq),
      rows.map((r) => r.nodeId),
      rows.map((r) => r.nodeType),
      rows.map((r) => r.status),
      rows.map((r) => r.output),
      rows.map((r) => (r.error === null ? null : r.error.slice(0, 2000))),
      rows.map((r) => r.note),
      rows.map((r) => r.resumeAt),
      rows.map((r) => (r.waitEvent ? JSON.stringify(r.waitEvent) : null)),
    ],
  );
}

async function moveEnrollments(em: EntityManager, moves: readonly EnrollmentMove[]): Promise<void> {
  await execute(
    em,
    `UPDATE enrollments e SET
       status = m.status,
       current_node_id = m.node_id,
       step_seq = e.step_seq + m.seq_increment,
       -- Due now: a time already past stays (the reconciler reads both as due), which
       -- leaves every indexed column as it was and makes the update HOT.
       next_run_at = CASE WHEN m.next_run_at IS NULL AND e.next_run_at <= now() THEN e.next_run_at
                          ELSE COALESCE(m.next_run_at, now()) END,
       context = e.context || m.context,
       exit_reason = m.exit_reason,
       updated_at = now(),
       finished_at = CASE WHEN m.status = 'active' THEN NULL ELSE now() END
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[], $6::text[], $7::int[])
          AS m(id, status, node_id, next_run_at, context, exit_reason, seq_increment)
     WHERE e.id = m.id`,
    [
      moves.map((m) => m.enrollmentId),
      moves.map((m) => m.status),
      moves.map((m) => m.nodeId),
      moves.map((m) => m.nextRunAt),
      moves.map((m) => JSON.stringify(m.context ?? {})),
      moves.map((m) => m.exitReason),
      moves.map((m) => m.seqIncrement),
    ],
  );
}
