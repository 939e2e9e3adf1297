import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { selectOne } from '../../database/sql.util.js';
import type { Rule, SegmentEvaluationResult } from '@switchyard/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { JourneySchedulerService } from '../../engine/journey-scheduler.service.js';
import {
  type EnrollmentRef,
  TransitionEnrollerService,
} from '../../engine/transition-enroller.service.js';
import { recordEvaluation } from '../../metrics/evaluation.metrics.js';
import { compileSegmentQuery } from '../compiler/rule-compiler.js';
import { loadRuleContext } from '../segment-references.js';

export interface EvaluateOptions {
  /** Incremental: evaluate only these customers (the rest keep their membership). */
  customerIds?: readonly string[];
}

export interface SegmentEvaluation {
  result: SegmentEvaluationResult;
  enrollments: number;
}

interface LockedSegment {
  id: string;
  workspace_id: string;
  rule: Rule;
  evaluated_as_of: Date | null;
}

/**
 * Evaluates one segment as of a time, in one transaction: the compiled rule selects the
 * members, the difference with the stored memberships becomes `entered` / `exited`
 * transitions (recorded once: unique key), memberships are replaced, and live journeys
 * listening to those transitions get their enrollments in the same transaction.
 * First steps are enqueued after commit; the reconciler covers a crash in between.
 *
 * Evaluations only move forward: an as-of before the segment's last evaluation is
 * counted but records nothing (`recorded: false`).
 */
@Injectable()
export class SegmentEvaluatorService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly enroller: TransitionEnrollerService,
    private readonly scheduler: JourneySchedulerService,
  ) {}

  async evaluate(
    workspaceId: string,
    segmentId: string,
    asOf: Date,
    options: EvaluateOptions = {},
  ): Promise<SegmentEvaluation | null> {
    const startedAt = performance.now();
    const evaluation = await this.evaluateOnce(workspaceId, segmentId, asOf, options);
    recordEvaluation('segment', options.customerIds ? 'incremental' : 'full', startedAt);
    return evaluation;
  }

  private async evaluateOnce(
    workspaceId: string,
    segmentId: string,
    asOf: Date,
    options: EvaluateOptions,
  ): Promise<SegmentEvaluation | null> {
    const enrolled: EnrollmentRef[] = [];
    const result = await this.db.transaction(async (em) => {
      const rows: LockedSegment[] = await em.query(
        'SELECT id, workspace_id, rule, evaluated_as_of FROM segments WHERE id = $1 AND workspace_id = $2 FOR UPDATE',
        [segmentId, workspaceId],
      );
      const segment = rows[0];
      if (!segment) return null;
      const last = segment.evaluated_as_of ? new Date(segment.evaluated_as_of) : null;
      const incremental = options.customerIds !== undefined;
      // An incremental pass needs a full baseline to diff against.
      if (incremental && !last) return null;
      if (last && asOf.getTime() < last.getTime()) {
        if (incremental) return null;
        return this.countOnly(em, segment, asOf);
      }
      const context = await loadRuleContext(em, workspaceId, segment.rule);
      const query = compileSegmentQuery(
        segment.rule,
        workspaceId,
        asOf,
        options.customerIds,
        context,
      );
      await em.query('CREATE TEMP TABLE sy_match (id bigint PRIMARY KEY) ON COMMIT DROP');
      await em.query(`INSERT INTO sy_match ${query.sql}`, query.params);
      const diff = await this.applyDiff(em, segment, asOf, options.customerIds);
      const counts = await selectOne<{ member_count: number }>(
        em,
        `WITH updated AS (
           UPDATE segments SET evaluated_as_of = GREATEST(coalesce(evaluated_as_of, $2), $2),
             member_count = (SELECT count(*) FROM segment_memberships WHERE segment_id = $1)
           WHERE id = $1 RETURNING member_count
         ) SELECT member_count FROM updated`,
        [segment.id, asOf],
      );
      for (const kind of ['entered', 'exited'] as const) {
        if ((kind === 'entered' ? diff.entered : diff.exited) === 0) continue;
        enrolled.push(
          ...(await this.enroller.enrollInTransaction(em, { segmentId: segment.id, asOf, kind })),
        );
      }
      return {
        segmentId: segment.id,
        asOf: asOf.toISOString(),
        members: counts?.member_count ?? 0,
        entered: diff.entered,
        exited: diff.exited,
        recorded: true,
      } satisfies SegmentEvaluationResult;
    });
    if (!result) return null;
    if (enrolled.length > 0) await this.scheduler.scheduleStart(enrolled);
    return { result, enrollments: enrolled.length };
  }

  /** One statement: diff, transitions, membership update. */
  private async applyDiff(
    em: EntityManager,
    segment: LockedSegment,
    asOf: Date,
    customerIds: readonly string[] | undefined,
  ): Promise<{ entered: number; exited: number }> {
    const scope = customerIds ? 'AND sm.customer_id = ANY($4::bigint[])' : '';
    const params: unknown[] = [segment.workspace_id, segment.id, asOf];
    if (customerIds) params.push(customerIds);
    const rows: { entered: string; exited: string }[] = await em.query(
      `WITH entered AS (
         SELECT m.id FROM sy_match m
         WHERE NOT EXISTS (SELECT 1 FROM segment_memberships sm WHERE sm.segment_id = $2::uuid AND sm.customer_id = m.id)
       ), exited AS (
         SELECT sm.customer_id AS id FROM segment_memberships sm
         WHERE sm.segment_id = $2 ${scope}
           AND NOT EXISTS (SELECT 1 FROM sy_match m WHERE m.id = sm.customer_id)
       ), transitions AS (
         INSERT INTO segment_transitions (workspace_id, segment_id, customer_id, kind, as_of)
         SELECT $1::uuid, $2::uuid, id, 'entered', $3::timestamptz FROM entered
         UNION ALL
         SELECT $1::uuid, $2::uuid, id, 'exited', $3::timestamptz FROM exited
         ON CONFLICT (segment_id, customer_id, kind, as_of) DO NOTHING
       ), removed AS (
         DELETE FROM segment_memberships sm USING exited x WHERE sm.segment_id = $2 AND sm.customer_id = x.id
       ), added AS (
         INSERT INTO segment_memberships (segment_id, customer_id, since) SELECT $2::uuid, id, $3::timestamptz FROM entered
       )
       SELECT (SELECT count(*) FROM entered) AS entered, (SELECT count(*) FROM exited) AS exited`,
      params,
    );
    return { entered: Number(rows[0]?.entered ?? 0), exited: Number(rows[0]?.exited ?? 0) };
  }

  private async countOnly(
    em: EntityManager,
    segment: LockedSegment,
    asOf: Date,
  ): Promise<SegmentEvaluationResult> {
    const context = await loadRuleContext(em, segment.workspace_id, segment.rule);
    const query = compileSegmentQuery(segment.rule, segment.workspace_id, asOf, undefined, context);
    const rows: { n: string }[] = await em.query(
      `SELECT count(*) AS n FROM (${query.sql}) q`,
      query.params,
    );
    return {
      segmentId: segment.id,
      asOf: asOf.toISOString(),
      members: Number(rows[0]?.n ?? 0),
      entered: 0,
      exited: 0,
      recorded: false,
    };
  }
}
