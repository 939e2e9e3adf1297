import {
  DEFAULT_OUTPUT,
  TRIGGER_NODE_TYPE,
  type GraphIssue,
  type JourneyGraph,
  type JourneyStatus,
  type JourneyVersionView,
  type NodeStats,
  type NodeTypeView,
} from '@switchyard/contracts';
import {
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { create } from 'zustand';
import type { SegmentRef } from '../nodes/node-summary';
import {
  buildRegistry,
  createNode,
  newNodeId,
  nextPosition,
  outputsOf,
  triggerNodeType,
  type NodeRegistry,
} from '../nodes/node-registry';
import type { EditorEdge, EditorNode } from '../serialization/editor-graph.types';
import { flowToGraph, graphToFlow, newEdge } from '../serialization/graph-serialization';
import { collectIssues, groupIssuesByNode, type EditorIssue } from './graph-issues';

export interface JourneyMeta {
  id: string;
  name: string;
  status: JourneyStatus;
  liveVersion: JourneyVersionView | null;
}

export type EditorActivity = 'idle' | 'saving' | 'publishing';
export interface EditorNotice {
  kind: 'error' | 'success';
  text: string;
}

export interface EditorState {
  journey: JourneyMeta | null;
  nodes: EditorNode[];
  edges: EditorEdge[];
  selectedNodeId: string | null;
  dirty: boolean;
  registry: NodeRegistry;
  nodeTypes: NodeTypeView[];
  segments: ReadonlyMap<string, SegmentRef>;
  serverIssues: GraphIssue[];
  issues: EditorIssue[];
  issuesByNode: Record<string, string[]>;
  stats: Record<string, NodeStats>;
  activity: EditorActivity;
  notice: EditorNotice | null;

  load: (input: {
    journey: JourneyMeta;
    graph: JourneyGraph;
    nodeTypes: NodeTypeView[];
    issues: GraphIssue[];
  }) => void;
  setJourney: (journey: JourneyMeta) => void;
  setSegments: (segments: readonly SegmentRef[]) => void;
  onNodesChange: (changes: NodeChange<EditorNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<EditorEdge>[]) => void;
  onConnect: (connection: Connection) => void;
  canConnect: (source: string, target: string) => boolean;
  connectOutput: (source: string, output: string, target: string | null) => void;
  addNode: (type: string, position?: { x: number; y: number }) => string | null;
  removeNode: (nodeId: string) => void;
  updateConfig: (nodeId: string, config: Record<string, unknown>) => void;
  setLabel: (nodeId: string, label: string) => void;
  select: (nodeId: string | null) => void;
  setServerIssues: (issues: GraphIssue[]) => void;
  markSaved: () => void;
  setStats: (stats: readonly NodeStats[]) => void;
  setActivity: (activity: EditorActivity, notice?: EditorNotice | null) => void;
  graph: () => JourneyGraph;
}

type Snapshot = Pick<EditorState, 'nodes' | 'edges' | 'registry' | 'serverIssues'>;

/** Recomputes issues after a change to structure or settings. */
function withIssues(state: Snapshot): Pick<EditorState, 'issues' | 'issuesByNode'> {
  const issues = collectIssues(
    flowToGraph(state.nodes, state.edges),
    state.registry,
    state.serverIssues,
  );
  return { issues, issuesByNode: groupIssuesByNode(issues) };
}

/**
 * After an edit: the server's issues described the saved graph, so they are dropped
 * (the live checks cover structure and settings; the next save reports the rest).
 */
function edited(
  state: Snapshot,
): Pick<EditorState, 'issues' | 'issuesByNode' | 'serverIssues' | 'dirty'> {
  return { dirty: true, serverIssues: [], ...withIssues({ ...state, serverIssues: [] }) };
}

const STRUCTURAL_CHANGES = new Set(['add', 'remove', 'replace']);

function ensureTrigger(nodes: EditorNode[]): { nodes: EditorNode[]; added: boolean } {
  if (nodes.some((n) => n.data.nodeType === TRIGGER_NODE_TYPE)) return { nodes, added: false };
  return { nodes: [createNode(triggerNodeType, 'trigger', { x: 0, y: 0 }), ...nodes], added: true };
}

function markSelected(nodes: EditorNode[], nodeId: string | null): EditorNode[] {
  return nodes.map((n) =>
    (n.id === nodeId) === Boolean(n.selected) ? n : { ...n, selected: n.id === nodeId },
  );
}

export const useEditorStore = create<EditorState>()((set, get) => ({
  journey: null,
  nodes: [],
  edges: [],
  selectedNodeId: null,
  dirty: false,
  registry: buildRegistry([]),
  nodeTypes: [],
  segments: new Map(),
  serverIssues: [],
  issues: [],
  issuesByNode: {},
  stats: {},
  activity: 'idle',
  notice: null,

  load: ({ journey, graph, nodeTypes, issues }) => {
    const flow = graphToFlow(graph);
    const { nodes, added } = ensureTrigger(flow.nodes);
    const registry = buildRegistry(nodeTypes);
    const base = { nodes, edges: flow.edges, registry, serverIssues: issues };
    set({
      ...base,
      ...withIssues(base),
      journey,
      nodeTypes,
      selectedNodeId: null,
      dirty: added,
      stats: {},
      activity: 'idle',
      notice: null,
    });
  },

  setJourney: (journey) => set({ journey }),

  setSegments: (segments) => set({ segments: new Map(segments.map((s) => [s.id, s])) }),

  onNodesChange: (changes) => {
    const state = get();
    const nodes = applyNodeChanges(changes, state.nodes);
    const structural = changes.some((c) => STRUCTURAL_CHANGES.has(c.type));
    const moved = changes.some((c) => c.type === 'position');
    const selectionChanged = changes.some((c) => c.type === 'select' || c.type === 'remove');
    const patch: Partial<EditorState> = { nodes };
    if (moved) patch.dirty = true;
    if (structural) Object.assign(patch, edited({ ...state, nodes }));
    if (selectionChanged) patch.selectedNodeId = nodes.find((n) => n.selected)?.id ?? null;
    set(patch);
  },

  onEdgesChange: (changes) => {
    const state = get();
    const edges = applyEdgeChanges(changes, state.edges);
    if (!changes.some((c) => STRUCTURAL_CHANGES.has(c.type))) return set({ edges });
    set({ edges, ...edited({ ...state, edges }) });
  },

  onConnect: (connection) => {
    get().connectOutput(
      connection.source,
      connection.sourceHandle ?? DEFAULT_OUTPUT,
      connection.target,
    );
  },

  canConnect: (source, target) => {
    if (source === target) return false;
    const targetNode = get().nodes.find((n) => n.id === target);
    return targetNode !== undefined && targetNode.data.nodeType !== TRIGGER_NODE_TYPE;
  },

  /** One edge per output: connecting an output again replaces its edge. */
  connectOutput: (source, output, target) => {
    const state = get();
    if (target !== null && !state.canConnect(source, target)) return;
    const kept = state.edges.filter(
      (e) => !(e.source === source && (e.sourceHandle ?? DEFAULT_OUTPUT) === output),
    );
    const edges = target === null ? kept : [...kept, newEdge(source, output, target)];
    set({ edges, ...edited({ ...state, edges }) });
  },

  addNode: (type, position) => {
    const state = get();
    const view = state.registry[type];
    if (!view || type === TRIGGER_NODE_TYPE) return null;
    const anchor = state.nodes.find((n) => n.id === state.selectedNodeId);
    const id = newNodeId(type, new Set(state.nodes.map((n) => n.id)));
    const node = createNode(view, id, position ?? nextPosition(state.nodes, anchor));
    const nodes = markSelected([...state.nodes, node], id);
    let edges = state.edges;
    // Added by click after a selected node: continue the flow from its first free output.
    if (!position && anchor) {
      const used = edges
        .filter((e) => e.source === anchor.id)
        .map((e) => e.sourceHandle ?? DEFAULT_OUTPUT);
      const free = outputsOf(anchor.data, state.registry[anchor.data.nodeType], used).find(
        (o) => !used.includes(o),
      );
      if (free) edges = [...edges, newEdge(anchor.id, free, id)];
    }
    set({ nodes, edges, selectedNodeId: id, ...edited({ ...state, nodes, edges }) });
    return id;
  },

  removeNode: (nodeId) => {
    const state = get();
    const node = state.nodes.find((n) => n.id === nodeId);
    if (!node || node.deletable === false) return;
    const nodes = state.nodes.filter((n) => n.id !== nodeId);
    const edges = state.edges.filter((e) => e.source !== nodeId && e.target !== nodeId);
    const selectedNodeId = state.selectedNodeId === nodeId ? null : state.selectedNodeId;
    set({ nodes, edges, selectedNodeId, ...edited({ ...state, nodes, edges }) });
  },

  updateConfig: (nodeId, config) => {
    const state = get();
    const nodes = state.nodes.map((n) =>
      n.id === nodeId ? { ...n, data: { ...n.data, config } } : n,
    );
    set({ nodes, ...edited({ ...state, nodes }) });
  },

  setLabel: (nodeId, label) => {
    const nodes = get().nodes.map((n) => {
      if (n.id !== nodeId) return n;
      const data = { ...n.data };
      if (label.trim()) data.label = label;
      else delete data.label;
      return { ...n, data };
    });
    set({ nodes, dirty: true });
  },

  select: (nodeId) => set({ selectedNodeId: nodeId, nodes: markSelected(get().nodes, nodeId) }),

  setServerIssues: (serverIssues) =>
    set({ serverIssues, ...withIssues({ ...get(), serverIssues }) }),

  markSaved: () => set({ dirty: false }),

  setStats: (stats) => set({ stats: Object.fromEntries(stats.map((s) => [s.nodeId, s])) }),

  setActivity: (activity, notice) =>
    set(notice === undefined ? { activity } : { activity, notice }),

  graph: () => flowToGraph(get().nodes, get().edges),
}));
