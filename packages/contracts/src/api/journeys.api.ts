import { z } from 'zod';
import {
  journeyGraphSchema,
  type GraphIssue,
  type JourneyGraph,
} from '../journey/journey-graph.schema.js';

export const createJourneyBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  description: z.string().max(2000).optional(),
  graph: journeyGraphSchema.optional(),
});
export type CreateJourneyBody = z.infer<typeof createJourneyBodySchema>;

export const updateJourneyBodySchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  description: z.string().max(2000).optional(),
  graph: journeyGraphSchema.optional(),
});
export type UpdateJourneyBody = z.infer<typeof updateJourneyBodySchema>;

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
  graph: JourneyGraph;
  /** Problems that would stop publishing, per node; empty when publishable. */
  issues: GraphIssue[];
  liveVersion: JourneyVersionView | null;
  createdAt: string;
  updatedAt: string;
}

export interface NodeStats {
  nodeId: string;
  type: string;
  entered: number;
  completed: number;
  failed: number;
  waiting: number;
}

export interface JourneyStats {
  journeyId: string;
  versionId: string | null;
  enrollments: { total: number; active: number; completed: number; failed: number; exited: number };
  nodes: NodeStats[];
}

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
