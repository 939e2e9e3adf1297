import { z } from 'zod';
import type { IssueFix } from '../errors/validation-error.js';

/**
 * A journey graph as stored and as edited. Node configs are validated by the node
 * type's own schema (the SDK's `defineAction`), so this schema only fixes the shape.
 */
export const nodeIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, "_" or "-"');

export const journeyNodeSchema = z.strictObject({
  id: nodeIdSchema,
  type: z.string().min(1).max(100),
  /** Version of the node type; defaults to the newest when a draft is published. */
  typeVersion: z.number().int().min(1).optional(),
  label: z.string().max(200).optional(),
  position: z.strictObject({ x: z.number().finite(), y: z.number().finite() }),
  config: z.record(z.string(), z.unknown()),
});
export type JourneyNode = z.infer<typeof journeyNodeSchema>;

export const journeyEdgeSchema = z.strictObject({
  id: z.string().min(1).max(200),
  source: nodeIdSchema,
  /** Output of the source node; omitted for nodes with a single output ("next"). */
  sourceHandle: z.string().min(1).max(64).nullish(),
  target: nodeIdSchema,
});
export type JourneyEdge = z.infer<typeof journeyEdgeSchema>;

export const journeyGraphSchema = z.strictObject({
  nodes: z.array(journeyNodeSchema).max(500),
  edges: z.array(journeyEdgeSchema).max(2000),
});
export type JourneyGraph = z.infer<typeof journeyGraphSchema>;

export const DEFAULT_OUTPUT = 'next';

/** A problem in a graph, tied to the node (or edge) it is about. */
export interface GraphIssue {
  nodeId?: string;
  edgeId?: string;
  field?: string;
  message: string;
  /** Set when the fix is outside the journey. */
  fixIn?: IssueFix;
}
