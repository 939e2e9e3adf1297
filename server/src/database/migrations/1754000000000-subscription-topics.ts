import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Subscription topics: kinds of marketing e-mail a customer can leave one by one
 * ("Weekly deals") and still get the rest. `topic_opt_outs` holds one row per customer and
 * topic while they are unsubscribed from it (subscribing again deletes it), with the
 * journey step whose e-mail's link they followed, as `channel_opt_outs` does. Deleting a
 * topic deletes its opt-outs; a send node still naming it fails its step, saying so.
 */
export class SubscriptionTopics1754000000000 implements MigrationInterface {
  name = 'SubscriptionTopics1754000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subscription_topics (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX subscription_topics_name ON subscription_topics (workspace_id, lower(name))`,
    );
    await q.query(`
      CREATE TABLE topic_opt_outs (
        customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        topic_id uuid NOT NULL REFERENCES subscription_topics(id) ON DELETE CASCADE,
        workspace_id uuid NOT NULL,
        source text NOT NULL CHECK (source IN ('link', 'one_click', 'api')),
        opted_out_at timestamptz NOT NULL DEFAULT now(),
        enrollment_id uuid,
        node_id text,
        PRIMARY KEY (customer_id, topic_id)
      )`);
    await q.query(`CREATE INDEX topic_opt_outs_topic ON topic_opt_outs (topic_id)`);
    await q.query(
      `CREATE INDEX topic_opt_outs_enrollment ON topic_opt_outs (enrollment_id)
        WHERE enrollment_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS topic_opt_outs`);
    await q.query(`DROP TABLE IF EXISTS subscription_topics`);
  }
}
