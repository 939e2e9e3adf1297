import type { Trigger } from '@switchyard/contracts';
import type { z } from 'zod';

export interface ActionCustomer {
  id: string;
  externalId: string;
  traits: Record<string, unknown>;
}

/** The transition that started the enrollment. */
export interface ActionTrigger {
  trigger: Trigger;
  segmentName: string | null;
  /** When the transition was evaluated (as-of time). */
  at: string;
}

export interface EmailMessage {
  to: string;
  subject: string;
  html?: string;
  text?: string;
}

/**
 * External effects. They are written to an outbox in the step's transaction and
 * delivered after commit with the step's idempotency key, so a retry never sends twice.
 */
export interface ActionEffects {
  email(message: EmailMessage): Promise<void>;
}

export interface ActionLogger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export interface ActionContext {
  customer: ActionCustomer;
  trigger: ActionTrigger;
  journey: { id: string; versionId: string; enrollmentId: string; nodeId: string };
  /** Values written by earlier steps of this enrollment. */
  context: Readonly<Record<string, unknown>>;
  /** Stable for (enrollment, node): pass it to any external system that de-duplicates. */
  idempotencyKey: string;
  now: Date;
  /**
   * Renders a Handlebars template over customer, trigger and context (plus `extra`),
   * HTML-escaping every `{{value}}` (use `{{{value}}}` for trusted HTML).
   */
  render(template: string, extra?: Record<string, unknown>): string;
  /** Same as `render` without HTML escaping: for subjects, plain text and addresses. */
  renderText(template: string, extra?: Record<string, unknown>): string;
  effects: ActionEffects;
  logger: ActionLogger;
}

/** What a step tells the engine to do next. */
export type ActionResult =
  | { kind: 'continue'; output?: string; context?: Record<string, unknown> }
  | { kind: 'wait'; until: Date; output?: string; context?: Record<string, unknown> }
  | { kind: 'exit'; reason?: string };

export type OutputsSpec<C> = readonly string[] | ((config: C) => readonly string[]);

export interface ActionSpec<S extends z.ZodType> {
  /** Unique type name, e.g. "send_email" or "acme.slack_post". */
  type: string;
  version: number;
  title: string;
  description: string;
  category: 'flow' | 'messaging' | 'data' | 'integration' | string;
  icon?: string;
  config: S;
  outputs: OutputsSpec<z.output<S>>;
  /**
   * Top-level settings whose string values are Handlebars templates. They are
   * syntax-checked when a journey is published, so a broken template never goes live.
   */
  templateFields?: readonly string[];
  execute(ctx: ActionContext, config: z.output<S>): Promise<ActionResult> | ActionResult;
}
