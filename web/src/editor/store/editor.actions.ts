import type {
  GraphIssue,
  JourneySettings,
  JourneyVersionDetail,
  JourneyView,
} from '@switchyard/contracts';
import { ApiError, describeError, type ApiClient, type ApiIssue } from '../../api/api-client';
import { graphToFlow } from '../serialization/graph-serialization';
import { useEditorStore, type JourneyMeta } from './editor.store';
import { loadReferences } from './load-references';
import { useReferencesStore } from './references.store';

/**
 * The editor's I/O: load, save, publish, status changes, versions, stats. Components
 * call these; the stores only hold state. Nothing here executes a journey.
 */

export function journeyMeta(view: JourneyView): JourneyMeta {
  return {
    id: view.id,
    name: view.name,
    status: view.status,
    statusReason: view.statusReason ?? null,
    hasUnpublishedChanges: Boolean(view.hasUnpublishedChanges),
    liveVersion: view.liveVersion ?? null,
  };
}

function toGraphIssues(issues: readonly ApiIssue[]): GraphIssue[] {
  return issues.map((issue) => {
    const out: GraphIssue = { message: issue.message };
    if (issue.field) out.field = issue.field;
    if (issue.nodeId !== undefined) out.nodeId = issue.nodeId;
    if (issue.fixIn !== undefined) out.fixIn = issue.fixIn;
    return out;
  });
}

function issuesOf(view: Partial<JourneyView>): GraphIssue[] {
  return Array.isArray(view.issues) ? view.issues : [];
}

/** Member counts of a group's buckets (latest snapshot), loaded when the group is picked. */
export async function loadGroupCounts(api: ApiClient, groupId: string): Promise<void> {
  if (groupId in useReferencesStore.getState().groupCounts) return;
  const snapshots = await api.groups.snapshots(groupId).catch(() => []);
  useReferencesStore.getState().setGroupSnapshots(groupId, snapshots);
}

export async function openJourney(api: ApiClient, journeyId: string): Promise<void> {
  const [journey, nodeTypes] = await Promise.all([
    api.journeys.get(journeyId),
    api.nodeTypes(),
    loadReferences(api),
  ]);
  const input: Parameters<ReturnType<typeof useEditorStore.getState>['load']>[0] = {
    journey: journeyMeta(journey),
    graph: journey.graph ?? { nodes: [], edges: [] },
    nodeTypes,
    issues: issuesOf(journey),
  };
  if (journey.settings) input.settings = journey.settings;
  useEditorStore.getState().load(input);
}

/**
 * Shows why an action failed. Refused for problems in the journey, the toolbar says what
 * was not done and how many problems there are; the issues list names each one.
 */
function fail(error: unknown, notDone: string): void {
  const store = useEditorStore.getState();
  if (error instanceof ApiError && error.issues.length > 0) {
    store.setServerIssues(toGraphIssues(error.issues));
    const count = error.issues.length;
    store.setActivity('idle', {
      kind: 'error',
      text: `${notDone}: ${count} problem${count === 1 ? '' : 's'} to fix, listed on the right`,
    });
    return;
  }
  store.setActivity('idle', { kind: 'error', text: describeError(error) });
}

function snapshotOfDraft(): string {
  const store = useEditorStore.getState();
  return JSON.stringify([store.graph(), store.settings]);
}

/** PATCHes the graph and settings; true when saved. Edits made while saving stay unsaved. */
export async function saveJourney(
  api: ApiClient,
  options: { quiet?: boolean } = {},
): Promise<boolean> {
  const store = useEditorStore.getState();
  const journey = store.journey;
  if (!journey || store.activity !== 'idle') return false;
  const graph = store.graph();
  const settings: JourneySettings = store.settings;
  const snapshot = snapshotOfDraft();
  store.setActivity('saving', null);
  try {
    const view = await api.journeys.update(journey.id, { graph, settings });
    const after = useEditorStore.getState();
    if (view && typeof view === 'object' && 'id' in view) after.setJourney(journeyMeta(view));
    if (snapshotOfDraft() === snapshot) after.markSaved();
    after.setServerIssues(issuesOf(view ?? {}));
    after.setActivity('idle', options.quiet ? null : { kind: 'success', text: 'Saved' });
    return true;
  } catch (error) {
    fail(error, 'Not saved');
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
    fail(error, 'Not published');
    return false;
  }
}

export type StatusAction = 'pause' | 'resume' | 'stop';

const STATUS_DONE: Record<StatusAction, string> = {
  pause: 'Paused: no new customers enter, running ones hold',
  resume: 'Resumed',
  stop: 'Stopped: every running customer has left the journey',
};

const STATUS_NOT_DONE: Record<StatusAction, string> = {
  pause: 'Not paused',
  resume: 'Not resumed',
  stop: 'Not stopped',
};

/** Pause / resume / stop the live journey. */
export async function changeStatus(api: ApiClient, action: StatusAction): Promise<boolean> {
  const store = useEditorStore.getState();
  const journey = store.journey;
  if (!journey || store.activity !== 'idle') return false;
  store.setActivity('changing-status', null);
  try {
    const view = await api.journeys[action](journey.id);
    const after = useEditorStore.getState();
    after.setJourney(journeyMeta(view));
    after.setActivity('idle', { kind: 'success', text: STATUS_DONE[action] });
    return true;
  } catch (error) {
    fail(error, STATUS_NOT_DONE[action]);
    return false;
  }
}

export async function listVersions(
  api: ApiClient,
  journeyId: string,
): Promise<JourneyVersionDetail[]> {
  return api.journeys.versions(journeyId);
}

/** Shows a published version read-only on the canvas (null: back to the draft). */
export function previewVersion(version: JourneyVersionDetail | null): void {
  const store = useEditorStore.getState();
  if (!version) return store.setPreview(null);
  const { nodes, edges } = graphToFlow(version.graph);
  store.setPreview({
    versionId: version.id,
    version: version.version,
    detail: version,
    nodes: nodes.map((n) => ({ ...n, draggable: false, deletable: false, selectable: true })),
    edges,
  });
}

/** Copies a version into the draft on the server and loads it into the editor. */
export async function restoreVersion(api: ApiClient, version: JourneyVersionDetail) {
  const store = useEditorStore.getState();
  const journey = store.journey;
  if (!journey || store.activity !== 'idle') return false;
  store.setActivity('restoring', null);
  try {
    const view = await api.journeys.restoreVersion(journey.id, version.id);
    const after = useEditorStore.getState();
    after.setJourney(journeyMeta(view));
    after.replaceDraft(view.graph ?? version.graph, view.settings ?? version.settings);
    after.setServerIssues(issuesOf(view));
    after.setActivity('idle', {
      kind: 'success',
      text: `v${version.version} copied into the draft; publish to make it live`,
    });
    return true;
  } catch (error) {
    fail(error, 'Not restored');
    return false;
  }
}

export async function refreshStats(
  api: ApiClient,
  journeyId: string,
  versionId?: string,
): Promise<void> {
  const stats = await api.journeys.stats(journeyId, versionId);
  useEditorStore.getState().setStats({
    nodes: Array.isArray(stats.nodes) ? stats.nodes : [],
    goal: stats.goal ?? null,
    holdouts: Array.isArray(stats.holdouts) ? stats.holdouts : [],
  });
}
