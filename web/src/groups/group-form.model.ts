import {
  createSegmentGroupBodySchema,
  type CreateSegmentGroupBody,
  type SegmentGroupView,
} from '@switchyard/contracts';

/**
 * The group editor's state: members in order (the first whose segment matches wins), each
 * with an optional label and colour of its own, and the fallback for everyone else.
 */
export interface MemberRow {
  key: string;
  segmentId: string;
  /** Blank: the segment's name. */
  label: string;
  /** Blank: the segment's colour. */
  color: string;
  growthIsGood: boolean;
}

export interface GroupForm {
  name: string;
  description: string;
  members: MemberRow[];
  fallback: { label: string; color: string; growthIsGood: boolean };
}

/** Errors by `name`, `members`, `members.<key>.<field>`, `fallback.<field>` or `form`. */
export type GroupFormErrors = Record<string, string>;

let sequence = 0;
export const nextMemberKey = () => `m${++sequence}`;

export const FALLBACK_COLOR = '#8b8d98';

export function emptyMember(key: string = nextMemberKey()): MemberRow {
  return { key, segmentId: '', label: '', color: '', growthIsGood: true };
}

export function emptyGroupForm(): GroupForm {
  return {
    name: '',
    description: '',
    members: [emptyMember()],
    fallback: { label: 'Everyone else', color: FALLBACK_COLOR, growthIsGood: false },
  };
}

export function groupToForm(
  group: SegmentGroupView,
  makeKey: () => string = nextMemberKey,
): GroupForm {
  return {
    name: group.name,
    description: group.description ?? '',
    members: group.members.map((m) => ({
      key: makeKey(),
      segmentId: m.segmentId,
      label: m.label ?? '',
      color: m.color ?? '',
      growthIsGood: m.growthIsGood,
    })),
    fallback: { ...group.fallback },
  };
}

export function formToBody(form: GroupForm): CreateSegmentGroupBody {
  const description = form.description.trim();
  return {
    name: form.name.trim(),
    ...(description ? { description } : {}),
    members: form.members.map((m) => ({
      segmentId: m.segmentId,
      growthIsGood: m.growthIsGood,
      ...(m.label.trim() ? { label: m.label.trim() } : {}),
      ...(m.color ? { color: m.color } : {}),
    })),
    fallback: {
      label: form.fallback.label.trim(),
      color: form.fallback.color,
      growthIsGood: form.fallback.growthIsGood,
    },
  };
}

export type GroupFormValidation =
  { ok: true; body: CreateSegmentGroupBody } | { ok: false; errors: GroupFormErrors };

/** Checks the body with the contracts' schema and puts each issue on its field. */
export function validateGroupForm(form: GroupForm): GroupFormValidation {
  const errors: GroupFormErrors = {};
  form.members.forEach((m) => {
    if (m.segmentId === '') errors[`members.${m.key}.segmentId`] = 'choose a segment';
  });
  const parsed = createSegmentGroupBodySchema.safeParse(formToBody(form));
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, body: parsed.data };
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    errors[issueKey(form, issue.path)] ??= issue.message;
  }
  return { ok: false, errors };
}

/** `['members', 2, 'label']` -> `members.<key of the third>.label`. */
export function issueKey(form: GroupForm, path: readonly PropertyKey[]): string {
  const [head, index, field] = path;
  if (head === 'members' && typeof index === 'number') {
    const member = form.members[index];
    return member ? `members.${member.key}.${String(field ?? 'segmentId')}` : 'members';
  }
  if (head === 'fallback') return `fallback.${String(index ?? 'label')}`;
  if (head === 'name' || head === 'members' || head === 'description') return head;
  return 'form';
}

/** Moves the member `activeKey` to where `overKey` is (drag and drop). */
export function moveMember(form: GroupForm, activeKey: string, overKey: string): GroupForm {
  const from = form.members.findIndex((m) => m.key === activeKey);
  const to = form.members.findIndex((m) => m.key === overKey);
  if (from < 0 || to < 0 || from === to) return form;
  const members = [...form.members];
  const [moved] = members.splice(from, 1);
  if (moved) members.splice(to, 0, moved);
  return { ...form, members };
}
