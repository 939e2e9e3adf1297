import { DEFAULT_JOURNEY_SETTINGS, DEFAULT_OUTPUT, TRIGGER_NODE_TYPE } from '@switchyard/contracts';
import { applyEdgeChanges, applyNodeChanges, type NodeChange } from '@xyflow/react';
import { create } from 'zustand';
import { shownOutputs } from '@switchyard/contracts';
import { buildRegistry, createNode, newNodeId, nextPosition } from '../nodes/node-registry';
import type { EditorNode } from '../serialization/editor-graph.types';
import { flowToGraph, graphToFlow, newEdge } from '../serialization/graph-serialization';
import { copySelection as copyOf, PASTE_OFFSET, pasteClipboard } from './clipboard.model';
import { connectionProblem } from './connection-rules';
import type { EditorState, GraphSnapshot } from './editor-state.types';
import {
  ensureTrigger,
  markSelected,
  moveNodes,
  pruneEdgesOf,
  removeElements,
  selectedIds,
  singleSelection,
} from './graph-edits';
import { collectIssues, groupIssuesByNode } from './graph-issues';
import { emptyHistory, record, redo, undo, type RecordOptions } from './history.store';

export type {
  EditorActivity,
  EditorNotice,
  EditorState,
  JourneyMeta,
  VersionPreview,
} from './editor-state.types';

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
const EMPTY_STATS = { byNode: {}, goal: null, holdouts: [] };

const snapshotOf = (state: EditorState): GraphSnapshot => ({
  nodes: state.nodes,
  edges: state.edges,
});

