import { attributeOps, type AttributeOp } from '@switchyard/contracts';
import {
  filterErrorKey,
  type EventAggregateRow,
  type FormErrors,
  type PropertyFilterRow,
} from '../rule-form/rule-form.model';
import { attributeOpLabels } from '../rule-form/rule-labels';
import { FieldErrors } from './field-error.component';
import { ValueInputs } from './value-input.component';

interface Props {
  testId: string;
  row: EventAggregateRow;
  filter: PropertyFilterRow;
  errors: FormErrors;
  onChange: (filter: PropertyFilterRow) => void;
  onRemove: () => void;
}

/** "where <property> <op> <value>" under an event condition. */
export function PropertyFilterRowView({ testId, row, filter, errors, onChange, onRemove }: Props) {
  const err = (field: string) => errors[filterErrorKey(row, filter, field)];
  return (
    <div className="condition__filter">
      <div className="condition__fields">
        <span className="muted">where</span>
        <input
          type="text"
          className={`input--narrow ${err('property') ? 'input--invalid' : ''}`}
          data-testid={`${testId}-property`}
          value={filter.property}
          placeholder="property"
          onChange={(e) => onChange({ ...filter, property: e.target.value })}
          aria-label="property"
        />
        <select
          data-testid={`${testId}-op`}
          value={filter.op}
          onChange={(e) => onChange({ ...filter, op: e.target.value as AttributeOp })}
          aria-label="operator"
        >
          {attributeOps.map((op) => (
            <option key={op} value={op}>
              {attributeOpLabels[op]}
            </option>
          ))}
        </select>
        <ValueInputs
          testId={testId}
          op={filter.op}
          input={filter}
          invalid={Boolean(err('value'))}
          onChange={(input) => onChange({ ...filter, ...input })}
        />
        <button
          type="button"
          className="icon-button"
          data-testid={`${testId}-remove`}
          onClick={onRemove}
          aria-label="Remove filter"
          title="Remove filter"
        >
          ×
        </button>
      </div>
      <FieldErrors
        testId={`${testId}-errors`}
        errors={[
          err('property') && `Property ${err('property')}`,
          err('op'),
          err('value') && `Value ${err('value')}`,
        ]}
      />
    </div>
  );
}
