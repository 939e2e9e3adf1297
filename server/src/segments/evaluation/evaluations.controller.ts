import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { type EvaluationResult, evaluationBodySchema } from '@switchyard/contracts';
import type { z } from 'zod';
import { WorkspaceId } from '../../common/request-context.js';
import { zodBody } from '../../common/zod-validation.pipe.js';
import { WorkspaceEvaluationService } from './workspace-evaluation.service.js';

@Controller('api/evaluations')
export class EvaluationsController {
  constructor(private readonly evaluations: WorkspaceEvaluationService) {}

  /** Evaluates segments as of `asOf` (default now): memberships, transitions, enrollments. */
  @Post()
  @HttpCode(200)
  evaluate(
    @WorkspaceId() workspaceId: string,
    @Body(zodBody(evaluationBodySchema)) body: z.output<typeof evaluationBodySchema>,
  ): Promise<EvaluationResult> {
    return this.evaluations.evaluateSegments(workspaceId, body.asOf ?? new Date(), body.segmentIds);
  }
}
