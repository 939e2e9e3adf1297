import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ALL_QUEUES } from '../queues/queue-names.js';
import { AdminAccess } from './admin-access.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

const CHALLENGE = 'Basic realm="Switchyard admin", charset="UTF-8"';

/**
 * Bull Board at /admin/queues: every queue of the installation, for owners only
 * (AdminAccess decides every request, pages and the board's JSON API alike). Register
 * before the web app: both bring @fastify/static, and the board's copy lives in its
 * own scope.
 */
export async function registerQueueBoard(
  fastify: FastifyInstance,
  app: INestApplicationContext,
): Promise<void> {
  const access = app.get(AdminAccess);
  const queues = ALL_QUEUES.map((name) => app.get<Queue>(getQueueToken(name), { strict: false }));
  const board = new FastifyAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Switchyard queues' } },
  });
  await fastify.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => guard(access, request, reply));
    scope.addHook('onSend', async (_request, reply, payload) =>
      typeof payload === 'string' && /^text\/html/.test(String(reply.getHeader('content-type')))
        ? withoutExternalFonts(payload)
        : payload,
    );
    await scope.register(board.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
  });
}

/**
 * The board's page asks Google Fonts for its typeface: an operator's page should make no
 * request to a third party (and an installation without internet waits for it). Without
 * the link the browser's own sans-serif is used.
 */
export function withoutExternalFonts(html: string): string {
  return html.replace(/<link[^>]+href="https:\/\/fonts\.(googleapis|gstatic)\.com[^>]*>\s*/g, '');
}

async function guard(
  access: AdminAccess,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  const decision = await access.check(request);
  switch (decision.kind) {
    case 'allowed':
      return undefined;
    case 'unauthenticated':
      return reply
        .code(401)
        .header('www-authenticate', CHALLENGE)
        .send({ statusCode: 401, error: 'Unauthorized', message: decision.message });
    case 'forbidden':
      return reply
        .code(403)
        .send({ statusCode: 403, error: 'Forbidden', message: decision.message });
    default: {
      const never: never = decision;
      throw new Error(`unknown access decision ${JSON.stringify(never)}`);
    }
  }
}
