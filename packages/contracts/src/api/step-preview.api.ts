import { z } from 'zod';
import { journeyNodeSchema } from '../journey/journey-graph.schema.js';

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
      method: string;
      url: string;
      headers: Record<string, string>;
      body: string | null;
    };

export interface StepPreview {
  customer: { id: string; externalId: string; pick: StepPreviewPick };
  /**
   * The customer's newest run of this journey, whose context (what earlier steps set)
   * and trigger the preview used; null: an empty context and the trigger as of now.
   */
  run: { id: string; startedAt: string; status: string } | null;
  outcome: StepPreviewOutcome;
  messages: StepPreviewMessage[];
  /** Traits the step would set on the customer's profile. */
  traits: Record<string, unknown>;
  /** Audiences the step would add the customer to. */
  audiences: { id: string; name: string | null }[];
}

/**
 * `POST /api/journeys/:id/test-send`: the e-mail a step would send a customer, sent now to
 * `to` instead (subject prefixed "[Test] "), through the workspace's e-mail server.
 */
export const stepTestSendBodySchema = stepPreviewBodySchema.extend({
  to: z.email('must be an e-mail address').max(320),
});
export type StepTestSendBody = z.infer<typeof stepTestSendBodySchema>;

export interface StepTestSend {
  to: string;
  /** The subjects sent, one per e-mail the step would send. */
  subjects: string[];
  /** The customer whose data filled the message. */
  customer: { id: string; externalId: string };
  /** `logged`: the server has no SMTP_URL and the workspace no e-mail server of its own. */
  delivery: 'sent' | 'logged';
}
