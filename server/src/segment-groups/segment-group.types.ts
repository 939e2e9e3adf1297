import type { Rule, SegmentGroupFallback } from '@switchyard/contracts';

/** A member of a stored group with the segment it points at (name, colour, rule). */
export interface StoredGroupMember {
  /** 1..n in order; first match wins. */
  index: number;
  segmentId: string;
  segmentName: string;
  segmentColor: string;
  rule: Rule;
  label: string | null;
  color: string | null;
  growthIsGood: boolean;
}

export interface StoredGroup {
  id: string;
  workspaceId: string;
  name: string;
  description: string | null;
  fallback: SegmentGroupFallback;
  members: StoredGroupMember[];
  createdAt: Date;
  updatedAt: Date;
}
