import { DEFAULT_OUTPUT, TRIGGER_NODE_TYPE } from '@switchyard/contracts';
import { declaredOutputs } from '@switchyard/contracts';
import { createNode, triggerNodeType, type NodeRegistry } from '../nodes/node-registry';
import type { EditorEdge, EditorNode } from '../serialization/editor-graph.types';

/** Pure edits of the canvas graph, shared by the editor store's actions. */

export interface FlowGraph {
  nodes: EditorNode[];
  edges: EditorEdge[];
}

export function ensureTrigger(nodes: EditorNode[]): { nodes: EditorNode[]; added: boolean } {
  if (nodes.some((n) => n.data.nodeType === TRIGGER_NODE_TYPE)) return { nodes, added: false };
  return { nodes: [createNode(triggerNodeType, 'trigger', { x: 0, y: 0 }), ...nodes], added: true };
}

/** Selects exactly `ids` (an empty set clears the selection). */
export function markSelected(nodes: EditorNode[], ids: ReadonlySet<string>): EditorNode[] {
  return nodes.map((n) =>
    ids.has(n.id) === Boolean(n.selected) ? n : { ...n, selected: ids.has(n.id) },
  );
}

export function selectedIds(nodes: readonly EditorNode[]): Set<string> {
  return new Set(nodes.filter((n) => n.selected).map((n) => n.id));
}

/** The one selected node, when exactly one is. */
export function singleSelection(nodes: readonly EditorNode[]): string | null {
  const selected = nodes.filter((n) => n.selected);
  return selected.length === 1 ? (selected[0]?.id ?? null) : null;
}

/** Removes nodes (never the trigger) and every edge touching them, plus `edgeIds`. */
export function removeElements(
  graph: FlowGraph,
  nodeIds: ReadonlySet<string>,
  edgeIds: ReadonlySet<string> = new Set(),
): FlowGraph {
  const removable = new Set(
    graph.nodes
      .filter((n) => nodeIds.has(n.id) && n.deletable !== false)
      .filter((n) => n.data.nodeType !== TRIGGER_NODE_TYPE)
      .map((n) => n.id),
  );
  return {
    nodes: graph.nodes.filter((n) => !removable.has(n.id)),
    edges: graph.edges.filter(
      (e) => !edgeIds.has(e.id) && !removable.has(e.source) && !removable.has(e.target),
    ),
  };
}

/**
 * Drops the edges of `nodeId` whose output no longer exists (a branch removed from the
 * settings): its edge would point nowhere the engine could follow.
 */
export function pruneEdgesOf(
  nodeId: string,
  graph: FlowGraph,
  registry: NodeRegistry,
): EditorEdge[] {
  const node = graph.nodes.find((n) => n.id === nodeId);
  const view = node ? registry[node.data.nodeType] : undefined;
  if (!node || !view) return graph.edges;
  const outputs = new Set(declaredOutputs(node.data, view).map((o) => o.key));
  const kept = graph.edges.filter(
    (e) => e.source !== nodeId || outputs.has(e.sourceHandle ?? DEFAULT_OUTPUT),
  );
  return kept.length === graph.edges.length ? graph.edges : kept;
}

/** Moves nodes to `positions` (others stay). */
export function moveNodes(
  nodes: EditorNode[],
  positions: Readonly<Record<string, { x: number; y: number }>>,
): EditorNode[] {
  return nodes.map((n) => {
    const p = positions[n.id];
    return p && (p.x !== n.position.x || p.y !== n.position.y) ? { ...n, position: p } : n;
  });
}
