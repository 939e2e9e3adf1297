import { TRIGGER_NODE_TYPE, type JourneyGraph } from '@switchyard/contracts';
import { api } from '../app/api';
import {
  isTriggerKind,
  TRIGGER_KIND_LABELS,
  triggerSummary,
  type TriggerRefs,
} from '../editor/trigger/trigger-config';
import { useResource } from '../shared/use-resource.hook';

/** The segments, groups and audiences triggers name; 'unavailable' when they did not load. */
export function useTriggerRefs(): TriggerRefs | 'unavailable' | null {
  const [refs] = useResource(async (): Promise<TriggerRefs> => {
    const [segments, groups, audiences] = await Promise.all([
      api.segments.list(),
      api.groups.list(),
      api.audiences.list(),
    ]);
    return { segments: new Map(segments.map((s) => [s.id, s])), groups, audiences };
  }, []);
  if (refs.state === 'ready') return refs.data;
  return refs.state === 'error' ? 'unavailable' : null;
}

/**
 * What starts a journey, in the words of its trigger node ("Enters VIP"); without the names
 * to hand, the kind of trigger ("Enters a segment").
 */
export function triggerOf(graph: JourneyGraph, refs: TriggerRefs | 'unavailable'): string {
  const trigger = graph.nodes.find((node) => node.type === TRIGGER_NODE_TYPE);
  if (!trigger) return 'No trigger yet';
  if (refs !== 'unavailable') return triggerSummary(trigger.config, refs);
  const kind = trigger.config['kind'];
  return isTriggerKind(kind) ? TRIGGER_KIND_LABELS[kind].label : 'No trigger yet';
}
