import { EmailSuppressionsRepository } from './email-suppressions.repository.js';
import { once } from 'node:events';
import http from 'node:http';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppConfig } from '../config/app-config.service.js';
import { QueueName } from '../queues/queue-names.js';
import { EmailTransportService } from './email-transport.service.js';
import { HttpDeliveryClient } from './http-delivery.client.js';
import { verifySignature } from '@switchyard/sdk/webhooks';
import { OutboxDatabase } from './outbox-database.testing.js';
import { OutboxDeliveryProcessor } from './outbox-delivery.processor.js';
import { OutboxDeliveryService } from './outbox-delivery.service.js';
import { outboxDeliveryJob } from './outbox-dispatcher.service.js';
import { SmsDeliveryService } from './sms-delivery.service.js';
import { WebhookDeliveryService } from './webhook-delivery.service.js';

interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Reply = (req: Received) => { status: number; headers?: Record<string, string>; body?: string };

/**
 * Webhook and SMS delivery against a real HTTP server and a real Postgres database:
 * signatures, retries (also through BullMQ with Redis), permanent failures and the
 * SSRF guard.
 */
describe('webhook and SMS delivery (Postgres + HTTP)', () => {
  let database: OutboxDatabase;
  let server: http.Server;
  let base: string;
  let received: Received[] = [];
  let replies: Reply[] = [];
  let workspace: { id: string; signingSecret: string };
  const clients: HttpDeliveryClient[] = [];

  const deliveryWith = (env: Record<string, string>) => {
    const config = AppConfig.fromEnv(env);
    const client = new HttpDeliveryClient(config);
    clients.push(client);
    return new OutboxDeliveryService(
      database.db,
      new EmailTransportService(config),
      new SmsDeliveryService(client),
      new WebhookDeliveryService(client),
      database.credentials,
      new EmailSuppressionsRepository(database.db),
    );
  };
  let delivery: OutboxDeliveryService;

  beforeAll(async () => {
    database = await OutboxDatabase.create('http');
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const request = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        received.push(request);
        const reply = replies.shift();
        if (!reply) return; // No answer: the client's timeout.
        const { status, headers, body } = reply(request);
        res.writeHead(status, headers).end(body ?? '');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    base = `http://127.0.0.1:${address.port}`;
    workspace = await database.workspace({
      smsProvider: { url: `${base}/sms`, from: 'Switchyard' },
    });
    delivery = deliveryWith({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_TIMEOUT_MS: '500' });
  }, 60_000);

  afterEach(() => {
    received = [];
    replies = [];
  });

  afterAll(async () => {
    for (const client of clients) client.onApplicationShutdown();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await database?.drop();
  }, 60_000);

  const webhook = (path: string, extra: Record<string, unknown> = {}) => ({
    url: `${base}${path}`,
    method: 'POST',
    headers: { Authorization: 'Bearer t0k3n', 'X-Switchyard-Signature': 'forged', Host: 'evil' },
    body: '{"customer":{"id":"42"}}',
    ...extra,
  });

  it('signs a webhook with the workspace secret and sends the idempotency key', async () => {
    replies.push(() => ({ status: 204 }));
    const id = await database.insert(workspace.id, 'webhook', webhook('/hook?x=1'), 'enr.hook');
    expect(await delivery.deliver(id, false)).toEqual({
      kind: 'sent',
      providerMessageId: 'HTTP 204',
    });
    expect(received).toHaveLength(1);
    const [request] = received as [Received];
    expect(request).toMatchObject({ method: 'POST', path: '/hook?x=1' });
    expect(request.body).toBe('{"customer":{"id":"42"}}');
    expect(request.headers['idempotency-key']).toBe('enr.hook');
    expect(request.headers['user-agent']).toBe('Switchyard');
    expect(request.headers['authorization']).toBe('Bearer t0k3n');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['host']).toBe(base.slice('http://'.length));
    const signature = request.headers['x-switchyard-signature'] as string;
    const timestamp = request.headers['x-switchyard-timestamp'] as string;
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(
      verifySignature(workspace.signingSecret, request.body, signature, timestamp, new Date()),
    ).toBe(true);
    expect(verifySignature('other-secret', request.body, signature, timestamp, new Date())).toBe(
      false,
    );
    expect(
      verifySignature(
        workspace.signingSecret,
        `${request.body} `,
        signature,
        timestamp,
        new Date(),
      ),
    ).toBe(false);
    expect(await database.row(id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await delivery.deliver(id, false)).toEqual({ kind: 'skipped' });
    expect(received).toHaveLength(1);
  });

  it('sends an SMS through the workspace provider as signed JSON', async () => {
    replies.push(() => ({
      status: 201,
      headers: { 'content-type': 'application/json' },
      body: '{"id":"SM123","status":"queued"}',
    }));
    const id = await database.insert(
      workspace.id,
      'sms',
      { to: '+14155550100', body: 'Hi Ada' },
      'enr.sms',
    );
    expect(await delivery.deliver(id, false)).toEqual({ kind: 'sent', providerMessageId: 'SM123' });
    const [request] = received as [Received];
    expect(request.path).toBe('/sms');
    expect(JSON.parse(request.body)).toEqual({
      to: '+14155550100',
      from: 'Switchyard',
      body: 'Hi Ada',
    });
    expect(request.headers['idempotency-key']).toBe('enr.sms');
    expect(
      verifySignature(
        workspace.signingSecret,
        request.body,
        request.headers['x-switchyard-signature'] as string,
        request.headers['x-switchyard-timestamp'] as string,
        new Date(),
      ),
    ).toBe(true);
    expect(await database.row(id)).toMatchObject({ status: 'sent', provider_message_id: 'SM123' });
  });

  it('retries on 503 and then delivers', async () => {
    replies.push(
      () => ({ status: 503, body: 'busy, try later' }),
      () => ({ status: 200 }),
    );
    const id = await database.insert(workspace.id, 'webhook', webhook('/flaky'));
    const before = Date.now();
    expect(await delivery.deliver(id, false, 4000)).toMatchObject({ kind: 'failed', retry: true });
    const waiting = await database.row(id);
    expect(waiting).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: 'HTTP 503: busy, try later',
    });
    // When it goes next: after the caller's backoff.
    expect(waiting.next_attempt_at?.getTime()).toBeGreaterThanOrEqual(before + 4000);
    expect(waiting.next_attempt_at?.getTime()).toBeLessThanOrEqual(Date.now() + 4000);
    expect((await delivery.deliver(id, false)).kind).toBe('sent');
    expect(await database.row(id)).toMatchObject({
      status: 'sent',
      attempts: 2,
      last_error: null,
      next_attempt_at: null,
    });
    expect(received.map((r) => r.headers['idempotency-key'])).toEqual(
      Array(2).fill(received[0]?.headers['idempotency-key']),
    );
  });

  it('waits as long as the provider’s Retry-After when that is longer than the backoff', async () => {
    replies.push(() => ({ status: 429, headers: { 'retry-after': '120' } }));
    const id = await database.insert(workspace.id, 'webhook', webhook('/busy'));
    const before = Date.now();
    expect(await delivery.deliver(id, false, 1000)).toMatchObject({
      kind: 'failed',
      retry: true,
      retryAfterMs: 120_000,
    });
    const next = (await database.row(id)).next_attempt_at?.getTime() ?? 0;
    expect(next).toBeGreaterThanOrEqual(before + 120_000);
    expect(next).toBeLessThanOrEqual(Date.now() + 120_000);
  });

  it('fails for good on 400, with the status and the start of the answer', async () => {
    replies.push(() => ({ status: 400, body: `{"error":"bad phone number"}\n${'x'.repeat(500)}` }));
    const id = await database.insert(workspace.id, 'sms', { to: '+1', body: 'x' });
    expect(await delivery.deliver(id, false)).toMatchObject({ kind: 'failed', retry: false });
    const row = await database.row(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, next_attempt_at: null });
    expect(row.last_error).toMatch(/^HTTP 400: \{"error":"bad phone number"\} x+…$/);
    expect(row.last_error?.length).toBeLessThan(220);
  });

  it('retries when the receiver does not answer in time', async () => {
    const id = await database.insert(workspace.id, 'webhook', webhook('/silent'));
    const outcome = await delivery.deliver(id, false);
    expect(outcome).toMatchObject({ kind: 'failed', retry: true });
    expect((await database.row(id)).last_error).toMatch(/no answer within 500 ms/);
  });

  it('fails an SMS when the workspace has no provider', async () => {
    const bare = await database.workspace();
    const id = await database.insert(bare.id, 'sms', { to: '+14155550100', body: 'x' });
    expect(await delivery.deliver(id, false)).toMatchObject({ kind: 'failed', retry: false });
    expect((await database.row(id)).last_error).toMatch(/no SMS provider/);
  });

  it('refuses private addresses unless WEBHOOK_ALLOW_PRIVATE is set', async () => {
    const guarded = deliveryWith({});
    const loopback = await database.insert(workspace.id, 'webhook', webhook('/internal'));
    expect(await guarded.deliver(loopback, false)).toMatchObject({ kind: 'failed', retry: false });
    expect((await database.row(loopback)).last_error).toMatch(
      /^refused: 127\.0\.0\.1 is 127\.0\.0\.1, a loopback address/,
    );
    const port = new URL(base).port;
    const named = await database.insert(workspace.id, 'webhook', {
      ...webhook('/internal'),
      url: `http://localhost:${port}/internal`,
    });
    expect(await guarded.deliver(named, false)).toMatchObject({ kind: 'failed', retry: false });
    expect((await database.row(named)).last_error).toMatch(/^refused: localhost resolves to/);
    const metadata = await database.insert(workspace.id, 'webhook', {
      ...webhook('/'),
      url: 'http://169.254.169.254/latest/meta-data/',
    });
    expect(await guarded.deliver(metadata, false)).toMatchObject({ kind: 'failed', retry: false });
    expect((await database.row(metadata)).last_error).toMatch(/a metadata address/);
    // The SMS provider is guarded the same way.
    const sms = await database.insert(workspace.id, 'sms', { to: '+14155550100', body: 'x' });
    expect(await guarded.deliver(sms, false)).toMatchObject({ kind: 'failed', retry: false });
    expect(received).toHaveLength(0);
  });

  it('retries through BullMQ with backoff and Retry-After, and fails for good on a 4xx', async () => {
    const prefix = `sy-test-${process.pid}-${Date.now()}`;
    const connection = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    const queue = new Queue(QueueName.Outbox, { connection, prefix });
    const processor = new OutboxDeliveryProcessor(
      delivery,
      AppConfig.fromEnv({ WEBHOOK_ALLOW_PRIVATE: 'true' }),
    );
    const worker = new Worker(QueueName.Outbox, (job, token) => processor.process(job, token), {
      connection: connection.duplicate({ maxRetriesPerRequest: null }),
      prefix,
    });
    try {
      const times: number[] = [];
      replies.push(
        () => (times.push(Date.now()), { status: 429, headers: { 'retry-after': '2' } }),
        () => (times.push(Date.now()), { status: 502 }),
        () => (times.push(Date.now()), { status: 200 }),
        () => ({ status: 410, body: 'gone' }),
      );
      const ok = await database.insert(workspace.id, 'webhook', webhook('/bull'));
      const job = outboxDeliveryJob(ok);
      expect(job.opts).toMatchObject({
        attempts: 8,
        backoff: { type: 'exponential', delay: 1000 },
      });
      await queue.add(job.name, job.data, job.opts);
      await until(async () => (await database.row(ok)).status === 'sent', 15_000);
      expect(await database.row(ok)).toMatchObject({ status: 'sent', attempts: 3 });
      const [first = 0, second = 0, third = 0] = times;
      expect(second - first).toBeGreaterThanOrEqual(1900); // Retry-After: 2
      expect(third - second).toBeGreaterThanOrEqual(900); // exponential backoff, 1 s first

      const gone = await database.insert(workspace.id, 'webhook', webhook('/gone'));
      const goneJob = outboxDeliveryJob(gone);
      await queue.add(goneJob.name, goneJob.data, goneJob.opts);
      await until(async () => (await queue.getJobState(goneJob.opts.jobId)) === 'failed', 10_000);
      expect(await database.row(gone)).toMatchObject({ status: 'failed', attempts: 1 });
      expect((await queue.getJob(goneJob.opts.jobId))?.attemptsMade).toBe(1);
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      await connection.quit();
    }
  }, 30_000);
});

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
