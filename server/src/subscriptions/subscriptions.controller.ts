import { Body, Controller, Param, Put } from '@nestjs/common';
import {
  type CustomerSubscriptions,
  type SubscriptionBody,
  type SubscriptionChannel,
  subscriptionBodySchema,
  subscriptionChannelSchema,
} from '@switchyard/contracts';
import { Audited } from '../audit/audited.decorator.js';
import { notFound } from '../common/http-errors.js';
import { WorkspaceId } from '../common/request-context.js';
import { ZodValidationPipe, zodBody } from '../common/zod-validation.pipe.js';
import { z } from 'zod';
import { OptOutsRepository } from './opt-outs.repository.js';
import { SubscriptionEventsService } from './subscription-events.service.js';
import { TopicOptOutsRepository } from './topic-opt-outs.repository.js';

const topicId = new ZodValidationPipe(z.uuid('must be a subscription topic id (uuid)'), 'topicId');

/**
 * A marketer (or a system) unsubscribes a customer from a channel or a topic, or subscribes
 * them again.
 */
@Controller('api/customers')
export class SubscriptionsController {
  constructor(
    private readonly optOuts: OptOutsRepository,
    private readonly topicOptOuts: TopicOptOutsRepository,
    private readonly events: SubscriptionEventsService,
  ) {}

  /** `:id` is the internal id (digits) or the external id, as on GET /api/customers/:id. */
  @Put(':id/subscriptions/:channel')
  @Audited({
    action: 'customer.subscription_changed',
    targetType: 'customer',
    details: ({ params, body }) => ({
      channel: params['channel'],
      status: (body as SubscriptionBody).status,
    }),
  })
  async update(
    @WorkspaceId() workspaceId: string,
    @Param('id') id: string,
    @Param('channel', new ZodValidationPipe(subscriptionChannelSchema, 'channel'))
    channel: SubscriptionChannel,
    @Body(zodBody(subscriptionBodySchema)) body: SubscriptionBody,
  ): Promise<CustomerSubscriptions> {
    const customerId = await this.customerOf(workspaceId, id);
    const subscribed = body.status === 'subscribed';
    const changed = subscribed
      ? await this.optOuts.resubscribe(workspaceId, customerId, channel)
      : await this.optOuts.optOut(workspaceId, customerId, channel, 'api');
    if (changed)
      await this.events.record(workspaceId, customerId, [{ subscribed, channel, source: 'api' }]);
    return this.optOuts.forCustomer(workspaceId, customerId);
  }

  /** One topic: the customer still gets the channel's other marketing e-mail. */
  @Put(':id/subscriptions/topics/:topicId')
  @Audited({
    action: 'customer.subscription_changed',
    targetType: 'customer',
    details: ({ params, body }) => ({
      topicId: params['topicId'],
      status: (body as SubscriptionBody).status,
    }),
  })
  async updateTopic(
    @WorkspaceId() workspaceId: string,
    @Param('id') id: string,
    @Param('topicId', topicId) topicId: string,
    @Body(zodBody(subscriptionBodySchema)) body: SubscriptionBody,
  ): Promise<CustomerSubscriptions> {
    const customerId = await this.customerOf(workspaceId, id);
    const subscribed = body.status === 'subscribed';
    const changed = subscribed
      ? await this.topicOptOuts.resubscribe(workspaceId, customerId, topicId)
      : await this.topicOptOuts.optOut(workspaceId, customerId, topicId, 'api');
    if (changed === null) throw notFound(`no subscription topic "${topicId}" in this workspace`);
    const now = await this.optOuts.forCustomer(workspaceId, customerId);
    const topic = now.topics.find((t) => t.topicId === topicId);
    if (changed && topic)
      await this.events.record(workspaceId, customerId, [
        { subscribed, channel: 'email', topic: { id: topicId, name: topic.name }, source: 'api' },
      ]);
    return now;
  }

  private async customerOf(workspaceId: string, id: string): Promise<string> {
    const customerId = await this.optOuts.customerId(workspaceId, id);
    if (customerId === null) throw notFound(`no customer "${id}" in this workspace`);
    return customerId;
  }
}
