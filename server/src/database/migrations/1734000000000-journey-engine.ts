import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Journey engine: every trigger kind, journey settings, re-entry and exit bookkeeping,
 * event waits, message channels beyond e-mail, rate windows, audiences and workspace
 * messaging settings.
 */
export class JourneyEngine1734000000000 implements MigrationInterface {
  name = 'JourneyEngine1734000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE workspaces
        ADD COLUMN frequency_caps jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN sms_provider jsonb,
        ADD COLUMN signing_secret text NOT NULL
          DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`);

    await q.query(`
      ALTER TABLE journeys
        ADD COLUMN draft_settings jsonb NOT NULL DEFAULT '{}'::jsonb,
        ADD COLUMN status_reason text`);

    // trigger_kind now holds the trigger's kind (segment_entered, group_moved, event ...).
    await q.query(`
      ALTER TABLE journey_versions
        ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'::jsonb,
        ADD COLUMN trigger_group_id uuid,
        ADD COLUMN trigger_event text,
        ADD COLUMN trigger_audience_id uuid`);
    await q.query(`
      UPDATE journey_versions SET trigger_kind = CASE trigger_kind
        WHEN 'entered' THEN 'segment_entered' WHEN 'exited' THEN 'segment_exited' ELSE trigger_kind END`);
    await q.query(
      `CREATE INDEX journey_versions_trigger_group ON journey_versions (trigger_group_id) WHERE trigger_group_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX journey_versions_trigger_event ON journey_versions (workspace_id, trigger_event) WHERE trigger_event IS NOT NULL`,
    );

    // entry_key: what started the run, unique per journey: t:<segment transition>,
    // g:<group transition>, e:<event>, b:<version>:<customer>, s:<occurrence>:<customer>.
    await q.query(`
      ALTER TABLE enrollments
        ADD COLUMN entry_key text,
        ADD COLUMN exit_reason text,
        ADD COLUMN trigger_data jsonb`);
    await q.query(
      `UPDATE enrollments SET entry_key = 't:' || COALESCE(transition_id::text, id::text)`,
    );
    await q.query(`ALTER TABLE enrollments ALTER COLUMN entry_key SET NOT NULL`);
    await q.query(
      `ALTER TABLE enrollments DROP CONSTRAINT IF EXISTS enrollments_journey_id_transition_id_key`,
    );
    await q.query(
      `ALTER TABLE enrollments ADD CONSTRAINT enrollments_journey_entry UNIQUE (journey_id, entry_key)`,
    );
    await q.query(
      `CREATE INDEX enrollments_journey_customer ON enrollments (journey_id, customer_id, created_at)`,
    );

    // Loops (through a wait) visit a node more than once: a step is one visit, numbered
    // by the enrollment's step_seq, which grows by one each time the enrollment moves.
    await q.query(`ALTER TABLE enrollments ADD COLUMN step_seq integer NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE enrollment_steps ADD COLUMN seq integer`);
    await q.query(`
      UPDATE enrollment_steps s SET seq = r.n FROM (
        SELECT id, row_number() OVER (PARTITION BY enrollment_id ORDER BY entered_at, id) AS n
          FROM enrollment_steps) r
       WHERE r.id = s.id`);
    await q.query(`
      UPDATE enrollments e SET step_seq = COALESCE((
        SELECT max(s.seq) + CASE WHEN bool_or(s.node_id = e.current_node_id) THEN 0 ELSE 1 END
          FROM enrollment_steps s WHERE s.enrollment_id = e.id), 1)`);
    await q.query(`ALTER TABLE enrollment_steps ALTER COLUMN seq SET NOT NULL`);
    await q.query(
      `ALTER TABLE enrollment_steps DROP CONSTRAINT IF EXISTS enrollment_steps_enrollment_id_node_id_key`,
    );
    await q.query(
      `ALTER TABLE enrollment_steps ADD CONSTRAINT enrollment_steps_visit UNIQUE (enrollment_id, seq)`,
    );
    await q.query(
      `CREATE INDEX enrollment_steps_enrollment_node ON enrollment_steps (enrollment_id, node_id)`,
    );

    await q.query(`
      ALTER TABLE enrollment_steps
        DROP CONSTRAINT IF EXISTS enrollment_steps_status_check,
        ADD CONSTRAINT enrollment_steps_status_check
          CHECK (status IN ('waiting', 'completed', 'failed', 'skipped')),
        ADD COLUMN note text,
        -- {name, where?, output}: the event that ends this wait early
        ADD COLUMN wait_event jsonb`);

    await q.query(`
      ALTER TABLE outbox
        DROP CONSTRAINT IF EXISTS outbox_channel_check,
        ADD CONSTRAINT outbox_channel_check CHECK (channel IN ('email', 'sms', 'webhook')),
        ADD COLUMN customer_id bigint REFERENCES customers(id) ON DELETE CASCADE,
        ADD COLUMN transactional boolean NOT NULL DEFAULT false`);
    await q.query(
      `UPDATE outbox o SET customer_id = e.customer_id FROM enrollments e WHERE e.id = o.enrollment_id`,
    );
    await q.query(
      `CREATE INDEX outbox_customer_channel ON outbox (customer_id, channel, created_at) WHERE customer_id IS NOT NULL`,
    );

    // A send node's rate limit: messages granted per (version, node, minute).
    await q.query(`
      CREATE TABLE node_rate_windows (
        version_id uuid NOT NULL REFERENCES journey_versions(id) ON DELETE CASCADE,
        node_id text NOT NULL,
        window_start timestamptz NOT NULL,
        used integer NOT NULL,
        PRIMARY KEY (version_id, node_id, window_start)
      )`);

    await q.query(`
      CREATE TABLE audiences (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name text NOT NULL,
        description text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audiences_workspace ON audiences (workspace_id)`);
    await q.query(`
      CREATE TABLE audience_members (
        audience_id uuid NOT NULL REFERENCES audiences(id) ON DELETE CASCADE,
        customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (audience_id, customer_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS audience_members`);
    await q.query(`DROP TABLE IF EXISTS audiences`);
    await q.query(`DROP TABLE IF EXISTS node_rate_windows`);
    await q.query(`DROP INDEX IF EXISTS outbox_customer_channel`);
    await q.query(`DELETE FROM outbox WHERE channel <> 'email'`);
    await q.query(`
      ALTER TABLE outbox
        DROP COLUMN transactional, DROP COLUMN customer_id,
        DROP CONSTRAINT outbox_channel_check,
        ADD CONSTRAINT outbox_channel_check CHECK (channel IN ('email'))`);
    await q.query(`UPDATE enrollment_steps SET status = 'completed' WHERE status = 'skipped'`);
    await q.query(`
      ALTER TABLE enrollment_steps
        DROP COLUMN wait_event, DROP COLUMN note,
        DROP CONSTRAINT enrollment_steps_status_check,
        ADD CONSTRAINT enrollment_steps_status_check CHECK (status IN ('waiting', 'completed', 'failed'))`);
    await q.query(`DROP INDEX IF EXISTS enrollment_steps_enrollment_node`);
    await q.query(`ALTER TABLE enrollment_steps DROP CONSTRAINT enrollment_steps_visit`);
    await q.query(`
      DELETE FROM enrollment_steps s USING enrollment_steps later
       WHERE later.enrollment_id = s.enrollment_id AND later.node_id = s.node_id AND later.seq > s.seq`);
    await q.query(
      `ALTER TABLE enrollment_steps ADD CONSTRAINT enrollment_steps_enrollment_id_node_id_key UNIQUE (enrollment_id, node_id)`,
    );
    await q.query(`ALTER TABLE enrollment_steps DROP COLUMN seq`);
    await q.query(`ALTER TABLE enrollments DROP COLUMN step_seq`);
    await q.query(`DROP INDEX IF EXISTS enrollments_journey_customer`);
    await q.query(`ALTER TABLE enrollments DROP CONSTRAINT enrollments_journey_entry`);
    await q.query(
      `DELETE FROM enrollments WHERE entry_key NOT LIKE 't:%' OR transition_id IS NULL`,
    );
    await q.query(
      `ALTER TABLE enrollments ADD CONSTRAINT enrollments_journey_id_transition_id_key UNIQUE (journey_id, transition_id)`,
    );
    await q.query(
      `ALTER TABLE enrollments DROP COLUMN trigger_data, DROP COLUMN exit_reason, DROP COLUMN entry_key`,
    );
    await q.query(`DROP INDEX IF EXISTS journey_versions_trigger_event`);
    await q.query(`DROP INDEX IF EXISTS journey_versions_trigger_group`);
    await q.query(
      `DELETE FROM journey_versions WHERE trigger_kind NOT IN ('segment_entered', 'segment_exited')`,
    );
    await q.query(`
      UPDATE journey_versions SET trigger_kind = CASE trigger_kind
        WHEN 'segment_entered' THEN 'entered' ELSE 'exited' END`);
    await q.query(`
      ALTER TABLE journey_versions
        DROP COLUMN trigger_audience_id, DROP COLUMN trigger_event,
        DROP COLUMN trigger_group_id, DROP COLUMN settings`);
    await q.query(`ALTER TABLE journeys DROP COLUMN status_reason, DROP COLUMN draft_settings`);
    await q.query(
      `ALTER TABLE workspaces DROP COLUMN signing_secret, DROP COLUMN sms_provider, DROP COLUMN frequency_caps`,
    );
  }
}
