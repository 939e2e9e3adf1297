import type { NodeTypeView } from '../api/journeys.api.js';
import { DEFAULT_OUTPUT } from './journey-graph.schema.js';

/**
 * What a node's output handles are called, from its type and settings: the editor's
 * canvas and the customer page ("→ Branch B") read them the same way.
 */

/** "maxAttempts" / "max_attempts" -> "Max attempts". */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]?.toUpperCase() + words.slice(1) : name;
}

/** One output handle of a node: its key (the edge's sourceHandle) and what the canvas shows. */
export interface OutputSpec {
  key: string;
  label: string;
  /** A short extra, e.g. a split's share "45%". */
  detail?: string;
}

/** A fixed output added after the listed ones, optionally only while a setting is truthy. */
export interface ExtraOutputRule {
  key: string;
  label?: string;
  /** Config key that must be truthy (non-zero, non-empty) for the output to exist. */
  when?: string;
  /** Config key holding its share in percent, shown as the detail. */
  percent?: string;
}

/**
 * How a node with `outputs: 'dynamic'` derives its outputs from its settings. Read from the
 * config schema's root meta `x-outputs`; see DYNAMIC_OUTPUT_DEFAULTS for the built-ins.
 */
export interface OutputsRule {
  /** Config key of the list (e.g. `branches`). */
  from: string;
  /** Property of each entry that is the output key (default `key`). */
  key?: string;
  /** Property of each entry shown as the label (default `label`). */
  label?: string;
  /** Property of each entry holding its share in percent. */
  percent?: string;
  extra?: ExtraOutputRule[];
  /** Show a plain "next" while the list is empty (the legacy generic reading only). */
  fallbackNext?: boolean;
}

/** Rules for built-in dynamic nodes whose schema carries no `x-outputs` meta. */
export const DYNAMIC_OUTPUT_DEFAULTS: Readonly<Record<string, OutputsRule>> = {
  condition_branch: {
    from: 'branches',
    key: 'key',
    label: 'label',
    extra: [{ key: 'else', label: 'Everyone else' }],
  },
  random_split: {
    from: 'branches',
    key: 'key',
    label: 'label',
    percent: 'percent',
    extra: [
      { key: 'holdout', label: 'Holdout', when: 'holdoutPercent', percent: 'holdoutPercent' },
    ],
  },
};

