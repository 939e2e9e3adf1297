import type { FastifyInstance } from 'fastify';
import { Histogram } from 'prom-client';
import { httpLabels } from './http-labels.util.js';
import { processRegistry } from './metrics.registry.js';

export const httpRequestDuration = new Histogram({
  name: 'switchyard_http_request_duration_seconds',
  help: 'HTTP requests by method, route pattern and status code: time until the response was sent',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [processRegistry],
});

/**
 * Times every request Fastify answers (Nest's routes, the web app, Bull Board and
 * the router's own 404s) by its route pattern. Registered on the root instance before
 * the routes, so the hook applies to all of them.
 */
export function registerHttpMetrics(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    httpRequestDuration.observe(
      httpLabels(request.method, request.routeOptions.url, reply.statusCode),
      reply.elapsedTime / 1000,
    );
    done();
  });
}
