import { boundedRuleSchema, type Rule } from '@switchyard/contracts';
import { formToRule, type NodePath } from './rule-form.convert';
import {
  filterErrorKey,
  nodeErrorKey,
  RULE_ERROR_KEY,
  type ConditionRow,
  type FormErrors,
  type RuleFormState,
} from './rule-form.model';

/** Maps the rest of an issue path (inside a condition) to the form field it is about. */
function rowField(row: ConditionRow, rest: readonly PropertyKey[]): string {
  const [head, second, third] = rest;
  switch (row.kind) {
    case 'attribute':
      return head === 'attribute' || head === 'op' || head === 'value'
        ? nodeErrorKey(row, head)
        : nodeErrorKey(row, 'row');
    case 'location':
      if (head === 'value') return nodeErrorKey(row, 'places');
      return head === 'location' || head === 'op'
        ? nodeErrorKey(row, head)
        : nodeErrorKey(row, 'row');
    case 'segment':
      return nodeErrorKey(row, 'segment');
    case 'rfm':
      return head === 'value' || head === 'op' || head === 'event' || head === 'property'
        ? nodeErrorKey(row, head)
        : nodeErrorKey(row, 'row');
    case 'random':
      return second === 'percent' || second === 'salt'
        ? nodeErrorKey(row, second)
        : nodeErrorKey(row, 'row');
    case 'eventAggregate':
    case 'eventMeasure':
    case 'eventNever': {
      if (head === 'event' || head === 'op' || head === 'value' || head === 'measure')
        return nodeErrorKey(row, head);
      if (head === 'aggregate') return nodeErrorKey(row, second === 'fn' ? 'fn' : 'property');
      if (head === 'window') return nodeErrorKey(row, 'window');
      if (head === 'where' && typeof second === 'number') {
        const filter = row.filters[second];
        const field = third === 'property' || third === 'op' ? third : 'value';
        if (filter) return filterErrorKey(row, filter, field);
      }
      return nodeErrorKey(row, 'row');
    }
    case 'json':
      return nodeErrorKey(row, 'text');
    default: {
      const never: never = row;
      throw new Error(`unknown row ${JSON.stringify(never)}`);
    }
  }
}

function isPrefix(prefix: readonly PropertyKey[], path: readonly PropertyKey[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => p === path[i]);
}

/** Where an issue at `path` of the built rule belongs in the form, and the path inside it. */
export function locateIssue(
  paths: readonly NodePath[],
  path: readonly PropertyKey[],
): { key: string; rest: PropertyKey[] } {
  let best: NodePath | undefined;
  for (const entry of paths)
    if (isPrefix(entry.path, path) && (!best || entry.path.length > best.path.length)) best = entry;
  if (!best) return { key: RULE_ERROR_KEY, rest: [...path] };
  const rest = path.slice(best.path.length);
  if (best.node.type === 'condition') return { key: rowField(best.node, rest), rest };
  // paths[0] is the root group: its issues (size, depth) concern the whole rule.
  return { key: best === paths[0] ? RULE_ERROR_KEY : nodeErrorKey(best.node, 'group'), rest };
}

export function issuePathToErrorKey(
  paths: readonly NodePath[],
  path: readonly PropertyKey[],
): string {
  return locateIssue(paths, path).key;
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

export type RuleFormValidation =
  | { ok: true; rule: Rule; paths: NodePath[] }
  | { ok: false; errors: FormErrors; paths: NodePath[] };

/**
 * Builds the rule and checks it with the contracts' `boundedRuleSchema`, the same
 * schema the server applies, so what passes here is what the server accepts.
 */
export function validateRuleForm(form: RuleFormState): RuleFormValidation {
  const built = formToRule(form);
  const errors: FormErrors = { ...built.errors };
  const parsed = boundedRuleSchema.safeParse(built.rule);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const { key, rest } = locateIssue(built.paths, issue.path);
      // Inside a JSON row, say where: "aggregate.fn: Invalid option".
      const inJson = key.endsWith('.text') && rest.length > 0;
      errors[key] ??= inJson ? `${rest.join('.')}: ${issue.message}` : issue.message;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors, paths: built.paths };
  return { ok: true, rule: built.rule, paths: built.paths };
}
