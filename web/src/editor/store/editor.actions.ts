import type { GraphIssue, JourneyView } from '@switchyard/contracts';
import { ApiError, describeError, type ApiClient, type ApiIssue } from '../../api/api-client';
import { useEditorStore, type JourneyMeta } from './editor.store';

/**
 * The editor's I/O: load, save, publish, stats. Components call these; the store only
 * holds state. Nothing here executes a journey: the browser edits and displays.
 */

export function journeyMeta(view: JourneyView): JourneyMeta {
  return {
    id: view.id,
    name: view.name,
    status: view.status,
    liveVersion: view.liveVersion ?? null,
  };
}

function toGraphIssues(issues: readonly ApiIssue[]): GraphIssue[] {
  return issues.map((issue) => {
    const out: GraphIssue = { message: issue.message };
    if (issue.field) out.field = issue.field;
    if (issue.nodeId !== undefined) out.nodeId = issue.nodeId;
    return out;
  });
}

function issuesOf(view: Partial<JourneyView>): GraphIssue[] {
  return Array.isArray(view.issues) ? view.issues : [];
}

export async function openJourney(api: ApiClient, journeyId: string): Promise<void> {
  const [journey, nodeTypes, segments] = await Promise.all([
    api.journeys.get(journeyId),
    api.nodeTypes(),
    api.segments.list().catch(() => []),
  ]);
  const store = useEditorStore.getState();
  store.setSegments(segments.map((s) => ({ id: s.id, name: s.name, color: s.color })));
  store.load({
    journey: journeyMeta(journey),
    graph: journey.graph ?? { nodes: [], edges: [] },
    nodeTypes,
    issues: issuesOf(journey),
  });
}

function fail(error: unknown): void {
  const store = useEditorStore.getState();
  if (error instanceof ApiError && error.issues.length > 0) {
    store.setServerIssues(toGraphIssues(error.issues));
    const count = error.issues.length;
    store.setActivity('idle', {
      kind: 'error',
      text: `${error.message} (${count} problem${count === 1 ? '' : 's'}, listed on the right)`,
    });
    return;
  }
  store.setActivity('idle', { kind: 'error', text: describeError(error) });
}

/** PATCHes the graph; true when saved. Edits made while saving stay unsaved. */
export async function saveJourney(
  api: ApiClient,
  options: { quiet?: boolean } = {},
): Promise<boolean> {
  const store = useEditorStore.getState();
  const journey = store.journey;
  if (!journey || store.activity !== 'idle') return false;
  const graph = store.graph();
  const snapshot = JSON.stringify(graph);
  store.setActivity('saving', null);
  try {
    const view = await api.journeys.update(journey.id, { graph });
    const after = useEditorStore.getState();
    if (view && typeof view === 'object' && 'id' in view) after.setJourney(journeyMeta(view));
    if (JSON.stringify(after.graph()) === snapshot) after.markSaved();
    after.setServerIssues(issuesOf(view ?? {}));
    after.setActivity('idle', options.quiet ? null : { kind: 'success', text: 'Saved' });
    return true;
  } catch (error) {
    fail(error);
    return false;
  }
}

/** Saves pending edits, publishes, then reloads the journey's status and live version. */
export async function publishJourney(api: ApiClient): Promise<boolean> {
  const journey = useEditorStore.getState().journey;
  if (!journey) return false;
  if (useEditorStore.getState().dirty && !(await saveJourney(api, { quiet: true }))) return false;
  const store = useEditorStore.getState();
  if (store.activity !== 'idle') return false;
  store.setActivity('publishing', null);
  try {
    await api.journeys.publish(journey.id);
    const view = await api.journeys.get(journey.id);
    const after = useEditorStore.getState();
    after.setJourney(journeyMeta(view));
    after.setServerIssues(issuesOf(view));
    const version = view.liveVersion ? ` · v${view.liveVersion.version}` : '';
    after.setActivity('idle', { kind: 'success', text: `Published${version}` });
    return true;
  } catch (error) {
    fail(error);
    return false;
  }
}

export async function refreshStats(api: ApiClient, journeyId: string): Promise<void> {
  const stats = await api.journeys.stats(journeyId);
  useEditorStore.getState().setStats(Array.isArray(stats.nodes) ? stats.nodes : []);
}
