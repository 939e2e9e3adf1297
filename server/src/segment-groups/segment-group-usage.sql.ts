import type { EntityManager } from 'typeorm';
import { selectRows } from '../database/sql.util.js';

/**
 * Groups of the workspace that have `segmentId` as a member. A segment in a group cannot
 * be deleted (segment_group_members.segment_id is ON DELETE RESTRICT): callers answer 409
 * naming these groups instead of letting the foreign key fail.
 */
export function groupsUsingSegment(
  db: Pick<EntityManager, 'query'>,
  workspaceId: string,
  segmentId: string,
): Promise<{ id: string; name: string }[]> {
  return selectRows<{ id: string; name: string }>(
    db,
    `SELECT g.id, g.name FROM segment_groups g JOIN segment_group_members m ON m.group_id = g.id
     WHERE g.workspace_id = $1 AND m.segment_id = $2 ORDER BY g.name`,
    [workspaceId, segmentId],
  );
}
