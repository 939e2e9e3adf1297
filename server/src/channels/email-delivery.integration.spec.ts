import { EmailSuppressionsRepository } from './email-suppressions.repository.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppConfig } from '../config/app-config.service.js';
import { execute } from '../database/sql.util.js';
import { EmailTransportService } from './email-transport.service.js';
import { HttpDeliveryClient } from './http-delivery.client.js';
import { OutboxDatabase } from './outbox-database.testing.js';
import { OutboxDeliveryService } from './outbox-delivery.service.js';
import type { OutboxEmail } from './outbox-message.types.js';
import { SmsDeliveryService } from './sms-delivery.service.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.testing.js';
import { WebhookDeliveryService } from './webhook-delivery.service.js';

/**
 * Email delivery against a real SMTP server (smtp-server) and a real Postgres database:
 * the row is committed as sent before the message's terminator goes out, so a failed
 * commit leaves the server with an incomplete message it discards.
 */
describe('email delivery (Postgres + SMTP)', () => {
  let database: OutboxDatabase;
  let sink: SmtpSink;
  let transport: EmailTransportService;
  let delivery: OutboxDeliveryService;
  let workspaceId: string;

  const email = (to: string): OutboxEmail => ({
    from: 'Switchyard <news@mail.example.com>',
    to,
    subject: 'Hello',
    text: 'Line one\n.\nA line with only a dot above.',
    html: '<p>Hello</p>',
  });

  const services = (config: AppConfig, email: EmailTransportService) => {
    const http = new HttpDeliveryClient(config);
    return new OutboxDeliveryService(
      database.db,
      email,
      new SmsDeliveryService(http),
      new WebhookDeliveryService(http),
      database.credentials,
      new EmailSuppressionsRepository(database.db),
    );
  };

  beforeAll(async () => {
    database = await OutboxDatabase.create('email');
    sink = await startSmtpSink();
    transport = new EmailTransportService(AppConfig.fromEnv({ SMTP_URL: sink.url }));
    delivery = services(AppConfig.fromEnv({ SMTP_URL: sink.url }), transport);
    workspaceId = (await database.workspace()).id;
  }, 60_000);

  afterEach(async () => {
    sink.messages.length = 0;
    sink.aborted = 0;
    sink.onFirstChunk = undefined;
    sink.refuseAtEnd.clear();
    await execute(database.db, `DROP TRIGGER IF EXISTS outbox_test_trigger ON outbox`);
  });

  afterAll(async () => {
    transport?.onApplicationShutdown();
    await sink?.stop();
    await database?.drop();
  }, 60_000);

  /** A trigger that runs `body` (plpgsql) when a row is marked sent. */
  const onMarkSent = async (body: string) => {
    await execute(
      database.db,
      `CREATE OR REPLACE FUNCTION outbox_test_fn() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN ${body}; RETURN NEW; END $$`,
    );
    await execute(
      database.db,
      `CREATE TRIGGER outbox_test_trigger BEFORE UPDATE ON outbox FOR EACH ROW
       WHEN (NEW.status = 'sent') EXECUTE FUNCTION outbox_test_fn()`,
    );
  };

  it('sends a message once, with the Message-ID of its idempotency key', async () => {
    const id = await database.insert(workspaceId, 'email', email('ada@example.com'), 'enr-1.mail');
    const outcome = await delivery.deliver(id, false);
    expect(outcome.kind).toBe('sent');
    expect(sink.messages).toHaveLength(1);
    const [message] = sink.messages;
    expect(message?.to).toEqual(['ada@example.com']);
    expect(message?.from).toBe('news@mail.example.com');
    expect(message?.messageId).toBe('<enr-1.mail@mail.example.com>');
    // Dot-stuffing happened on the wire; the server saw the body intact.
    expect(message?.raw).toContain('Line one\r\n.\r\nA line with only a dot above.');
    const row = await database.row(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(row.sent_at).not.toBeNull();

    // A replayed job finds the row sent: nothing goes out.
    expect(await delivery.deliver(id, false)).toEqual({ kind: 'skipped' });
    expect(sink.messages).toHaveLength(1);
  });

  it('reuses the connection for the next message', async () => {
    const before = sink.connections;
    for (const to of ['a@example.com', 'b@example.com', 'c@example.com']) {
      const id = await database.insert(workspaceId, 'email', email(to));
      expect((await delivery.deliver(id, false)).kind).toBe('sent');
    }
    expect(sink.messages.map((m) => m.to[0])).toEqual([
      'a@example.com',
      'b@example.com',
      'c@example.com',
    ]);
    expect(sink.connections - before).toBeLessThanOrEqual(1);
  });

  it('replaces a pooled connection the server dropped', async () => {
    const before = sink.connections;
    sink.dropConnections();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const id = await database.insert(workspaceId, 'email', email('d@example.com'));
    expect((await delivery.deliver(id, false)).kind).toBe('sent');
    expect(sink.messages).toHaveLength(1);
    expect(sink.connections).toBe(before + 1);
  });

  it('sends nothing when marking the row sent fails, and once on the retry', async () => {
    await onMarkSent(`RAISE EXCEPTION 'simulated failure while marking sent'`);
    const id = await database.insert(workspaceId, 'email', email('grace@example.com'));
    await expect(delivery.deliver(id, false)).rejects.toThrow(/simulated failure/);
    // The server had the whole message but no terminator: it dropped it.
    await until(() => sink.aborted === 1);
    expect(sink.messages).toHaveLength(0);
    expect(await database.row(id)).toMatchObject({ status: 'pending', attempts: 0 });

    await execute(database.db, `DROP TRIGGER outbox_test_trigger ON outbox`);
    expect((await delivery.deliver(id, false)).kind).toBe('sent');
    expect(await delivery.deliver(id, false)).toEqual({ kind: 'skipped' });
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]?.to).toEqual(['grace@example.com']);
    expect(await database.row(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('sends nothing when the database connection dies before the commit, and once on the retry', async () => {
    // Marking sent is slow, and the backend is terminated while the body is streaming.
    await onMarkSent(`PERFORM pg_sleep(3)`);
    let terminated: Promise<number> | undefined;
    sink.onFirstChunk = () => {
      terminated ??= database.terminateBackends();
    };
    const id = await database.insert(workspaceId, 'email', email('edsger@example.com'));
    await expect(delivery.deliver(id, false)).rejects.toThrow(/terminat|connection/i);
    expect(await terminated).toBeGreaterThan(0);
    await until(() => sink.aborted === 1);
    expect(sink.messages).toHaveLength(0);
    sink.onFirstChunk = undefined;

    await execute(database.db, `DROP TRIGGER outbox_test_trigger ON outbox`);
    expect(await database.row(id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await delivery.deliver(id, false)).kind).toBe('sent');
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]?.to).toEqual(['edsger@example.com']);
  });

  it('marks the row failed when the server refuses the message after its end (5xx)', async () => {
    sink.refuseAtEnd.set('refused@example.com', 554);
    const id = await database.insert(workspaceId, 'email', email('refused@example.com'));
    const outcome = await delivery.deliver(id, false);
    expect(outcome).toMatchObject({ kind: 'failed', retry: false });
    const row = await database.row(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, sent_at: null });
    expect(row.last_error).toMatch(/554/);
    expect(sink.messages).toHaveLength(0);
  });

  it('suppresses an address refused for good after the end (5.1.1), not one refused for its content', async () => {
    const suppressions = new EmailSuppressionsRepository(database.db);
    sink.refuseAtEnd.set('gone@example.com', { code: 550, text: '5.1.1 mailbox unavailable' });
    sink.refuseAtEnd.set('spam@example.com', { code: 554, text: '5.7.1 message refused as spam' });
    const gone = await database.insert(workspaceId, 'email', email('Gone@Example.com'));
    const spam = await database.insert(workspaceId, 'email', email('spam@example.com'));
    expect(await delivery.deliver(gone, false)).toMatchObject({ kind: 'failed', retry: false });
    expect(await delivery.deliver(spam, false)).toMatchObject({ kind: 'failed', retry: false });
    expect(await database.row(gone)).toMatchObject({ status: 'failed', sent_at: null });
    const suppressed = await suppressions.list(workspaceId, 10);
    expect(suppressed.map((s) => [s.address, s.reason])).toEqual([
      ['gone@example.com', expect.stringMatching(/550 5\.1\.1 mailbox unavailable/)],
    ]);
    expect(await suppressions.remove(workspaceId, 'gone@example.com')).toBe(true);
  });

  it('puts the row back to pending when the refusal after the end is temporary (4xx)', async () => {
    sink.refuseAtEnd.set('later@example.com', 451);
    const id = await database.insert(workspaceId, 'email', email('later@example.com'));
    const before = Date.now();
    expect(await delivery.deliver(id, false, 2000)).toMatchObject({ kind: 'failed', retry: true });
    const waiting = await database.row(id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    // Its next attempt, after the caller's backoff, for the Deliveries page.
    expect(waiting.next_attempt_at?.getTime()).toBeGreaterThanOrEqual(before + 2000);
    expect(waiting.next_attempt_at?.getTime()).toBeLessThanOrEqual(Date.now() + 2000);

    sink.refuseAtEnd.clear();
    expect((await delivery.deliver(id, false)).kind).toBe('sent');
    expect(sink.messages).toHaveLength(1);
    expect(await database.row(id)).toMatchObject({
      status: 'sent',
      attempts: 2,
      next_attempt_at: null,
    });
  });

  it('fails for good when the recipient is refused (5xx on RCPT TO)', async () => {
    const id = await database.insert(workspaceId, 'email', email('bounce@example.com'));
    expect(await delivery.deliver(id, false)).toMatchObject({ kind: 'failed', retry: false });
    const row = await database.row(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.last_error).toMatch(/550/);
    expect(sink.messages).toHaveLength(0);
  });

  it('retries when the SMTP server cannot be reached, and records the last attempt as failed', async () => {
    const config = AppConfig.fromEnv({ SMTP_URL: 'smtp://127.0.0.1:1' });
    const offline = new EmailTransportService(config);
    const unreachable = services(config, offline);
    const id = await database.insert(workspaceId, 'email', email('ada@example.com'));
    expect(await unreachable.deliver(id, false)).toMatchObject({ kind: 'failed', retry: true });
    expect(await database.row(id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await unreachable.deliver(id, true)).toMatchObject({ kind: 'failed', retry: false });
    expect(await database.row(id)).toMatchObject({ status: 'failed', attempts: 2 });
    offline.onApplicationShutdown();
  });

  it('sends a test at once outside the outbox, and throws what the server refused', async () => {
    const outgoing = (to: string) => ({
      from: 'Switchyard <news@mail.example.com>',
      to,
      subject: '[Test] Hello',
      html: '<p>Hello</p>',
      messageId: `<test.${to}>`,
    });
    expect(await transport.sendNow(outgoing('me@example.com'))).toBe('sent');
    expect(sink.messages.map((m) => m.to)).toEqual([['me@example.com']]);
    sink.refuseAtEnd.set('refused@example.com', 554);
    await expect(transport.sendNow(outgoing('refused@example.com'))).rejects.toThrow(/554/);
    await expect(transport.sendNow(outgoing('bounce@example.com'))).rejects.toThrow(/550/);
    expect(sink.messages).toHaveLength(1);
    const logOnly = new EmailTransportService(AppConfig.fromEnv({}));
    try {
      expect(await logOnly.sendNow(outgoing('me@example.com'))).toBe('logged');
    } finally {
      logOnly.onApplicationShutdown();
    }
    expect(sink.messages).toHaveLength(1);
  });

  it('logs instead of sending without SMTP_URL', async () => {
    const config = AppConfig.fromEnv({ LOG_LEVEL: 'silent' });
    const logOnly = new EmailTransportService(config);
    const id = await database.insert(workspaceId, 'email', email('ada@example.com'), 'k.log');
    expect(await services(config, logOnly).deliver(id, false)).toEqual({
      kind: 'sent',
      providerMessageId: '<k.log@mail.example.com>',
    });
    expect(await database.row(id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(sink.messages).toHaveLength(0);
    logOnly.onApplicationShutdown();
  });
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
