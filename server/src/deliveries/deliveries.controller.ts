import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  type DeliveriesPage,
  type DeliveriesQuery,
  deliveriesQuerySchema,
  type DeliveryView,
  idParamSchema,
  type RetryDeliveriesBody,
  retryDeliveriesBodySchema,
  type RetryDeliveriesResult,
} from '@switchyard/contracts';
import { Audited } from '../audit/audited.decorator.js';
import { WorkspaceId } from '../common/request-context.js';
import { zodBody, zodQuery, ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { DeliveriesService } from './deliveries.service.js';

/** Messages that did not go out; viewers read, marketers and owners send them again. */
@Controller('api/deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get()
  list(
    @WorkspaceId() workspaceId: string,
    @Query(zodQuery(deliveriesQuerySchema)) query: DeliveriesQuery,
  ): Promise<DeliveriesPage> {
    return this.deliveries.list(workspaceId, query);
  }

  @Post('retry')
  @HttpCode(200)
  @Audited({
    action: 'messages.retried',
    targetType: 'workspace',
    targetId: () => null,
    details: ({ body, result }) => ({
      channel: (body as RetryDeliveriesBody).channel ?? 'all',
      retried: (result as RetryDeliveriesResult | undefined)?.retried ?? 0,
    }),
  })
  retryAll(
    @WorkspaceId() workspaceId: string,
    @Body(zodBody(retryDeliveriesBodySchema)) body: RetryDeliveriesBody,
  ): Promise<RetryDeliveriesResult> {
    return this.deliveries.retryAll(workspaceId, body);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Audited({
    action: 'message.retried',
    targetType: 'message',
    details: ({ result }) => {
      const view = result as DeliveryView | undefined;
      return { channel: view?.channel, customer: view?.customer?.externalId ?? null };
    },
  })
  retry(
    @WorkspaceId() workspaceId: string,
    @Param(new ZodValidationPipe(idParamSchema, 'params')) params: { id: string },
  ): Promise<DeliveryView> {
    return this.deliveries.retry(workspaceId, params.id);
  }
}
