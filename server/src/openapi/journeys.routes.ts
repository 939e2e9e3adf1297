import {
  createCampaignBodySchema,
  updateCampaignBodySchema,
  createJourneyBodySchema,
  updateJourneyBodySchema,
  journeyWalkBodySchema,
  stepPreviewBodySchema,
  stepTestSendBodySchema,
} from '@switchyard/contracts';
import type { ApiRoute } from './api-routes.js';

/** Journeys, their deliveries and campaigns. */
export const journeyRoutes: ApiRoute[] = [
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
    path: '/api/journeys/{id}/preview-step',
    summary:
      "Dry-run one step (the node as edited, saved or not) for a customer (internal or external id; left out: the customer of the journey's newest run, else one the trigger would start, else the newest): the messages it would send as rendered, the traits and audiences it would set, and where it would go; nothing is sent or written (no HTTP calls, secrets shown as placeholders, caps and quiet hours not applied)",
    tag: 'journeys',
    body: stepPreviewBodySchema,
  },
  {
    method: 'post',
    path: '/api/journeys/{id}/preview-run',
    summary:
      "Walk the whole journey (the graph as edited, or the saved draft) for a customer as a dry run, from the trigger's first step: each step as preview-step runs it, the context and traits of earlier steps carried along, waits passed at once (their after-waiting path), at most 50 steps; nothing is sent or written",
    tag: 'journeys',
    body: journeyWalkBodySchema,
  },
  {
    method: 'post',
    path: '/api/journeys/{id}/test-send',
    summary:
      'Send the messages a step would send a customer (as in preview-step) now as a test: an e-mail to the address `to` (subject prefixed "[Test] ", through the workspace\'s e-mail server), an SMS to the phone number `to` (through the workspace\'s SMS provider), a webhook to its own URL (signed, marked X-Switchyard-Test: 1; its status and answer returned whatever they are); not a journey message (no outbox, caps or retries); 422 when the step would fail, 400 when it sends nothing or `to` does not fit the channel, 502 when the server, provider or URL refused or did not answer; audited',
    tag: 'journeys',
    body: stepTestSendBodySchema,
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
    path: '/api/node-types',
    summary: 'Action node types with their settings JSON Schema',
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
];
