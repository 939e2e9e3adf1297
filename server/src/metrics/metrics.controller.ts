import { Controller, Get, Headers, Res, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Registry } from 'prom-client';
import { Public } from '../common/request-context.js';
import { AppConfig } from '../config/app-config.service.js';
import { metricsTokenAccepted } from './metrics-token.util.js';
import { processRegistry } from './metrics.registry.js';
import { QueueDepthCollector } from './queue-depth.collector.js';

/**
 * Prometheus metrics in the text exposition format, in every process role. Needs no
 * API key (scrapers have none); with METRICS_TOKEN set it needs that bearer token.
 * Not part of the API: left out of the route table and the OpenAPI document.
 */
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly config: AppConfig,
    private readonly queues: QueueDepthCollector,
  ) {}

  @Get()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    if (!metricsTokenAccepted(this.config.values.METRICS_TOKEN, authorization)) {
      void reply.header('www-authenticate', 'Bearer realm="switchyard-metrics"');
      throw new UnauthorizedException({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'send the METRICS_TOKEN as "Authorization: Bearer <token>"',
      });
    }
    const registry = Registry.merge([processRegistry, this.queues.registry]);
    void reply.header('content-type', registry.contentType);
    return registry.metrics();
  }
}
