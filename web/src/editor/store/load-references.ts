import type { ApiClient } from '../../api/api-client';
import { useReferencesStore } from './references.store';

/** Segments, groups, audiences, topics and workspace settings; each may be missing on an old server. */
export async function loadReferences(api: ApiClient): Promise<void> {
  const refs = useReferencesStore.getState();
  const [segments, groups, audiences, topics, workspace] = await Promise.all([
    api.segments.list().catch(() => []),
    api.groups.list().catch(() => []),
    api.audiences.list().catch(() => []),
    api.topics.list().catch(() => []),
    api.workspace.settings().catch(() => null),
  ]);
  refs.setSegments(
    segments.map((s) => ({ id: s.id, name: s.name, color: s.color, memberCount: s.memberCount })),
  );
  refs.setGroups(groups);
  refs.setAudiences(audiences);
  refs.setTopics(topics);
  refs.setWorkspace(workspace);
}
