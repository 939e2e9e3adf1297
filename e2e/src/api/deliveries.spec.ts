import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpSink, startHttpSink } from '../support/http-sink.js';
import { JourneyApi, trigger } from '../support/journey-api.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

interface Delivery {
  id: string;
  status: string;
  channel: string;
  recipient: string | null;
  summary: string | null;
  customer: { id: string; externalId: string } | null;
  journey: { id: string; name: string; stepId: string; stepTitle: string } | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string | null;
}

/**
 * GET /api/deliveries lists the workspace's messages that did not go out; a failed one is
 * sent again, alone or with every other failed one, once each, under its idempotency key.
 */
describe('deliveries: failed and waiting messages, sent again', () => {
  let app: RunningSwitchyard;
  let api: JourneyApi;
  let sink: HttpSink;
  let journeyId: string;

  const failed = async (query = '') =>
    (await api.get(`/api/deliveries?status=failed${query}`).expect(200)).body as {
      items: Delivery[];
      total: number;
      counts: { failed: number; pending: number };
    };
  /** Polls until `check` holds (waitFor waits for a value that is not undefined). */
  const until = (check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) =>
    waitFor(async () => ((await check()) ? true : undefined), timeoutMs, what);
  const postsFor = (userId: string) =>
    sink.requests.filter((r) => r.body === JSON.stringify({ id: userId }));

  beforeAll(async () => {
    sink = await startHttpSink();
    // The receiver refuses the payload: a 400 is not retried, the message fails for good.
    sink.failNext(1_000, 400);
    app = await startSwitchyard({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
    api = new JourneyApi(app);
    const segment = await api.segment('Hooked', { attribute: 'hooked', op: 'eq', value: true });
    journeyId = await api.publish(
      'Order hook',
      [
        trigger({ kind: 'segment_entered', segmentId: segment }),
        {
          id: 'hook',
          type: 'webhook',
          config: {
            url: `${sink.url}/orders`,
            method: 'POST',
            body: '{"id":"{{customer.externalId}}"}',
          },
        },
      ],
      [['trigger', 'hook']],
    );
    await api.identify([
      { userId: 'hook-a', traits: { hooked: true } },
      { userId: 'hook-b', traits: { hooked: true } },
    ]);
    await api.evaluate();
    await until(async () => (await failed()).total === 2, 20_000, 'two failed messages');
  });
  afterAll(async () => {
    await app?.stop();
    await sink?.stop();
  });

  it('lists failed messages with what, to whom, from which step, and the error', async () => {
    const page = await failed();
    expect(page.counts).toEqual({ failed: 2, pending: 0 });
    expect(page.items.map((d) => d.customer?.externalId).sort()).toEqual(['hook-a', 'hook-b']);
    const [first] = page.items;
    expect(first).toMatchObject({
      status: 'failed',
      channel: 'webhook',
      recipient: `${sink.url}/orders`,
      summary: `POST ${new URL(sink.url).host}`,
      journey: { id: journeyId, name: 'Order hook', stepId: 'hook', stepTitle: 'Call webhook' },
      attempts: 1,
    });
    expect(first?.lastError).toMatch(/400/);
    // Filters: another channel has none; the waiting tab is empty.
    expect((await failed('&channel=sms')).items).toEqual([]);
    expect((await failed('&channel=sms')).total).toBe(0);
    const waiting = await api.get('/api/deliveries?status=pending').expect(200);
    expect(waiting.body.items).toEqual([]);
    const bad = await api.get('/api/deliveries?status=sent');
    expect(bad.status).toBe(400);
    // One journey's step (the canvas links here): its messages, and its counts.
    const ofStep = await failed(`&journeyId=${journeyId}&stepId=hook`);
    expect(ofStep.total).toBe(2);
    expect(ofStep.counts).toEqual({ failed: 2, pending: 0 });
    const otherStep = await failed(`&journeyId=${journeyId}&stepId=other`);
    expect(otherStep.items).toEqual([]);
    expect(otherStep.counts).toEqual({ failed: 0, pending: 0 });
    const otherJourney = await failed(`&journeyId=00000000-0000-0000-0000-000000000000`);
    expect(otherJourney.total).toBe(0);
    const stepAlone = await api.get('/api/deliveries?stepId=hook');
    expect(stepAlone.status).toBe(400);
    expect(JSON.stringify(stepAlone.body)).toContain('needs journeyId');
  });

  it('sends one failed message again, once, with the same idempotency key', async () => {
    const page = await failed();
    const target = page.items.find((d) => d.customer?.externalId === 'hook-a');
    if (!target) throw new Error('no failed message for hook-a');
    const refusedKey = postsFor('hook-a')[0]?.headers['idempotency-key'];
    expect(refusedKey).toBeTruthy();
    sink.failNext(0, 200);

    const retried = await api.post(`/api/deliveries/${target.id}/retry`);
    expect(retried.status).toBe(200);
    expect(['pending', 'sent']).toContain(retried.body.status);
    expect(retried.body.nextAttemptAt).toBeNull();
    await until(() => postsFor('hook-a').length === 2, 10_000, 'the retried POST');
    const accepted = postsFor('hook-a')[1];
    expect(accepted?.headers['idempotency-key']).toBe(refusedKey);
    await until(async () => (await failed()).total === 1, 10_000, 'one failed message left');

    // Sent now: a second retry is refused and sends nothing.
    const again = await api.post(`/api/deliveries/${target.id}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('the message was sent already');
    expect(
      (await api.post('/api/deliveries/00000000-0000-0000-0000-000000000000/retry')).status,
    ).toBe(404);
    expect(postsFor('hook-a')).toHaveLength(2);
    // hook-b was not touched.
    expect(postsFor('hook-b')).toHaveLength(1);
  });

  it('sends every failed message of a channel again, then there are none', async () => {
    const none = await api.post('/api/deliveries/retry', { channel: 'sms' }).expect(200);
    expect(none.body).toEqual({ retried: 0 });
    const otherStep = await api
      .post('/api/deliveries/retry', { journeyId, stepId: 'other' })
      .expect(200);
    expect(otherStep.body).toEqual({ retried: 0 });
    const all = await api.post('/api/deliveries/retry', { journeyId, stepId: 'hook' }).expect(200);
    expect(all.body).toEqual({ retried: 1 });
    await until(() => postsFor('hook-b').length === 2, 10_000, 'the second retried POST');
    await until(
      async () => {
        const page = await failed();
        return page.counts.failed === 0 && page.counts.pending === 0;
      },
      10_000,
      'no failed or waiting message',
    );
    const { rows } = await app.db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM outbox GROUP BY status`,
    );
    expect(rows).toEqual([{ status: 'sent', n: 2 }]);
    // Each customer got one accepted POST (after one refused).
    expect(postsFor('hook-a')).toHaveLength(2);
    expect(postsFor('hook-b')).toHaveLength(2);
    const log = (await api.get('/api/audit-log?limit=20').expect(200)).body.entries as {
      action: string;
      details: Record<string, unknown>;
    }[];
    expect(log.map((e) => e.action)).toEqual(
      expect.arrayContaining(['message.retried', 'messages.retried']),
    );
    expect(
      log.find((e) => e.action === 'messages.retried' && e.details['retried'] === 1),
    ).toBeTruthy();
  });

  it('lists a message that is being retried as waiting, with its last error, until it goes out', async () => {
    // The receiver is briefly down: 503s are retried with backoff (1 s, 2 s, ...).
    sink.failNext(3, 503, 'down for maintenance');
    await api.identify([{ userId: 'hook-c', traits: { hooked: true } }]);
    await api.evaluate();
    const waiting = await waitFor(
      async () => {
        const page = (await api.get('/api/deliveries?status=pending').expect(200)).body as {
          items: Delivery[];
          counts: { pending: number };
        };
        const item = page.items.find((d) => d.customer?.externalId === 'hook-c');
        return item && item.attempts >= 1 ? { item, counts: page.counts } : undefined;
      },
      15_000,
      'the message to wait for its retry',
    );
    expect(waiting.item).toMatchObject({ status: 'pending', channel: 'webhook' });
    expect(waiting.item.lastError).toMatch(/503/);
    // Its next attempt: after the backoff (1 s, 2 s, ...), not before the last one failed.
    const next = Date.parse(waiting.item.nextAttemptAt ?? '');
    expect(next).toBeGreaterThan(Date.parse(waiting.item.createdAt));
    expect(next - Date.parse(waiting.item.createdAt)).toBeLessThan(15_000);
    expect(waiting.counts.pending).toBe(1);
    await until(
      () => postsFor('hook-c').some((r) => r.status === 200),
      30_000,
      'the retried message to go out',
    );
    await until(async () => (await failed()).counts.pending === 0, 10_000, 'nothing left waiting');
    expect(postsFor('hook-c').map((r) => r.status)).toEqual([503, 503, 503, 200]);
  });

  it('sends a waiting message now when asked, instead of at the time its endpoint asked for', async () => {
    sink.failNext(1, 503, 'back in ten minutes', { 'retry-after': '600' });
    await api.identify([{ userId: 'hook-d', traits: { hooked: true } }]);
    await api.evaluate();
    const waiting = await waitFor(
      async () => {
        const page = (await api.get('/api/deliveries?status=pending').expect(200)).body as {
          items: Delivery[];
        };
        return page.items.find((d) => d.customer?.externalId === 'hook-d' && d.attempts === 1);
      },
      15_000,
      'the message to wait for the Retry-After',
    );
    expect(Date.parse(waiting.nextAttemptAt ?? '') - Date.now()).toBeGreaterThan(500_000);
    const path = `/api/deliveries/${waiting.id}/retry`;

    // Its job due already (as when its time has come): it is going out, nothing to hurry.
    await app.db.query(`UPDATE outbox SET next_attempt_at = NULL WHERE id = $1`, [waiting.id]);
    const going = await api.post(path);
    expect(going.status).toBe(409);
    expect(going.body.message).toBe('the message is already going out');
    expect(postsFor('hook-d')).toHaveLength(1);
    await app.db.query(
      `UPDATE outbox SET next_attempt_at = now() + interval '10 minutes' WHERE id = $1`,
      [waiting.id],
    );

    // Sent now: its delayed job promoted, the wait forgotten.
    const hurried = await api.post(path);
    expect(hurried.status).toBe(200);
    expect(hurried.body).toMatchObject({ id: waiting.id, nextAttemptAt: null });
    await until(
      () => postsFor('hook-d').some((r) => r.status === 200),
      10_000,
      'the message to go out now',
    );
    const [refused, accepted] = postsFor('hook-d');
    expect([refused?.status, accepted?.status]).toEqual([503, 200]);
    expect(accepted?.headers['idempotency-key']).toBe(refused?.headers['idempotency-key']);
    await until(async () => (await failed()).counts.pending === 0, 10_000, 'nothing left waiting');
    const again = await api.post(path);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('the message was sent already');
    expect(postsFor('hook-d')).toHaveLength(2);
  });

  it('reads a page and its counts at one moment, while messages change status', async () => {
    // One message fails and goes out over and over while the page is read: each answer
    // must list exactly the failed messages it counts (the browser follows waiting
    // messages by the count, and stopped when a row and the count disagreed).
    await until(async () => (await failed()).counts.pending === 0, 10_000, 'nothing waiting');
    const [row] = (
      await app.db.query<{ id: string; status: string; sent_at: Date | null }>(
        `SELECT id, status, sent_at FROM outbox ORDER BY created_at LIMIT 1`,
      )
    ).rows;
    if (!row) throw new Error('no message to change');
    let reading = true;
    let flips = 0;
    const flipping = (async () => {
      while (reading) {
        await app.db.query(
          `UPDATE outbox SET status = CASE status WHEN 'failed' THEN 'sent' ELSE 'failed' END,
                  sent_at = CASE status WHEN 'failed' THEN now() END
            WHERE id = $1`,
          [row.id],
        );
        flips += 1;
      }
    })();
    const disagreements: string[] = [];
    try {
      for (let i = 0; i < 150; i += 1) {
        const page = await failed();
        if (page.items.length !== page.total || page.total !== page.counts.failed)
          disagreements.push(
            `${page.items.length} listed, total ${page.total}, ${page.counts.failed} failed`,
          );
      }
    } finally {
      reading = false;
      await flipping;
      await app.db.query(`UPDATE outbox SET status = $2, sent_at = $3 WHERE id = $1`, [
        row.id,
        row.status,
        row.sent_at,
      ]);
    }
    expect(flips).toBeGreaterThan(150);
    expect(disagreements).toEqual([]);
  });
});
