import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  type SubscriptionTopicBody,
  subscriptionTopicBodySchema,
  type SubscriptionTopicPatch,
  subscriptionTopicPatchSchema,
  type SubscriptionTopicView,
} from '@switchyard/contracts';
import { z } from 'zod';
import { Audited, resultSummary } from '../audit/audited.decorator.js';
import { WorkspaceId } from '../common/request-context.js';
import { ZodValidationPipe, zodBody } from '../common/zod-validation.pipe.js';
import { SubscriptionTopicsRepository } from './subscription-topics.repository.js';

const topicId = new ZodValidationPipe(z.uuid('must be a subscription topic id (uuid)'), 'id');

/** The workspace's subscription topics: kinds of marketing e-mail customers can leave alone. */
@Controller('api/subscription-topics')
export class SubscriptionTopicsController {
  constructor(private readonly topics: SubscriptionTopicsRepository) {}

  @Get()
  list(@WorkspaceId() workspaceId: string): Promise<SubscriptionTopicView[]> {
    return this.topics.list(workspaceId);
  }

  @Get(':id')
  get(
    @WorkspaceId() workspaceId: string,
    @Param('id', topicId) id: string,
  ): Promise<SubscriptionTopicView> {
    return this.topics.get(workspaceId, id);
  }

  @Post()
  @Audited({
    action: 'subscription_topic.created',
    targetType: 'subscription_topic',
    details: resultSummary,
  })
  create(
    @WorkspaceId() workspaceId: string,
    @Body(zodBody(subscriptionTopicBodySchema)) body: SubscriptionTopicBody,
  ): Promise<SubscriptionTopicView> {
    return this.topics.create(workspaceId, body);
  }

  @Patch(':id')
  @Audited({
    action: 'subscription_topic.updated',
    targetType: 'subscription_topic',
    details: resultSummary,
  })
  update(
    @WorkspaceId() workspaceId: string,
    @Param('id', topicId) id: string,
    @Body(zodBody(subscriptionTopicPatchSchema)) patch: SubscriptionTopicPatch,
  ): Promise<SubscriptionTopicView> {
    return this.topics.update(workspaceId, id, patch);
  }

  /** Deletes it and its opt-outs (204); send nodes still naming it fail their step, saying so. */
  @Delete(':id')
  @HttpCode(204)
  @Audited({
    action: 'subscription_topic.deleted',
    targetType: 'subscription_topic',
    details: resultSummary,
    withholdResult: true,
  })
  remove(
    @WorkspaceId() workspaceId: string,
    @Param('id', topicId) id: string,
  ): Promise<SubscriptionTopicView> {
    return this.topics.remove(workspaceId, id);
  }
}
