import { layout as dagreLayout, graphlib } from '@dagrejs/dagre';
import { DEFAULT_OUTPUT } from '@switchyard/contracts';

/**
 * Arranges a journey top to bottom (the way the editor places new steps): the trigger
 * first, every step below what leads to it, branches side by side in output order.
 * Pure: takes sizes, returns top-left positions by node id.
 */
export interface LayoutNode {
  id: string;
  position: { x: number; y: number };
  width?: number;
  height?: number;
}

export interface LayoutEdge {
  source: string;
  target: string;
  sourceHandle?: string | null;
}

export interface LayoutOptions {
  /** Output keys per node id, in the order the node shows them (for left-to-right order). */
  outputOrder?: Readonly<Record<string, readonly string[]>>;
  /** The node that keeps its place (the trigger); the whole layout shifts around it. */
  anchorId?: string;
}

export const DEFAULT_NODE_WIDTH = 240;
export const DEFAULT_NODE_HEIGHT = 110;
export const NODE_GAP_X = 40;
export const RANK_GAP_Y = 70;

type Positions = Record<string, { x: number; y: number }>;

export function autoLayout(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  options: LayoutOptions = {},
): Positions {
  if (nodes.length === 0) return {};
  const g = new graphlib.Graph({ multigraph: true });
  g.setGraph({
    rankdir: 'TB',
    rankalign: 'top',
    nodesep: NODE_GAP_X,
    ranksep: RANK_GAP_Y,
    marginx: 0,
    marginy: 0,
  });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set(nodes.map((n) => n.id));
  const size = (n: LayoutNode) => ({
    width: n.width ?? DEFAULT_NODE_WIDTH,
    height: n.height ?? DEFAULT_NODE_HEIGHT,
  });
  for (const node of nodes) g.setNode(node.id, size(node));

  const rank = (edge: LayoutEdge) => {
    const order = options.outputOrder?.[edge.source] ?? [];
    const index = order.indexOf(edge.sourceHandle ?? DEFAULT_OUTPUT);
    return index === -1 ? order.length : index;
  };
  // Edges in output order, so dagre's initial ordering puts branch 1 left of branch 2.
  const sorted = edges
    .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
    .map((edge, i) => ({ edge, i }))
    .sort((a, b) => (a.edge.source === b.edge.source ? rank(a.edge) - rank(b.edge) : a.i - b.i));
  sorted.forEach(({ edge }, i) => g.setEdge(edge.source, edge.target, {}, `e${i}`));
  // Siblings of one step keep its output order (branch 1 left of branch 2).
  const constraints: { left: string; right: string }[] = [];
  const seen = new Set<string>();
  let previous: LayoutEdge | null = null;
  for (const { edge } of sorted) {
    if (previous && previous.source === edge.source && !seen.has(edge.target))
      constraints.push({ left: previous.target, right: edge.target });
    seen.add(edge.target);
    previous = edge;
  }
  dagreLayout(g, { constraints });

  const positions: Positions = {};
  for (const node of nodes) {
    const laid = g.node(node.id) as { x: number; y: number } | undefined;
    const { width, height } = size(node);
    if (laid) positions[node.id] = { x: laid.x - width / 2, y: laid.y - height / 2 };
    else positions[node.id] = { ...node.position };
  }
  const anchor = nodes.find((n) => n.id === options.anchorId);
  const moved = anchor ? positions[anchor.id] : undefined;
  if (anchor && moved) {
    const dx = anchor.position.x - moved.x;
    const dy = anchor.position.y - moved.y;
    for (const id of Object.keys(positions)) {
      const p = positions[id] as { x: number; y: number };
      positions[id] = { x: Math.round(p.x + dx), y: Math.round(p.y + dy) };
    }
  }
  return positions;
}

/** True when two laid-out boxes overlap (used by tests and to judge a layout). */
export function overlaps(
  a: { x: number; y: number; width: number; height: number },
  b: { x: number; y: number; width: number; height: number },
): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
