import { boundedRuleSchema, type Rule } from '@switchyard/contracts';
import { formToRule } from './rule-form.convert';
import {
  filterErrorKey,
  RULE_ERROR_KEY,
  rowErrorKey,
  type ConditionRow,
  type FormErrors,
  type RuleFormState,
} from './rule-form.model';

/** Maps the tail of a rule issue path (after `all[i]`) to the form field it is about. */
function rowField(row: ConditionRow, rest: readonly PropertyKey[]): string {
  const [head, second, third] = rest;
  switch (row.kind) {
    case 'attribute':
      return head === 'attribute' || head === 'op' || head === 'value'
        ? rowErrorKey(row, head)
        : rowErrorKey(row, 'row');
    case 'daysSinceLast':
      return head === 'event' || head === 'op' || head === 'value'
        ? rowErrorKey(row, head)
        : rowErrorKey(row, 'row');
    case 'eventAggregate': {
      if (head === 'event' || head === 'op' || head === 'value') return rowErrorKey(row, head);
      if (head === 'aggregate') return rowErrorKey(row, second === 'fn' ? 'fn' : 'property');
      if (head === 'window') return rowErrorKey(row, 'windowDays');
      if (head === 'where' && typeof second === 'number') {
        const filter = row.filters[second];
        const field = third === 'property' || third === 'op' ? third : 'value';
        if (filter) return filterErrorKey(row, filter, field);
      }
      return rowErrorKey(row, 'row');
    }
    default: {
      const never: never = row;
      throw new Error(`unknown row ${JSON.stringify(never)}`);
    }
  }
}

/** Where an issue from `boundedRuleSchema` belongs in the form. */
export function issuePathToErrorKey(form: RuleFormState, path: readonly PropertyKey[]): string {
  const [group, index, ...rest] = path;
  if ((group !== 'all' && group !== 'any') || typeof index !== 'number') return RULE_ERROR_KEY;
  const row = form.rows[index];
  return row ? rowField(row, rest) : RULE_ERROR_KEY;
}

/** `rule.all[0].where[1].value` (the API's field format) -> ['rule', 'all', 0, 'where', 1, 'value']. */
export function parseFieldPath(field: string): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (const match of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) path.push(Number(match[2]));
    else if (match[1] !== undefined)
      path.push(/^\d+$/.test(match[1]) ? Number(match[1]) : match[1]);
  }
  return path;
}

export type RuleFormValidation = { ok: true; rule: Rule } | { ok: false; errors: FormErrors };

/**
 * Builds the rule and checks it with the contracts' `boundedRuleSchema`, the same
 * schema the server applies, so what passes here is what the server accepts.
 */
export function validateRuleForm(form: RuleFormState): RuleFormValidation {
  const built = formToRule(form);
  const errors: FormErrors = built.ok ? {} : { ...built.errors };
  const parsed = boundedRuleSchema.safeParse(built.rule);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issuePathToErrorKey(form, issue.path);
      errors[key] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, rule: built.rule };
}
