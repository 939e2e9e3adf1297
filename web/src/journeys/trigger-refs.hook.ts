import { TRIGGER_NODE_TYPE, type JourneyGraph } from '@switchyard/contracts';
import { api } from '../app/api';
import { loadReferences } from '../editor/store/load-references';
import { useReferencesStore } from '../editor/store/references.store';
import { triggerSummary, type TriggerRefs } from '../editor/trigger/trigger-config';
import { useResource } from '../shared/use-resource.hook';

/** The segments, groups and audiences triggers name (as the editor loads them); null until loaded. */
export function useTriggerRefs(): TriggerRefs | null {
  const [loaded] = useResource(() => loadReferences(api), []);
  const segments = useReferencesStore((s) => s.segments);
  const groups = useReferencesStore((s) => s.groups);
  const audiences = useReferencesStore((s) => s.audiences);
  return loaded.state === 'ready' ? { segments, groups, audiences } : null;
}

/** What starts a journey, in the words of its trigger node ("Enters VIP"). */
export function triggerOf(graph: JourneyGraph, refs: TriggerRefs): string {
  const trigger = graph.nodes.find((node) => node.type === TRIGGER_NODE_TYPE);
  return trigger ? triggerSummary(trigger.config, refs) : 'No trigger yet';
}
