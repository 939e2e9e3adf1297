import { Transform } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppConfigValues } from '../config/app-config.schema.js';
import { routeClass } from './route-class.js';

type Limits = Pick<
  AppConfigValues,
  'BODY_LIMIT_INGEST_BYTES' | 'BODY_LIMIT_ADMIN_BYTES' | 'IMPORT_MAX_BYTES'
>;

/** A body over its route's limit: answered 413 (Fastify and the exception filter read statusCode). */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  readonly statusCode = 413;
  readonly code = 'SY_BODY_TOO_LARGE';
}

interface Limit {
  bytes: number;
  setting: keyof Limits;
}

export function bodyLimitOf(
  request: Pick<FastifyRequest, 'method' | 'url'>,
  limits: Limits,
): Limit {
  const kind = routeClass(request.method, request.url);
  switch (kind) {
    case 'ingest':
      return { bytes: limits.BODY_LIMIT_INGEST_BYTES, setting: 'BODY_LIMIT_INGEST_BYTES' };
    case 'import':
      return { bytes: limits.IMPORT_MAX_BYTES, setting: 'IMPORT_MAX_BYTES' };
    case 'admin':
      return { bytes: limits.BODY_LIMIT_ADMIN_BYTES, setting: 'BODY_LIMIT_ADMIN_BYTES' };
    default: {
      const never: never = kind;
      throw new Error(`unknown route class ${String(never)}`);
    }
  }
}

export function tooLargeMessage(path: string, limit: Limit): string {
  return `the request body is larger than ${limit.bytes} bytes, the limit of ${path.split('?', 1)[0]} (${limit.setting})`;
}

/** The largest body any route accepts: Fastify's own bodyLimit (a hard stop for JSON). */
export function largestJsonBody(limits: Limits): number {
  return Math.max(limits.BODY_LIMIT_INGEST_BYTES, limits.BODY_LIMIT_ADMIN_BYTES);
}

/**
 * Body size limits per route: a declared Content-Length over the limit is a 413 before
 * the body is read; a body sent without one (chunked) is counted as it streams and cut
 * with a 413 when it passes the limit (imports included: they stream, with their own
 * IMPORT_MAX_BYTES). Bodies within a declared length pass untouched (no extra stream).
 */
export function registerBodyLimits(fastify: FastifyInstance, limits: Limits): void {
  fastify.addHook('onRequest', async (request, reply) => {
    const declared = Number(request.headers['content-length']);
    const limit = bodyLimitOf(request, limits);
    if (!Number.isFinite(declared) || declared <= limit.bytes) {
      await discardUnreadBody(request);
      return;
    }
    await reply
      .code(413)
      .header('connection', 'close')
      .send({
        statusCode: 413,
        error: 'Payload Too Large',
        message: `${tooLargeMessage(request.url, limit)}; this one declares ${declared}`,
      });
    return reply;
  });
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    if (request.headers['content-length'] !== undefined) return payload;
    const limit = bodyLimitOf(request, limits);
    let received = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        (counted as Transform & { receivedEncodedLength: number }).receivedEncodedLength = received;
        if (received > limit.bytes)
          done(new BodyTooLargeError(tooLargeMessage(request.url, limit)));
        else done(null, chunk);
      },
    });
    payload.on('error', (error) => counted.destroy(error));
    // The error may come before the handler reads the body (an import opens its
    // transaction first): keep it for the reader (a destroyed stream rethrows it) rather
    // than crash the process on an unheard 'error' event.
    counted.on('error', () => undefined);
    return payload.pipe(counted);
  });
}

/**
 * Fastify reads no body on GET or HEAD. One sent anyway (within its limit) is read to
 * its end and dropped before the route answers: a connection closed with request bytes
 * still unread is reset, and the client loses the answer already sent on it.
 */
async function discardUnreadBody(request: FastifyRequest): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return;
  const { headers } = request;
  if (headers['content-length'] === undefined && headers['transfer-encoding'] === undefined) return;
  request.raw.resume();
  // A client that goes away mid-body gets no answer anyway.
  await finished(request.raw).catch(() => undefined);
}
