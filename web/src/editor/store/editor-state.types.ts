import type {
  GraphIssue,
  HoldoutStats,
  JourneyGoal,
  JourneyGraph,
  JourneySettings,
  JourneyStatus,
  JourneyVersionDetail,
  JourneyVersionView,
  NodeStats,
  NodeTypeView,
} from '@switchyard/contracts';
import type { Connection, EdgeChange, NodeChange } from '@xyflow/react';
import type { NodeRegistry } from '../nodes/node-registry';
import type { EditorEdge, EditorNode } from '../serialization/editor-graph.types';
import type { ClipboardContent } from './clipboard.model';
import type { EditorIssue } from './graph-issues';
import type { History } from './history.store';

export interface JourneyMeta {
  id: string;
  name: string;
  status: JourneyStatus;
  statusReason: string | null;
  hasUnpublishedChanges: boolean;
  liveVersion: JourneyVersionView | null;
}

export type EditorActivity = 'idle' | 'saving' | 'publishing' | 'changing-status' | 'restoring';
export interface EditorNotice {
  kind: 'error' | 'success';
  text: string;
}

/** What undo / redo restore. */
export interface GraphSnapshot {
  nodes: EditorNode[];
  edges: EditorEdge[];
}

/** A published version shown read-only on the canvas instead of the draft. */
export interface VersionPreview {
  versionId: string;
  version: number;
  detail: JourneyVersionDetail;
  nodes: EditorNode[];
  edges: EditorEdge[];
}

export interface StatsView {
  byNode: Record<string, NodeStats>;
  goal: JourneyGoal | null;
  holdouts: HoldoutStats[];
}

export interface EditorState {
  journey: JourneyMeta | null;
  nodes: EditorNode[];
  edges: EditorEdge[];
  settings: JourneySettings;
  /** The single selected node (the settings panel's subject); null for none or several. */
  selectedNodeId: string | null;
  dirty: boolean;
  registry: NodeRegistry;
  nodeTypes: NodeTypeView[];
  serverIssues: GraphIssue[];
  issues: EditorIssue[];
  issuesByNode: Record<string, string[]>;
  stats: StatsView;
  activity: EditorActivity;
  notice: EditorNotice | null;
  history: History<GraphSnapshot>;
  /** A drag has recorded its undo step and is still going on. */
  dragging: boolean;
  clipboard: ClipboardContent | null;
  pasteCount: number;
  preview: VersionPreview | null;

  load: (input: {
    journey: JourneyMeta;
    graph: JourneyGraph;
    settings?: JourneySettings;
    nodeTypes: NodeTypeView[];
    issues: GraphIssue[];
  }) => void;
  /** Replaces the draft (after a restore) keeping the node types; undo starts afresh. */
  replaceDraft: (graph: JourneyGraph, settings: JourneySettings | undefined) => void;
  setJourney: (journey: JourneyMeta) => void;
  onNodesChange: (changes: NodeChange<EditorNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<EditorEdge>[]) => void;
  onConnect: (connection: Connection) => void;
  /** Why drawing this connection is refused, or null (React Flow's isValidConnection). */
  connectionProblem: (connection: {
    source: string;
    sourceHandle?: string | null;
    target: string;
  }) => string | null;
  connectOutput: (source: string, output: string, target: string | null) => void;
  addNode: (type: string, position?: { x: number; y: number }) => string | null;
  removeNode: (nodeId: string) => void;
  deleteSelection: () => void;
  updateConfig: (nodeId: string, config: Record<string, unknown>) => void;
  setLabel: (nodeId: string, label: string) => void;
  select: (nodeId: string | null) => void;
  undo: () => void;
  redo: () => void;
  copySelection: () => number;
  paste: () => number;
  applyLayout: (positions: Readonly<Record<string, { x: number; y: number }>>) => void;
  setSettings: (settings: JourneySettings) => void;
  setServerIssues: (issues: GraphIssue[]) => void;
  markSaved: () => void;
  setStats: (stats: {
    nodes: readonly NodeStats[];
    goal?: JourneyGoal | null;
    holdouts?: readonly HoldoutStats[];
  }) => void;
  setActivity: (activity: EditorActivity, notice?: EditorNotice | null) => void;
  setPreview: (preview: VersionPreview | null) => void;
  graph: () => JourneyGraph;
}
