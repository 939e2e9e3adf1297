import { performance } from 'node:perf_hooks';
import type { RunningSwitchyard } from '../../src/support/switchyard.harness.js';

export interface SentEvent {
  userId: string;
  /** Date.now() when the request was started. */
  at: number;
  /** Round trip of POST /v1/track, ms (0 until answered). */
  requestMs: number;
  /** HTTP status, -1 for a network error, 0 while in flight. */
  status: number;
}

export interface SendReport {
  events: SentEvent[];
  seconds: number;
  maxInFlight: number;
}

/**
 * Open loop: event i of `count` goes out at i / rate seconds whatever the answers before
 * it (so a slow server sees requests pile up, as it would in production). Each event is
 * an `Order Completed` from a new customer `<prefix>-<i>`. Resolves once every request
 * has been answered.
 */
export async function sendOrderEvents(
  app: RunningSwitchyard,
  options: { prefix: string; count: number; rate: number },
): Promise<SendReport> {
  const { prefix, count, rate } = options;
  const auth = `Bearer ${app.apiKey}`;
  const events: SentEvent[] = [];
  const inFlight = new Set<Promise<void>>();
  const send = (i: number) => {
    const entry: SentEvent = { userId: `${prefix}-${i}`, at: Date.now(), requestMs: 0, status: 0 };
    const started = performance.now();
    events.push(entry);
    const request = fetch(`${app.url}/v1/track`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        userId: entry.userId,
        event: 'Order Completed',
        properties: { total: 10 + (i % 90) },
        messageId: `${prefix}-${i}`,
      }),
    })
      .then(async (res) => {
        await res.arrayBuffer();
        entry.status = res.status;
      })
      .catch(() => {
        entry.status = -1;
      })
      .finally(() => {
        entry.requestMs = performance.now() - started;
        inFlight.delete(request);
      });
    inFlight.add(request);
  };

  const t0 = performance.now();
  let next = 0;
  let maxInFlight = 0;
  while (next < count) {
    const due = Math.min(count, Math.floor(((performance.now() - t0) * rate) / 1000) + 1);
    for (; next < due; next++) send(next);
    maxInFlight = Math.max(maxInFlight, inFlight.size);
    await new Promise((r) => setTimeout(r, 2));
  }
  const seconds = (performance.now() - t0) / 1000;
  await Promise.all(inFlight);
  return { events, seconds, maxInFlight };
}
