import { TRIGGER_NODE_TYPE, type JourneyGraph } from '@switchyard/contracts';

/** A new journey's draft: a trigger waiting for its segment, nothing else. */
export function initialDraftGraph(): JourneyGraph {
  return {
    nodes: [
      {
        id: 'trigger',
        type: TRIGGER_NODE_TYPE,
        position: { x: 0, y: 0 },
        config: { kind: 'segment_entered' },
      },
    ],
    edges: [],
  };
}
