import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  type GroupEvaluationResult,
  groupEvaluationBodySchema,
  groupEvaluationQuerySchema,
  type GroupMovementCell,
  type GroupMovementQuery,
  groupMovementQuerySchema,
  type GroupMovementView,
  type GroupSnapshotView,
  groupTransitionsQuerySchema,
  idParamSchema,
} from '@switchyard/contracts';
import type { z } from 'zod';
import { WorkspaceId } from '../../common/request-context.js';
import { zodBody, zodQuery, ZodValidationPipe } from '../../common/zod-validation.pipe.js';
import { GroupEvaluatorService } from './group-evaluator.service.js';
import { GroupHistoryService } from './group-history.service.js';
import { GroupMovementService } from '../movement/group-movement.service.js';

const idParam = new ZodValidationPipe(idParamSchema, 'params');

/** Evaluations (snapshots) of a group and the movement between them. */
@Controller('api/segment-groups')
export class GroupHistoryController {
  constructor(
    private readonly evaluator: GroupEvaluatorService,
    private readonly history: GroupHistoryService,
    private readonly movements: GroupMovementService,
  ) {}

  @Post(':id/evaluations')
  @HttpCode(200)
  evaluate(
    @WorkspaceId() workspaceId: string,
    @Param(idParam) params: { id: string },
    @Query(zodQuery(groupEvaluationQuerySchema)) query: z.output<typeof groupEvaluationQuerySchema>,
    @Body(zodBody(groupEvaluationBodySchema)) body: z.output<typeof groupEvaluationBodySchema>,
  ): Promise<GroupEvaluationResult> {
    return this.evaluator.evaluate(workspaceId, params.id, body.asOf ?? new Date(), {
      refresh: query.refresh,
    });
  }

  @Get(':id/snapshots')
  snapshots(
    @WorkspaceId() workspaceId: string,
    @Param(idParam) params: { id: string },
  ): Promise<GroupSnapshotView[]> {
    return this.history.listSnapshots(workspaceId, params.id);
  }

  /** Who moved where between two dates (snapshots computed on demand): see GroupMovementView. */
  @Get(':id/movement')
  movement(
    @WorkspaceId() workspaceId: string,
    @Param(idParam) params: { id: string },
    @Query(zodQuery(groupMovementQuerySchema)) query: GroupMovementQuery,
  ): Promise<GroupMovementView> {
    return this.movements.movement(workspaceId, params.id, query.from, query.to);
  }

  @Get(':id/transitions')
  transitions(
    @WorkspaceId() workspaceId: string,
    @Param(idParam) params: { id: string },
    @Query(zodQuery(groupTransitionsQuerySchema))
    query: z.output<typeof groupTransitionsQuerySchema>,
  ): Promise<GroupMovementCell[]> {
    return this.history.movement(workspaceId, params.id, query.from, query.to);
  }
}
