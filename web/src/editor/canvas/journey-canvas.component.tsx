import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
} from '@xyflow/react';
import { useEffect, useRef, type DragEvent, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { categoryColor } from '../nodes/node-appearance';
import { JourneyNodeComponent } from '../nodes/journey-node.component';
import {
  JOURNEY_NODE_KIND,
  type EditorEdge,
  type EditorNode,
} from '../serialization/editor-graph.types';
import { useEditorStore } from '../store/editor.store';
import { CanvasToolbar } from './canvas-toolbar.component';
import { useFitJourney } from './use-fit-journey.hook';
import { PALETTE_MIME } from './palette-drag';
import { useEditorShortcuts } from './use-editor-shortcuts.hook';
import { VersionBanner } from './version-banner.component';

const nodeTypes = { [JOURNEY_NODE_KIND]: JourneyNodeComponent };
const FIT = { maxZoom: 1, padding: 0.15 };

/** The React Flow canvas; all state and change handling lives in the editor store. */
export function JourneyCanvas() {
  const { nodes, edges, onNodesChange, onEdgesChange, onConnect, problem, addNode, readOnly } =
    useEditorStore(
      useShallow((s) => ({
        nodes: s.preview?.nodes ?? s.nodes,
        edges: s.preview?.edges ?? s.edges,
        onNodesChange: s.onNodesChange,
        onEdgesChange: s.onEdgesChange,
        onConnect: s.onConnect,
        problem: s.connectionProblem,
        addNode: s.addNode,
        readOnly: s.preview !== null,
      })),
    );
  const registry = useEditorStore((s) => s.registry);
  const previewId = useEditorStore((s) => s.preview?.versionId ?? null);
  const { screenToFlowPosition } = useReactFlow();
  const fit = useFitJourney();
  useFitOnGrowth(nodes.length, fit);
  useFitWhen(previewId ?? 'draft', fit);
  useInitialFit(nodes.length > 0 && nodes.every((n) => n.measured), fit);
  // Set once the marketer pans or zooms: from then on the view is theirs.
  const moved = useRef(false);
  useFitOnResize(nodes.map((n) => n.measured?.height ?? 0).join(','), fit, moved);
  const movedByHand = () => {
    moved.current = true;
  };
  useEditorShortcuts();

  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (readOnly || !event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    const type = event.dataTransfer.getData(PALETTE_MIME);
    if (!type || readOnly) return;
    event.preventDefault();
    addNode(type, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
  };

  const isValidConnection = (connection: EditorEdge | Connection) =>
    problem({
      source: connection.source,
      sourceHandle: connection.sourceHandle ?? null,
      target: connection.target,
    }) === null;
  const miniMapColor = (node: EditorNode) =>
    categoryColor(registry[node.data.nodeType]?.category ?? 'unknown');

  return (
    <div
      className={`canvas${readOnly ? ' canvas--readonly' : ''}`}
      onDragOver={onDragOver}
      onDrop={onDrop}
      data-testid="journey-canvas"
    >
      <ReactFlow<EditorNode, EditorEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        deleteKeyCode={null}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        defaultEdgeOptions={{ type: 'smoothstep' }}
        minZoom={0.2}
        // A move the code makes (a fit) comes without an event.
        onMoveStart={(event) => event && movedByHand()}
      >
        <Background gap={20} size={1} />
        <MiniMap<EditorNode>
          pannable
          zoomable
          nodeColor={miniMapColor}
          style={{ width: 160, height: 110 }}
        />
        <Controls
          fitViewOptions={{ padding: FIT.padding, maxZoom: FIT.maxZoom }}
          onZoomIn={movedByHand}
          onZoomOut={movedByHand}
        />
        <CanvasToolbar />
        <VersionBanner />
      </ReactFlow>
    </div>
  );
}

function later(fit: () => void): () => void {
  const timer = window.setTimeout(fit, 50);
  return () => window.clearTimeout(timer);
}

/** Keeps added steps in view: refits when the node count grows (after they are measured). */
function useFitOnGrowth(count: number, fit: () => void) {
  const previous = useRef(count);
  useEffect(() => {
    const grew = count > previous.current;
    previous.current = count;
    if (!grew) return;
    return later(fit);
  }, [count, fit]);
}

/**
 * Until the marketer pans or zooms, keeps the journey fitted while its steps change height:
 * their counts arrive after the first fit, a line wraps, a waiting count appears.
 */
function useFitOnResize(heights: string, fit: () => void, moved: RefObject<boolean>) {
  const previous = useRef(heights);
  useEffect(() => {
    if (previous.current === heights) return;
    previous.current = heights;
    if (moved.current) return;
    return later(fit);
  }, [heights, fit, moved]);
}

/** Refits when `key` changes (a version shown, or the draft again). */
function useFitWhen(key: string, fit: () => void) {
  const previous = useRef(key);
  useEffect(() => {
    if (previous.current === key) return;
    previous.current = key;
    return later(fit);
  }, [key, fit]);
}

/** Fits once, when the steps have first been measured. */
function useInitialFit(ready: boolean, fit: () => void) {
  const done = useRef(false);
  useEffect(() => {
    if (!ready || done.current) return;
    done.current = true;
    fit();
  }, [ready, fit]);
}
