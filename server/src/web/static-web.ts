import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const API_PREFIXES = ['/api', '/v1', '/health', '/metrics', '/admin'];

/**
 * Serves the built web app on the same port as the API. Unknown GETs that are not API
 * paths get index.html (client-side routes); everything else gets a JSON 404.
 */
export async function registerWebApp(fastify: FastifyInstance, webDist: string): Promise<boolean> {
  const hasWeb = existsSync(join(webDist, 'index.html'));
  if (hasWeb) {
    await fastify.register(fastifyStatic, { root: webDist, wildcard: false, index: 'index.html' });
  }
  // A wildcard route loses to every specific API route, so it only sees unknown paths.
  fastify.get('/*', (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isApi = API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
    if (hasWeb && !isApi) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send({
      statusCode: 404,
      error: 'Not Found',
      message: `no route for ${request.method} ${path}`,
    });
  });
  return hasWeb;
}
