import request from 'supertest';
import type { JourneyGraph, Rule } from '@switchyard/contracts';
import type { RunningSwitchyard } from '../../src/support/switchyard.harness.js';

/** The webhook body of the benchmark journeys: the sink keys arrivals by this id. */
export const WEBHOOK_BODY = '{"id":"{{customer.externalId}}"}';

/** External id of the i-th benchmark customer. */
export function benchCustomerId(i: number): string {
  return `bench-${i}`;
}

function auth(app: RunningSwitchyard) {
  return { Authorization: `Bearer ${app.apiKey}` };
}

/**
 * `count` customers through POST /api/imports (one identify line each, streamed), every
 * one with `bench: "journey"` and every other one with `tier: "vip"` (else "regular").
 */
export async function importCustomers(app: RunningSwitchyard, count: number): Promise<void> {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(
      JSON.stringify({
        type: 'identify',
        userId: benchCustomerId(i),
        traits: { bench: 'journey', tier: i % 2 === 0 ? 'vip' : 'regular' },
        messageId: `bench-identify-${i}`,
      }),
    );
  }
  const res = await request(app.url)
    .post('/api/imports')
    .set(auth(app))
    .set('Content-Type', 'application/x-ndjson')
    .send(`${lines.join('\n')}\n`);
  if (res.body.status !== 'completed' || res.body.customersUpserted !== count)
    throw new Error(`import failed: ${JSON.stringify(res.body).slice(0, 500)}`);
}

export async function createSegment(
  app: RunningSwitchyard,
  name: string,
  rule: Rule,
): Promise<string> {
  const res = await request(app.url).post('/api/segments').set(auth(app)).send({ name, rule });
  if (res.status !== 201) throw new Error(`segment: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Creates and publishes a journey; returns its id. */
export async function publishJourney(
  app: RunningSwitchyard,
  name: string,
  graph: JourneyGraph,
): Promise<string> {
  const created = await request(app.url).post('/api/journeys').set(auth(app)).send({ name, graph });
  if (created.status !== 201)
    throw new Error(`journey: ${created.status} ${JSON.stringify(created.body)}`);
  const published = await request(app.url)
    .post(`/api/journeys/${created.body.id}/publish`)
    .set(auth(app))
    .send();
  if (published.status !== 201)
    throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  return created.body.id as string;
}

/** POST /api/evaluations (every segment, as of now): memberships, transitions, enrollments. */
export async function evaluateNow(app: RunningSwitchyard): Promise<void> {
  const res = await request(app.url).post('/api/evaluations').set(auth(app)).send({});
  if (res.status !== 200) throw new Error(`evaluation: ${res.status} ${JSON.stringify(res.body)}`);
}

function node(id: string, type: string, y: number, config: Record<string, unknown>, x = 0) {
  return { id, type, position: { x, y }, config };
}

function webhookConfig(sinkUrl: string) {
  return { url: sinkUrl, method: 'POST', body: WEBHOOK_BODY };
}

/**
 * segment_entered → condition_branch (vip: `tier = vip`, else) → both into one
 * wait 0 s → webhook to the sink: three steps per enrollment.
 */
export function branchWaitWebhook(segmentId: string, sinkUrl: string): JourneyGraph {
  return {
    nodes: [
      node('trigger', 'trigger', 0, { kind: 'segment_entered', segmentId }),
      node('branch', 'condition_branch', 150, {
        branches: [
          { key: 'vip', label: 'VIP', rule: { attribute: 'tier', op: 'eq', value: 'vip' } },
        ],
      }),
      node('wait', 'wait', 300, { amount: 0, unit: 'seconds' }),
      node('webhook', 'webhook', 450, webhookConfig(sinkUrl)),
    ],
    edges: [
      { id: 'trigger-branch', source: 'trigger', target: 'branch' },
      { id: 'branch-vip-wait', source: 'branch', sourceHandle: 'vip', target: 'wait' },
      { id: 'branch-else-wait', source: 'branch', sourceHandle: 'else', target: 'wait' },
      { id: 'wait-webhook', source: 'wait', target: 'webhook' },
    ],
  };
}

/** segment_entered → webhook to the sink: the first step is the delivery. */
export function triggerThenWebhook(segmentId: string, sinkUrl: string): JourneyGraph {
  return {
    nodes: [
      node('trigger', 'trigger', 0, { kind: 'segment_entered', segmentId }),
      node('webhook', 'webhook', 150, webhookConfig(sinkUrl)),
    ],
    edges: [{ id: 'trigger-webhook', source: 'trigger', target: 'webhook' }],
  };
}
