import {
  type CustomerJourneyEnrollment,
  type CustomerJourneyMessage,
  type CustomerJourneyStep,
  DEFAULT_OUTPUT,
  declaredOutputs,
  type NodeTypeView,
  outputLabel,
} from '@switchyard/contracts';
import { messageSummary } from '../channels/message-summary.util.js';
import type { MessageRow, RunRow, StepRow } from './customer-journeys.sql.js';

/** How steps are named: from their node types, as the editor's canvas names them. */
export interface StepNaming {
  /** A node type's title (for steps whose node has no label), or null when unknown. */
  typeTitle(nodeType: string): string | null;
  /** A node type as the editor sees it (its outputs), or undefined when unknown. */
  typeView(nodeType: string, typeVersion: number | null): NodeTypeView | undefined;
}

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

export function toJourneyStep(row: StepRow, naming: StepNaming): CustomerJourneyStep {
  return {
    nodeId: row.node_id,
    nodeType: row.node_type,
    label: row.label ?? naming.typeTitle(row.node_type),
    status: row.status,
    output: row.output,
    outputLabel: outputName(row, naming),
    note: row.note,
    enteredAt: row.entered_at.toISOString(),
    finishedAt: iso(row.finished_at),
  };
}

/** The way a step took as the canvas names it ("Branch B", "Everyone else"); null for "next". */
function outputName(row: StepRow, naming: StepNaming): string | null {
  if (row.output === null || row.output === DEFAULT_OUTPUT) return null;
  const view = naming.typeView(row.node_type, row.type_version);
  const declared = declaredOutputs({ nodeType: row.node_type, config: row.config ?? {} }, view);
  return declared.find((o) => o.key === row.output)?.label ?? outputLabel(row.output);
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
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: iso(row.next_attempt_at),
  };
}

/** The runs in their order (newest first), each with its steps and messages. */
export function toCustomerJourneys(
  runs: readonly RunRow[],
  steps: readonly StepRow[],
  messages: readonly MessageRow[],
  naming: StepNaming,
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
    steps: (stepsOf.get(run.id) ?? []).map((s) => toJourneyStep(s, naming)),
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
