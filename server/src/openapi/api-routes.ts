import {
  batchBodySchema,
  createApiKeyBodySchema,
  inviteBodySchema,
  memberRoleBodySchema,
  passwordResetRequestBodySchema,
  setPasswordBodySchema,
  signInBodySchema,
  tokenInfoBodySchema,
  secretValueBodySchema,
  createCampaignBodySchema,
  updateCampaignBodySchema,
  createAudienceBodySchema,
  workspaceSettingsBodySchema,
  createJourneyBodySchema,
  createSegmentBodySchema,
  createSegmentGroupBodySchema,
  evaluationBodySchema,
  groupBackfillBodySchema,
  groupEvaluationBodySchema,
  identifyMessageSchema,
  previewSegmentBodySchema,
  trackMessageSchema,
  updateJourneyBodySchema,
  updateSegmentBodySchema,
  updateSegmentGroupBodySchema,
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
  /** An operations endpoint (`/metrics`): listed here, left out of the OpenAPI document. */
  internal?: boolean;
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
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics (METRICS_TOKEN as a bearer token when set)',
    tag: 'health',
    public: true,
    internal: true,
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
      'Stream NDJSON of identify/track lines, or CSV (a header row, then one message per row), into Postgres with COPY (?skipInvalid=true to skip bad lines)',
    tag: 'ingest',
    rawBody: ['application/x-ndjson', 'text/csv'],
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
    method: 'delete',
    path: '/api/journeys/{id}',
    summary:
      "Delete a draft or stopped journey with its versions and runs (409 while live or paused: stop it first; 409 for a campaign's journey: delete the campaign); sent messages stay counted by frequency caps",
    tag: 'journeys',
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
    summary:
      "Per-node entered / completed / failed / waiting, what each sending node's messages came to (sent / waiting / failed), conversions per node and branch, holdout lift with its 95% interval (?versionId=)",
    tag: 'journeys',
  },
  {
    method: 'post',
    path: '/api/journeys/{id}/pause',
    summary: 'Stop enrolling; running customers hold at their next step',
    tag: 'journeys',
  },
  {
    method: 'post',
    path: '/api/journeys/{id}/resume',
    summary:
      'Enroll again and continue every held run; 409 with the issues while the live version could not run (its segment deleted, no SMS provider for its texts)',
    tag: 'journeys',
  },
  {
    method: 'post',
    path: '/api/journeys/{id}/stop',
    summary: 'Exit every running customer and stop enrolling',
    tag: 'journeys',
  },
  {
    method: 'get',
    path: '/api/journeys/{id}/versions',
    summary: 'Published versions, newest first, with their enrollment counts',
    tag: 'journeys',
  },
  {
    method: 'post',
    path: '/api/journeys/{id}/versions/{versionId}/restore',
    summary: "Copy a version's graph and settings into the draft",
    tag: 'journeys',
  },
  {
    method: 'get',
    path: '/api/deliveries',
    summary:
      "The workspace's messages that did not go out: failed (with the provider's error) or waiting (?status=failed|pending, ?channel=email|sms|webhook, ?journeyId and ?stepId for one journey step, ?limit, ?offset), with counts of both",
    tag: 'deliveries',
  },
  {
    method: 'post',
    path: '/api/deliveries/{id}/retry',
    summary:
      'Send a failed message again, with a fresh set of attempts; 409 when it was sent or is already waiting',
    tag: 'deliveries',
  },
  {
    method: 'post',
    path: '/api/deliveries/retry',
    summary:
      'Send every failed message (of one channel, journey or step: {channel?, journeyId?, stepId?}) again; answers {retried}',
    tag: 'deliveries',
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
  {
    method: 'get',
    path: '/api/workspace/settings',
    summary:
      'Time zone, frequency caps, SMS provider (credentials masked), allowed hosts, and whether a signing secret is set (secrets are never returned)',
    tag: 'workspace',
  },
  {
    method: 'put',
    path: '/api/workspace/settings',
    summary:
      'Change the time zone, frequency caps, SMS provider, signing secret (write-only) or allowed hosts',
    tag: 'workspace',
    body: workspaceSettingsBodySchema,
  },
  {
    method: 'get',
    path: '/api/node-types',
    summary: 'Action node types with their settings JSON Schema',
    tag: 'journeys',
  },
  {
    method: 'get',
    path: '/api/customers',
    summary: 'Customers, newest first, with their segment labels (?q= searches id, name, e-mail)',
    tag: 'customers',
  },
  {
    method: 'get',
    path: '/api/customers/{id}',
    summary: 'A customer with traits, segments, segment history, recent events and journeys',
    tag: 'customers',
  },
  {
    method: 'get',
    path: '/api/catalog/traits',
    summary: 'Traits seen in the workspace with inferred types and sample values',
    tag: 'catalog',
  },
  {
    method: 'get',
    path: '/api/catalog/events',
    summary: 'Event names seen in the workspace with counts (capped)',
    tag: 'catalog',
  },
  {
    method: 'get',
    path: '/api/catalog/events/{name}/properties',
    summary: 'Properties of one event with inferred types and sample values',
    tag: 'catalog',
  },
  {
    method: 'get',
    path: '/api/recommendations/rules',
    summary:
      'Association rules between products bought together (support, confidence, lift); ?product=&minConfidence=&minLift=&limit=',
    tag: 'recommendations',
  },
  {
    method: 'post',
    path: '/api/recommendations/refresh',
    summary: 'Recompute the association rules now (they are also refreshed on a schedule)',
    tag: 'recommendations',
  },
  {
    method: 'get',
    path: '/api/recommendations/customers/{externalId}',
    summary: 'Products a customer has not bought, from the strongest rule of something they did',
    tag: 'recommendations',
  },
  {
    method: 'get',
    path: '/api/campaign-templates',
    summary:
      'The content library: subject, preheader, HTML and text for every kind of movement and tone',
    tag: 'campaigns',
  },
  { method: 'get', path: '/api/campaigns', summary: 'Campaigns, newest first', tag: 'campaigns' },
  {
    method: 'post',
    path: '/api/campaigns',
    summary:
      'A draft for an audience or a movement (its audience is created): content generated for the kind of movement and tone',
    tag: 'campaigns',
    body: createCampaignBodySchema,
  },
  { method: 'get', path: '/api/campaigns/{id}', summary: 'One campaign', tag: 'campaigns' },
  {
    method: 'patch',
    path: '/api/campaigns/{id}',
    summary: 'Edit a draft (content, holdout, kind, tone; regenerate from the library)',
    tag: 'campaigns',
    body: updateCampaignBodySchema,
  },
  {
    method: 'delete',
    path: '/api/campaigns/{id}',
    summary:
      'Delete a draft, or a launched campaign with its journey once nobody is in that journey (409 while customers are, naming how many); the audience stays',
    tag: 'campaigns',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/preview',
    summary: 'The content rendered for a member of the audience (?customer=external id)',
    tag: 'campaigns',
  },
  {
    method: 'post',
    path: '/api/campaigns/{id}/launch',
    summary: 'Send it through the journey engine (holdout, order summary, offer, e-mail), once',
    tag: 'campaigns',
  },
  {
    method: 'get',
    path: '/api/campaigns/{id}/stats',
    summary: 'Sends, held out, and conversion of treated vs held-out customers with the lift',
    tag: 'campaigns',
  },
  {
    method: 'get',
    path: '/api/workspace/secrets',
    summary: 'Names of the workspace secrets plugin nodes can read (values are never returned)',
    tag: 'workspace',
  },
  {
    method: 'put',
    path: '/api/workspace/secrets/{name}',
    summary: 'Set a secret ({value}) for ctx.secret(name)',
    tag: 'workspace',
    body: secretValueBodySchema,
  },
  {
    method: 'delete',
    path: '/api/workspace/secrets/{name}',
    summary: 'Remove a secret',
    tag: 'workspace',
  },
  {
    method: 'post',
    path: '/api/auth/sign-in',
    summary:
      'Sign in with e-mail and password: sets the httpOnly session cookie (429 with Retry-After after 5 failures for one e-mail in 15 minutes)',
    tag: 'access',
    body: signInBodySchema,
    public: true,
  },
  {
    method: 'post',
    path: '/api/auth/sign-out',
    summary: 'End the session of the cookie and clear it',
    tag: 'access',
    public: true,
  },
  {
    method: 'get',
    path: '/api/auth/me',
    summary: 'The caller (person with role, or API key with scope) and the workspace',
    tag: 'access',
  },
  {
    method: 'post',
    path: '/api/auth/password-reset',
    summary:
      'Ask for a one-time reset link (1 hour) by e-mail: always 202; the link is logged and e-mailed when SMTP_URL is set',
    tag: 'access',
    body: passwordResetRequestBodySchema,
    public: true,
  },
  {
    method: 'post',
    path: '/api/auth/link',
    summary:
      'What a setup, reset or invite link is for (e-mail, role, workspace) before it is used',
    tag: 'access',
    body: tokenInfoBodySchema,
    public: true,
  },
  {
    method: 'post',
    path: '/api/auth/setup',
    summary: "Use the owner's setup link: choose the password and sign in",
    tag: 'access',
    body: setPasswordBodySchema,
    public: true,
  },
  {
    method: 'post',
    path: '/api/auth/reset',
    summary: "Use a reset link: set the password, end the person's other sessions, sign in",
    tag: 'access',
    body: setPasswordBodySchema,
    public: true,
  },
  {
    method: 'post',
    path: '/api/auth/accept-invite',
    summary: 'Use an invite link: choose a password and sign in',
    tag: 'access',
    body: setPasswordBodySchema,
    public: true,
  },
  {
    method: 'get',
    path: '/api/members',
    summary: 'Members with role and status (invited or active); owners only',
    tag: 'access',
  },
  {
    method: 'patch',
    path: '/api/members/{id}',
    summary: "Change a member's role (never the last owner); owners only",
    tag: 'access',
    body: memberRoleBodySchema,
  },
  {
    method: 'delete',
    path: '/api/members/{id}',
    summary: 'Remove a member and end their sessions (never the last owner); owners only',
    tag: 'access',
  },
  {
    method: 'post',
    path: '/api/invites',
    summary:
      'Invite an e-mail with a role: answers the one-time link (7 days), also logged and e-mailed; owners only',
    tag: 'access',
    body: inviteBodySchema,
  },
  {
    method: 'get',
    path: '/api/api-keys',
    summary: 'API keys with scope, created and last used (about once a minute); owners only',
    tag: 'access',
  },
  {
    method: 'post',
    path: '/api/api-keys',
    summary:
      'Create a key with a scope (ingest: /v1/* only; admin: everything, as an owner); the key is in this answer only; owners only',
    tag: 'access',
    body: createApiKeyBodySchema,
  },
  {
    method: 'delete',
    path: '/api/api-keys/{id}',
    summary: 'Revoke a key: it answers 401 from then on; owners only',
    tag: 'access',
  },
  {
    method: 'get',
    path: '/api/audit-log',
    summary:
      'Who did what: publishes, launches, pauses, deletions, keys, members, sign-ins; newest first (?limit=&offset=&action=); owners only',
    tag: 'access',
  },
];
