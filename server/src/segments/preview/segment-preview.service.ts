import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CustomerSample, Rule, SegmentPreview } from '@switchyard/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config.service.js';
import { compileRuleExpression, compileSegmentQuery } from '../compiler/rule-compiler.js';
import { SqlParams } from '../compiler/sql-params.js';

/** Customers evaluated for an estimate. */
export const ESTIMATE_SAMPLE = 5_000;
/** Above this many customers the exact count cannot fit the budget: estimate at once. */
export const EXACT_PREVIEW_MAX_CUSTOMERS = 250_000;

const QUERY_CANCELED = '57014';

interface Counted {
  n: string;
  ids: string[] | null;
}

/**
 * Count and sample of a rule as of a time, recording nothing. The exact count runs with a
 * time budget; past it (large workspaces), the answer is an estimate: the same compiled
 * query over a random sample of customers (as an incremental evaluation would run it),
 * marked `estimated` with its 95% margin, so the builder stays live while editing.
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
    const total = await this.customersAsOf(workspaceId, asOf);
    if (total > EXACT_PREVIEW_MAX_CUSTOMERS)
      return this.estimate(workspaceId, rule, asOf, sampleSize, segments, total);
    try {
      return await this.db.transaction((em) =>
        this.exact(em, workspaceId, rule, asOf, sampleSize, segments),
      );
    } catch (error) {
      if (
        (error as { driverError?: { code?: string }; code?: string }).driverError?.code !==
        QUERY_CANCELED
      )
        throw error;
    }
    return this.estimate(workspaceId, rule, asOf, sampleSize, segments, total);
  }

  private async exact(
    em: EntityManager,
    workspaceId: string,
    rule: Rule,
    asOf: Date,
    sampleSize: number,
    segments: ReadonlyMap<string, Rule>,
  ): Promise<SegmentPreview> {
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
    total: number,
  ): Promise<SegmentPreview> {
    const percent = Math.min(100, (100 * ESTIMATE_SAMPLE) / Math.max(total, 1));
    const sampledRows: { id: string }[] = await this.db.query(
      `SELECT id FROM customers TABLESAMPLE BERNOULLI ($3) REPEATABLE (7)
       WHERE workspace_id = $1 AND first_seen_at <= $2`,
      [workspaceId, asOf, percent],
    );
    const sampledIds = sampledRows.map((r) => r.id);
    const rows: Counted[] = await this.db.query(
      ...this.sampleQuery(workspaceId, rule, asOf, sampledIds, sampleSize, segments),
    );
    const matched = Number(rows[0]?.n ?? 0);
    const sampled = Math.max(sampledIds.length, 1);
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

  /**
   * Matches among the sampled customers. The per-customer (correlated) form reads only the
   * sampled customers' events through the index; quantile rules have no such form and run
   * the grouped query restricted to the sample.
   */
  private sampleQuery(
    workspaceId: string,
    rule: Rule,
    asOf: Date,
    sampledIds: readonly string[],
    sampleSize: number,
    segments: ReadonlyMap<string, Rule>,
  ): [string, unknown[]] {
    const pick = (matches: string) => `WITH m AS MATERIALIZED (${matches})
       SELECT (SELECT count(*) FROM m) AS n,
              (SELECT array_agg(id) FROM (SELECT id FROM m ORDER BY id LIMIT ${Number(sampleSize)}) s) AS ids`;
    const params = new SqlParams([workspaceId, asOf]);
    let where: string;
    try {
      where = compileRuleExpression(rule, params, '$2::timestamptz', { segments });
    } catch {
      const grouped = compileSegmentQuery(rule, workspaceId, asOf, sampledIds, { segments });
      return [pick(grouped.sql), grouped.params];
    }
    const ids = params.add(sampledIds, 'bigint[]');
    return [
      pick(
        `SELECT c.id FROM customers c WHERE c.workspace_id = $1::uuid AND c.id = ANY(${ids}) AND ${where}`,
      ),
      params.values,
    ];
  }

  private async customersAsOf(workspaceId: string, asOf: Date): Promise<number> {
    const rows: { n: string }[] = await this.db.query(
      'SELECT count(*) AS n FROM customers WHERE workspace_id = $1 AND first_seen_at <= $2',
      [workspaceId, asOf],
    );
    return Number(rows[0]?.n ?? 0);
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
