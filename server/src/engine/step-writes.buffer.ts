import type { EventWait } from '@switchyard/sdk';
import type { EntityManager } from 'typeorm';
import {
  outboxInsertSql,
  outboxRows,
  type OutboxBatch,
  type OutboxRowWrite,
} from '../channels/outbox.repository.js';
import { selectRows } from '../database/sql.util.js';
import { SqlParams, unnestArgs } from '../segments/compiler/sql-params.js';
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
 * together: one set-based statement however many steps the transaction ran (one for a
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
   * Writes everything buffered in one statement (step rows and enrollment moves as
   * data-modifying CTEs ahead of the outbox insert: one round trip instead of three).
   * Returns the ids of the outbox rows inserted: a message whose idempotency key was
   * already in the outbox is not inserted again, and is not for the caller to dispatch.
   */
  async flush(): Promise<Set<string>> {
    const steps = this.steps;
    const moves = this.moves;
    const messages = this.messages;
    this.steps = [];
    this.moves = [];
    this.messages = [];
    if (steps.length === 0 && moves.length === 0 && messages.length === 0) return new Set();
    const params = new SqlParams();
    const ahead: string[] = [];
    if (steps.length > 0) ahead.push(`steps AS (${upsertStepsSql(params, steps)})`);
    if (moves.length > 0) ahead.push(`moves AS (${moveEnrollmentsSql(params, moves)})`);
    const last =
      messages.length > 0
        ? outboxInsertSql(params, messages)
        : 'SELECT NULL::uuid AS id WHERE false';
    const sql = ahead.length > 0 ? `WITH ${ahead.join(',\n')}\n${last}` : last;
    const inserted = await selectRows<{ id: string }>(this.em, sql, params.values);
    return new Set(inserted.map((r) => r.id));
  }
}

function upsertStepsSql(params: SqlParams, rows: readonly StepRowWrite[]): string {
  const args = unnestArgs(params, rows, [
    ['uuid', (r) => r.enrollmentId],
    ['integer', (r) => r.seq],
    ['text', (r) => r.nodeId],
    ['text', (r) => r.nodeType],
    ['text', (r) => r.status],
    ['text', (r) => r.output],
    ['text', (r) => (r.error === null ? null : r.error.slice(0, 2000))],
    ['text', (r) => r.note],
    ['timestamptz', (r) => r.resumeAt],
    ['jsonb', (r) => (r.waitEvent ? JSON.stringify(r.waitEvent) : null)],
  ]);
  return `INSERT INTO enrollment_steps (enrollment_id, seq, node_id, node_type, status, output, error, note, resume_at, wait_event, finished_at)
     SELECT s.enrollment_id, s.seq, s.node_id, s.node_type, s.status, s.output, s.error, s.note, s.resume_at, s.wait_event,
            CASE WHEN s.status = 'waiting' THEN NULL ELSE now() END
       FROM unnest(${args})
            AS s(enrollment_id, seq, node_id, node_type, status, output, error, note, resume_at, wait_event)
     ON CONFLICT (enrollment_id, seq) DO UPDATE SET
       status = EXCLUDED.status,
       output = COALESCE(EXCLUDED.output, enrollment_steps.output),
       error = EXCLUDED.error,
       note = COALESCE(EXCLUDED.note, enrollment_steps.note),
       resume_at = COALESCE(EXCLUDED.resume_at, enrollment_steps.resume_at),
       finished_at = EXCLUDED.finished_at`;
}

function moveEnrollmentsSql(params: SqlParams, moves: readonly EnrollmentMove[]): string {
  const args = unnestArgs(params, moves, [
    ['uuid', (m) => m.enrollmentId],
    ['text', (m) => m.status],
    ['text', (m) => m.nodeId],
    ['timestamptz', (m) => m.nextRunAt],
    ['jsonb', (m) => JSON.stringify(m.context ?? {})],
    ['text', (m) => m.exitReason],
    ['integer', (m) => m.seqIncrement],
  ]);
  return `UPDATE enrollments e SET
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
     FROM unnest(${args})
          AS m(id, status, node_id, next_run_at, context, exit_reason, seq_increment)
     WHERE e.id = m.id`;
}
