import type {
  StepPreviewHold,
  StepPreviewMessage,
  StepPreviewOutcome,
} from '@switchyard/contracts';
import type { CollectedMessage } from './action-context.factory.js';
import type { GateHold } from './messaging/message-gate.service.js';
import type { StepDecision } from './step-decision.util.js';

/** The engine's decision for the step (decideStep), as the preview tells it. */
export function previewOutcome(decision: StepDecision): StepPreviewOutcome {
  switch (decision.kind) {
    case 'advance':
      return { kind: 'continue', output: decision.output };
    case 'wait':
      return {
        kind: 'wait',
        until: decision.resumeAt.toISOString(),
        output: decision.output,
        event: decision.event ? { name: decision.event.name, output: decision.event.output } : null,
      };
    case 'exit':
      return { kind: 'exit', reason: decision.reason };
    case 'fail':
      return { kind: 'error', message: decision.error };
    default: {
      const unknown: never = decision;
      throw new Error(`unknown decision ${JSON.stringify(unknown)}`);
    }
  }
}

/** A collected message as the preview shows it (the outbox payload, flattened). */
export function previewMessage(message: CollectedMessage): StepPreviewMessage {
  switch (message.channel) {
    case 'email':
      return {
        channel: 'email',
        to: message.payload.to,
        subject: message.payload.subject,
        html: message.payload.html ?? null,
        text: message.payload.text ?? null,
        transactional: message.transactional,
      };
    case 'sms':
      return {
        channel: 'sms',
        to: message.payload.to,
        body: message.payload.body,
        transactional: message.transactional,
      };
    case 'webhook':
      return {
        channel: 'webhook',
        method: message.payload.method,
        url: message.payload.url,
        headers: message.payload.headers ?? {},
        body: message.payload.body ?? null,
      };
    default: {
      const unknown: never = message;
      throw new Error(`unknown channel ${JSON.stringify(unknown)}`);
    }
  }
}

/** What a preview's `ctx.secret(name)` answers for a secret that is set: never its value. */
/** Why the messages would be held back, as the preview answers it. */
export function previewHold(hold: GateHold, timeZone: string): StepPreviewHold {
  switch (hold.kind) {
    // A dry run asks only quiet hours and caps (the rate limit is not shown).
    case 'defer':
      return { kind: 'quiet_hours', until: hold.until.toISOString(), timeZone };
    case 'skip':
      return { kind: 'frequency_cap', reason: hold.reason };
    default: {
      const unknown: never = hold;
      throw new Error(`unknown hold ${JSON.stringify(unknown)}`);
    }
  }
}

export function secretPlaceholder(name: string): string {
  return `[secret ${name}]`;
}
