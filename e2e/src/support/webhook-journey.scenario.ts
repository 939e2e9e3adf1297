import { expect } from 'vitest';
import type { HttpSink } from './http-sink.js';
import { type JourneyApi, trigger } from './journey-api.js';
import { waitFor } from './switchyard.harness.js';

export interface WebhookJourneyRun {
  segment: string;
  journey: string;
}

/**
 * The real-time journey of the deployment tests (process roles, Redis Cluster): a
 * "Buyers" segment (one order or more) with its baseline evaluated, and a published
 * journey that posts the entering customer's id to `sink` at `path`. One order tracked
 * for `userId` must move them in real time, run the step and deliver the webhook once.
 */
export async function runWebhookJourney(
  api: JourneyApi,
  sink: HttpSink,
  run: { name: string; path: string; userId: string; total: number },
): Promise<WebhookJourneyRun> {
  const segment = await api.segment('Buyers', {
    event: 'Order Completed',
    aggregate: { fn: 'count' },
    op: 'gte',
    value: 1,
  });
  await api.evaluate();
  const journey = await api.publish(
    run.name,
    [
      trigger({ kind: 'segment_entered', segmentId: segment }),
      {
        id: 'hook',
        type: 'webhook',
        config: { url: `${sink.url}${run.path}`, body: '{"id":"{{customer.externalId}}"}' },
      },
    ],
    [['trigger', 'hook']],
  );

  await api.track(run.userId, 'Order Completed', { total: run.total });

  const hook = await waitFor(
    async () => sink.requests.find((r) => r.path === run.path),
    30_000,
    'the webhook',
  );
  expect(JSON.parse(hook.body)).toEqual({ id: run.userId });
  expect(await api.settled(journey, 1)).toEqual({ completed: 1 });
  return { segment, journey };
}
