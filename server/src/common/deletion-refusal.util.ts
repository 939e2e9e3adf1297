/** A campaign or journey that still needs what is being deleted, with its status. */
export interface DependentUse {
  name: string;
  status: string;
}

/** One kind of dependant that blocks a delete, and how to say what to do about it. */
export interface DeletionBlock {
  users: readonly DependentUse[];
  /** The reason in full, given the dependants' names ("A" (live), "B" (draft)) and their count. */
  reason(names: string, one: boolean): string;
}

const named = (users: readonly DependentUse[]) =>
  users.map((u) => `${JSON.stringify(u.name)} (${u.status})`).join(', ');

/**
 * Why a delete is refused, or null when nothing blocks it: `<subject> cannot be deleted:`
 * then every blocking reason at once, so one answer says all there is to do.
 */
export function deletionRefusal(subject: string, blocks: readonly DeletionBlock[]): string | null {
  const reasons = blocks
    .filter((block) => block.users.length > 0)
    .map((block) => block.reason(named(block.users), block.users.length === 1));
  return reasons.length === 0 ? null : `${subject} cannot be deleted: ${reasons.join('; ')}`;
}

/** Journeys that still read the thing: what to do about them is the same for everything. */
export function journeysBlock(users: readonly DependentUse[]): DeletionBlock {
  return {
    users,
    reason: (names, one) =>
      `the journey${one ? '' : 's'} ${names} ${one ? 'uses' : 'use'} it: stop ${one ? 'it' : 'them'}, or publish a version without it and let the customers already in it finish`,
  };
}

/**
 * Journeys that still read an id ($2) in workspace $1: a version with a node whose settings
 * name it anywhere (or that matches `alsoWhen`, a condition on the version `v`), that is the
 * live version of a live or paused journey or still has customers in it. A draft that names
 * it only shows an issue in the editor: publishing it is refused.
 */
export function journeysUsingSql(alsoWhen?: string): string {
  const names = `jsonb_path_exists(v.graph, '$.nodes[*].config.** ? (@ == $id)',
                                    jsonb_build_object('id', $2::text))`;
  return `
  SELECT j.name, j.status FROM journeys j
   WHERE j.workspace_id = $1
     AND EXISTS (
       SELECT 1 FROM journey_versions v
        WHERE v.journey_id = j.id
          AND (${alsoWhen ? `${alsoWhen} OR ` : ''}${names})
          AND ((v.id = j.live_version_id AND j.status IN ('live', 'paused'))
               OR EXISTS (SELECT 1 FROM enrollments e
                           WHERE e.version_id = v.id AND e.status = 'active')))
   ORDER BY j.name, j.id`;
}