export const useEditorStore = create<EditorState>()((set, get) => {
  /** Applies a graph edit as one undo step. */
  const commit = (
    patch: Partial<GraphSnapshot> & Partial<EditorState>,
    options: RecordOptions = {},
  ) => {
    const state = get();
    if (state.preview) return;
    const nodes = patch.nodes ?? state.nodes;
    const edges = patch.edges ?? state.edges;
    set({
      ...patch,
      nodes,
      edges,
      history: record(state.history, snapshotOf(state), options),
      // "Saved" / "Published" no longer describe the draft once it changes.
      notice: state.notice?.kind === 'success' ? null : state.notice,
      ...edited({ ...state, nodes, edges }),
    });
  };

  /** Shows a snapshot from undo / redo. */
  const restore = (snapshot: GraphSnapshot, history: EditorState['history']) => {
    const state = get();
    set({
      nodes: snapshot.nodes,
      edges: snapshot.edges,
      history,
      dragging: false,
      selectedNodeId: singleSelection(snapshot.nodes),
      ...edited({ ...state, nodes: snapshot.nodes, edges: snapshot.edges }),
    });
  };

  const positionChanges = (changes: NodeChange<EditorNode>[]) =>
    changes.filter((c) => c.type === 'position');

  return {
    journey: null,
    nodes: [],
    edges: [],
    settings: DEFAULT_JOURNEY_SETTINGS,
    selectedNodeId: null,
    dirty: false,
    registry: buildRegistry([]),
    nodeTypes: [],
    serverIssues: [],
    issues: [],
    issuesByNode: {},
    stats: EMPTY_STATS,
    activity: 'idle',
    notice: null,
    history: emptyHistory(),
    dragging: false,
    clipboard: null,
    pasteCount: 0,
    preview: null,

    load: ({ journey, graph, settings, nodeTypes, issues }) => {
      const flow = graphToFlow(graph);
      const { nodes, added } = ensureTrigger(flow.nodes);
      const registry = buildRegistry(nodeTypes);
      const base = { nodes, edges: flow.edges, registry, serverIssues: issues };
      set({
        ...base,
        ...withIssues(base),
        journey,
        settings: settings ?? DEFAULT_JOURNEY_SETTINGS,
        nodeTypes,
        selectedNodeId: null,
        dirty: added,
        stats: EMPTY_STATS,
        activity: 'idle',
        notice: null,
        history: emptyHistory(),
        dragging: false,
        preview: null,
      });
    },

    replaceDraft: (graph, settings) => {
      const flow = graphToFlow(graph);
      const { nodes } = ensureTrigger(flow.nodes);
      const base = { ...get(), nodes, edges: flow.edges, serverIssues: [] };
      set({
        nodes,
        edges: flow.edges,
        serverIssues: [],
        ...withIssues(base),
        settings: settings ?? get().settings,
        selectedNodeId: null,
        dirty: false,
        history: emptyHistory(),
        preview: null,
      });
    },

    setJourney: (journey) => set({ journey }),

    onNodesChange: (changes) => {
      const state = get();
      if (state.preview) {
        // A shown version is read-only: it may be measured and selected, not edited.
        const allowed = changes.filter((c) => c.type === 'dimensions' || c.type === 'select');
        const nodes = applyNodeChanges(allowed, state.preview.nodes);
        return set({
          preview: { ...state.preview, nodes },
          selectedNodeId: singleSelection(nodes),
        });
      }
      const nodes = applyNodeChanges(changes, state.nodes);
      const moves = positionChanges(changes);
      const structural = changes.some((c) => STRUCTURAL_CHANGES.has(c.type));
      const selectionChanged = changes.some((c) => c.type === 'select' || c.type === 'remove');
      const patch: Partial<EditorState> = { nodes };
      if (selectionChanged) patch.selectedNodeId = singleSelection(nodes);
      if (structural) return commit(patch);
      if (moves.length > 0) {
        const dragging = moves.some((c) => c.type === 'position' && c.dragging === true);
        // A drag is one undo step: recorded when it starts. Other moves (arrow keys) merge.
        if (dragging && !state.dragging) patch.history = record(state.history, snapshotOf(state));
        else if (!dragging && !state.dragging)
          patch.history = record(state.history, snapshotOf(state), { mergeKey: 'move' });
        patch.dragging = dragging;
        patch.dirty = true;
      }
      set(patch);
    },

    onEdgesChange: (changes) => {
      const state = get();
      if (state.preview) return;
      const edges = applyEdgeChanges(changes, state.edges);
      if (!changes.some((c) => STRUCTURAL_CHANGES.has(c.type))) return set({ edges });
      commit({ edges });
    },

    onConnect: (connection) => {
      const state = get();
      if (state.connectionProblem(connection)) return;
      const output = connection.sourceHandle ?? DEFAULT_OUTPUT;
      commit({ edges: [...state.edges, newEdge(connection.source, output, connection.target)] });
    },

    connectionProblem: (connection) => {
      const { nodes, edges, registry, preview } = get();
      if (preview) return 'a published version is read-only';
      return connectionProblem({ nodes, edges, registry }, connection);
    },

    /** The panel's "goes to…": replaces the output's edge, or removes it with null. */
    connectOutput: (source, output, target) => {
      const state = get();
      const attempt = { source, sourceHandle: output, target: target ?? '' };
      if (target !== null && connectionProblem(state, attempt, { replacing: true })) return;
      const kept = state.edges.filter(
        (e) => !(e.source === source && (e.sourceHandle ?? DEFAULT_OUTPUT) === output),
      );
      commit({ edges: target === null ? kept : [...kept, newEdge(source, output, target)] });
    },

    addNode: (type, position) => {
      const state = get();
      const view = state.registry[type];
      if (!view || type === TRIGGER_NODE_TYPE || state.preview) return null;
      const anchor = state.nodes.find((n) => n.id === state.selectedNodeId);
      const id = newNodeId(type, new Set(state.nodes.map((n) => n.id)));
      const node = createNode(view, id, position ?? nextPosition(state.nodes, anchor));
      const nodes = markSelected([...state.nodes, node], new Set([id]));
      let edges = state.edges;
      // Added by click after a selected node: continue the flow from its first free output.
      if (!position && anchor) {
        const used = edges
          .filter((e) => e.source === anchor.id)
          .map((e) => e.sourceHandle ?? DEFAULT_OUTPUT);
        const free = shownOutputs(anchor.data, state.registry[anchor.data.nodeType]).find(
          (o) => !used.includes(o.key),
        );
        if (free) edges = [...edges, newEdge(anchor.id, free.key, id)];
      }
      commit({ nodes, edges, selectedNodeId: id });
      return id;
    },

    removeNode: (nodeId) => {
      const state = get();
      const next = removeElements(state, new Set([nodeId]));
      if (next.nodes.length === state.nodes.length) return;
      const selectedNodeId = state.selectedNodeId === nodeId ? null : state.selectedNodeId;
      commit({ ...next, selectedNodeId });
    },

    deleteSelection: () => {
      const state = get();
      const edgeIds = new Set(state.edges.filter((e) => e.selected).map((e) => e.id));
      const next = removeElements(state, selectedIds(state.nodes), edgeIds);
      if (next.nodes.length === state.nodes.length && next.edges.length === state.edges.length)
        return;
      commit({ ...next, selectedNodeId: singleSelection(next.nodes) });
    },

    updateConfig: (nodeId, config) => {
      const state = get();
      const nodes = state.nodes.map((n) =>
        n.id === nodeId ? { ...n, data: { ...n.data, config } } : n,
      );
      const edges = pruneEdgesOf(nodeId, { nodes, edges: state.edges }, state.registry);
      commit({ nodes, edges }, { mergeKey: `config:${nodeId}` });
    },

    setLabel: (nodeId, label) => {
      const nodes = get().nodes.map((n) => {
        if (n.id !== nodeId) return n;
        const data = { ...n.data };
        if (label.trim()) data.label = label;
        else delete data.label;
        return { ...n, data };
      });
      commit({ nodes }, { mergeKey: `label:${nodeId}` });
    },

    select: (nodeId) =>
      set({
        selectedNodeId: nodeId,
        nodes: markSelected(get().nodes, new Set(nodeId ? [nodeId] : [])),
      }),

    undo: () => {
      const state = get();
      const step = state.preview ? null : undo(state.history, snapshotOf(state));
      if (step) restore(step.state, step.history);
    },

    redo: () => {
      const state = get();
      const step = state.preview ? null : redo(state.history, snapshotOf(state));
      if (step) restore(step.state, step.history);
    },

    copySelection: () => {
      const state = get();
      const clipboard = copyOf(state.nodes, state.edges, selectedIds(state.nodes));
      if (clipboard) set({ clipboard, pasteCount: 0 });
      return clipboard?.nodes.length ?? 0;
    },

    paste: () => {
      const state = get();
      if (!state.clipboard || state.preview) return 0;
      const times = state.pasteCount + 1;
      const offset = { x: PASTE_OFFSET * times, y: PASTE_OFFSET * times };
      const pasted = pasteClipboard(state.clipboard, new Set(state.nodes.map((n) => n.id)), offset);
      const nodes = [...markSelected(state.nodes, new Set()), ...pasted.nodes];
      commit({
        nodes,
        edges: [...state.edges, ...pasted.edges],
        pasteCount: times,
        selectedNodeId: singleSelection(nodes),
      });
      return pasted.nodes.length;
    },

    applyLayout: (positions) => {
      const state = get();
      const nodes = moveNodes(state.nodes, positions);
      if (nodes.every((n, i) => n === state.nodes[i])) return;
      commit({ nodes });
    },

    setSettings: (settings) => {
      const notice = get().notice;
      set({ settings, dirty: true, notice: notice?.kind === 'success' ? null : notice });
    },

    setServerIssues: (serverIssues) =>
      set({ serverIssues, ...withIssues({ ...get(), serverIssues }) }),

    markSaved: () => set({ dirty: false }),

    setStats: ({ nodes, goal, holdouts }) =>
      set({
        stats: {
          byNode: Object.fromEntries(nodes.map((s) => [s.nodeId, s])),
          goal: goal ?? null,
          holdouts: [...(holdouts ?? [])],
        },
      }),

    setActivity: (activity, notice) =>
      set(notice === undefined ? { activity } : { activity, notice }),

    setPreview: (preview) => set({ preview, stats: EMPTY_STATS }),

    graph: () => flowToGraph(get().nodes, get().edges),
  };
});
