import { Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import {
  type AssociationRuleList,
  associationRulesQuerySchema,
  customerRecommendationsQuerySchema,
  type RecommendationView,
  type RecommendationsRefreshResult,
} from '@switchyard/contracts';
import type { z } from 'zod';
import { WorkspaceId } from '../common/request-context.js';
import { zodQuery } from '../common/zod-validation.pipe.js';
import { AssociationRulesRepository } from './association-rules.repository.js';
import { CustomerIdsRepository } from './customer-ids.repository.js';

/** Products bought together, and what each customer could buy next. */
@Controller('api/recommendations')
export class RecommendationsController {
  constructor(
    private readonly rules: AssociationRulesRepository,
    private readonly customers: CustomerIdsRepository,
  ) {}

  @Get('rules')
  list(
    @WorkspaceId() workspaceId: string,
    @Query(zodQuery(associationRulesQuerySchema))
    query: z.output<typeof associationRulesQuerySchema>,
  ): Promise<AssociationRuleList> {
    return this.rules.list(workspaceId, query);
  }

  /** Recomputes the rules now (they are also refreshed on a schedule). */
  @Post('refresh')
  @HttpCode(200)
  refresh(@WorkspaceId() workspaceId: string): Promise<RecommendationsRefreshResult> {
    return this.rules.refresh(workspaceId);
  }

  /** `:externalId` is the customer's id in your systems (the Segment userId). */
  @Get('customers/:externalId')
  async forCustomer(
    @WorkspaceId() workspaceId: string,
    @Param('externalId') externalId: string,
    @Query(zodQuery(customerRecommendationsQuerySchema))
    query: z.output<typeof customerRecommendationsQuerySchema>,
  ): Promise<RecommendationView[]> {
    const customerId = await this.customers.byExternalId(workspaceId, externalId);
    if (!customerId)
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `customer ${externalId} not found`,
      });
    return this.rules.forCustomer(workspaceId, customerId, query.limit);
  }
}
