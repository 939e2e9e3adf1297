import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The walking skeleton's schema. Customers and events use bigint keys (they are the
 * large tables); everything a person configures uses uuids.
 */
export class InitialSchema1732300000000 implements MigrationInterface {
  name = 'InitialSchema1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    // Safe casts used by compiled segment rules: a trait that is not a number or a date
    // yields NULL (the condition is false) instead of an error for the whole query.
    await q.query(`
      CREATE FUNCTION sy_num(t text) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE WHEN t ~ '^\\s*-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?\\s*$' THEN t::numeric END
      $$`);
    await q.query(`
      CREATE FUNCTION sy_ts(t text) RETURNS timestamptz LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      BEGIN
        IF t IS NULL OR t !~ '^\\d{4}-\\d{2}-\\d{2}' THEN RETURN NULL; END IF;
        RETURN t::timestamptz;
      EXCEPTION WHEN others THEN RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TABLE workspaces (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        timezone text NOT NULL DEFAULT 'UTC',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        key_prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE customers (
        id bigserial PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        external_id text NOT NULL,
        traits jsonb NOT NULL DEFAULT '{}'::jsonb,
        first_seen_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workspace_id, external_id)
      )`);
    await q.query(
      `CREATE INDEX customers_workspace_first_seen ON customers (workspace_id, first_seen_at)`,
    );
    await q.query(`
      CREATE TABLE events (
        id bigserial PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('track', 'identify')),
        name text NOT NULL,
        properties jsonb NOT NULL DEFAULT '{}'::jsonb,
        ts timestamptz NOT NULL,
        message_id text,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX events_message_id ON events (workspace_id, message_id) WHERE message_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX events_customer_name_ts ON events (customer_id, name, ts)`);
    await q.query(`CREATE INDEX events_workspace_name ON events (workspace_id, name)`);
    await q.query(`
      CREATE TABLE imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
        skip_invalid boolean NOT NULL DEFAULT false,
        lines_read integer NOT NULL DEFAULT 0,
        customers_upserted integer NOT NULL DEFAULT 0,
        events_inserted integer NOT NULL DEFAULT 0,
        duplicates_skipped integer NOT NULL DEFAULT 0,
        invalid_lines integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]'::jsonb,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE segments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name text NOT NULL,
        description text,
        color text NOT NULL DEFAULT '#4f6bed',
        rule jsonb NOT NULL,
        evaluated_as_of timestamptz,
        member_count integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX segments_workspace ON segments (workspace_id)`);
    await q.query(`
      CREATE TABLE segment_memberships (
        segment_id uuid NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        since timestamptz NOT NULL,
        PRIMARY KEY (segment_id, customer_id)
      )`);
    await q.query(`
      CREATE TABLE segment_transitions (
        id bigserial PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        segment_id uuid NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('entered', 'exited')),
        as_of timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (segment_id, customer_id, kind, as_of)
      )`);
    await q.query(
      `CREATE INDEX segment_transitions_customer ON segment_transitions (customer_id, as_of)`,
    );
    await q.query(`
      CREATE TABLE journeys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name text NOT NULL,
        description text,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'live', 'paused', 'stopped')),
        draft_graph jsonb NOT NULL,
        live_version_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX journeys_workspace ON journeys (workspace_id)`);
    await q.query(`
      CREATE TABLE journey_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        journey_id uuid NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        version integer NOT NULL,
        graph jsonb NOT NULL,
        trigger jsonb NOT NULL,
        trigger_segment_id uuid,
        -- transition kind the version listens to: 'entered' | 'exited'
        trigger_kind text NOT NULL,
        -- the node an enrollment starts at (the trigger's successor)
        entry_node_id text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (journey_id, version)
      )`);
    await q.query(
      `CREATE INDEX journey_versions_trigger ON journey_versions (trigger_segment_id, trigger_kind)`,
    );
    await q.query(
      `ALTER TABLE journeys ADD CONSTRAINT journeys_live_version FOREIGN KEY (live_version_id) REFERENCES journey_versions(id)`,
    );
    await q.query(`
      CREATE TABLE enrollments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        journey_id uuid NOT NULL REFERENCES journeys(id) ON DELETE CASCADE,
        version_id uuid NOT NULL REFERENCES journey_versions(id) ON DELETE CASCADE,
        customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        transition_id bigint REFERENCES segment_transitions(id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'exited', 'failed')),
        current_node_id text NOT NULL,
        next_run_at timestamptz NOT NULL DEFAULT now(),
        context jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        UNIQUE (journey_id, transition_id)
      )`);
    await q.query(
      `CREATE INDEX enrollments_due ON enrollments (next_run_at) WHERE status = 'active'`,
    );
    await q.query(`CREATE INDEX enrollments_version ON enrollments (version_id, status)`);
    await q.query(`CREATE INDEX enrollments_customer ON enrollments (customer_id)`);
    await q.query(`
      CREATE TABLE enrollment_steps (
        id bigserial PRIMARY KEY,
        enrollment_id uuid NOT NULL REFERENCES enrollments(id) ON DELETE CASCADE,
        node_id text NOT NULL,
        node_type text NOT NULL,
        status text NOT NULL CHECK (status IN ('waiting', 'completed', 'failed')),
        output text,
        error text,
        resume_at timestamptz,
        entered_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        UNIQUE (enrollment_id, node_id)
      )`);
    await q.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        enrollment_id uuid REFERENCES enrollments(id) ON DELETE CASCADE,
        node_id text,
        idempotency_key text NOT NULL UNIQUE,
        channel text NOT NULL CHECK (channel IN ('email')),
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        provider_message_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_pending ON outbox (created_at) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS sy_num(text)`);
    await q.query(`DROP FUNCTION IF EXISTS sy_ts(text)`);
    for (const table of ['outbox', 'enrollment_steps', 'enrollments']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`ALTER TABLE journeys DROP CONSTRAINT IF EXISTS journeys_live_version`);
    for (const table of [
      'journey_versions',
      'journeys',
      'segment_transitions',
      'segment_memberships',
      'segments',
      'imports',
      'events',
      'customers',
      'api_keys',
      'workspaces',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
