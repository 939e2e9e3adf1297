import type { Rule } from '@switchyard/contracts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null;

function leaves(rule: unknown): Json[] {
  if (!isObject(rule)) return [];
  if (Array.isArray(rule['all'])) return rule['all'].flatMap(leaves);
  if (Array.isArray(rule['any'])) return rule['any'].flatMap(leaves);
  if ('not' in rule) return leaves(rule['not']);
  return [rule];
}

function leafText(leaf: Json): string {
  const value = 'value' in leaf ? ` ${JSON.stringify(leaf['value'])}` : '';
  if (typeof leaf['attribute'] === 'string')
    return `${leaf['attribute']} ${String(leaf['op'])}${value}`;
  if (typeof leaf['event'] === 'string')
    return `${'never' in leaf ? 'never did' : 'did'} ${leaf['event']}`;
  if ('segment' in leaf) return 'in another segment';
  if ('location' in leaf) return 'location';
  if ('rfm' in leaf) return 'RFM score';
  if ('random' in leaf) return 'random share';
  return 'a condition';
}

/** "plan eq \"pro\" and 2 more conditions" — what a branch's rule checks, in one line. */
export function describeRule(rule: Rule | undefined | null): string {
  const all = leaves(rule);
  const first = all[0];
  if (!first) return 'No conditions yet';
  const more = all.length - 1;
  return `${leafText(first)}${more > 0 ? ` and ${more} more condition${more === 1 ? '' : 's'}` : ''}`;
}
