import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EvaluationResult, SegmentEvaluationResult } from '@switchyard/contracts';
import type { DataSource } from 'typeorm';
import { SegmentEvaluatorService } from './segment-evaluator.service.js';

/** Evaluates many segments of a workspace (API, schedule) or its dirty customers (real time). */
@Injectable()
export class WorkspaceEvaluationService {
  private readonly logger = new Logger(WorkspaceEvaluationService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly evaluator: SegmentEvaluatorService,
  ) {}

  async evaluateSegments(
    workspaceId: string,
    asOf: Date,
    segmentIds?: string[],
  ): Promise<EvaluationResult> {
    const rows: { id: string }[] = await this.db.query(
      'SELECT id FROM segments WHERE workspace_id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[])) ORDER BY created_at',
      [workspaceId, segmentIds ?? null],
    );
    if (segmentIds) {
      const found = new Set(rows.map((r) => r.id));
      const missing = segmentIds.map((id, i) => ({ id, i })).filter((x) => !found.has(x.id));
      if (missing.length > 0)
        throw new BadRequestException({
          statusCode: 400,
          error: 'Bad Request',
          message: `unknown segments: ${missing.map((m) => m.id).join(', ')}`,
          issues: missing.map((m) => ({
            field: `segmentIds[${m.i}]`,
            message: 'no such segment in this workspace',
          })),
        });
    }
    const segments: SegmentEvaluationResult[] = [];
    let enrollments = 0;
    for (const row of rows) {
      const evaluation = await this.evaluator.evaluate(workspaceId, row.id, asOf);
      if (!evaluation) continue;
      segments.push(evaluation.result);
      enrollments += evaluation.enrollments;
    }
    return { asOf: asOf.toISOString(), segments, enrollments };
  }

  /** Incremental pass for customers whose events just arrived, as of now. */
  async evaluateCustomers(workspaceId: string, customerIds: string[], asOf: Date): Promise<number> {
    const rows: { id: string }[] = await this.db.query(
      'SELECT id FROM segments WHERE workspace_id = $1 AND evaluated_as_of IS NOT NULL ORDER BY created_at',
      [workspaceId],
    );
    let transitions = 0;
    for (const row of rows) {
      const evaluation = await this.evaluator.evaluate(workspaceId, row.id, asOf, { customerIds });
      if (evaluation) transitions += evaluation.result.entered + evaluation.result.exited;
    }
    return transitions;
  }

  /** Scheduled full evaluation of every workspace as of now (time-based rules). */
  async evaluateAllWorkspaces(asOf: Date): Promise<void> {
    const workspaces: { id: string }[] = await this.db.query('SELECT id FROM workspaces');
    for (const ws of workspaces) {
      const result = await this.evaluateSegments(ws.id, asOf);
      const changed = result.segments.reduce((n, s) => n + s.entered + s.exited, 0);
      if (changed > 0)
        this.logger.log(`workspace ${ws.id}: ${changed} transitions as of ${result.asOf}`);
    }
  }
}
