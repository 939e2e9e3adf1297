import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey } from '../../../server/dist/auth/api-key.util.js';
import { JourneyApi, trigger } from '../support/journey-api.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

/**
 * What e-mail providers report after the SMTP conversation (POST /v1/email/feedback): a
 * spam complaint unsubscribes the customer and is counted on the step that sent the
 * e-mail (found by its Message-ID); a hard bounce suppresses the address. Providers repeat
 * their webhooks: a report applied twice changes nothing the second time.
 */
describe('e-mail feedback: complaints and bounces reported by the provider', () => {
  let app: RunningSwitchyard;
  let smtp: SmtpSink;
  let api: JourneyApi;
  let journeyId: string;
  let runs = 0;

  const mailTo = (address: string) =>
    smtp.messages.filter(
      (m) => m.to.some((to) => to.toLowerCase() === address.toLowerCase()) && m.subject === 'Deals',
    );
  const poke = async (userId: string) => {
    await api.track(userId, 'Poke');
    await api.settled(journeyId, ++runs);
  };
  const mailed = (address: string, count: number) =>
    waitFor(
      async () => (mailTo(address).length === count ? true : undefined),
      20_000,
      `${count} e-mail(s) to ${address}`,
    );
  const mailNode = async () =>
    (await api.get(`/api/journeys/${journeyId}/stats`).expect(200)).body.nodes.find(
      (n: { nodeId: string }) => n.nodeId === 'deals',
    );

  beforeAll(async () => {
    smtp = await startSmtpSink();
    app = await startSwitchyard({ env: { SMTP_URL: smtp.url } });
    api = new JourneyApi(app);
    await api.identify([
      { userId: 'ada', traits: { email: 'ada@example.com' } },
      { userId: 'bob', traits: { email: 'bob@example.com' } },
      { userId: 'cy', traits: { email: 'Cy@Example.com' } },
    ]);
    journeyId = await api.publish(
      'Deals',
      [
        trigger({ kind: 'event', event: 'Poke' }),
        { id: 'deals', type: 'send_email', config: { subject: 'Deals', html: '<p>50% off</p>' } },
      ],
      [['trigger', 'deals']],
    );
    for (const user of ['ada', 'bob', 'cy']) await poke(user);
    for (const address of ['ada@example.com', 'bob@example.com', 'Cy@Example.com'])
      await mailed(address, 1);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it('a complaint unsubscribes the customer and counts on the step that sent the e-mail', async () => {
    const messageId = mailTo('ada@example.com')[0]?.messageId ?? '';
    expect(messageId).toMatch(/^<[0-9a-f-]{36}\.deals\./);
    const report = { events: [{ type: 'complaint', address: 'ada@example.com', messageId }] };
    const first = await api.post('/v1/email/feedback', report).expect(200);
    expect(first.body).toEqual({ suppressed: 0, complaints: 1, unsubscribed: 1 });
    // The provider repeats its webhook: nothing more.
    const again = await api.post('/v1/email/feedback', report).expect(200);
    expect(again.body).toEqual({ suppressed: 0, complaints: 0, unsubscribed: 0 });

    const ada = await api.get('/api/customers/ada').expect(200);
    expect(ada.body.subscriptions.email).toMatchObject({
      status: 'unsubscribed',
      source: 'complaint',
    });
    // Counted as a complaint on the step, not as an unsubscribe through the link.
    expect(await mailNode()).toMatchObject({ complaints: 1, unsubscribed: 0 });
    // Recorded as her event, naming the step.
    const events = await app.db.query<{ properties: Record<string, unknown> }>(
      `SELECT e.properties FROM events e JOIN customers c ON c.id = e.customer_id
        WHERE c.external_id = 'ada' AND e.name = 'Unsubscribed'`,
    );
    expect(events.rows.map((r) => r.properties)).toEqual([
      { channel: 'email', source: 'complaint', nodeId: 'deals' },
    ]);
    // No more marketing e-mail to her.
    await poke('ada');
    expect(mailTo('ada@example.com')).toHaveLength(1);

    // Subscribing again lets e-mail go; the complaint stays counted on the step.
    await api.put('/api/customers/ada/subscriptions/email', { status: 'subscribed' }).expect(200);
    expect(await mailNode()).toMatchObject({ complaints: 1 });
  });

  it("another workspace's report of this workspace's e-mail changes nothing here", async () => {
    const workspace = await app.db.query<{ id: string }>(
      `INSERT INTO workspaces (name) VALUES ('Other') RETURNING id`,
    );
    const key = generateApiKey();
    await app.db.query(
      `INSERT INTO api_keys (workspace_id, name, key_hash, key_prefix) VALUES ($1, 'o', $2, $3)`,
      [workspace.rows[0]?.id, hashApiKey(key), key.slice(0, 7)],
    );
    const messageId = mailTo('bob@example.com')[0]?.messageId ?? '';
    const other = await request(app.url)
      .post('/v1/email/feedback')
      .set('Authorization', `Bearer ${key}`)
      .send({ events: [{ type: 'complaint', address: 'bob@example.com', messageId }] })
      .expect(200);
    // Recorded there, about nobody of theirs.
    expect(other.body).toEqual({ suppressed: 0, complaints: 1, unsubscribed: 0 });
    const bob = await api.get('/api/customers/bob').expect(200);
    expect(bob.body.subscriptions.email.status).toBe('subscribed');
    expect(await mailNode()).toMatchObject({ complaints: 1 });
  });

  it('a complaint without a Message-ID of ours unsubscribes the customers with that address', async () => {
    const result = await api
      .post('/v1/email/feedback', {
        events: [
          { type: 'complaint', address: 'cy@example.COM' },
          { type: 'complaint', address: 'nobody@example.com', messageId: '<x@provider.example>' },
        ],
      })
      .expect(200);
    expect(result.body).toEqual({ suppressed: 0, complaints: 2, unsubscribed: 1 });
    const cy = await api.get('/api/customers/cy').expect(200);
    expect(cy.body.subscriptions.email).toMatchObject({ source: 'complaint' });
    // Not tied to a step: the step's count is unchanged.
    expect(await mailNode()).toMatchObject({ complaints: 1 });
  });

  it('a hard bounce suppresses the address, once', async () => {
    const report = {
      events: [
        { type: 'hard_bounce', address: 'Bob@example.com', reason: '550 5.1.1 user unknown' },
        { type: 'hard_bounce', address: 'bob@example.com' },
      ],
    };
    expect((await api.post('/v1/email/feedback', report).expect(200)).body).toEqual({
      suppressed: 1,
      complaints: 0,
      unsubscribed: 0,
    });
    expect((await api.post('/v1/email/feedback', report).expect(200)).body.suppressed).toBe(0);
    const list = await api.get('/api/email-suppressions').expect(200);
    expect(list.body).toEqual([
      {
        address: 'bob@example.com',
        reason: 'reported by the provider: 550 5.1.1 user unknown',
        since: expect.any(String),
      },
    ]);
    await poke('bob');
    expect(mailTo('bob@example.com')).toHaveLength(1);
    const note = await app.db.query<{ note: string | null }>(
      `SELECT s.note FROM enrollment_steps s JOIN enrollments e ON e.id = s.enrollment_id
         JOIN customers c ON c.id = e.customer_id
        WHERE c.external_id = 'bob' AND s.node_id = 'deals' ORDER BY e.created_at DESC LIMIT 1`,
    );
    expect(note.rows[0]?.note).toMatch(/bounced/);
  });

  it('refuses a malformed report, naming the field', async () => {
    const bad = await api
      .post('/v1/email/feedback', { events: [{ type: 'complaint', address: 'not an address' }] })
      .expect(400);
    expect(bad.body.issues).toEqual([
      { field: 'events[0].address', message: 'must be an e-mail address' },
    ]);
    const unknown = await api
      .post('/v1/email/feedback', { events: [{ type: 'delivered', address: 'a@b.co' }] })
      .expect(400);
    expect(unknown.body.issues[0]).toMatchObject({
      field: 'events[0].type',
      message: 'must have type hard_bounce or complaint',
    });
    await api.post('/v1/email/feedback', { events: [] }).expect(400);
  });
});
