import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_QUEUES } from '../../../server/dist/queues/queue-names.js';
import { startHttpSink, type HttpSink } from '../support/http-sink.js';
import { JourneyApi, trigger } from '../support/journey-api.js';
import { parseMetrics, scrape, select, total, type Sample } from '../support/prometheus-text.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

const METRICS_TOKEN = `metrics-${randomBytes(12).toString('hex')}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The server's JSON log lines (the banner and other plain lines skipped). */
function logLines(app: RunningSwitchyard): Record<string, unknown>[] {
  return app
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * Operations: Prometheus metrics after real traffic and a journey run, METRICS_TOKEN,
 * Bull Board for owners, and request / job ids in the server's log lines.
 */
describe('operations: metrics, Bull Board, request ids', () => {
  let app: RunningSwitchyard;
  let sink: HttpSink;
  let api: JourneyApi;
  let journey: string;

  beforeAll(async () => {
    sink = await startHttpSink();
    app = await startSwitchyard({
      env: { WEBHOOK_ALLOW_PRIVATE: 'true', METRICS_TOKEN, LOG_LEVEL: 'info' },
    });
    api = new JourneyApi(app);
    // A segment with a full baseline (so events re-evaluate it in real time), and a
    // journey that calls a webhook and logs an e-mail for everyone who enters it.
    const segment = await api.segment('Buyers', {
      event: 'Order Completed',
      aggregate: { fn: 'count' },
      op: 'gte',
      value: 1,
    });
    await api.evaluate();
    journey = await api.publish(
      'Ops journey',
      [
        trigger({ kind: 'segment_entered', segmentId: segment }),
        {
          id: 'hook',
          type: 'webhook',
          config: { url: `${sink.url}/hook`, body: '{"id":"{{customer.externalId}}"}' },
        },
        {
          id: 'mail',
          type: 'send_email',
          config: { to: 'ops@example.test', subject: 'Hi', html: '<p>Hi</p>' },
        },
      ],
      [
        ['trigger', 'hook'],
        ['hook', 'mail'],
      ],
    );
    await api.track('ops-1', 'Order Completed', { total: 10 });
    await api.track('ops-2', 'Order Completed', { total: 20 });
    await waitFor(
      async () => (sink.requests.length >= 2 ? true : undefined),
      30_000,
      'two webhooks',
    );
    await api.settled(journey, 2);
    // A segment group, evaluated once, for the group evaluation histogram.
    const group = await api
      .post('/api/segment-groups', {
        name: 'Buyers or not',
        members: [{ segmentId: segment, growthIsGood: true }],
        fallback: { label: 'Others', growthIsGood: false },
      })
      .expect(201);
    await api.post(`/api/segment-groups/${group.body.id}/evaluations`, {}).expect(200);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await sink?.stop();
  });

  describe('/metrics', () => {
    let samples: Sample[];
    beforeAll(async () => {
      samples = await scrape(app.url, METRICS_TOKEN);
    });

    it('needs the METRICS_TOKEN when one is configured, not an API key', async () => {
      const none = await request(app.url).get('/metrics').expect(401);
      expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(none.body.message).toContain('METRICS_TOKEN');
      await request(app.url)
        .get('/metrics')
        .set('Authorization', `Bearer ${app.apiKey}`)
        .expect(401);
      await request(app.url)
        .get('/metrics')
        .set('Authorization', `Bearer ${METRICS_TOKEN}x`)
        .expect(401);
      const ok = await request(app.url)
        .get('/metrics')
        .set('Authorization', `Bearer ${METRICS_TOKEN}`)
        .expect(200);
      expect(ok.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(parseMetrics(ok.text).length).toBeGreaterThan(100);
    });

    it('times HTTP requests by method, route pattern and status, with histogram buckets', () => {
      const name = 'switchyard_http_request_duration_seconds';
      expect(
        total(samples, `${name}_count`, { method: 'POST', route: '/v1/track', status: '200' }),
      ).toBeGreaterThanOrEqual(2);
      expect(
        total(samples, `${name}_count`, {
          method: 'POST',
          route: '/api/journeys/:id/publish',
          status: '201',
        }),
      ).toBe(1);
      const buckets = select(samples, `${name}_bucket`, { method: 'POST', route: '/v1/track' });
      expect(buckets.map((b) => b.labels.le)).toContain('+Inf');
      expect(buckets.length).toBeGreaterThan(5);
      // Patterns, never raw URLs: no id or query string ever becomes a label.
      for (const s of select(samples, `${name}_count`)) {
        expect(s.labels.route).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
        expect(s.labels.route).not.toContain('?');
      }
    });

    it('reads every queue depth and the oldest waiting job from BullMQ', () => {
      for (const queue of ALL_QUEUES) {
        for (const state of ['waiting', 'active', 'delayed', 'failed'])
          expect(
            select(samples, 'switchyard_queue_jobs', { queue, state }),
            `${queue} ${state}`,
          ).toHaveLength(1);
        expect(select(samples, 'switchyard_queue_oldest_waiting_seconds', { queue })).toHaveLength(
          1,
        );
      }
      // The reconciler's repeatable job is always scheduled.
      expect(
        total(samples, 'switchyard_queue_jobs', { queue: 'maintenance', state: 'delayed' }),
      ).toBeGreaterThanOrEqual(1);
    });

    it('counts journey steps, evaluations, deliveries and jobs', () => {
      // Two customers each ran the webhook and the e-mail node.
      expect(
        total(samples, 'switchyard_journey_step_duration_seconds_count', { outcome: 'ok' }),
      ).toBeGreaterThanOrEqual(4);
      expect(
        select(samples, 'switchyard_journey_step_duration_seconds_bucket', { le: '+Inf' }).length,
      ).toBeGreaterThan(0);
      expect(total(samples, 'switchyard_journey_step_batch_size_count')).toBeGreaterThan(0);
      const evaluations = 'switchyard_evaluation_duration_seconds_count';
      expect(total(samples, evaluations, { target: 'segment', mode: 'full' })).toBeGreaterThan(0);
      expect(
        total(samples, evaluations, { target: 'segment', mode: 'incremental' }),
      ).toBeGreaterThan(0);
      expect(total(samples, evaluations, { target: 'group', mode: 'full' })).toBe(1);
      expect(
        total(samples, 'switchyard_messages_total', { channel: 'webhook', result: 'sent' }),
      ).toBe(2);
      expect(
        total(samples, 'switchyard_messages_total', { channel: 'email', result: 'sent' }),
      ).toBe(2);
      expect(
        total(samples, 'switchyard_queue_job_duration_seconds_count', {
          queue: 'journey-steps',
          result: 'completed',
        }),
      ).toBeGreaterThanOrEqual(4);
      expect(
        total(samples, 'switchyard_queue_job_duration_seconds_count', {
          queue: 'segment-evaluation',
          result: 'completed',
        }),
      ).toBeGreaterThan(0);
    });

    it('includes the default process metrics', () => {
      for (const name of [
        'process_cpu_seconds_total',
        'process_resident_memory_bytes',
        'nodejs_eventloop_lag_seconds',
        'nodejs_heap_size_used_bytes',
      ])
        expect(select(samples, name).length, name).toBeGreaterThan(0);
    });

    it('is not part of the API document', async () => {
      const doc = await request(app.url).get('/api/docs').expect(200);
      const paths = Object.keys(doc.body.paths);
      expect(paths).not.toContain('/metrics');
      expect(paths.some((p) => p.startsWith('/admin'))).toBe(false);
    });
  });

  describe('Bull Board at /admin/queues', () => {
    const basic = (user: string) => `Basic ${Buffer.from(`${user}:`).toString('base64')}`;

    it('asks for credentials (401 with a Basic challenge) without an admin key', async () => {
      for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
        const res = await request(app.url).get(path).expect(401);
        expect(res.headers['www-authenticate']).toMatch(/^Basic realm="Switchyard admin"/);
      }
      await request(app.url)
        .get('/admin/queues')
        .set('Authorization', basic('sk_not_a_real_key_0000000000'))
        .expect(401);
    });

    it('shows the board to an admin key (HTTP Basic, as a browser sends it)', async () => {
      const page = await request(app.url)
        .get('/admin/queues')
        .set('Authorization', basic(app.apiKey))
        .expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('<base href="/admin/queues/"');
      expect(page.text).toContain('Switchyard queues');
      // No request to a third party from an operator's page.
      expect(page.text).not.toMatch(/fonts\.(googleapis|gstatic)\.com/);
      expect(page.text).toContain('static/css/main.');
      const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(page.text)?.[1];
      expect(script).toBeTruthy();
      await request(app.url)
        .get(`/admin/queues/${script}`)
        .set('Authorization', basic(app.apiKey))
        .expect(200)
        .expect('content-type', /javascript/);
    });

    it('lists every queue in its JSON API (bearer key)', async () => {
      const res = await request(app.url)
        .get('/admin/queues/api/queues')
        .set('Authorization', `Bearer ${app.apiKey}`)
        .expect(200);
      const names = (res.body.queues as { name: string }[]).map((q) => q.name).sort();
      expect(names).toEqual([...ALL_QUEUES].sort());
      const maintenance = (
        res.body.queues as { name: string; counts: Record<string, number> }[]
      ).find((q) => q.name === 'maintenance');
      expect(maintenance?.counts.delayed).toBeGreaterThanOrEqual(1);
    });
  });

  describe('request and job ids in the logs', () => {
    it('echoes X-Request-Id and puts it on every line of the request, service lines included', async () => {
      const requestId = `ops-${randomBytes(6).toString('hex')}`;
      const ndjson = [
        { type: 'identify', userId: 'imp-1', traits: { plan: 'pro' } },
        { type: 'track', userId: 'imp-1', event: 'Visit', properties: {} },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n');
      const res = await request(app.url)
        .post('/api/imports')
        .set('Authorization', `Bearer ${app.apiKey}`)
        .set('X-Request-Id', requestId)
        .set('Content-Type', 'application/x-ndjson')
        .send(ndjson);
      expect(res.status).toBeLessThan(300);
      expect(res.headers['x-request-id']).toBe(requestId);
      const lines = await waitFor(
        async () => {
          const mine = logLines(app).filter((l) => l.reqId === requestId);
          return mine.some((l) => l.msg === 'request completed') ? mine : undefined;
        },
        10_000,
        'the request log lines',
      );
      // The import service logs through Nest's Logger while the request runs.
      expect(lines.filter((l) => l.context === 'ImportStreamService').length).toBeGreaterThan(0);
      const done = lines.find((l) => l.msg === 'request completed') as {
        req: { id: string; headers: Record<string, string> };
        res: { statusCode: number };
      };
      expect(done.req.id).toBe(requestId);
      expect(done.req.headers.authorization).toBe('[Redacted]');
    });

    it('makes a UUID when the caller sends none (or an unusable one), on any route', async () => {
      const plain = await request(app.url)
        .get('/api/segments')
        .set('Authorization', `Bearer ${app.apiKey}`)
        .expect(200);
      expect(plain.headers['x-request-id']).toMatch(UUID);
      const junk = await request(app.url)
        .get('/api/no/such/route')
        .set('X-Request-Id', 'has spaces and "quotes"')
        .expect(404);
      expect(junk.headers['x-request-id']).toMatch(UUID);
      const board = await request(app.url).get('/admin/queues').expect(401);
      expect(board.headers['x-request-id']).toMatch(UUID);
    });

    it('puts the queue and job id on the lines a job writes', () => {
      const lines = logLines(app);
      const realTime = lines.filter(
        (l) => typeof l.msg === 'string' && l.msg.startsWith('real time:'),
      );
      expect(realTime.length).toBeGreaterThan(0);
      for (const line of realTime) {
        expect(line.queue).toBe('segment-evaluation');
        expect(line.jobId).toBeTruthy();
        expect(line.reqId).toBeUndefined();
      }
      const emails = lines.filter((l) => l.msg === 'SMTP_URL is not set: email logged, not sent');
      expect(emails).toHaveLength(2);
      for (const line of emails) {
        expect(['journey-steps', 'outbox']).toContain(line.queue);
        expect(line.jobId).toBeTruthy();
      }
      // Each e-mail's line names its own job, also when one batch sent both.
      expect(new Set(emails.map((line) => line.jobId)).size).toBe(2);
    });
  });
});
