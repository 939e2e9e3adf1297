import type { AttributeOp } from '@switchyard/contracts';
import { listOf } from '../../catalog/catalog.store';
import { useTraits } from '../../catalog/use-catalog.hook';
import { FieldErrors } from '../fields/field-error.component';
import { fieldOptions, findField } from '../fields/field-options';
import { FieldPicker } from '../fields/field-picker.component';
import { ValueInputs } from '../fields/value-input.component';
import type { AttributeRow } from '../rule-form/rule-form.model';
import { attributeOpLabel, catalogTypeLabels } from '../rule-form/rule-labels';
import { fitToType, opsFor } from '../rule-form/trait-ops';
import { fieldError, type ConditionProps } from './condition-props';

/** "<trait> <operator> <value>", with operators that fit the trait's type. */
export function AttributeCondition({
  testId,
  row,
  errors,
  onChange,
}: ConditionProps<AttributeRow>) {
  const traits = listOf(useTraits());
  const err = fieldError(errors, row);
  const trait = findField(traits, row.attribute);
  const type = trait?.type ?? null;
  return (
    <>
      <div className="condition__fields">
        <FieldPicker
          testId={`${testId}-attribute`}
          label="trait"
          value={row.attribute}
          options={fieldOptions(traits)}
          placeholder="trait, e.g. plan or address.city"
          invalid={Boolean(err('attribute'))}
          onChange={(attribute) =>
            onChange(fitToType({ ...row, attribute }, findField(traits, attribute)?.type ?? null))
          }
        />
        {type && (
          <span className="type-badge" data-testid={`${testId}-type`}>
            {catalogTypeLabels[type]}
          </span>
        )}
        <select
          data-testid={`${testId}-op`}
          value={row.op}
          onChange={(e) => onChange({ ...row, op: e.target.value as AttributeOp })}
          aria-label="operator"
        >
          {opsFor(type, row.op).map((op) => (
            <option key={op} value={op}>
              {attributeOpLabel(op, type)}
            </option>
          ))}
        </select>
        <ValueInputs
          testId={testId}
          op={row.op}
          input={row}
          field={trait}
          named={row.attribute.trim() !== ''}
          invalid={Boolean(err('value'))}
          onChange={(input) => onChange({ ...row, ...input })}
        />
      </div>
      <FieldErrors
        testId={`${testId}-errors`}
        errors={[
          err('attribute') && `Trait ${err('attribute')}`,
          err('op'),
          err('value') && `Value ${err('value')}`,
          err('row'),
        ]}
      />
    </>
  );
}
