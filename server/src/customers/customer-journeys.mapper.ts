import type {
  CustomerJourneyEnrollment,
  CustomerJourneyMessage,
  CustomerJourneyStep,
} from '@switchyard/contracts';
import { messageSummary } from '../channels/message-summary.util.js';
import type { MessageRow, RunRow, StepRow } from './customer-journeys.sql.js';

/** A node type's title (for steps whose node has no label), or null when unknown. */
export type TypeTitle = (nodeType: string) => string | null;

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

export function toJourneyStep(row: StepRow, typeTitle: TypeTitle): CustomerJourneyStep {
  return {
    nodeId: row.node_id,
    nodeType: row.node_type,
    label: row.label ?? typeTitle(row.node_type),
    status: row.status,
    output: row.output,
    note: row.note,
    enteredAt: row.entered_at.toISOString(),
    finishedAt: iso(row.finished_at),
  };
}

export function toJourneyMessage(row: MessageRow): CustomerJourneyMessage {
  return {
    nodeId: row.node_id ?? '',
    channel: row.channel,
    to: row.recipient ?? '',
    summary: messageSummary(row),
    status: row.status,
    createdAt: row.created_at.toISOString(),
    sentAt: iso(row.sent_at),
  };
}

/** The runs in their order (newest first), each with its steps and messages. */
export function toCustomerJourneys(
  runs: readonly RunRow[],
  steps: readonly StepRow[],
  messages: readonly MessageRow[],
  typeTitle: TypeTitle,
): CustomerJourneyEnrollment[] {
  const stepsOf = groupBy(steps, (s) => s.enrollment_id);
  const messagesOf = groupBy(messages, (m) => m.enrollment_id);
  return runs.map((run): CustomerJourneyEnrollment => ({
    enrollmentId: run.id,
    journeyId: run.journey_id,
    journeyName: run.journey_name,
    version: run.version,
    status: run.status,
    exitReason: run.exit_reason,
    currentNodeId: run.current_node_id,
    enrolledAt: run.created_at.toISOString(),
    finishedAt: iso(run.finished_at),
    steps: (stepsOf.get(run.id) ?? []).map((s) => toJourneyStep(s, typeTitle)),
    messages: (messagesOf.get(run.id) ?? []).map(toJourneyMessage),
  }));
}

/** Rows by key, keeping their order. */
function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
