import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CustomerSample, Rule, SegmentPreview } from '@switchyard/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config.service.js';
import { compileRuleExpression, compileSegmentQuery } from '../compiler/rule-compiler.js';
import { SqlParams } from '../compiler/sql-params.js';

/** Customers evaluated for an estimate. */
export const ESTIMATE_SAMPLE = 20_000;

const QUERY_CANCELED = '57014';

interface Counted {
  n: string;
  ids: string[] | null;
}

/**
 * Count and sample of a rule as of a time, recording nothing. The exact count runs with a
 * time budget; past it (large workspaces), the answer is an estimate from a random sample
 * of customers evaluated with the same rule, marked `estimated` with its 95% margin, so
 * the builder stays live while the rule is edited.
 */
@Injectable()
export class SegmentPreviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  async preview(
    workspaceId: string,
    rule: Rule,
    asOf: Date,
    sampleSize: number,
    segments: ReadonlyMap<string, Rule>,
  ): Promise<SegmentPreview> {
    // Quantile scores (rfm) are workspace-wide: no per-customer form to sample with.
    const estimable = correlatedFormExists(rule, segments);
    try {
      return await this.db.transaction((em) =>
        this.exact(em, workspaceId, rule, asOf, sampleSize, segments, estimable),
      );
    } catch (error) {
      if (
        (error as { driverError?: { code?: string }; code?: string }).driverError?.code !==
        QUERY_CANCELED
      )
        throw error;
    }
    return this.estimate(workspaceId, rule, asOf, sampleSize, segments);
  }

  private async exact(
    em: EntityManager,
    workspaceId: string,
    rule: Rule,
    asOf: Date,
    sampleSize: number,
    segments: ReadonlyMap<string, Rule>,
    withBudget: boolean,
  ): Promise<SegmentPreview> {
    if (withBudget)
      await em.query(`SET LOCAL statement_timeout = ${this.config.values.PREVIEW_EXACT_BUDGET_MS}`);
    const query = compileSegmentQuery(rule, workspaceId, asOf, undefined, { segments });
    // One pass: the count and the first ids of the same matches.
    const rows: Counted[] = await em.query(
      `WITH m AS MATERIALIZED (${query.sql})
       SELECT (SELECT count(*) FROM m) AS n,
              (SELECT array_agg(id) FROM (SELECT id FROM m ORDER BY id LIMIT ${Number(sampleSize)}) s) AS ids`,
      query.params,
    );
    const sample = await this.customers(em, rows[0]?.ids ?? []);
    return { count: Number(rows[0]?.n ?? 0), asOf: asOf.toISOString(), sample };
  }

  private async estimate(
    workspaceId: string,
    rule: Rule,
    asOf: Date,
    sampleSize: number,
    segments: ReadonlyMap<string, Rule>,
  ): Promise<SegmentPreview> {
    const params = new SqlParams([workspaceId, asOf]);
    const totals: { n: string }[] = await this.db.query(
      'SELECT count(*) AS n FROM customers WHERE workspace_id = $1 AND first_seen_at <= $2',
      [workspaceId, asOf],
    );
    const total = Number(totals[0]?.n ?? 0);
    const percent = Math.min(100, (100 * ESTIMATE_SAMPLE) / Math.max(total, 1));
    // Correlated per-customer form: cheap for a sample (index lookups per customer).
    const where = compileRuleExpression(rule, params, '$2::timestamptz', { segments });
    const rows: { matched: string; sampled: string; ids: string[] | null }[] = await this.db.query(
      `WITH c AS (
         SELECT * FROM customers TABLESAMPLE BERNOULLI (${params.add(percent, 'numeric')}) REPEATABLE (7)
         WHERE workspace_id = $1::uuid AND first_seen_at <= $2::timestamptz
       ), m AS MATERIALIZED (SELECT c.id FROM c WHERE ${where})
       SELECT (SELECT count(*) FROM m) AS matched, (SELECT count(*) FROM c) AS sampled,
              (SELECT array_agg(id) FROM (SELECT id FROM m ORDER BY id LIMIT ${Number(sampleSize)}) s) AS ids`,
      params.values,
    );
    const matched = Number(rows[0]?.matched ?? 0);
    const sampled = Math.max(Number(rows[0]?.sampled ?? 0), 1);
    const share = matched / sampled;
    const margin = 1.96 * Math.sqrt((share * (1 - share)) / sampled) * total;
    const sample = await this.customers(this.db.manager, rows[0]?.ids ?? []);
    return {
      count: Math.round(share * total),
      asOf: asOf.toISOString(),
      sample,
      estimated: true,
      margin: Math.round(margin),
    };
  }

  private async customers(em: EntityManager, ids: readonly string[]): Promise<CustomerSample[]> {
    if (ids.length === 0) return [];
    const rows: { id: string; external_id: string; traits: Record<string, unknown> }[] =
      await em.query(
        'SELECT id, external_id, traits FROM customers WHERE id = ANY($1::bigint[]) ORDER BY id',
        [ids],
      );
    return rows.map((r) => ({ id: r.id, externalId: r.external_id, traits: r.traits }));
  }
}

function correlatedFormExists(rule: Rule, segments: ReadonlyMap<string, Rule>): boolean {
  try {
    compileRuleExpression(rule, new SqlParams([null, null]), '$2::timestamptz', { segments });
    return true;
  } catch {
    return false;
  }
}
