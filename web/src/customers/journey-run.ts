import type {
  CustomerJourneyEnrollment,
  CustomerJourneyMessage,
  CustomerJourneyStep,
} from '@switchyard/contracts';
import { nextTryText } from '../shared/next-try';

/** How a customer's journey run reads on the profile: steps, what was sent, times. */

/** The output every single-output node takes; not worth showing. */
const DEFAULT_OUTPUT = 'next';

export type Channel = CustomerJourneyMessage['channel'];

/** A channel's glyph and name. */
export function channelLabel(channel: Channel): { icon: string; label: string } {
  switch (channel) {
    case 'email':
      return { icon: '✉', label: 'Email' };
    case 'sms':
      return { icon: '💬', label: 'SMS' };
    case 'webhook':
      return { icon: '⇄', label: 'Webhook' };
    default: {
      const never: never = channel;
      throw new Error(`unknown channel ${String(never)}`);
    }
  }
}

/** `send_email` -> "Send email", `acme.crm_sync` -> "Crm sync": for steps without a label. */
export function humanizeType(nodeType: string): string {
  const name = nodeType
    .slice(nodeType.lastIndexOf('.') + 1)
    .replace(/[_-]+/g, ' ')
    .trim();
  return name ? name.charAt(0).toUpperCase() + name.slice(1) : nodeType;
}

export function stepTitle(step: Pick<CustomerJourneyStep, 'label' | 'nodeType'>): string {
  return step.label ?? humanizeType(step.nodeType);
}

export function stepStatusLabel(status: CustomerJourneyStep['status']): string {
  switch (status) {
    case 'waiting':
      return 'waiting';
    case 'completed':
      return 'done';
    case 'failed':
      return 'failed';
    case 'skipped':
      return 'skipped';
    default: {
      const never: never = status;
      throw new Error(`unknown step status ${String(never)}`);
    }
  }
}

/** The branch taken (unless it is the only one) and the note, e.g. "→ yes · holdout". */
export function stepDetail(
  step: Pick<CustomerJourneyStep, 'output' | 'outputLabel' | 'note'>,
): string {
  const parts: string[] = [];
  if (step.output && step.output !== DEFAULT_OUTPUT)
    parts.push(`→ ${step.outputLabel ?? step.output}`);
  if (step.note) parts.push(step.note);
  return parts.join(' · ');
}

/**
 * Time since the run started, in its two largest units: "+0s", "+45s", "+5m", "+2h 5m",
 * "+3d 4h". Unreadable or earlier times read as "+0s".
 */
export function elapsed(from: string, to: string): string {
  const ms = Date.parse(to) - Date.parse(from);
  const seconds = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  const units: [string, number][] = [
    ['d', Math.floor(seconds / 86_400)],
    ['h', Math.floor(seconds / 3600) % 24],
    ['m', Math.floor(seconds / 60) % 60],
    ['s', seconds % 60],
  ];
  const first = units.findIndex(([, n]) => n > 0);
  if (first < 0) return '+0s';
  const shown = units.slice(first, first + 2).filter(([, n], i) => i === 0 || n > 0);
  return `+${shown.map(([unit, n]) => `${n}${unit}`).join(' ')}`;
}

/** A run's outcome in words: "Exited: reached the goal", "Waiting at Wait", "Completed". */
export function runOutcome(
  run: Pick<CustomerJourneyEnrollment, 'status' | 'exitReason' | 'currentNodeId' | 'steps'>,
): string {
  const reason = run.exitReason ? `: ${run.exitReason}` : '';
  switch (run.status) {
    case 'active': {
      const here = [...run.steps].reverse().find((s) => s.nodeId === run.currentNodeId);
      return `In progress at ${here ? stepTitle(here) : run.currentNodeId}`;
    }
    case 'completed':
      return `Completed${reason}`;
    case 'exited':
      return `Exited${reason}`;
    case 'failed':
      return `Failed${reason}`;
    default:
      return `${run.status}${reason}`;
  }
}

export interface StepWithMessages {
  step: CustomerJourneyStep;
  messages: CustomerJourneyMessage[];
}

/**
 * Each message under the step that sent it: the latest visit of its node entered at or
 * before the message was written (a loop visits a node again). Messages no step claims
 * (their node was never recorded) are returned apart, in order.
 */
export function attachMessages(
  steps: readonly CustomerJourneyStep[],
  messages: readonly CustomerJourneyMessage[],
): { steps: StepWithMessages[]; unmatched: CustomerJourneyMessage[] } {
  const rows: StepWithMessages[] = steps.map((step) => ({ step, messages: [] }));
  const unmatched: CustomerJourneyMessage[] = [];
  for (const message of messages) {
    const sentAt = Date.parse(message.createdAt);
    let owner: StepWithMessages | undefined;
    for (const row of rows) {
      if (row.step.nodeId !== message.nodeId) continue;
      if (!owner || Date.parse(row.step.enteredAt) <= sentAt) owner = row;
    }
    if (owner) owner.messages.push(message);
    else unmatched.push(message);
  }
  return { steps: rows, unmatched };
}

/**
 * What went wrong with a message, for its line: the provider's error of a failed one, and
 * of one waiting for another attempt with when that comes; null when nothing did.
 */
export function messageProblem(
  m: Pick<CustomerJourneyMessage, 'status' | 'attempts' | 'lastError' | 'nextAttemptAt'>,
): string | null {
  switch (m.status) {
    case 'sent':
      return null;
    case 'failed':
      return m.lastError ?? 'not sent';
    case 'pending':
      return m.attempts === 0
        ? null
        : `${m.lastError ?? 'not sent yet'} · next try ${nextTryText(m)}`;
    default: {
      const never: never = m.status;
      throw new Error(`unknown message status ${String(never)}`);
    }
  }
}
