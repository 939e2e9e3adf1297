import { z } from 'zod';
import {
  journeyGraphSchema,
  type GraphIssue,
  type JourneyGraph,
} from '../journey/journey-graph.schema.js';
import {
  journeySettingsSchema,
  type JourneyGoal,
  type JourneySettings,
} from '../journey/journey-settings.schema.js';
import type { MessageChannel } from './workspace.api.js';

export const createJourneyBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  description: z.string().max(2000).optional(),
  graph: journeyGraphSchema.optional(),
  settings: journeySettingsSchema.optional(),
});
export type CreateJourneyBody = z.infer<typeof createJourneyBodySchema>;

export const updateJourneyBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  description: z.string().max(2000).optional(),
  graph: journeyGraphSchema.optional(),
  settings: journeySettingsSchema.optional(),
});
export type UpdateJourneyBody = z.infer<typeof updateJourneyBodySchema>;

/**
 * draft: never published. live: enrolling and running. paused: no new enrollments and
 * running ones hold at their next step until resumed. stopped: every run has been exited;
 * publishing again starts it afresh.
 */
export type JourneyStatus = 'draft' | 'live' | 'paused' | 'stopped';

export interface JourneyVersionView {
  id: string;
  version: number;
  publishedAt: string;
}

export interface JourneyView {
  id: string;
  name: string;
  description: string | null;
  status: JourneyStatus;
  /** Why the journey was paused by Switchyard (e.g. its segment was deleted); null otherwise. */
  statusReason: string | null;
  /** The draft (what the editor shows). */
  graph: JourneyGraph;
  settings: JourneySettings;
  /** True when the draft differs from the live version (publishing makes a new version). */
  hasUnpublishedChanges: boolean;
  /** Problems that would stop publishing, per node; empty when publishable. */
  issues: GraphIssue[];
  liveVersion: JourneyVersionView | null;
  createdAt: string;
  updatedAt: string;
}

/** `GET /api/journeys`: each journey with how many runs it has had, over all versions. */
export interface JourneyListItem extends JourneyView {
  enrollments: { total: number; active: number };
  /** The channels the live version's nodes send on; empty without a live version. */
  liveSends: MessageChannel[];
}

/** `GET /api/journeys/:id/versions`: newest first. */
export interface JourneyVersionDetail extends JourneyVersionView {
  graph: JourneyGraph;
  settings: JourneySettings;
  live: boolean;
  enrollments: { total: number; active: number };
}

/** Customers who entered the node and, with a goal, how many of them converted. */
export interface NodeStats {
  nodeId: string;
  type: string;
  entered: number;
  completed: number;
  failed: number;
  waiting: number;
  /** Entered the node and reached the goal within the window after enrolling. */
  converted: number;
  /** Per output (branch) of the node: customers who left through it and their conversions. */
  outputs: { output: string; count: number; converted: number }[];
  /**
   * What the messages the node wrote came to, by delivery: sent, failed for good (on the
   * Deliveries page) and still waiting. Null for a node that wrote none.
   */
  messages: MessageCounts | null;
  /**
   * Customers whose step went on without sending, by reason ("unsubscribed from email",
   * "frequency cap: at most 2 email in 7 days"); counted in `completed` too. Most first.
   */
  skipped: { reason: string; count: number }[];
  /**
   * Customers who unsubscribed through the link in an e-mail this node sent (the link in
   * the body or the mail client's one-click button) and have not subscribed again.
   */
  unsubscribed: number;
  /**
   * Customers who marked an e-mail this node sent as spam, as their provider reported
   * (`POST /v1/email/feedback`); kept even if they subscribe again. Mailbox providers
   * throttle or junk senders above about 0.3 % of delivered e-mail.
   */
  complaints: number;
  /**
   * Customers who opened an e-mail of this node (its pixel loaded) and who clicked one of
   * its links, each counted once. Marketing e-mail only; opens also count mail clients that
   * load images by themselves (Apple Mail), clicks some link scanners.
   */
  opened: number;
  clicked: number;
}

export interface MessageCounts {
  sent: number;
  failed: number;
  waiting: number;
}

/** Converted out of n, and the rate. */
export interface Rate {
  n: number;
  converted: number;
  rate: number;
}

/**
 * Treated vs held-out customers of a random split with a holdout: conversion of each
 * and the lift (difference of rates) with its 95% confidence interval.
 */
export interface HoldoutStats {
  nodeId: string;
  treated: Rate;
  heldOut: Rate;
  lift: { absolute: number; ci95: [number, number]; relative: number | null };
  /** The interval excludes zero. */
  significant: boolean;
}

export interface JourneyStats {
  journeyId: string;
  versionId: string | null;
  enrollments: {
    total: number;
    active: number;
    completed: number;
    failed: number;
    exited: number;
    converted: number;
  };
  goal: JourneyGoal | null;
  nodes: NodeStats[];
  holdouts: HoldoutStats[];
}

export const journeyStatsQuerySchema = z.strictObject({
  /** A version of the journey; the live (or newest) one when omitted. */
  versionId: z.uuid().optional(),
});
export type JourneyStatsQuery = z.infer<typeof journeyStatsQuerySchema>;

export interface NodeTypeView {
  type: string;
  version: number;
  title: string;
  description: string;
  category: string;
  icon: string | null;
  /** JSON Schema of the node's settings, derived from its zod schema. */
  configSchema: Record<string, unknown>;
  /** Output handles; `dynamic` when they depend on the settings. */
  outputs: string[] | 'dynamic';
  defaults: Record<string, unknown>;
}
