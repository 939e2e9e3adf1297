import type { JourneyNode } from '@switchyard/contracts';
import type { ActionCustomer, ActionTrigger } from '@switchyard/sdk';

/** Everything a step runs with, loaded in the step's transaction. */
export interface StepEnvironment {
  workspaceId: string;
  workspaceTimezone: string;
  enrollmentId: string;
  journeyId: string;
  versionId: string;
  node: JourneyNode;
  /** The enrollment's step number (idempotency keys are per visit). */
  seq: number;
  customer: ActionCustomer;
  trigger: ActionTrigger;
  context: Record<string, unknown>;
  now: Date;
  /** A preview or a test send: links in messages must not act on the customer. */
  dryRun?: boolean;
}
