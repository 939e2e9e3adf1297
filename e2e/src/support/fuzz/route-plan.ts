import * as contracts from '@switchyard/contracts';
import { identifyMessageSchema, trackMessageSchema } from '@switchyard/contracts';
import fc from 'fast-check';
import { contractOverrides, schemaKeys, type NodeTypeSpec } from './contract-overrides.js';
import type { FuzzFixtures } from './fuzz-fixtures.js';
import { hostileString } from './hostile.arbitrary.js';
import {
  authorization,
  bodyOnRead,
  contentTypeOverride,
  encodeComponent,
  FuzzRequest,
  ndjsonBody,
  noSchemaBody,
  pathSegment,
  queryString,
  schemaBody,
  type FuzzBody,
} from './request.arbitrary.js';
import { zodArbitrary, type ZodLike } from './zod-arbitrary.js';

/** A route of the server's route table (server/src/openapi/api-routes.ts). */
export interface TableRoute {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  body?: unknown;
  rawBody?: string[];
}

/**
 * Query schemas of routes that read a query (the route table lists bodies only), by
 * their export name in the contracts: a name a build does not export is left out.
 */
const querySchemaNames: Record<string, string> = {
  'post /api/imports': 'importQuerySchema',
  'post /api/segment-groups/{id}/evaluations': 'groupEvaluationQuerySchema',
  'get /api/segment-groups/{id}/movement': 'groupMovementQuerySchema',
  'get /api/segment-groups/{id}/transitions': 'groupTransitionsQuerySchema',
  'get /api/journeys/{id}/stats': 'journeyStatsQuerySchema',
  'get /api/audiences/{id}/members': 'audienceMembersQuerySchema',
  'get /api/audiences/{id}/export': 'audienceExportQuerySchema',
  'get /api/customers': 'customerListQuerySchema',
  'get /api/customers/{id}': 'customerLookupQuerySchema',
  'get /api/recommendations/rules': 'associationRulesQuerySchema',
  'get /api/recommendations/customers/{externalId}': 'customerRecommendationsQuerySchema',
  'get /api/campaigns/{id}/preview': 'campaignPreviewQuerySchema',
  'get /api/audit-log': 'auditLogQuerySchema',
};

/** Bodies a handler validates that the route table does not list (export names). */
const extraBodyNames: Record<string, string> = {
  'post /api/segment-templates/{key}/install': 'templateInstallBodySchema',
};

const exported = (name: string | undefined): unknown =>
  name ? (contracts as Record<string, unknown>)[name] : undefined;

export const routeKey = (route: TableRoute) => `${route.method.toUpperCase()} ${route.path}`;

export interface PlanContext {
  apiKey: string;
  fixtures: FuzzFixtures;
  nodeTypes: readonly NodeTypeSpec[];
}

/** Every request the fuzzer may send to one route of the table. */
export function routeRequests(route: TableRoute, ctx: PlanContext): fc.Arbitrary<FuzzRequest> {
  const id = `${route.method} ${route.path}`;
  const derive = (schema: unknown) =>
    zodArbitrary(schema as ZodLike, {
      idsFor: ctx.fixtures.idsForField,
      overrides: contractOverrides(ctx.nodeTypes),
    });
  const path = pathWithIds(route, ctx.fixtures);
  const querySchema = exported(querySchemaNames[id]);
  const query = queryString(
    querySchema ? derive(querySchema) : undefined,
    querySchema ? schemaKeys(querySchema as ZodLike) : [],
  );
  const bodySchema = route.body ?? exported(extraBodyNames[id]);
  let body: fc.Arbitrary<FuzzBody>;
  if (route.rawBody) {
    const line = fc.oneof(
      derive(identifyMessageSchema).map((m) => ({ type: 'identify', ...(m as object) })),
      derive(trackMessageSchema).map((m) => ({ type: 'track', ...(m as object) })),
    );
    body = ndjsonBody(line, schemaKeys(trackMessageSchema as unknown as ZodLike), route.rawBody);
  } else if (bodySchema) body = schemaBody(derive(bodySchema), schemaKeys(bodySchema as ZodLike));
  else body = route.method === 'get' || route.method === 'delete' ? bodyOnRead : noSchemaBody;

  return fc
    .record({
      path,
      query,
      body,
      contentType: contentTypeOverride,
      auth: authorization(ctx.apiKey),
    })
    .map(({ path: p, query: q, body: b, contentType, auth }) => {
      const headers: Record<string, string> = {};
      if (auth !== undefined) headers['Authorization'] = auth;
      const type = contentType === undefined ? b.contentType : contentType;
      if (b.bytes !== undefined && type !== null && type !== undefined)
        headers['Content-Type'] = type;
      return new FuzzRequest(
        routeKey(route),
        route.method.toUpperCase(),
        `${p}${q}`,
        headers,
        b.bytes,
        b.kind,
        b.preview,
      );
    });
}

/** The route's path with each `{param}` filled from the fixtures' pool of that name. */
function pathWithIds(route: TableRoute, fixtures: FuzzFixtures): fc.Arbitrary<string> {
  const parts = route.path.split(/(\{\w+\})/).filter((p) => p.length > 0);
  const collection = route.path.split('/')[2] ?? '';
  return fc
    .tuple(
      ...parts.map((part) => {
        const param = /^\{(\w+)\}$/.exec(part)?.[1];
        if (!param) return fc.constant(part);
        const pool = fixtures.pools[param === 'id' ? collection : param] ?? [];
        return pathSegment(pool, fixtures.allIds);
      }),
    )
    .map((pieces) => pieces.join(''));
}

/** Requests to paths no route serves (unknown routes, methods, prefixes). */
export function unroutedRequests(
  routes: readonly TableRoute[],
  apiKey: string,
): fc.Arbitrary<FuzzRequest> {
  const known = routes.map((r) => r.path.replace(/\{\w+\}/g, 'x'));
  const path = fc.oneof(
    fc
      .tuple(
        fc.constantFrom(...known),
        hostileString.filter((s) => s.length < 2_000),
      )
      .map(([p, extra]) => `${p}/${encodeComponent(extra)}`),
    fc
      .tuple(
        fc.constantFrom('/api/', '/v1/', '/v2/', '/', '/health/', '/api/docs/'),
        hostileString.filter((s) => s.length < 2_000),
      )
      .map(([prefix, rest]) => `${prefix}${encodeComponent(rest)}`),
  );
  return fc
    .record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
      path,
      body: fc.oneof(bodyOnRead, noSchemaBody),
      auth: authorization(apiKey),
    })
    .map(({ method, path: p, body, auth }) => {
      const headers: Record<string, string> = {};
      if (auth !== undefined) headers['Authorization'] = auth;
      if (body.bytes !== undefined && body.contentType) headers['Content-Type'] = body.contentType;
      return new FuzzRequest('unrouted', method, p, headers, body.bytes, body.kind, body.preview);
    });
}
