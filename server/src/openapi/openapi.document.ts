import { z } from 'zod';
import { apiRoutes } from './api-routes.js';

const errorSchema = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    message: { type: 'string' },
    issues: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          field: { type: 'string' },
          message: { type: 'string' },
          nodeId: { type: 'string', description: 'the journey node the problem is about' },
          edgeId: { type: 'string', description: 'the journey edge the problem is about' },
          fixIn: {
            type: 'string',
            enum: ['workspace-settings'],
            description:
              'where to fix it when that is outside the request: workspace-settings is /api/workspace/settings',
          },
        },
      },
    },
  },
};

/** OpenAPI 3.1 built from the route table and the zod contracts. */
export function buildOpenApiDocument(serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of apiRoutes) {
    if (route.internal) continue;
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: [route.tag],
      responses: {
        '200': { description: 'OK' },
        '400': {
          description: 'Invalid input; `issues` names each field',
          content: { 'application/json': { schema: errorSchema } },
        },
        ...(route.public
          ? {}
          : {
              '401': { description: 'No session and no API key, or an unknown one' },
              '403': { description: 'The role or key scope does not allow this route' },
            }),
      },
    };
    if (!route.public) operation.security = [{ bearer: [] }, { basic: [] }, { session: [] }];
    // JSON from the contract, and any other types the route also reads (as text).
    if (route.body || route.rawBody)
      operation.requestBody = {
        required: true,
        content: {
          ...(route.body
            ? {
                'application/json': {
                  schema: z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any' }),
                },
              }
            : {}),
          ...Object.fromEntries(
            (route.rawBody ?? []).map((type) => [type, { schema: { type: 'string' } }]),
          ),
        },
      };
    const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (params.length) operation.parameters = params;
    paths[route.path] = { ...(paths[route.path] ?? {}), [route.method]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Switchyard API',
      version: '0.1.0',
      description: 'Segment transitions start journeys.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        basic: {
          type: 'http',
          scheme: 'basic',
          description: 'API key as user name, empty password',
        },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'sy_session',
          description: 'Web session (POST /api/auth/sign-in); the role decides what it may do',
        },
      },
    },
    paths,
  };
}
