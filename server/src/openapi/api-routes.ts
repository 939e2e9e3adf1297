import {
  batchBodySchema,
  createJourneyBodySchema,
  createSegmentBodySchema,
  evaluationBodySchema,
  identifyMessageSchema,
  previewSegmentBodySchema,
  trackMessageSchema,
  updateJourneyBodySchema,
  updateSegmentBodySchema,
} from '@switchyard/contracts';
import type { z } from 'zod';

export interface ApiRoute {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  /** Raw (non-JSON) request body content types. */
  rawBody?: string[];
  public?: boolean;
}

/**
 * The public API, documented from the same zod contracts the handlers validate with.
 * A test checks that every registered route appears here.
 */
export const apiRoutes: ApiRoute[] = [
  { method: 'get', path: '/health/live', summary: 'Process is up', tag: 'health', public: true },
  {
    method: 'get',
    path: '/health/ready',
    summary: 'Postgres and Redis answer',
    tag: 'health',
    public: true,
  },
  {
    method: 'get',
    path: '/api/docs',
    summary: 'This OpenAPI document',
    tag: 'health',
    public: true,
  },
  {
    method: 'post',
    path: '/v1/identify',
    summary: 'Segment identify: set traits',
    tag: 'ingest',
    body: identifyMessageSchema,
  },
  {
    method: 'post',
    path: '/v1/track',
    summary: 'Segment track: record an event',
    tag: 'ingest',
    body: trackMessageSchema,
  },
  {
    method: 'post',
    path: '/v1/batch',
    summary: 'Segment batch of identify/track',
    tag: 'ingest',
    body: batchBodySchema,
  },
  {
    method: 'post',
    path: '/api/imports',
    summary:
      'Stream NDJSON of identify/track lines into Postgres with COPY (?skipInvalid=true to skip bad lines)',
    tag: 'ingest',
    rawBody: ['application/x-ndjson'],
  },
  {
    method: 'get',
    path: '/api/imports/{id}',
    summary: 'Progress and result of an import',
    tag: 'ingest',
  },
  {
    method: 'get',
    path: '/api/segments',
    summary: 'List segments with member counts',
    tag: 'segments',
  },
  {
    method: 'post',
    path: '/api/segments',
    summary: 'Create a segment',
    tag: 'segments',
    body: createSegmentBodySchema,
  },
  { method: 'get', path: '/api/segments/{id}', summary: 'Get a segment', tag: 'segments' },
  {
    method: 'patch',
    path: '/api/segments/{id}',
    summary: 'Update a segment',
    tag: 'segments',
    body: updateSegmentBodySchema,
  },
  { method: 'delete', path: '/api/segments/{id}', summary: 'Delete a segment', tag: 'segments' },
  {
    method: 'post',
    path: '/api/segments/preview',
    summary: 'Count and sample of a rule as of a time',
    tag: 'segments',
    body: previewSegmentBodySchema,
  },
  {
    method: 'post',
    path: '/api/evaluations',
    summary: 'Evaluate segments as of a time; records memberships and transitions',
    tag: 'segments',
    body: evaluationBodySchema,
  },
  { method: 'get', path: '/api/journeys', summary: 'List journeys', tag: 'journeys' },
  {
    method: 'post',
    path: '/api/journeys',
    summary: 'Create a journey (draft)',
    tag: 'journeys',
    body: createJourneyBodySchema,
  },
  {
    method: 'get',
    path: '/api/journeys/{id}',
    summary: 'Get a journey with its draft graph and issues',
    tag: 'journeys',
  },
  {
    method: 'patch',
    path: '/api/journeys/{id}',
    summary: 'Update the draft',
    tag: 'journeys',
    body: updateJourneyBodySchema,
  },
  {
    method: 'post',
    path: '/api/journeys/{id}/publish',
    summary: 'Publish the draft as a new immutable version',
    tag: 'journeys',
  },
  {
    method: 'get',
    path: '/api/journeys/{id}/stats',
    summary: 'Per-node entered / completed / failed / waiting',
    tag: 'journeys',
  },
  {
    method: 'get',
    path: '/api/node-types',
    summary: 'Action node types with their settings JSON Schema',
    tag: 'journeys',
  },
  {
    method: 'get',
    path: '/api/customers/{id}',
    summary: 'A customer with traits, segments and journeys',
    tag: 'customers',
  },
];
