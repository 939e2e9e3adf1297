/**
 * The enrollments of a step batch, locked in id order (two batches cannot deadlock), each
 * with the job's journey status and its current step row. `$1`: the enrollment ids.
 * The step row is read through its unique index whatever the statistics say: a lateral
 * subquery is not flattened into a join, which a planner whose statistics are behind (a
 * table just filled, before autovacuum's ANALYZE) hashes over a scan of every step row.
 * step-plans.integration.spec.ts checks the plan on such a table.
 */
export const LOCK_ENROLLMENTS_SQL = `SELECT e.id, e.workspace_id, e.journey_id, j.status AS journey_status, e.version_id, e.customer_id,
              e.transition_id, e.trigger_data, e.status, e.current_node_id, e.step_seq, e.context, e.created_at,
              s.status AS step_status, s.output AS step_output, s.resume_at AS step_resume_at,
              (s.resume_at IS NULL OR s.resume_at <= now() + interval '1 second') AS step_resume_due,
              s.entered_at AS step_entered_at, s.wait_event AS step_wait_event
         FROM enrollments e
         JOIN journeys j ON j.id = e.journey_id
         LEFT JOIN LATERAL (SELECT * FROM enrollment_steps s0
                             WHERE s0.enrollment_id = e.id AND s0.seq = e.step_seq OFFSET 0) s ON true
        WHERE e.id = ANY($1::uuid[])
        ORDER BY e.id
          FOR UPDATE OF e`;
