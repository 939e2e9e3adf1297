import { listOf } from '../../catalog/catalog.store';
import { useSegmentList } from '../../catalog/use-catalog.hook';
import { useBuilderContext } from '../builder/builder.context';
import { FieldErrors } from '../fields/field-error.component';
import type { SegmentRow } from '../rule-form/rule-form.model';
import { SegmentChip } from '../segment-chip.component';
import { fieldError, type ConditionProps } from './condition-props';

/** "is (not) in <segment>", another segment's membership as of the same time. */
export function SegmentCondition({ testId, row, errors, onChange }: ConditionProps<SegmentRow>) {
  const { segmentId } = useBuilderContext();
  const segments = listOf(useSegmentList()).filter((s) => s.id !== segmentId);
  const err = fieldError(errors, row);
  const chosen = segments.find((s) => s.id === row.segmentId);
  const unknown = row.segmentId !== '' && !chosen;
  return (
    <>
      <div className="condition__fields">
        <select
          className="select--compact"
          data-testid={`${testId}-membership`}
          value={row.negate ? 'out' : 'in'}
          onChange={(e) => onChange({ ...row, negate: e.target.value === 'out' })}
          aria-label="membership"
        >
          <option value="in">is in</option>
          <option value="out">is not in</option>
        </select>
        <select
          className={err('segment') ? 'input--invalid' : undefined}
          data-testid={`${testId}-segment`}
          value={row.segmentId}
          onChange={(e) => onChange({ ...row, segmentId: e.target.value })}
          aria-label="segment"
        >
          <option value="">choose a segment…</option>
          {unknown && <option value={row.segmentId}>unknown segment {row.segmentId}</option>}
          {segments.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        {chosen && <SegmentChip name={chosen.name} color={chosen.color} />}
      </div>
      <FieldErrors
        testId={`${testId}-errors`}
        errors={[err('segment') && `Segment ${err('segment')}`, err('row')]}
      />
    </>
  );
}
