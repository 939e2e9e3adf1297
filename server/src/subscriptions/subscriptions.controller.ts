import { Body, Controller, NotFoundException, Param, Put } from '@nestjs/common';
import {
  type CustomerSubscriptions,
  type SubscriptionBody,
  type SubscriptionChannel,
  subscriptionBodySchema,
  subscriptionChannelSchema,
} from '@switchyard/contracts';
import { Audited } from '../audit/audited.decorator.js';
import { WorkspaceId } from '../common/request-context.js';
import { ZodValidationPipe, zodBody } from '../common/zod-validation.pipe.js';
import { OptOutsRepository } from './opt-outs.repository.js';

/** A marketer (or a system) unsubscribes a customer from a channel, or subscribes them again. */
@Controller('api/customers')
export class SubscriptionsController {
  constructor(private readonly optOuts: OptOutsRepository) {}

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
    const customerId = await this.optOuts.customerId(workspaceId, id);
    if (customerId === null)
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: `no customer "${id}" in this workspace`,
      });
    if (body.status === 'unsubscribed')
      await this.optOuts.optOut(workspaceId, customerId, channel, 'api');
    else await this.optOuts.resubscribe(workspaceId, customerId, channel);
    return this.optOuts.forCustomer(workspaceId, customerId);
  }
}
