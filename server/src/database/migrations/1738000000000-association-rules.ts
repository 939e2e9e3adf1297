import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Association rules between products bought together, recomputed as a whole per workspace. */
export class AssociationRules1738000000000 implements MigrationInterface {
  name = 'AssociationRules1738000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE association_rules (
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        antecedent text NOT NULL,
        consequent text NOT NULL,
        pair_baskets int NOT NULL,
        support double precision NOT NULL,
        confidence double precision NOT NULL,
        lift double precision NOT NULL,
        PRIMARY KEY (workspace_id, antecedent, consequent)
      )`);
    await q.query(`
      CREATE TABLE association_rule_runs (
        workspace_id uuid PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
        baskets int NOT NULL,
        products int NOT NULL,
        rules int NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE products (
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        product_id text NOT NULL,
        name text,
        category text,
        PRIMARY KEY (workspace_id, product_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE products`);
    await q.query(`DROP TABLE association_rule_runs`);
    await q.query(`DROP TABLE association_rules`);
  }
}