/** Labels of well-known fixed outputs; a schema's `x-output-labels` overrides them. */
const KNOWN_LABELS: Readonly<Record<string, string>> = {
  event: 'Event happened',
  timeout: 'Timed out',
  else: 'Everyone else',
  holdout: 'Holdout',
  yes: 'Yes',
  no: 'No',
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() ? value.trim() : null;

function percentText(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? `${value}%` : undefined;
}

function truthy(value: unknown): boolean {
  if (typeof value === 'number') return value > 0;
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

function readRule(meta: unknown): OutputsRule | null {
  if (!isRecord(meta) || typeof meta['from'] !== 'string') return null;
  const rule: OutputsRule = { from: meta['from'] };
  for (const key of ['key', 'label', 'percent'] as const) {
    const value = meta[key];
    if (typeof value === 'string') rule[key] = value;
  }
  if (Array.isArray(meta['extra']))
    rule.extra = meta['extra'].flatMap((entry): ExtraOutputRule[] => {
      if (typeof entry === 'string') return [{ key: entry }];
      if (!isRecord(entry) || typeof entry['key'] !== 'string') return [];
      const extra: ExtraOutputRule = { key: entry['key'] };
      for (const key of ['label', 'when', 'percent'] as const) {
        const value = entry[key];
        if (typeof value === 'string') extra[key] = value;
      }
      return [extra];
    });
  return rule;
}

/** The rule for a dynamic node: its schema's `x-outputs`, a built-in default, or a legacy hint. */
export function outputsRuleOf(view: Pick<NodeTypeView, 'type' | 'configSchema'>): OutputsRule {
  const meta = readRule(view.configSchema['x-outputs']);
  if (meta) return meta;
  const builtIn = DYNAMIC_OUTPUT_DEFAULTS[view.type];
  if (builtIn) return builtIn;
  const hinted = view.configSchema['x-outputs-from'];
  return { from: typeof hinted === 'string' ? hinted : 'branches', fallbackNext: true };
}

/** Entry key: the rule's key property, else the first of name/key/id/output, or a bare string. */
function entryKey(entry: unknown, keyProp: string | undefined): string | null {
  if (typeof entry === 'string') return text(entry);
  if (!isRecord(entry)) return null;
  if (keyProp) return text(entry[keyProp]);
  for (const key of ['key', 'name', 'id', 'output']) {
    const value = text(entry[key]);
    if (value) return value;
  }
  return null;
}

/** Outputs of a dynamic node computed from its config (no fallback, no used handles). */
export function dynamicOutputSpecs(
  config: Record<string, unknown>,
  rule: OutputsRule,
): OutputSpec[] {
  const specs: OutputSpec[] = [];
  const add = (spec: OutputSpec) => {
    if (!specs.some((s) => s.key === spec.key)) specs.push(spec);
  };
  const list = config[rule.from];
  if (Array.isArray(list))
    for (const entry of list) {
      const key = entryKey(entry, rule.key);
      if (!key) continue;
      const record = isRecord(entry) ? entry : {};
      const spec: OutputSpec = { key, label: text(record[rule.label ?? 'label']) ?? key };
      const detail = rule.percent ? percentText(record[rule.percent]) : undefined;
      if (detail) spec.detail = detail;
      add(spec);
    }
  // Legacy generic shape: `outputs: [...]` alongside `branches`.
  if (!rule.key && rule.from === 'branches' && Array.isArray(config['outputs']))
    for (const entry of config['outputs']) {
      const key = entryKey(entry, undefined);
      if (key) add({ key, label: key });
    }
  for (const extra of rule.extra ?? []) {
    if (extra.when && !truthy(config[extra.when])) continue;
    const spec: OutputSpec = { key: extra.key, label: extra.label ?? outputLabel(extra.key) };
    const detail = extra.percent ? percentText(config[extra.percent]) : undefined;
    if (detail) spec.detail = detail;
    add(spec);
  }
  return specs;
}

/** The label of a fixed output ("timeout" -> "Timed out"). */
export function outputLabel(key: string, labels?: unknown): string {
  if (isRecord(labels)) {
    const label = text(labels[key]);
    if (label) return label;
  }
  return KNOWN_LABELS[key] ?? humanize(key);
}

/**
 * The outputs a node really has, from its type and settings: what edges may start from.
 * An unknown type has none it can vouch for.
 */
export function declaredOutputs(
  data: { nodeType: string; config: Record<string, unknown> },
  view: NodeTypeView | undefined,
): OutputSpec[] {
  if (!view) return [];
  if (view.outputs === 'dynamic') {
    const rule = outputsRuleOf(view);
    const specs = dynamicOutputSpecs(data.config, rule);
    if (specs.length > 0 || !rule.fallbackNext) return specs;
    return [{ key: DEFAULT_OUTPUT, label: outputLabel(DEFAULT_OUTPUT) }];
  }
  const labels = view.configSchema['x-output-labels'];
  return view.outputs.map((key) => ({ key, label: outputLabel(key, labels) }));
}

/**
 * The handles the canvas shows: the declared outputs, plus any handle an edge still uses
 * (an output removed from the settings, an unknown node type) so no edge dangles.
 */
export function shownOutputs(
  data: { nodeType: string; config: Record<string, unknown> },
  view: NodeTypeView | undefined,
  usedHandles: readonly string[] = [],
): OutputSpec[] {
  const specs = declaredOutputs(data, view);
  if (!view && usedHandles.length === 0) return [{ key: DEFAULT_OUTPUT, label: 'Next' }];
  for (const handle of usedHandles)
    if (!specs.some((s) => s.key === handle))
      specs.push({ key: handle, label: outputLabel(handle) });
  return specs;
}

/** True when the node shows only the plain "next" handle (no labels needed). */
export function isPlainOutput(outputs: readonly OutputSpec[]): boolean {
  return outputs.length === 1 && outputs[0]?.key === DEFAULT_OUTPUT;
}
