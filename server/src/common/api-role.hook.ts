import type { FastifyInstance } from 'fastify';

/** What a process without the `api` role still serves on PORT. */
export const OPERATIONS_PATHS = ['/health', '/metrics'] as const;

export function isOperationsPath(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return OPERATIONS_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
}

/**
 * A process whose ROLE has no `api` (worker, sender) listens on PORT for health checks
 * and metrics only: every other request is a 404 that says where the API is.
 */
export function serveOperationsOnly(fastify: FastifyInstance, roles: string): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (isOperationsPath(request.url)) {
      done();
      return;
    }
    void reply.code(404).send({
      statusCode: 404,
      error: 'Not Found',
      message: `this process runs ROLE=${roles}, without the api role: it serves only /health/* and /metrics`,
    });
  });
}
