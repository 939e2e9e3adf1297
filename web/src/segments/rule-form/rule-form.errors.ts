import { RULE_ERROR_KEY, type FormErrors } from './rule-form.model';

/** Fields in the order a row shows them, with the name a marketer reads. */
const FIELDS: [string, string][] = [
  ['attribute', 'Trait'],
  ['level', 'Location'],
  ['measure', 'Measure'],
  ['event', 'Event'],
  ['metric', 'Score'],
  ['segment', 'Segment'],
  ['fn', 'Measure'],
  ['property', 'Property'],
  ['op', 'Operator'],
  ['value', 'Value'],
  ['places', 'Places'],
  ['window', 'Time window'],
  ['percent', 'Percent'],
  ['salt', 'Split key'],
  ['text', 'JSON'],
  ['group', 'Group'],
  ['row', 'Condition'],
];
const RANK = new Map(FIELDS.map(([field], i) => [field, i]));
const LABEL = new Map(FIELDS);

interface Located {
  node: number;
  filter: boolean;
  field: string;
  message: string;
}

function locate(key: string, message: string, nodeOrder: readonly string[]): Located {
  const [nodeKey = '', second, , fourth] = key.split('.');
  const filter = second === 'filters';
  const field = (filter ? fourth : second) ?? 'row';
  const node = nodeOrder.indexOf(nodeKey);
  return { node: node < 0 ? nodeOrder.length : node, filter, field, message };
}

/**
 * The problem to mention first: the earliest condition in the tree, its first field as
 * shown, e.g. `Trait: must not be empty` (filters after the row's own fields).
 */
export function firstErrorText(errors: FormErrors, nodeOrder: readonly string[]): string | null {
  const whole = errors[RULE_ERROR_KEY];
  if (whole) return whole;
  const located = Object.entries(errors).map(([k, m]) => locate(k, m, nodeOrder));
  const rank = (l: Located) => RANK.get(l.field) ?? FIELDS.length;
  located.sort(
    (a, b) => a.node - b.node || Number(a.filter) - Number(b.filter) || rank(a) - rank(b),
  );
  const first = located[0];
  if (!first) return null;
  const label = LABEL.get(first.field) ?? first.field;
  return `${first.filter ? `Filter ${label.toLowerCase()}` : label}: ${first.message}`;
}
