import {
  createAudienceBodySchema,
  createSegmentBodySchema,
  createSegmentGroupBodySchema,
  evaluationBodySchema,
  groupBackfillBodySchema,
  groupEvaluationBodySchema,
  previewSegmentBodySchema,
  updateSegmentBodySchema,
  updateSegmentGroupBodySchema,
} from '@switchyard/contracts';
import type { ApiRoute } from './api-routes.js';

/** Segments, segment groups (evaluations, movement) and audiences. */
export const segmentRoutes: ApiRoute[] = [
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
  {
    method: 'get',
    path: '/api/segment-groups',
    summary: 'List segment groups (ordered members, first match wins, plus a fallback)',
    tag: 'segment-groups',
  },
  {
    method: 'post',
    path: '/api/segment-groups',
    summary: 'Create a segment group',
    tag: 'segment-groups',
    body: createSegmentGroupBodySchema,
  },
  {
    method: 'get',
    path: '/api/segment-groups/{id}',
    summary: 'Get a segment group',
    tag: 'segment-groups',
  },
  {
    method: 'patch',
    path: '/api/segment-groups/{id}',
    summary: 'Update a segment group (changing members or their order clears its history)',
    tag: 'segment-groups',
    body: updateSegmentGroupBodySchema,
  },
  {
    method: 'delete',
    path: '/api/segment-groups/{id}',
    summary: 'Delete a segment group with its history',
    tag: 'segment-groups',
  },
  {
    method: 'post',
    path: '/api/segment-groups/{id}/evaluations',
    summary:
      'Evaluate the group as of a time into a snapshot (reused if stored; ?refresh=true recomputes) and record moves against its neighbours',
    tag: 'segment-groups',
    body: groupEvaluationBodySchema,
  },
  {
    method: 'get',
    path: '/api/segment-groups/{id}/snapshots',
    summary: 'Snapshots of the group in time order with counts per bucket',
    tag: 'segment-groups',
  },
  {
    method: 'get',
    path: '/api/segment-groups/{id}/movement',
    summary:
      'Who moved where between ?from= and ?to= (snapshots computed when missing): matrix with shares both ways, distribution with good/bad change, entered/left per bucket',
    tag: 'segment-groups',
  },
  {
    method: 'get',
    path: '/api/segment-groups/{id}/transitions',
    summary: 'Movement matrix [{from, to, count}] between the snapshots as of ?from= and ?to=',
    tag: 'segment-groups',
  },
  {
    method: 'post',
    path: '/api/segment-groups/{id}/backfill',
    summary: 'Start a backfill: snapshots from a date to a date every day, week or month (a job)',
    tag: 'segment-groups',
    body: groupBackfillBodySchema,
  },
  {
    method: 'get',
    path: '/api/segment-groups/{id}/backfills/{backfillId}',
    summary: 'Status and progress of a backfill',
    tag: 'segment-groups',
  },
  {
    method: 'get',
    path: '/api/segment-templates',
    summary: 'Built-in templates: segments, groups, and the traits and events they read',
    tag: 'segment-groups',
  },
  {
    method: 'post',
    path: '/api/segment-templates/{key}/install',
    summary: "Install a template: create its segments and groups in the caller's workspace",
    tag: 'segment-groups',
  },
  {
    method: 'get',
    path: '/api/audiences',
    summary: 'Audiences with their sizes',
    tag: 'audiences',
  },
  {
    method: 'post',
    path: '/api/audiences',
    summary:
      "Freeze a segment's members, a list of external ids or a movement between two dates (cell, entered, left, bucket) as an audience; the source is recorded",
    tag: 'audiences',
    body: createAudienceBodySchema,
  },
  { method: 'get', path: '/api/audiences/{id}', summary: 'One audience', tag: 'audiences' },
  {
    method: 'delete',
    path: '/api/audiences/{id}',
    summary:
      'Delete an audience (409 naming the campaigns that send to it, and the live or paused journeys, or runs in flight, that broadcast to it or add to it)',
    tag: 'audiences',
  },
  {
    method: 'get',
    path: '/api/audiences/{id}/members',
    summary: 'Members of an audience, a page at a time (?limit=&offset=), with the total',
    tag: 'audiences',
  },
  {
    method: 'get',
    path: '/api/audiences/{id}/export',
    summary:
      'The members as CSV (?format=csv) or SHA-256 hashes of normalised e-mails and phones for ad platforms (?format=hashed)',
    tag: 'audiences',
  },
];
