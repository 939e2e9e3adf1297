import { z } from 'zod';
import { journeyGraphSchema, journeyNodeSchema } from '../journey/journey-graph.schema.js';
import { phoneNumberSchema, type WebhookMethod } from './common.schema.js';
import type { SubscriptionChannel } from './subscriptions.api.js';

/**
 * `POST /api/journeys/:id/preview-step`: runs one step of the journey for a real customer
 * without doing anything (a dry run): the node as the editor has it, saved or not.
 */
export const stepPreviewBodySchema = z.strictObject({
  node: journeyNodeSchema,
  /** The customer's internal or external id; left out, Switchyard picks one. */
  customer: z.string().trim().min(1, 'must not be empty').max(200).optional(),
});
export type StepPreviewBody = z.infer<typeof stepPreviewBodySchema>;

/** How the customer was chosen when the request named none, or that it named one. */
export type StepPreviewPick =
  | 'given'
  /** The customer of the journey's newest run. */
  | 'latest_run'
  /** A member of the trigger's segment or audience. */
  | 'trigger_member'
  /** The newest customer of the workspace. */
  | 'newest';

/** Where the step would go: the same decision the engine makes, by output id. */
export type StepPreviewOutcome =
  /** On through `output`; null: the node has no outputs and the run would end. */
  | { kind: 'continue'; output: string | null }
  | {
      kind: 'wait';
      until: string;
      output: string;
      /** An event that ends the wait early, and the output it leaves through. */
      event: { name: string; output: string } | null;
    }
  | { kind: 'exit'; reason: string | null }
  /** The step would fail (a template error, a bad address, a plugin's error, ...). */
  | { kind: 'error'; message: string };

/** A message the step would hand to the outbox, as rendered for the customer. */
export type StepPreviewMessage =
  | {
      channel: 'email';
      to: string;
      subject: string;
      html: string | null;
      text: string | null;
      transactional: boolean;
    }
  | { channel: 'sms'; to: string; body: string; transactional: boolean }
  | {
      channel: 'webhook';
      method: WebhookMethod;
      url: string;
      headers: Record<string, string>;
      body: string | null;
    };

/**
 * Why the step's messages would not go out at once, as things stand now: quiet hours
 * (the step runs again when they end) or a frequency cap (the step completes without
 * sending). A node's rate limit depends on the traffic of the moment and is not shown.
 */
export type StepPreviewHold =
  | {
      kind: 'quiet_hours';
      /** When they end, in the customer's time zone `timeZone`. */
      until: string;
      timeZone: string;
    }
  | { kind: 'frequency_cap'; reason: string }
  /**
   * The customer unsubscribed from these channels, or from the topics (by name) the
   * messages go out under: those marketing messages are dropped.
   */
  | { kind: 'unsubscribed'; channels: SubscriptionChannel[]; topics: string[] }
  /** The e-mail's address bounced for good before: it is not sent (any e-mail to it). */
  | { kind: 'bounced'; addresses: string[] };

/** What one step would do for the customer, as a dry run. */
export interface StepDryRun {
  outcome: StepPreviewOutcome;
  messages: StepPreviewMessage[];
  /** null: the messages would go out at once (or there are none). */
  held: StepPreviewHold | null;
  /** Traits the step would set on the customer's profile. */
  traits: Record<string, unknown>;
  /** Audiences the step would add the customer to. */
  audiences: { id: string; name: string | null }[];
}

export interface StepPreviewCustomer {
  id: string;
  externalId: string;
  pick: StepPreviewPick;
}

/** The customer's newest run of the journey. */
export interface StepPreviewRun {
  id: string;
  startedAt: string;
  status: string;
}

export interface StepPreview extends StepDryRun {
  customer: StepPreviewCustomer;
  /**
   * The customer's newest run of this journey, whose context (what earlier steps set)
   * and trigger the preview used; null: an empty context and the trigger as of now.
   */
  run: StepPreviewRun | null;
}

/**
 * `POST /api/journeys/:id/preview-run`: the whole journey walked for a customer as a dry
 * run, from the trigger's first step: each step as `preview-step` runs it, the context
 * and traits of the steps before it carried along, waits passed at once.
 */
export const journeyWalkBodySchema = z.strictObject({
  /** The graph as the editor has it (saved or not); left out, the saved draft. */
  graph: journeyGraphSchema.optional(),
  customer: z.string().trim().min(1, 'must not be empty').max(200).optional(),
});
export type JourneyWalkBody = z.infer<typeof journeyWalkBodySchema>;

export interface JourneyWalkStep extends StepDryRun {
  nodeId: string;
  nodeType: string;
  label: string | null;
}

/** How the walk ended. */
export type JourneyWalkEnd =
  /** A step with nothing connected after it: the run would complete. */
  | { kind: 'completed' }
  | { kind: 'exited'; reason: string | null }
  /** The last step would fail (its outcome says why). */
  | { kind: 'failed' }
  /** Stopped after this many steps (a loop through waits). */
  | { kind: 'limit'; steps: number }
  /** The edge after the last step (or the trigger) leads to `nodeId`, which the graph lacks. */
  | { kind: 'broken'; nodeId: string };

export interface JourneyWalk {
  customer: StepPreviewCustomer;
  /** The customer's newest run, whose trigger the walk used (its context is not: a new run starts empty). */
  run: StepPreviewRun | null;
  steps: JourneyWalkStep[];
  end: JourneyWalkEnd;
}

/**
 * `POST /api/journeys/:id/test-send`: the messages a step would send a customer, sent now
 * as a test: an e-mail to the address `to` (subject prefixed "[Test] "), an SMS to the
 * phone number `to`, a webhook to its own URL (marked `X-Switchyard-Test: 1`).
 */
export const stepTestSendBodySchema = stepPreviewBodySchema.extend({
  /** An e-mail address for an e-mail step, a phone number for an SMS step; a webhook needs none. */
  to: z
    .union([z.email(), phoneNumberSchema], {
      error: 'must be an e-mail address or a phone number (E.164, e.g. +14155550100)',
    })
    .optional(),
});
export type StepTestSendBody = z.infer<typeof stepTestSendBodySchema>;

/** One message of a test send, as it went out. */
export type StepTestSent =
  | {
      channel: 'email';
      to: string;
      subject: string;
      /** `logged`: the server has no SMTP_URL and the workspace no e-mail server of its own. */
      delivery: 'sent' | 'logged';
    }
  /** Accepted by the workspace's SMS provider, under the provider's message id. */
  | { channel: 'sms'; to: string; body: string; providerMessageId: string }
  /**
   * The webhook's answer, whatever its status (a 4xx is the receiver's verdict on the test,
   * not a failed send); `answer` is the start of its body. Secrets in the URL are shown as
   * `[secret NAME]`.
   */
  | {
      channel: 'webhook';
      method: string;
      url: string;
      status: number;
      answer: string;
      ms: number;
    };

export interface StepTestSend {
  /** The customer whose data filled the messages. */
  customer: { id: string; externalId: string };
  sent: StepTestSent[];
}
