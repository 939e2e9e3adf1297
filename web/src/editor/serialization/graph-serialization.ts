import {
  DEFAULT_OUTPUT,
  TRIGGER_NODE_TYPE,
  type JourneyEdge,
  type JourneyGraph,
  type JourneyNode,
} from '@switchyard/contracts';
import {
  JOURNEY_NODE_KIND,
  type EditorEdge,
  type EditorNode,
  type JourneyNodeData,
  type SourceHandleForm,
} from './editor-graph.types';

export function nodeToFlow(node: JourneyNode): EditorNode {
  const data: JourneyNodeData = { nodeType: node.type, config: node.config };
  if (node.typeVersion !== undefined) data.typeVersion = node.typeVersion;
  if (node.label !== undefined) data.label = node.label;
  return {
    id: node.id,
    type: JOURNEY_NODE_KIND,
    position: { x: node.position.x, y: node.position.y },
    data,
    // The trigger is the journey's root: it can be moved but never removed.
    deletable: node.type !== TRIGGER_NODE_TYPE,
  };
}

export function nodeFromFlow(node: EditorNode): JourneyNode {
  const stored: JourneyNode = {
    id: node.id,
    type: node.data.nodeType,
    position: { x: node.position.x, y: node.position.y },
    config: node.data.config,
  };
  if (node.data.typeVersion !== undefined) stored.typeVersion = node.data.typeVersion;
  if (node.data.label !== undefined) stored.label = node.data.label;
  return stored;
}

function handleForm(edge: JourneyEdge): SourceHandleForm {
  if (edge.sourceHandle === null) return 'null';
  return edge.sourceHandle === undefined ? 'omitted' : 'explicit';
}

export function edgeToFlow(edge: JourneyEdge): EditorEdge {
  return {
    id: edge.id,
    source: edge.source,
    sourceHandle: edge.sourceHandle ?? DEFAULT_OUTPUT,
    target: edge.target,
    data: { sourceHandleForm: handleForm(edge) },
  };
}

export function edgeFromFlow(edge: EditorEdge): JourneyEdge {
  const handle = edge.sourceHandle ?? DEFAULT_OUTPUT;
  const stored: JourneyEdge = { id: edge.id, source: edge.source, target: edge.target };
  const form = edge.data?.sourceHandleForm ?? (handle === DEFAULT_OUTPUT ? 'omitted' : 'explicit');
  // A non-default handle is always written, whatever the edge was loaded with.
  if (handle !== DEFAULT_OUTPUT || form === 'explicit') stored.sourceHandle = handle;
  else if (form === 'null') stored.sourceHandle = null;
  return stored;
}

/** Stored graph -> canvas. */
export function graphToFlow(graph: JourneyGraph): { nodes: EditorNode[]; edges: EditorEdge[] } {
  return { nodes: graph.nodes.map(nodeToFlow), edges: graph.edges.map(edgeToFlow) };
}

/** Canvas -> stored graph; canvas-only state (selection, size, dragging) is dropped. */
export function flowToGraph(
  nodes: readonly EditorNode[],
  edges: readonly EditorEdge[],
): JourneyGraph {
  return { nodes: nodes.map(nodeFromFlow), edges: edges.map(edgeFromFlow) };
}

/** The edge for `output` of `source`, written the way the contract prefers. */
export function newEdge(source: string, output: string, target: string): EditorEdge {
  return {
    id: `e-${source}-${output}-${target}`,
    source,
    sourceHandle: output,
    target,
    data: { sourceHandleForm: output === DEFAULT_OUTPUT ? 'omitted' : 'explicit' },
  };
}
