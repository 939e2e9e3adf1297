import { createHash } from 'node:crypto';
import { type Rule, segmentReferences } from '@switchyard/contracts';
import {
  type CompiledSegmentQuery,
  type RuleCompileContext,
  RuleQueryBuilder,
} from '../../segments/compiler/rule-compiler.js';

/**
 * One statement for a whole group evaluation (invariant 2): selects `(snapshot_id,
 * customer_id, member_index)` for every customer of the workspace first seen by `asOf`,
 * where member_index is the first rule that matches (1..n) or 0 (the fallback).
 */
export function compileGroupSnapshotQuery(
  workspaceId: string,
  asOf: Date,
  rules: readonly Rule[],
  snapshotId: string,
  context: RuleCompileContext = {},
): CompiledSegmentQuery {
  const builder = new RuleQueryBuilder(workspaceId, asOf, context);
  const whens = rules.map((rule, i) => `WHEN ${builder.expression(rule)} THEN ${i + 1}`);
  const bucket = whens.length
    ? `(CASE ${whens.join('\n  ')}\n  ELSE 0 END)::smallint`
    : '0::smallint';
  const snapshot = builder.param(snapshotId, 'uuid');
  return builder.build(`${snapshot}, c.id, ${bucket}`);
}

/**
 * Digest of what a snapshot depends on: the member segments in order with their rules,
 * and the rules of segments they refer to (`{segment: id}`, transitively). A stored
 * snapshot with another digest was computed from other rules (stale).
 */
export function groupDefinitionHash(
  members: readonly { segmentId: string; rule: Rule }[],
  segments: ReadonlyMap<string, Rule> = new Map(),
): string {
  const referenced = new Map<string, unknown>();
  const pending = members.flatMap((m) => segmentReferences(m.rule).map((r) => r.segment));
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (referenced.has(id)) continue;
    const rule = segments.get(id);
    referenced.set(id, rule ? canonicalJson(rule) : null);
    if (rule) pending.push(...segmentReferences(rule).map((r) => r.segment));
  }
  const canonical = JSON.stringify([
    members.map((m) => [m.segmentId, canonicalJson(m.rule)]),
    [...referenced].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** JSON with object keys sorted, so the digest does not depend on key order. */
function canonicalJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalJson);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonicalJson(v)]),
    );
  return value;
}
