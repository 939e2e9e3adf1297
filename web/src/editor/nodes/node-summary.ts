import { TRIGGER_NODE_TYPE, type NodeTypeView } from '@switchyard/contracts';
import { deriveFields, type FormField } from '../panel/schema-fields';
import type { JourneyNodeData } from '../serialization/editor-graph.types';
import { triggerSummary, type TriggerRefs } from '../trigger/trigger-config';
import { declaredOutputs, outputsRuleOf } from '@switchyard/contracts';

export interface SegmentRef {
  id: string;
  name: string;
  color: string;
  memberCount?: number;
}

const MAX_PART = 36;

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_PART ? `${oneLine.slice(0, MAX_PART - 1)}…` : oneLine;
}

function display(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') return shorten(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** Units a summary counts in: "1 seconds" reads "1 second". */
const ONE_UNIT = /\b1 (second|minute|hour|day|week|month|year)s\b/g;

/** `x-summary: "{{amount}} {{unit}}"` in a node's schema controls its one-line summary. */
function fromTemplate(template: string, config: Record<string, unknown>): string {
  return shorten(
    template
      .replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, key: string) => display(config[key]) ?? '…')
      .replace(ONE_UNIT, '1 $1'),
  );
}

/**
 * The node's summary template: `x-summary`, unless a boolean setting named in
 * `x-summary-if` (`{setting: template}`) is on, which then gives the template.
 */
function summaryTemplate(
  schema: Record<string, unknown>,
  config: Record<string, unknown>,
): string | null {
  const variants = schema['x-summary-if'];
  if (typeof variants === 'object' && variants !== null)
    for (const [setting, template] of Object.entries(variants))
      if (config[setting] === true && typeof template === 'string') return template;
  const template = schema['x-summary'];
  return typeof template === 'string' ? template : null;
}

function shortFields(fields: readonly FormField[]): FormField[] {
  const scalar = fields.filter(
    (f) =>
      f.kind !== 'object' &&
      f.kind !== 'json' &&
      f.kind !== 'array' &&
      f.kind !== 'rule' &&
      !(f.kind === 'text' && f.multiline),
  );
  return [...scalar.filter((f) => f.required), ...scalar.filter((f) => !f.required)];
}

/** "2 branches + holdout" for a node whose outputs come from a list in its settings. */
function branchesSummary(data: JourneyNodeData, view: NodeTypeView): string {
  const rule = outputsRuleOf(view);
  const list = data.config[rule.from];
  const n = Array.isArray(list) ? list.length : 0;
  const extras = declaredOutputs(data, view)
    .filter((o) => (rule.extra ?? []).some((e) => e.key === o.key))
    .map((o) => o.label.toLowerCase());
  return [`${n} branch${n === 1 ? '' : 'es'}`, ...extras].join(' + ');
}

function referenceName(field: FormField, value: unknown, refs: TriggerRefs): string | null {
  if (field.kind !== 'reference' || typeof value !== 'string' || !value) return null;
  switch (field.ref) {
    case 'audience':
      return refs.audiences.find((a) => a.id === value)?.name ?? 'a deleted audience';
    case 'segment':
      return refs.segments.get(value)?.name ?? 'a deleted segment';
    case 'topic':
      return refs.topics?.find((t) => t.id === value)?.name ?? 'a deleted topic';
    default: {
      const never: never = field.ref;
      throw new Error(`unknown reference ${String(never)}`);
    }
  }
}

/** One line that says what a node will do, from its settings. */
export function summarizeNode(
  data: JourneyNodeData,
  view: NodeTypeView | undefined,
  refs: TriggerRefs,
): string {
  if (data.nodeType === TRIGGER_NODE_TYPE) return triggerSummary(data.config, refs);
  if (!view) return `Unknown node type "${data.nodeType}"`;
  const template = summaryTemplate(view.configSchema, data.config);
  if (template !== null) return fromTemplate(template, data.config);
  if (view.outputs === 'dynamic') return branchesSummary(data, view);
  const parts: string[] = [];
  for (const field of shortFields(deriveFields(view.configSchema))) {
    const value = data.config[field.name] ?? field.defaultValue;
    const text = referenceName(field, value, refs) ?? display(value);
    if (text) parts.push(text);
    if (parts.length === 3) break;
  }
  return parts.join(' · ');
}
