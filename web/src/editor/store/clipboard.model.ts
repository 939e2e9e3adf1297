import { DEFAULT_OUTPUT, TRIGGER_NODE_TYPE } from '@switchyard/contracts';
import { newNodeId } from '../nodes/node-registry';
import type { EditorEdge, EditorNode } from '../serialization/editor-graph.types';
import { newEdge } from '../serialization/graph-serialization';

/** Copied steps and the edges between them. */
export interface ClipboardContent {
  nodes: EditorNode[];
  edges: EditorEdge[];
}

export const PASTE_OFFSET = 40;

/** Copies the selected steps (never the trigger) with the edges among them. */
export function copySelection(
  nodes: readonly EditorNode[],
  edges: readonly EditorEdge[],
  selectedIds: ReadonlySet<string>,
): ClipboardContent | null {
  const copied = nodes.filter(
    (n) => selectedIds.has(n.id) && n.data.nodeType !== TRIGGER_NODE_TYPE,
  );
  if (copied.length === 0) return null;
  const ids = new Set(copied.map((n) => n.id));
  return {
    nodes: copied.map((n) => ({
      id: n.id,
      type: n.type,
      position: { ...n.position },
      data: structuredClone(n.data),
    })),
    edges: edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ ...e, data: e.data ? { ...e.data } : undefined })),
  };
}

/**
 * The clipboard as new steps: fresh ids (unique among `existingIds`), positions moved by
 * `offset`, selected, with the copied edges rewired between the new ids.
 */
export function pasteClipboard(
  clip: ClipboardContent,
  existingIds: ReadonlySet<string>,
  offset: { x: number; y: number },
): ClipboardContent {
  const taken = new Set(existingIds);
  const renamed = new Map<string, string>();
  const nodes = clip.nodes.map((node): EditorNode => {
    const id = newNodeId(node.data.nodeType, taken);
    taken.add(id);
    renamed.set(node.id, id);
    return {
      id,
      type: node.type,
      position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
      data: structuredClone(node.data),
      selected: true,
      deletable: true,
    };
  });
  const edges = clip.edges.flatMap((edge) => {
    const source = renamed.get(edge.source);
    const target = renamed.get(edge.target);
    return source && target ? [newEdge(source, edge.sourceHandle ?? DEFAULT_OUTPUT, target)] : [];
  });
  return { nodes, edges };
}
