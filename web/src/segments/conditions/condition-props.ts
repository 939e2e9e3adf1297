import { nodeErrorKey, type ConditionRow, type FormErrors } from '../rule-form/rule-form.model';

/** What every condition's fields component receives. */
export interface ConditionProps<R extends ConditionRow> {
  /** data-testid prefix of the row, e.g. `condition-1-0`. */
  testId: string;
  row: R;
  errors: FormErrors;
  onChange: (row: R) => void;
}

/** The error of one field of `row`, if any. */
export function fieldError(errors: FormErrors, row: ConditionRow) {
  return (field: string): string | undefined => errors[nodeErrorKey(row, field)];
}
