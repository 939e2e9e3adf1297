import type {
  AttributeCondition,
  EventAggregateCondition,
  EventMeasureCondition,
  EventNeverCondition,
  EventWindow,
  PropertyFilter,
  RfmCondition,
  Rule,
} from '@switchyard/contracts';
import {
  filterErrorKey,
  nodeErrorKey,
  type ConditionRow,
  type FormErrors,
  type FormNode,
  type GroupNode,
  type PropertyFilterRow,
  type RuleFormState,
  type WindowInput,
} from './rule-form.model';
import {
  parseConditionValue,
  parseNumericValue,
  parsePercent,
  parsePlaces,
  parseWholeDays,
  type Parsed,
} from './rule-form.values';

/** Where each form node landed in the built rule, to put schema issues on the right field. */
export interface NodePath {
  node: FormNode;
  path: PropertyKey[];
}

class BuildContext {
  readonly errors: FormErrors = {};
  readonly paths: NodePath[] = [];
  take<T>(key: string, parsed: Parsed<T>): T | undefined {
    if (parsed.ok) return parsed.value;
    this.errors[key] ??= parsed.message;
    return undefined;
  }
}

function buildFilter(
  row: ConditionRow,
  filter: PropertyFilterRow,
  ctx: BuildContext,
): PropertyFilter {
  const value = ctx.take(
    filterErrorKey(row, filter, 'value'),
    parseConditionValue(filter.op, filter),
  );
  const built: PropertyFilter = { property: filter.property.trim(), op: filter.op };
  if (value !== undefined) built.value = value;
  return built;
}

function buildWindow(
  row: ConditionRow,
  window: WindowInput,
  ctx: BuildContext,
): EventWindow | undefined {
  switch (window.mode) {
    case 'allTime':
      return undefined;
    case 'lastDays': {
      const days = ctx.take(nodeErrorKey(row, 'window'), parseWholeDays(window.days));
      return days === undefined ? undefined : { lastDays: days };
    }
    case 'between':
      if (window.from.trim() === '' || window.to.trim() === '') {
        ctx.errors[nodeErrorKey(row, 'window')] ??= 'needs a start and an end date';
        return undefined;
      }
      return { from: window.from.trim(), to: window.to.trim() };
    default: {
      const never: never = window.mode;
      throw new Error(`unknown window ${String(never)}`);
    }
  }
}

function buildLeaf(row: ConditionRow, ctx: BuildContext): Rule {
  switch (row.kind) {
    case 'attribute': {
      const value = ctx.take(nodeErrorKey(row, 'value'), parseConditionValue(row.op, row));
      const condition: AttributeCondition = { attribute: row.attribute.trim(), op: row.op };
      if (value !== undefined) condition.value = value;
      return condition;
    }
    case 'eventAggregate': {
      const condition: EventAggregateCondition = {
        event: row.event.trim(),
        aggregate:
          row.fn === 'count' ? { fn: 'count' } : { fn: row.fn, property: row.property.trim() },
        op: row.op,
        value:
          ctx.take(nodeErrorKey(row, 'value'), parseNumericValue(row.op, row.value, row.valueTo)) ??
          0,
      };
      if (row.filters.length > 0)
        condition.where = row.filters.map((f) => buildFilter(row, f, ctx));
      const window = buildWindow(row, row.window, ctx);
      if (window) condition.window = window;
      return condition;
    }
    case 'eventMeasure': {
      const condition: EventMeasureCondition = {
        event: row.event.trim(),
        measure: row.measure,
        op: row.op,
        value:
          ctx.take(nodeErrorKey(row, 'value'), parseNumericValue(row.op, row.value, row.valueTo)) ??
          0,
      };
      if (row.filters.length > 0)
        condition.where = row.filters.map((f) => buildFilter(row, f, ctx));
      return condition;
    }
    case 'eventNever': {
      const condition: EventNeverCondition = { event: row.event.trim(), never: true };
      if (row.filters.length > 0)
        condition.where = row.filters.map((f) => buildFilter(row, f, ctx));
      const window = buildWindow(row, row.window, ctx);
      if (window) condition.window = window;
      return condition;
    }
    case 'location':
      return {
        location: row.level,
        op: row.op,
        value: ctx.take(nodeErrorKey(row, 'places'), parsePlaces(row.places)) ?? [],
      };
    case 'segment':
      if (row.segmentId === '') ctx.errors[nodeErrorKey(row, 'segment')] ??= 'must be chosen';
      return { segment: row.segmentId };
    case 'rfm': {
      const condition: RfmCondition = {
        rfm: row.metric,
        op: row.op,
        value:
          ctx.take(nodeErrorKey(row, 'value'), parseNumericValue(row.op, row.value, row.valueTo)) ??
          0,
      };
      if (row.event.trim() !== '') condition.event = row.event.trim();
      if (row.property.trim() !== '') condition.property = row.property.trim();
      return condition;
    }
    case 'random':
      return {
        random: {
          percent: ctx.take(nodeErrorKey(row, 'percent'), parsePercent(row.percent)) ?? 0,
          salt: row.salt,
        },
      };
    case 'json':
      return ctx.take(nodeErrorKey(row, 'text'), parseJsonRule(row.text)) ?? { all: [] };
    default: {
      const never: never = row;
      throw new Error(`unknown row ${JSON.stringify(never)}`);
    }
  }
}

function parseJsonRule(text: string): Parsed<Rule> {
  if (text.trim() === '') return { ok: false, message: 'needs a condition as JSON' };
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { ok: false, message: 'must be a JSON object' };
    // The schema check (validateRuleForm) reports what is wrong inside.
    return { ok: true, value: value as Rule };
  } catch (error) {
    return { ok: false, message: `is not valid JSON (${(error as Error).message})` };
  }
}

function buildNode(node: FormNode, path: PropertyKey[], ctx: BuildContext): Rule {
  const base = node.negate ? [...path, 'not'] : path;
  ctx.paths.push({ node, path: base });
  const inner = node.type === 'group' ? buildGroup(node, base, ctx) : buildLeaf(node, ctx);
  return node.negate ? { not: inner } : inner;
}

function buildGroup(group: GroupNode, base: PropertyKey[], ctx: BuildContext): Rule {
  const [only] = group.children;
  if (group.implicit && only && group.children.length === 1) return buildNode(only, base, ctx);
  const children = group.children.map((child, i) =>
    buildNode(child, [...base, group.combinator, i], ctx),
  );
  return group.combinator === 'all' ? { all: children } : { any: children };
}

export type BuildResult = {
  ok: boolean;
  rule: Rule;
  errors: FormErrors;
  paths: NodePath[];
};

/** Form -> rule. Value parse errors are reported by field; the rule is built regardless. */
export function formToRule(form: RuleFormState): BuildResult {
  const ctx = new BuildContext();
  const rule = buildNode(form, [], ctx);
  return { ok: Object.keys(ctx.errors).length === 0, rule, errors: ctx.errors, paths: ctx.paths };
}
