import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
} from '@xyflow/react';
import { useEffect, useRef, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { categoryColor } from '../nodes/node-appearance';
import { JourneyNodeComponent } from '../nodes/journey-node.component';
import {
  JOURNEY_NODE_KIND,
  type EditorEdge,
  type EditorNode,
} from '../serialization/editor-graph.types';
import { useEditorStore } from '../store/editor.store';
import { PALETTE_MIME } from './palette-drag';

const nodeTypes = { [JOURNEY_NODE_KIND]: JourneyNodeComponent };
const DELETE_KEYS = ['Delete', 'Backspace'];

/** The React Flow canvas; all state and change handling lives in the editor store. */
export function JourneyCanvas() {
  const { nodes, edges, onNodesChange, onEdgesChange, onConnect, canConnect, addNode } =
    useEditorStore(
      useShallow((s) => ({
        nodes: s.nodes,
        edges: s.edges,
        onNodesChange: s.onNodesChange,
        onEdgesChange: s.onEdgesChange,
        onConnect: s.onConnect,
        canConnect: s.canConnect,
        addNode: s.addNode,
      })),
    );
  const registry = useEditorStore((s) => s.registry);
  const { screenToFlowPosition, fitView } = useReactFlow();
  useFitOnGrowth(nodes.length, fitView);

  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    const type = event.dataTransfer.getData(PALETTE_MIME);
    if (!type) return;
    event.preventDefault();
    addNode(type, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
  };

  const isValidConnection = (connection: EditorEdge | Connection) =>
    canConnect(connection.source, connection.target);
  const miniMapColor = (node: EditorNode) =>
    categoryColor(registry[node.data.nodeType]?.category ?? 'unknown');

  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop} data-testid="journey-canvas">
      <ReactFlow<EditorNode, EditorEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        deleteKeyCode={DELETE_KEYS}
        defaultEdgeOptions={{ type: 'smoothstep' }}
        fitView
        fitViewOptions={{ maxZoom: 1, padding: 0.3 }}
        minZoom={0.2}
      >
        <Background gap={20} size={1} />
        <MiniMap<EditorNode> pannable zoomable nodeColor={miniMapColor} />
        <Controls />
      </ReactFlow>
    </div>
  );
}

/** Keeps added steps in view: refits when the node count grows (after they are measured). */
function useFitOnGrowth(
  count: number,
  fitView: (options: { padding: number; maxZoom: number; duration: number }) => unknown,
) {
  const previous = useRef(count);
  useEffect(() => {
    const grew = count > previous.current;
    previous.current = count;
    if (!grew) return;
    const timer = window.setTimeout(
      () => void fitView({ padding: 0.3, maxZoom: 1, duration: 150 }),
      50,
    );
    return () => window.clearTimeout(timer);
  }, [count, fitView]);
}
