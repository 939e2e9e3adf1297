import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** What an incoming X-Request-Id may look like to be reused (UUIDs, trace ids, ...). */
const REUSABLE_ID = /^[A-Za-z0-9._:/+=@-]{1,200}$/;

/** The caller's X-Request-Id when it is a plain token, else a new UUID. */
export function requestIdFor(header: string | string[] | undefined): string {
  return typeof header === 'string' && REUSABLE_ID.test(header) ? header : randomUUID();
}

/**
 * Fastify's genReqId: the request's id (`request.id`). nestjs-pino takes it from there,
 * so every log line of the request carries it as `reqId`.
 */
export function genReqId(req: IncomingMessage): string {
  return requestIdFor(req.headers['x-request-id']);
}

/** Every response, of any route or none, tells the caller its request id. */
export function echoRequestIds(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
}
