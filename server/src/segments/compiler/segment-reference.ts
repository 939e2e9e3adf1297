import type { Rule } from '@switchyard/contracts';

/** A `{segment: id}` that cannot be inlined: unknown segment, no context, or a cycle. */
export class SegmentReferenceError extends Error {
  override readonly name = 'SegmentReferenceError';
}

/**
 * The rule of segment `id` for inlining, after checking that it is known and not already
 * being inlined (`trail`: ids being inlined, outermost first).
 */
export function referencedRule(
  id: string,
  segments: ReadonlyMap<string, Rule> | undefined,
  trail: readonly string[],
): Rule {
  if (!segments)
    throw new SegmentReferenceError(
      `{segment: "${id}"} needs the workspace's segment rules (pass a context with segments)`,
    );
  const rule = segments.get(id);
  if (!rule) throw new SegmentReferenceError(`no such segment ${id}`);
  if (trail.includes(id))
    throw new SegmentReferenceError(`segment cycle ${[...trail, id].join(' -> ')}`);
  return rule;
}
