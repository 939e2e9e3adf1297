import type { NodeTypeView } from '@switchyard/contracts';
import { newArrayItem } from '../panel/array-items';
import { deriveFields } from '../panel/schema-fields';
import { outputsRuleOf } from '@switchyard/contracts';

type Config = Record<string, unknown>;

/**
 * The settings a new step starts with: the type's defaults and, for a step whose outputs
 * come from a list (a split), a ready-to-use list: two even branches when they take
 * shares, else one (or the list's minimum).
 */
export function initialConfig(view: NodeTypeView): Config {
  const config: Config = structuredClone(view.defaults);
  if (view.outputs !== 'dynamic') return config;
  const rule = outputsRuleOf(view);
  const existing = config[rule.from];
  if (Array.isArray(existing) && existing.length > 0) return config;
  const field = deriveFields(view.configSchema).find(
    (f) => f.kind === 'array' && f.name === rule.from,
  );
  if (!field || field.kind !== 'array') return config;
  const count = Math.max(field.minItems ?? 1, rule.percent ? 2 : 1);
  const keyProp = rule.key ?? 'key';
  const items: Config[] = [];
  for (let i = 0; i < count; i++) items.push(newArrayItem(field, items, keyProp));
  if (rule.percent) {
    const held = (rule.extra ?? []).reduce((sum, extra) => {
      const share = extra.percent ? config[extra.percent] : undefined;
      return sum + (typeof share === 'number' ? share : 0);
    }, 0);
    const left = Math.max(0, 100 - held);
    const each = Math.floor(left / count);
    items.forEach((item, i) => {
      item[rule.percent as string] = each + (i === 0 ? left - each * count : 0);
    });
  }
  config[rule.from] = items;
  return config;
}
