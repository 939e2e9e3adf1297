import {
  type FieldIssue,
  RULE_MAX_INLINED_CONDITIONS,
  RULE_MAX_INLINED_DEPTH,
  type Rule,
  classifyRule,
  formatPath,
  segmentReferences,
} from '@switchyard/contracts';
import type { RuleCompileContext } from './compiler/rule-compiler.js';

/**
 * `{segment: id}` references between the segments of a workspace: they must name an
 * existing segment, must not form a cycle, and the rule with every reference inlined must
 * stay within the limits (the compiler inlines, so as-of evaluation stays exact).
 */
export interface StoredSegmentRule {
  id: string;
  name: string;
  rule: Rule;
}

/** The rule being saved or previewed; `id` when it replaces a stored segment's rule. */
export interface CandidateRule {
  id?: string;
  name: string;
  rule: Rule;
}

type Queryable = { query: (sql: string, params?: unknown[]) => Promise<unknown> };

/** Every segment's rule in the workspace. */
export async function loadSegmentRules(
  db: Queryable,
  workspaceId: string,
): Promise<StoredSegmentRule[]> {
  return (await db.query('SELECT id, name, rule FROM segments WHERE workspace_id = $1', [
    workspaceId,
  ])) as StoredSegmentRule[];
}

/** The compile context a rule needs: the workspace's segment rules when it refers to any. */
export async function loadRuleContext(
  db: Queryable,
  workspaceId: string,
  rule: Rule,
): Promise<RuleCompileContext> {
  if (segmentReferences(rule).length === 0) return {};
  const stored = await loadSegmentRules(db, workspaceId);
  return { segments: new Map(stored.map((s) => [s.id, s.rule])) };
}

/** Problems with the candidate's references; empty when it may be saved or previewed. */
export function checkSegmentReferences(
  candidate: CandidateRule,
  stored: readonly StoredSegmentRule[],
): FieldIssue[] {
  const byId = new Map(stored.map((s) => [s.id, s]));
  const unknown = segmentReferences(candidate.rule, ['rule'])
    .filter((ref) => !byId.has(ref.segment))
    .map((ref) => ({ field: formatPath(ref.path), message: 'no such segment' }));
  if (unknown.length > 0) return unknown;

  const self = candidate.id ?? '';
  byId.set(self, { id: self, name: candidate.name, rule: candidate.rule });
  const cycle = findCycle(self, byId);
  if (cycle)
    return [
      {
        field: 'rule',
        message: `segment cycle ${cycle.map((id) => JSON.stringify(byId.get(id)?.name ?? id)).join(' -> ')}`,
      },
    ];

  const sizes = new Map<string, { depth: number; conditions: number }>();
  for (const segment of byId.values()) {
    const { depth, conditions } = inlinedSize(segment.id, byId, sizes);
    if (depth <= RULE_MAX_INLINED_DEPTH && conditions <= RULE_MAX_INLINED_CONDITIONS) continue;
    const size =
      conditions > RULE_MAX_INLINED_CONDITIONS
        ? `${conditions} conditions (limit ${RULE_MAX_INLINED_CONDITIONS})`
        : `nesting depth ${depth} (limit ${RULE_MAX_INLINED_DEPTH})`;
    return [
      {
        field: 'rule',
        message:
          segment.id === self
            ? `with referenced segments inlined the rule has ${size}`
            : `segment ${JSON.stringify(segment.name)} would have ${size} with referenced segments inlined`,
      },
    ];
  }
  return [];
}

/** The first cycle reachable from `start`, as ids from the repeated one back to itself. */
function findCycle(start: string, byId: ReadonlyMap<string, StoredSegmentRule>): string[] | null {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    const at = path.indexOf(id);
    if (at >= 0) return [...path.slice(at), id];
    if (done.has(id)) return null;
    const segment = byId.get(id);
    if (!segment) return null;
    path.push(id);
    for (const ref of segmentReferences(segment.rule)) {
      const cycle = visit(ref.segment);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(id);
    return null;
  };
  return visit(start);
}

/** Depth and leaves of a segment's rule with references inlined (acyclic by now). */
function inlinedSize(
  id: string,
  byId: ReadonlyMap<string, StoredSegmentRule>,
  memo: Map<string, { depth: number; conditions: number }>,
): { depth: number; conditions: number } {
  const known = memo.get(id);
  if (known) return known;
  const segment = byId.get(id);
  const size = segment ? measure(segment.rule, byId, memo) : { depth: 1, conditions: 1 };
  memo.set(id, size);
  return size;
}

function measure(
  rule: Rule,
  byId: ReadonlyMap<string, StoredSegmentRule>,
  memo: Map<string, { depth: number; conditions: number }>,
): { depth: number; conditions: number } {
  const node = classifyRule(rule);
  switch (node.kind) {
    case 'all':
    case 'any':
    case 'not': {
      const children = node.kind === 'not' ? [node.child] : node.children;
      const sizes = children.map((child) => measure(child, byId, memo));
      return {
        depth: 1 + Math.max(0, ...sizes.map((s) => s.depth)),
        conditions: sizes.reduce((n, s) => n + s.conditions, 0),
      };
    }
    case 'segment':
      return inlinedSize(node.condition.segment, byId, memo);
    case 'attribute':
    case 'location':
    case 'eventAggregate':
    case 'eventMeasure':
    case 'eventNever':
    case 'rfm':
    case 'random':
      return { depth: 1, conditions: 1 };
    default: {
      const never: never = node;
      throw new Error(`unknown rule ${JSON.stringify(never)}`);
    }
  }
}
