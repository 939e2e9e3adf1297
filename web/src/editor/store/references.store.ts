import type {
  AudienceView,
  GroupSnapshotView,
  SegmentGroupView,
  SubscriptionTopicView,
  WorkspaceSettingsView,
} from '@switchyard/contracts';
import { create } from 'zustand';
import type { SegmentRef } from '../nodes/node-summary';

/** Member counts of a group's buckets, from its latest snapshot: by segment id or 'fallback'. */
export interface GroupCounts {
  asOf: string;
  stale: boolean;
  byBucket: Record<string, number>;
}

/**
 * What the trigger picker, widgets and node summaries refer to: segments, segment groups,
 * audiences, subscription topics and the workspace's messaging settings. Loaded when a journey opens.
 */
export interface ReferencesState {
  segments: ReadonlyMap<string, SegmentRef>;
  groups: SegmentGroupView[];
  groupCounts: Record<string, GroupCounts | null>;
  audiences: AudienceView[];
  topics: SubscriptionTopicView[];
  workspace: WorkspaceSettingsView | null;
  setSegments: (segments: readonly SegmentRef[]) => void;
  setGroups: (groups: SegmentGroupView[]) => void;
  setGroupSnapshots: (groupId: string, snapshots: readonly GroupSnapshotView[]) => void;
  setAudiences: (audiences: AudienceView[]) => void;
  setTopics: (topics: SubscriptionTopicView[]) => void;
  setWorkspace: (workspace: WorkspaceSettingsView | null) => void;
}

/** The newest snapshot's counts keyed by bucket value (segment id, or 'fallback'). */
export function latestCounts(
  group: SegmentGroupView,
  snapshots: readonly GroupSnapshotView[],
): GroupCounts | null {
  const latest = [...snapshots].sort((a, b) => a.asOf.localeCompare(b.asOf)).at(-1);
  if (!latest) return null;
  const byBucket: Record<string, number> = {};
  for (const count of latest.counts) {
    const bucket = group.buckets.find((b) => b.index === count.index);
    if (bucket) byBucket[bucket.segmentId ?? 'fallback'] = count.count;
  }
  return { asOf: latest.asOf, stale: latest.stale, byBucket };
}

export const useReferencesStore = create<ReferencesState>()((set, get) => ({
  segments: new Map(),
  groups: [],
  groupCounts: {},
  audiences: [],
  topics: [],
  workspace: null,
  setSegments: (segments) => set({ segments: new Map(segments.map((s) => [s.id, s])) }),
  setGroups: (groups) => set({ groups }),
  setGroupSnapshots: (groupId, snapshots) => {
    const group = get().groups.find((g) => g.id === groupId);
    if (!group) return;
    set({ groupCounts: { ...get().groupCounts, [groupId]: latestCounts(group, snapshots) } });
  },
  setAudiences: (audiences) => set({ audiences }),
  setTopics: (topics) => set({ topics }),
  setWorkspace: (workspace) => set({ workspace }),
}));
