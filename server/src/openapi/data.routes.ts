import {
  batchBodySchema,
  identifyMessageSchema,
  smsInboundBodySchema,
  emailFeedbackBodySchema,
  subscriptionBodySchema,
  subscriptionTopicBodySchema,
  subscriptionTopicPatchSchema,
  trackMessageSchema,
} from '@switchyard/contracts';
import type { ApiRoute } from './api-routes.js';

/** Health, ingest, customers and the catalog with its recommendations. */
export const dataRoutes: ApiRoute[] = [
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
    path: '/v1/sms/inbound',
    summary:
      "A customer's text as the SMS provider forwards it (Twilio's form fields From and Body, or JSON {from, body}): STOP unsubscribes the customers with that phone trait from marketing SMS, START subscribes them again, other texts are ignored",
    tag: 'ingest',
    body: smsInboundBodySchema,
    rawBody: ['application/x-www-form-urlencoded'],
  },
  {
    method: 'post',
    path: '/v1/email/feedback',
    summary:
      "Bounces and spam complaints an e-mail provider reports after sending ({events: [{type: 'hard_bounce' | 'complaint', address, messageId?, reason?}]}): a hard bounce suppresses the address; a complaint unsubscribes the customer from marketing e-mail and counts on the step that sent it (by Message-ID); repeats change nothing",
    tag: 'ingest',
    body: emailFeedbackBodySchema,
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
    path: '/api/customers',
    summary: 'Customers, newest first, with their segment labels (?q= searches id, name, e-mail)',
    tag: 'customers',
  },
  {
    method: 'get',
    path: '/api/customers/{id}',
    summary:
      'A customer with traits, segments, segment history, recent events, journeys and marketing subscriptions',
    tag: 'customers',
  },
  {
    method: 'put',
    path: '/api/customers/{id}/subscriptions/{channel}',
    summary:
      "Unsubscribe a customer from a channel's (email, sms) marketing messages, or subscribe them again; transactional messages go either way; audited",
    tag: 'customers',
    body: subscriptionBodySchema,
  },
  {
    method: 'put',
    path: '/api/customers/{id}/subscriptions/topics/{topicId}',
    summary:
      "Unsubscribe a customer from one of the workspace's subscription topics (they still get the channel's other marketing e-mail), or subscribe them again; audited",
    tag: 'customers',
    body: subscriptionBodySchema,
  },
  {
    method: 'get',
    path: '/api/subscription-topics',
    summary: 'Subscription topics, with how many customers left each',
    tag: 'customers',
  },
  {
    method: 'post',
    path: '/api/subscription-topics',
    summary:
      'Create a subscription topic (a kind of marketing e-mail customers can leave on its own); 409 for a name taken; audited',
    tag: 'customers',
    body: subscriptionTopicBodySchema,
  },
  { method: 'get', path: '/api/subscription-topics/{id}', summary: 'One topic', tag: 'customers' },
  {
    method: 'patch',
    path: '/api/subscription-topics/{id}',
    summary: 'Rename a topic or change its description; audited',
    tag: 'customers',
    body: subscriptionTopicPatchSchema,
  },
  {
    method: 'delete',
    path: '/api/subscription-topics/{id}',
    summary:
      'Delete a topic and its opt-outs (409 naming the draft campaigns and the live or paused journeys, or runs in flight, that still send under it); audited',
    tag: 'customers',
  },
  {
    method: 'get',
    path: '/c/{token}',
    summary:
      "A tracked link of a marketing e-mail (?u=<destination>): counts the e-mail's first click of it on its step, records an 'Email Clicked' event and answers 302 to the destination; 404 when the token was not signed for that destination",
    tag: 'customers',
    public: true,
  },
  {
    method: 'get',
    path: '/o/{token}',
    summary:
      "The open pixel of a marketing e-mail (a 1x1 GIF, never cached): counts the e-mail's first open on its step and records an 'Email Opened' event; an image whatever the token",
    tag: 'customers',
    public: true,
  },
  {
    method: 'get',
    path: '/u/{token}',
    summary:
      "The unsubscribe page of a marketing e-mail's link (HTML): asks before it unsubscribes; opening it changes nothing",
    tag: 'customers',
    public: true,
  },
  {
    method: 'post',
    path: '/u/{token}',
    summary:
      "Unsubscribe the link's customer: the page's buttons (scope=topic leaves the e-mail's subscription topic, scope=all every marketing e-mail), or a mail client's one-click request (RFC 8058, body List-Unsubscribe=One-Click: the e-mail's topic, else all marketing e-mail); HTML answer, 404 for a link that is not valid",
    tag: 'customers',
    public: true,
    rawBody: ['application/x-www-form-urlencoded'],
  },
  {
    method: 'get',
    path: '/u/{token}/preferences',
    summary:
      "The preference center of a marketing e-mail's link (HTML): marketing e-mail and each subscription topic, ticked when subscribed",
    tag: 'customers',
    public: true,
  },
  {
    method: 'post',
    path: '/u/{token}/preferences',
    summary:
      'Save the preference center as a whole (email=on, topic=<id> per topic kept): unticked is an opt-out, ticked again subscribes again; 303 to the page with ?saved=1',
    tag: 'customers',
    public: true,
    rawBody: ['application/x-www-form-urlencoded'],
  },
  {
    method: 'get',
    path: '/api/email-suppressions',
    summary:
      'Addresses no longer e-mailed after a hard bounce (the server refused the address for good), newest first; ?limit=',
    tag: 'customers',
  },
  {
    method: 'delete',
    path: '/api/email-suppressions/{address}',
    summary: 'E-mail the address again (the customer fixed their mailbox); audited',
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
];
