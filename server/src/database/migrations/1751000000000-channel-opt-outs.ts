import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customers who unsubscribed from a channel's marketing messages: one row per customer
 * and channel while they are unsubscribed (subscribing again deletes it). The engine
 * reads it by customer before it sends a marketing e-mail or SMS.
 */
export class ChannelOptOuts1751000000000 implements MigrationInterface {
  name = 'ChannelOptOuts1751000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE channel_opt_outs (
        customer_id bigint NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        source text NOT NULL CHECK (source IN ('link', 'one_click', 'api', 'reply')),
        opted_out_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (customer_id, channel)
      )`);
    await q.query(`CREATE INDEX channel_opt_outs_workspace ON channel_opt_outs (workspace_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS channel_opt_outs`);
  }
}
