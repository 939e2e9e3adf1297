import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  AssociationRuleList,
  RecommendationView,
  RecommendationsRefreshResult,
} from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { execute, type Queryable, selectOne, selectRows } from '../database/sql.util.js';
import { basketItemsSql, INSERT_RULES_SQL, UPSERT_PRODUCTS_SQL } from './association-rules.sql.js';

/** A pair must be bought together this often to become a rule. */
export const MIN_PAIR_BASKETS = 2;

export interface RuleFilter {
  product?: string | undefined;
  minConfidence: number;
  minLift: number;
  limit: number;
}

/** Association rules computed in SQL from order line items, and what they recommend. */
@Injectable()
export class AssociationRulesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Replaces the workspace's rules in one transaction (readers see old or new, never half). */
  refresh(workspaceId: string): Promise<RecommendationsRefreshResult> {
    return this.db.transaction(async (em) => {
      await execute(em, 'DELETE FROM association_rules WHERE workspace_id = $1', [workspaceId]);
      await em.query(INSERT_RULES_SQL, [workspaceId, MIN_PAIR_BASKETS]);
      const rules =
        (
          await selectOne<{ n: number }>(
            em,
            'SELECT count(*)::int AS n FROM association_rules WHERE workspace_id = $1',
            [workspaceId],
          )
        )?.n ?? 0;
      await em.query(UPSERT_PRODUCTS_SQL, [workspaceId]);
      const stats = await selectOne<{ baskets: number; products: number }>(
        em,
        `SELECT count(DISTINCT basket)::int AS baskets, count(DISTINCT product)::int AS products
           FROM (${basketItemsSql()}) i`,
        [workspaceId],
      );
      const run = await selectOne<{ computed_at: Date }>(
        em,
        `INSERT INTO association_rule_runs (workspace_id, baskets, products, rules, computed_at)
         VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (workspace_id) DO UPDATE SET baskets = EXCLUDED.baskets,
           products = EXCLUDED.products, rules = EXCLUDED.rules, computed_at = EXCLUDED.computed_at
         RETURNING computed_at`,
        [workspaceId, stats?.baskets ?? 0, stats?.products ?? 0, rules],
      );
      return {
        baskets: stats?.baskets ?? 0,
        products: stats?.products ?? 0,
        rules,
        computedAt: (run?.computed_at ?? new Date()).toISOString(),
      };
    });
  }

  async list(workspaceId: string, filter: RuleFilter): Promise<AssociationRuleList> {
    const run = await selectOne<{ baskets: number; computed_at: Date }>(
      this.db,
      'SELECT baskets, computed_at FROM association_rule_runs WHERE workspace_id = $1',
      [workspaceId],
    );
    const rows = await selectRows<{
      antecedent: string;
      consequent: string;
      antecedent_name: string | null;
      consequent_name: string | null;
      pair_baskets: number;
      support: number;
      confidence: number;
      lift: number;
    }>(
      this.db,
      `SELECT r.antecedent, r.consequent, pa.name AS antecedent_name, pc.name AS consequent_name,
              r.pair_baskets, r.support, r.confidence, r.lift
         FROM association_rules r
         LEFT JOIN products pa ON pa.workspace_id = r.workspace_id AND pa.product_id = r.antecedent
         LEFT JOIN products pc ON pc.workspace_id = r.workspace_id AND pc.product_id = r.consequent
        WHERE r.workspace_id = $1 AND ($2::text IS NULL OR r.antecedent = $2)
          AND r.confidence >= $3 AND r.lift >= $4
        ORDER BY r.lift DESC, r.confidence DESC, r.antecedent, r.consequent
        LIMIT $5`,
      [workspaceId, filter.product ?? null, filter.minConfidence, filter.minLift, filter.limit],
    );
    return {
      computedAt: run?.computed_at.toISOString() ?? null,
      baskets: run?.baskets ?? 0,
      rules: rows.map((r) => ({
        antecedent: { productId: r.antecedent, name: r.antecedent_name },
        consequent: { productId: r.consequent, name: r.consequent_name },
        baskets: r.pair_baskets,
        support: r.support,
        confidence: r.confidence,
        lift: r.lift,
      })),
    };
  }

  /**
   * Products the customer has not bought, each with the strongest rule from something they
   * did buy (highest confidence, then lift). `em` lets a journey step ask in its transaction.
   */
  async forCustomer(
    workspaceId: string,
    customerId: string,
    limit: number,
    em: Queryable = this.db,
  ): Promise<RecommendationView[]> {
    const rows = await selectRows<{
      consequent: string;
      antecedent: string;
      name: string | null;
      because_name: string | null;
      confidence: number;
      lift: number;
    }>(
      em,
      `WITH bought AS (
         SELECT DISTINCT product FROM (${basketItemsSql('AND e.customer_id = $2::bigint')}) i
       ), best AS (
         SELECT DISTINCT ON (r.consequent) r.consequent, r.antecedent, r.confidence, r.lift
           FROM association_rules r JOIN bought b ON b.product = r.antecedent
          WHERE r.workspace_id = $1 AND NOT EXISTS (SELECT 1 FROM bought o WHERE o.product = r.consequent)
          ORDER BY r.consequent, r.confidence DESC, r.lift DESC, r.antecedent
       )
       SELECT b.consequent, b.antecedent, pc.name, pa.name AS because_name, b.confidence, b.lift
         FROM best b
         LEFT JOIN products pc ON pc.workspace_id = $1 AND pc.product_id = b.consequent
         LEFT JOIN products pa ON pa.workspace_id = $1 AND pa.product_id = b.antecedent
        ORDER BY b.confidence DESC, b.lift DESC, b.consequent
        LIMIT $3`,
      [workspaceId, customerId, limit],
    );
    return rows.map((r) => ({
      productId: r.consequent,
      name: r.name,
      because: { productId: r.antecedent, name: r.because_name },
      confidence: r.confidence,
      lift: r.lift,
    }));
  }

  async workspaceIds(): Promise<string[]> {
    return (await selectRows<{ id: string }>(this.db, 'SELECT id FROM workspaces ORDER BY id')).map(
      (r) => r.id,
    );
  }
}
