import type { Edge, Node } from '@xyflow/react';

/** What a canvas node carries: the stored node minus id and position. */
export type JourneyNodeData = {
  nodeType: string;
  typeVersion?: number;
  label?: string;
  config: Record<string, unknown>;
};

/** All journey nodes share one React Flow component; the node type lives in data. */
export const JOURNEY_NODE_KIND = 'journey';
export type EditorNode = Node<JourneyNodeData, typeof JOURNEY_NODE_KIND>;

/**
 * How the stored edge spelled its output, so an edge saved as `sourceHandle: null` or
 * without the key comes back the same way (the canvas always needs a handle id).
 */
export type SourceHandleForm = 'omitted' | 'null' | 'explicit';
export type JourneyEdgeData = { sourceHandleForm: SourceHandleForm };
export type EditorEdge = Edge<JourneyEdgeData>;
