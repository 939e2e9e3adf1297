import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import type { EditorEdge, EditorNode } from '../serialization/editor-graph.types';
import { fitJourney } from './fit-journey';

/** Shows the journey: whole when readable, else from its top (see fitJourney). */
export function useFitJourney(): () => void {
  const { getNodes, getNodesBounds, setViewport } = useReactFlow<EditorNode, EditorEdge>();
  const store = useStoreApi<EditorNode, EditorEdge>();
  return useCallback(() => {
    const nodes = getNodes();
    const { width, height } = store.getState();
    if (nodes.length === 0 || !width || !height) return;
    void setViewport(fitJourney(getNodesBounds(nodes), { width, height }), { duration: 150 });
  }, [getNodes, getNodesBounds, setViewport, store]);
}
