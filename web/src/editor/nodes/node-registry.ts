import { DEFAULT_OUTPUT, TRIGGER_NODE_TYPE, type NodeTypeView } from '@switchyard/contracts';
import type { EditorNode, JourneyNodeData } from '../serialization/editor-graph.types';
import { JOURNEY_NODE_KIND } from '../serialization/editor-graph.types';
import { initialConfig } from './node-defaults';
import { shownOutputs } from '@switchyard/contracts';

/** Node types by type name, as served by GET /api/node-types. */
export type NodeRegistry = Readonly<Record<string, NodeTypeView>>;

/**
 * The trigger is not an action node: it is part of the journey contract (triggerSchema),
 * so the editor describes it itself. Everything else comes from the server.
 */
export const triggerNodeType: NodeTypeView = {
  type: TRIGGER_NODE_TYPE,
  version: 1,
  title: 'Trigger',
  description:
    'What starts the journey: a segment or group change, an event, a broadcast or a schedule.',
  category: 'trigger',
  icon: null,
  configSchema: {},
  outputs: [DEFAULT_OUTPUT],
  defaults: { kind: 'segment_entered' },
};

export function buildRegistry(views: readonly NodeTypeView[]): NodeRegistry {
  const registry: Record<string, NodeTypeView> = { [TRIGGER_NODE_TYPE]: triggerNodeType };
  for (const view of views) if (view.type !== TRIGGER_NODE_TYPE) registry[view.type] = view;
  return registry;
}

export interface PaletteGroup {
  category: string;
  items: NodeTypeView[];
}

/** Known categories in the order a marketer reads them; others follow in first-seen order. */
export const CATEGORY_ORDER = ['flow', 'messaging', 'data', 'integration'];

function categoryRank(category: string): number {
  const index = CATEGORY_ORDER.indexOf(category.toLowerCase());
  return index === -1 ? CATEGORY_ORDER.length : index;
}

/** Palette sections: known categories first, then others as first seen; items by title. */
export function paletteGroups(views: readonly NodeTypeView[]): PaletteGroup[] {
  const groups = new Map<string, NodeTypeView[]>();
  for (const view of views) {
    if (view.type === TRIGGER_NODE_TYPE) continue;
    const items = groups.get(view.category) ?? [];
    items.push(view);
    groups.set(view.category, items);
  }
  return [...groups]
    .map(([category, items]) => ({
      category,
      items: [...items].sort((a, b) => a.title.localeCompare(b.title)),
    }))
    .sort((a, b) => categoryRank(a.category) - categoryRank(b.category));
}

/** The output handle keys a node shows (see shownOutputs). */
export function outputsOf(
  data: JourneyNodeData,
  view: NodeTypeView | undefined,
  usedHandles: readonly string[] = [],
): string[] {
  return shownOutputs(data, view, usedHandles).map((o) => o.key);
}

/** A node id derived from the type (`acme.slack_post` -> `acme_slack_post_3`). */
export function newNodeId(type: string, existing: ReadonlySet<string>): string {
  const base = type.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 50) || 'node';
  let n = 1;
  while (existing.has(`${base}_${n}`)) n += 1;
  return `${base}_${n}`;
}

export function createNode(
  view: NodeTypeView,
  id: string,
  position: { x: number; y: number },
): EditorNode {
  const data: JourneyNodeData = { nodeType: view.type, config: initialConfig(view) };
  if (view.type !== TRIGGER_NODE_TYPE) data.typeVersion = view.version;
  return {
    id,
    type: JOURNEY_NODE_KIND,
    position,
    data,
    deletable: view.type !== TRIGGER_NODE_TYPE,
  };
}

export const NODE_SPACING_X = 270;
export const NODE_SPACING_Y = 160;

/** Where a node added by click goes: below `anchor` (the flow runs top to bottom), or below everything. */
export function nextPosition(
  nodes: readonly EditorNode[],
  anchor: EditorNode | undefined,
): { x: number; y: number } {
  if (anchor) {
    let x = anchor.position.x;
    const y = anchor.position.y + NODE_SPACING_Y;
    while (nodes.some((n) => Math.abs(n.position.x - x) < 120 && Math.abs(n.position.y - y) < 80))
      x += NODE_SPACING_X;
    return { x, y };
  }
  if (nodes.length === 0) return { x: 0, y: 0 };
  const lowest = Math.max(...nodes.map((n) => n.position.y));
  const left = Math.min(...nodes.map((n) => n.position.x));
  return { x: left, y: lowest + NODE_SPACING_Y };
}
