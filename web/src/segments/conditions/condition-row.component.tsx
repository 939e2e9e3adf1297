import {
  conditionKinds,
  type ConditionKind,
  type ConditionRow,
  type FormErrors,
} from '../rule-form/rule-form.model';
import { conditionKindLabels } from '../rule-form/rule-labels';
import { changeKind } from '../rule-form/rule-form.update';
import { AttributeCondition } from './attribute-condition.component';
import { DaysSinceCondition } from './days-since-condition.component';
import { EventAggregateCondition } from './event-aggregate-condition.component';

interface Props {
  index: number;
  row: ConditionRow;
  errors: FormErrors;
  onChange: (row: ConditionRow) => void;
  onRemove: () => void;
}

/** One condition: its kind, then the fields of that kind. */
export function ConditionRowView({ index, row, errors, onChange, onRemove }: Props) {
  return (
    <li className="condition" data-testid={`condition-${index}`} data-kind={row.kind}>
      <div className="condition__head">
        <select
          className="condition__kind"
          data-testid={`condition-${index}-kind`}
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
          data-testid={`condition-${index}-remove`}
          onClick={onRemove}
          aria-label="Remove condition"
          title="Remove condition"
        >
          ×
        </button>
      </div>
      {renderFields(index, row, errors, onChange)}
    </li>
  );
}

function renderFields(
  index: number,
  row: ConditionRow,
  errors: FormErrors,
  onChange: (row: ConditionRow) => void,
) {
  switch (row.kind) {
    case 'attribute':
      return <AttributeCondition index={index} row={row} errors={errors} onChange={onChange} />;
    case 'eventAggregate':
      return (
        <EventAggregateCondition index={index} row={row} errors={errors} onChange={onChange} />
      );
    case 'daysSinceLast':
      return <DaysSinceCondition index={index} row={row} errors={errors} onChange={onChange} />;
    default: {
      const never: never = row;
      throw new Error(`unknown condition ${JSON.stringify(never)}`);
    }
  }
}
