import type { SegmentView } from '@switchyard/contracts';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { SegmentChip } from '../segments/segment-chip.component';
import type { BucketCount } from './evaluation-counts';
import type { GroupFormErrors, MemberRow } from './group-form.model';
import { CountBar } from './count-bar.component';
import { GrowthToggle } from './growth-toggle.component';

interface Props {
  index: number;
  member: MemberRow;
  segments: readonly SegmentView[];
  errors: GroupFormErrors;
  count: BucketCount | null;
  onChange: (member: MemberRow) => void;
  onRemove: () => void;
}

/** One member of a group: drag handle, priority, segment, label, colour, growth, count. */
export function MemberRowView({
  index,
  member,
  segments,
  errors,
  count,
  onChange,
  onRemove,
}: Props) {
  const sortable = useSortable({ id: member.key });
  const segment = segments.find((s) => s.id === member.segmentId);
  const color = member.color || segment?.color || '#64748b';
  const t = `group-member-${index}`;
  const err = (field: string) => errors[`members.${member.key}.${field}`];
  return (
    <li
      ref={sortable.setNodeRef}
      className={`member${sortable.isDragging ? ' member--dragging' : ''}`}
      style={{
        transform: CSS.Transform.toString(sortable.transform),
        transition: sortable.transition,
      }}
      data-testid={t}
      data-segment-id={member.segmentId}
    >
      <button
        type="button"
        className="member__handle"
        data-testid={`${t}-handle`}
        aria-label={`Drag to reorder (now ${index + 1})`}
        title="Drag to change the order: the first matching segment wins"
        {...sortable.attributes}
        {...sortable.listeners}
      >
        ⠿
      </button>
      <span className="member__rank" title="Checked in this order">
        {index + 1}
      </span>
      <select
        className={err('segmentId') ? 'input--invalid' : undefined}
        data-testid={`${t}-segment`}
        value={member.segmentId}
        onChange={(e) => onChange({ ...member, segmentId: e.target.value })}
        aria-label="segment"
      >
        <option value="">choose a segment…</option>
        {segments.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <input
        type="text"
        className="input--narrow"
        data-testid={`${t}-label`}
        value={member.label}
        placeholder="same as segment"
        maxLength={120}
        onChange={(e) => onChange({ ...member, label: e.target.value })}
        aria-label="label in this group"
        title="Label in this group (blank: the segment's name)"
      />
      <input
        type="color"
        data-testid={`${t}-color`}
        value={color}
        onChange={(e) => onChange({ ...member, color: e.target.value })}
        aria-label="colour in this group"
        title={member.color ? 'Colour in this group' : "The segment's colour"}
      />
      <span className="member__chip">
        <SegmentChip name={member.label.trim() || segment?.name || '—'} color={color} />
      </span>
      <GrowthToggle
        testId={`${t}-growth`}
        good={member.growthIsGood}
        onChange={(growthIsGood) => onChange({ ...member, growthIsGood })}
      />
      <CountBar testId={`group-count-${index + 1}`} count={count} color={color} />
      <button
        type="button"
        className="icon-button"
        data-testid={`${t}-remove`}
        onClick={onRemove}
        aria-label="Remove member"
        title="Remove member"
      >
        ×
      </button>
      {(err('segmentId') || err('label') || err('color')) && (
        <p className="field__error member__error" role="alert">
          {err('segmentId') ?? err('label') ?? err('color')}
        </p>
      )}
    </li>
  );
}
