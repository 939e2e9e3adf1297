import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JourneyApi, trigger } from '../support/journey-api.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

/**
 * Hard bounces: an address the server refuses for good (550 5.1.1 at RCPT TO) is not
 * e-mailed again, marketing or transactional, until a marketer removes it; the step says
 * why, a preview too.
 */
describe('hard-bounced addresses', () => {
  let app: RunningSwitchyard;
  let smtp: SmtpSink;
  let api: JourneyApi;
  let journeyId: string;
  let runs = 0;

  const steps = async () =>
    (
      await app.db.query<{ external_id: string; status: string; note: string | null }>(
        `SELECT c.external_id, s.status, s.note FROM enrollment_steps s
           JOIN enrollments e ON e.id = s.enrollment_id JOIN customers c ON c.id = e.customer_id
          WHERE e.journey_id = $1 AND s.node_id = 'receipt' ORDER BY e.created_at, c.external_id`,
        [journeyId],
      )
    ).rows;
  const order = async (userId: string) => {
    await api.track(userId, 'Order Completed');
    await api.settled(journeyId, ++runs);
  };

  beforeAll(async () => {
    smtp = await startSmtpSink({ rejectRecipients: ['gone@example.com'] });
    app = await startSwitchyard({ env: { SMTP_URL: smtp.url } });
    api = new JourneyApi(app);
    await api.identify([
      { userId: 'gone', traits: { email: 'Gone@Example.com' } },
      { userId: 'ok', traits: { email: 'ok@example.com' } },
    ]);
    journeyId = await api.publish(
      'Receipts',
      [
        trigger({ kind: 'event', event: 'Order Completed' }),
        {
          id: 'receipt',
          type: 'send_email',
          config: { subject: 'Receipt', html: '<p>Thanks</p>', transactional: true },
        },
      ],
      [['trigger', 'receipt']],
    );
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it('suppresses an address the server refused for good, and lists it', async () => {
    await order('gone');
    await waitFor(
      async () =>
        (await api.get('/api/email-suppressions').expect(200)).body.length > 0 ? true : undefined,
      20_000,
      'the suppression',
    );
    const list = await api.get('/api/email-suppressions').expect(200);
    expect(list.body).toEqual([
      {
        address: 'gone@example.com',
        reason: expect.stringContaining('5.1.1'),
        since: expect.any(String),
      },
    ]);
    expect(smtp.refused.map((a) => a.toLowerCase())).toEqual(['gone@example.com']);
    const failed = await app.db.query<{ status: string }>(
      `SELECT status FROM outbox WHERE payload->>'to' = 'Gone@Example.com'`,
    );
    expect(failed.rows).toEqual([{ status: 'failed' }]);
    await api.get('/api/email-suppressions?limit=0').expect(400);
  });

  it('sends nothing more to it, transactional included, and says why; others still get theirs', async () => {
    await order('gone');
    await order('ok');
    await waitFor(
      async () => (smtp.messages.some((m) => m.to.includes('ok@example.com')) ? true : undefined),
      20_000,
      "ok's receipt",
    );
    // No second attempt at the refused address.
    expect(smtp.refused).toHaveLength(1);
    expect(await steps()).toEqual([
      { external_id: 'gone', status: 'completed', note: null },
      { external_id: 'gone', status: 'skipped', note: 'e-mail address bounced (gone@example.com)' },
      { external_id: 'ok', status: 'completed', note: null },
    ]);
    const preview = await api
      .post(`/api/journeys/${journeyId}/preview-step`, {
        node: {
          id: 'receipt',
          type: 'send_email',
          position: { x: 0, y: 0 },
          config: { subject: 'Receipt', html: '<p>x</p>', transactional: true },
        },
        customer: 'gone',
      })
      .expect(200);
    expect(preview.body.held).toEqual({ kind: 'bounced', addresses: ['gone@example.com'] });
    // The profile says so, whichever case the trait is written in; not for the others.
    const gone = await api.get('/api/customers/gone').expect(200);
    expect(gone.body.subscriptions.emailSuppression).toEqual({
      address: 'gone@example.com',
      reason: expect.stringContaining('5.1.1'),
      since: expect.any(String),
    });
    const ok = await api.get('/api/customers/ok').expect(200);
    expect(ok.body.subscriptions.emailSuppression).toBeNull();
  });

  it('e-mails it again once a marketer removes it, audited', async () => {
    await api.delete('/api/email-suppressions/gone@example.com').expect(204);
    expect((await api.get('/api/email-suppressions').expect(200)).body).toEqual([]);
    const gone = await api.get('/api/customers/gone').expect(200);
    expect(gone.body.subscriptions.emailSuppression).toBeNull();
    const again = await api.delete('/api/email-suppressions/gone@example.com').expect(404);
    expect(again.body.message).toContain('not a suppressed address');
    const audit = await api.get('/api/audit-log?action=email_suppression.removed').expect(200);
    expect(audit.body.entries[0]).toMatchObject({ targetId: 'gone@example.com' });
    await order('gone');
    await waitFor(
      async () => (smtp.refused.length === 2 ? true : undefined),
      20_000,
      'a new attempt at the address',
    );
  });
});
