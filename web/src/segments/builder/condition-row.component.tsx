import { AttributeCondition } from '../conditions/attribute-condition.component';
import { EventAggregateCondition } from '../conditions/event-aggregate-condition.component';
import { EventMeasureCondition } from '../conditions/event-measure-condition.component';
import { EventNeverCondition } from '../conditions/event-never-condition.component';
import { JsonCondition } from '../conditions/json-condition.component';
import { LocationCondition } from '../conditions/location-condition.component';
import { RandomCondition } from '../conditions/random-condition.component';
import { RfmCondition } from '../conditions/rfm-condition.component';
import { SegmentCondition } from '../conditions/segment-condition.component';
import {
  conditionKinds,
  type ConditionKind,
  type ConditionRow,
  type FormErrors,
} from '../rule-form/rule-form.model';
import { conditionKindLabels } from '../rule-form/rule-labels';
import { changeKind } from '../rule-form/rule-form.update';
import { NotToggle } from './not-toggle.component';

interface Props {
  testId: string;
  row: ConditionRow;
  errors: FormErrors;
  onChange: (row: ConditionRow) => void;
  onRemove: () => void;
}

/** One condition: its kind, NOT, remove, then the fields of that kind. */
export function ConditionRowView({ testId, row, errors, onChange, onRemove }: Props) {
  return (
    <div
      className={`condition${row.negate ? ' condition--negated' : ''}`}
      data-testid={testId}
      data-kind={row.kind}
    >
      <div className="condition__head">
        {/* A segment row says "is not in" itself. */}
        {row.kind !== 'segment' && (
          <NotToggle
            testId={`${testId}-not`}
            on={row.negate}
            title="Match customers for whom this condition is NOT true"
            onToggle={() => onChange({ ...row, negate: !row.negate })}
          />
        )}
        <select
          className="condition__kind"
          data-testid={`${testId}-kind`}
          value={row.kind}
          onChange={(e) => onChange(changeKind(row, e.target.value as ConditionKind))}
          aria-label="condition type"
        >
          {conditionKinds.map((kind) => (
            <option key={kind} value={kind}>
              {conditionKindLabels[kind]}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="icon-button"
          data-testid={`${testId}-remove`}
          onClick={onRemove}
          aria-label="Remove condition"
          title="Remove condition"
        >
          ×
        </button>
      </div>
      <ConditionFields testId={testId} row={row} errors={errors} onChange={onChange} />
    </div>
  );
}

function ConditionFields({ testId, row, errors, onChange }: Omit<Props, 'onRemove'>) {
  const props = { testId, errors };
  switch (row.kind) {
    case 'attribute':
      return <AttributeCondition {...props} row={row} onChange={onChange} />;
    case 'location':
      return <LocationCondition {...props} row={row} onChange={onChange} />;
    case 'eventAggregate':
      return <EventAggregateCondition {...props} row={row} onChange={onChange} />;
    case 'eventMeasure':
      return <EventMeasureCondition {...props} row={row} onChange={onChange} />;
    case 'eventNever':
      return <EventNeverCondition {...props} row={row} onChange={onChange} />;
    case 'segment':
      return <SegmentCondition {...props} row={row} onChange={onChange} />;
    case 'rfm':
      return <RfmCondition {...props} row={row} onChange={onChange} />;
    case 'random':
      return <RandomCondition {...props} row={row} onChange={onChange} />;
    case 'json':
      return <JsonCondition {...props} row={row} onChange={onChange} />;
    default: {
      const never: never = row;
      throw new Error(`unknown condition ${JSON.stringify(never)}`);
    }
  }
}
