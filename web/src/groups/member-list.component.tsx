import type { SegmentView } from '@switchyard/contracts';
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import type { BucketCount } from './evaluation-counts';
import { moveMember, type GroupForm, type GroupFormErrors } from './group-form.model';
import { MemberRowView } from './member-row.component';

interface Props {
  form: GroupForm;
  segments: readonly SegmentView[];
  errors: GroupFormErrors;
  counts: (BucketCount | null)[];
  onChange: (form: GroupForm) => void;
}

/** Members in priority order; drag (or keyboard: space, arrows, space) to reorder. */
export function MemberList({ form, segments, errors, counts, onChange }: Props) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const onDragEnd = (event: DragEndEvent) => {
    if (event.over) onChange(moveMember(form, String(event.active.id), String(event.over.id)));
  };
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <SortableContext
        items={form.members.map((m) => m.key)}
        strategy={verticalListSortingStrategy}
      >
        <ol className="member-list" data-testid="group-members">
          {form.members.map((member, index) => (
            <MemberRowView
              key={member.key}
              index={index}
              member={member}
              segments={segments}
              errors={errors}
              count={counts[index] ?? null}
              onChange={(next) =>
                onChange({
                  ...form,
                  members: form.members.map((m) => (m.key === next.key ? next : m)),
                })
              }
              onRemove={() =>
                onChange({ ...form, members: form.members.filter((m) => m.key !== member.key) })
              }
            />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}
