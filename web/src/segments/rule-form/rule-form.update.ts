import {
  emptyFilter,
  emptyGroup,
  emptyRow,
  type ConditionKind,
  type ConditionRow,
  type FormNode,
  type GroupNode,
  type PropertyFilterRow,
} from './rule-form.model';

/** Immutable edits of the builder's tree, by node key. */

/** Replaces the node with `node.key` anywhere in the tree. */
export function replaceNode(root: GroupNode, node: FormNode): GroupNode {
  if (root.key === node.key) return node.type === 'group' ? node : root;
  return {
    ...root,
    children: root.children.map((child) => {
      if (child.key === node.key) return node;
      return child.type === 'group' ? replaceNode(child, node) : child;
    }),
  };
}

/** Removes the node with `key` (never the root). */
export function removeNode(root: GroupNode, key: string): GroupNode {
  return {
    ...root,
    children: root.children
      .filter((child) => child.key !== key)
      .map((child) => (child.type === 'group' ? removeNode(child, key) : child)),
  };
}

/** Appends a blank condition of `kind` to `group`. */
export function addCondition(group: GroupNode, kind: ConditionKind = 'attribute'): GroupNode {
  return { ...group, children: [...group.children, emptyRow(kind)] };
}

/** Appends a sub-group with one blank condition; the opposite combinator is the usual need. */
export function addGroup(group: GroupNode): GroupNode {
  const combinator = group.combinator === 'all' ? 'any' : 'all';
  const child: GroupNode = { ...emptyGroup(combinator), children: [emptyRow('attribute')] };
  return { ...group, children: [...group.children, child] };
}

/** A new kind keeps the row's key, negation and event name where both have one. */
export function changeKind(row: ConditionRow, kind: ConditionKind): ConditionRow {
  if (row.kind === kind) return row;
  const next = { ...emptyRow(kind, row.key), negate: row.negate };
  if ('event' in row && 'event' in next) next.event = row.event;
  if ('filters' in row && 'filters' in next) next.filters = row.filters;
  return next;
}

export function addFilter(filters: readonly PropertyFilterRow[]): PropertyFilterRow[] {
  return [...filters, emptyFilter()];
}

export function replaceFilter(
  filters: readonly PropertyFilterRow[],
  filter: PropertyFilterRow,
): PropertyFilterRow[] {
  return filters.map((f) => (f.key === filter.key ? filter : f));
}

export function removeFilter(
  filters: readonly PropertyFilterRow[],
  key: string,
): PropertyFilterRow[] {
  return filters.filter((f) => f.key !== key);
}
