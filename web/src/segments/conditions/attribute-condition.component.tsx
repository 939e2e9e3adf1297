import { attributeOps, type AttributeOp } from '@switchyard/contracts';
import { rowErrorKey, type AttributeRow, type FormErrors } from '../rule-form/rule-form.model';
import { attributeOpLabels } from '../rule-form/rule-labels';
import { FieldErrors } from './field-error.component';
import { ValueInputs } from './value-input.component';

interface Props {
  index: number;
  row: AttributeRow;
  errors: FormErrors;
  onChange: (row: AttributeRow) => void;
}

/** "<trait> <operator> <value>" */
export function AttributeCondition({ index, row, errors, onChange }: Props) {
  const t = `condition-${index}`;
  const err = (field: string) => errors[rowErrorKey(row, field)];
  return (
    <>
      <div className="condition__fields">
        <input
          type="text"
          className={err('attribute') ? 'input--invalid' : undefined}
          data-testid={`${t}-attribute`}
          value={row.attribute}
          placeholder="trait, e.g. plan or address.city"
          onChange={(e) => onChange({ ...row, attribute: e.target.value })}
          aria-label="trait"
        />
        <select
          data-testid={`${t}-op`}
          value={row.op}
          onChange={(e) => onChange({ ...row, op: e.target.value as AttributeOp })}
          aria-label="operator"
        >
          {attributeOps.map((op) => (
            <option key={op} value={op}>
              {attributeOpLabels[op]}
            </option>
          ))}
        </select>
        <ValueInputs
          testId={t}
          op={row.op}
          input={row}
          invalid={Boolean(err('value'))}
          onChange={(input) => onChange({ ...row, ...input })}
        />
      </div>
      <FieldErrors
        testId={`${t}-errors`}
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
