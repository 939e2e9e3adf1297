import type { OutputsRule } from '@switchyard/contracts';
import type { FormField } from './schema-fields';

type Item = Record<string, unknown>;

/** The next free `branch_<n>` among the items' keys. */
export function nextItemKey(items: readonly Item[], keyProp: string): string {
  const taken = new Set(items.map((i) => i[keyProp]));
  let n = items.length + 1;
  while (taken.has(`branch_${n}`)) n += 1;
  return `branch_${n}`;
}

/** A new list item: the item schema's defaults, a fresh key, and "Branch <n>" as label. */
export function newArrayItem(
  field: Extract<FormField, { kind: 'array' }>,
  items: readonly Item[],
  keyProp: string | undefined,
): Item {
  const item: Item = structuredClone(field.itemDefaults);
  if (keyProp) item[keyProp] = nextItemKey(items, keyProp);
  if (field.item.some((f) => f.name === 'label') && item['label'] === undefined)
    item['label'] = `Branch ${items.length + 1}`;
  return item;
}

/**
 * "Branches 90% + holdout 10% = 100%" for outputs with shares (a random split): the shares
 * must add up to 100, which no JSON Schema can say.
 */
export function sharesTotal(
  items: readonly Item[],
  root: Item,
  rule: OutputsRule,
): { text: string; ok: boolean } | null {
  const percent = rule.percent;
  if (!percent) return null;
  const number = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const branches = items.reduce((sum, item) => sum + number(item[percent]), 0);
  const extras = (rule.extra ?? [])
    .filter((e) => e.percent && number(root[e.percent]) > 0)
    .map((e) => ({ label: (e.label ?? e.key).toLowerCase(), share: number(root[e.percent!]) }));
  const total = branches + extras.reduce((sum, e) => sum + e.share, 0);
  const parts = [`Branches ${branches}%`, ...extras.map((e) => `${e.label} ${e.share}%`)];
  const ok = Math.abs(total - 100) < 1e-9;
  return { text: `${parts.join(' + ')} = ${total}%${ok ? '' : ' (must be 100%)'}`, ok };
}
