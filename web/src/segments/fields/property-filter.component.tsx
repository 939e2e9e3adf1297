import type { AttributeOp, CatalogField } from '@switchyard/contracts';
import {
  filterErrorKey,
  type FormErrors,
  type PropertyFilterRow,
} from '../rule-form/rule-form.model';
import { attributeOpLabel } from '../rule-form/rule-labels';
import { fitToType, opsFor } from '../rule-form/trait-ops';
import { FieldErrors } from './field-error.component';
import { fieldOptions, findField } from './field-options';
import { FieldPicker } from './field-picker.component';
import { ValueInputs } from './value-input.component';

interface Props {
  testId: string;
  rowKey: string;
  filter: PropertyFilterRow;
  properties: readonly CatalogField[];
  errors: FormErrors;
  onChange: (filter: PropertyFilterRow) => void;
  onRemove: () => void;
}

/** "where <property> <op> <value>" under an event condition. */
export function PropertyFilterRowView({
  testId,
  rowKey,
  filter,
  properties,
  errors,
  onChange,
  onRemove,
}: Props) {
  const err = (field: string) => errors[filterErrorKey({ key: rowKey }, filter, field)];
  const field = findField(properties, filter.property);
  return (
    <div className="condition__filter">
      <div className="condition__fields">
        <span className="muted">where</span>
        <FieldPicker
          testId={`${testId}-property`}
          label="property"
          value={filter.property}
          options={fieldOptions(properties)}
          placeholder="property"
          invalid={Boolean(err('property'))}
          onChange={(property) =>
            onChange(
              fitToType({ ...filter, property }, findField(properties, property)?.type ?? null),
            )
          }
        />
        <select
          data-testid={`${testId}-op`}
          value={filter.op}
          onChange={(e) => onChange({ ...filter, op: e.target.value as AttributeOp })}
          aria-label="operator"
        >
          {opsFor(field?.type ?? null, filter.op).map((op) => (
            <option key={op} value={op}>
              {attributeOpLabel(op, field?.type ?? null)}
            </option>
          ))}
        </select>
        <ValueInputs
          testId={testId}
          op={filter.op}
          input={filter}
          field={field}
          named={filter.property.trim() !== ''}
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
