import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasValidSignature, startHttpSink, type HttpSink } from '../support/http-sink.js';
import { JourneyApi } from '../support/journey-api.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

const at = { x: 0, y: 0 };
const step = (id: string, type: string, config: Record<string, unknown>, label?: string) => ({
  id,
  type,
  position: at,
  config,
  ...(label ? { label } : {}),
});

/**
 * POST /api/journeys/:id/test-send: a step's messages, rendered for a real customer as the
 * step preview renders them, sent now as a test: the e-mail and the SMS to the marketer,
 * the webhook to its own URL with its answer shown. Nothing reaches the customer and
 * nothing of a journey is written.
 */
describe('test sends', () => {
  const signingSecret = 'test-send-signing-key';
  let app: RunningSwitchyard;
  let smtp: SmtpSink;
  let sink: HttpSink;
  let api: JourneyApi;
  let draftId: string;

  const testSend = (body: Record<string, unknown>) =>
    api.post(`/api/journeys/${draftId}/test-send`, { customer: 'ada', ...body });
  /** Rows a step could write, across the workspace. */
  const footprint = async () => {
    const { rows } = await app.db.query<Record<string, number>>(
      `SELECT (SELECT count(*) FROM outbox)::int AS outbox,
              (SELECT count(*) FROM enrollments)::int AS enrollments,
              (SELECT count(*) FROM enrollment_steps)::int AS steps`,
    );
    return rows[0];
  };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    sink = await startHttpSink();
    app = await startSwitchyard({ env: { SMTP_URL: smtp.url, WEBHOOK_ALLOW_PRIVATE: 'true' } });
    api = new JourneyApi(app);
    await api.identify([
      {
        userId: 'ada',
        traits: {
          plan: 'tests',
          first_name: 'Ada',
          email: 'ada@example.com',
          phone: '+14155550111',
        },
      },
    ]);
    const segmentId = await api.segment('Test plan', {
      attribute: 'plan',
      op: 'eq',
      value: 'tests',
    });
    draftId = await api.draftOnSegment('Test sends', segmentId);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
    await sink?.stop();
  });

  it("sends a test of a step's e-mail to the marketer, not to the customer, and audits it", async () => {
    const before = await footprint();
    const node = step(
      'mail',
      'send_email',
      {
        subject: 'Hi {{customer.traits.first_name}}',
        html: '<p>Hello {{customer.traits.first_name}}</p>',
        text: 'Hello {{customer.traits.first_name}}',
      },
      'Welcome',
    );
    const res = await testSend({ node, to: 'me@example.org' }).expect(200);
    expect(res.body).toEqual({
      customer: { id: expect.any(String), externalId: 'ada' },
      sent: [
        { channel: 'email', to: 'me@example.org', subject: '[Test] Hi Ada', delivery: 'sent' },
      ],
    });
    const got = await waitFor(
      async () => smtp.messages.find((m) => m.subject === '[Test] Hi Ada'),
      10_000,
      'the test e-mail',
    );
    expect(got.to).toEqual(['me@example.org']);
    expect(got.html).toContain('<p>Hello Ada</p>');
    // A marketing test shows the footer it will carry, its link unsubscribing no one.
    expect(got.text).toMatch(/^Hello Ada\n\nUnsubscribe: http:\S+\/u\/preview\s*$/);
    expect(smtp.messages.some((m) => m.to.includes('ada@example.com'))).toBe(false);
    // Not a journey message: no outbox row, no run.
    expect(await footprint()).toEqual(before);
    const audit = await api.get('/api/audit-log?action=journey.test_sent').expect(200);
    expect(audit.body.entries[0]).toMatchObject({
      action: 'journey.test_sent',
      details: { nodeId: 'mail', to: 'me@example.org', customer: 'ada' },
    });

    const failing = await testSend({
      node: step('mail', 'send_email', {
        to: '{{customer.traits.work_email}}',
        subject: 'x',
        html: '<p>x</p>',
      }),
      to: 'me@example.org',
    }).expect(422);
    expect(failing.body.message).toBe(
      'step "mail" would fail for ada: the recipient address is empty',
    );
    const nothing = await testSend({
      node: step('touch', 'update_attribute', { trait: 'x', value: 'y' }),
      to: 'me@example.org',
    }).expect(400);
    expect(nothing.body.message).toBe('step "touch" sends nothing to ada: nothing to test');
    const badTo = await testSend({ node, to: 'not an address' }).expect(400);
    expect(badTo.body.issues).toEqual([
      expect.objectContaining({
        field: 'to',
        message: 'must be an e-mail address or a phone number (E.164, e.g. +14155550100)',
      }),
    ]);
    const phoneForMail = await testSend({ node, to: '+1 415 555 0100' }).expect(400);
    expect(phoneForMail.body.issues).toEqual([
      {
        field: 'to',
        message: 'must be an e-mail address: the step sends an e-mail',
        nodeId: 'mail',
      },
    ]);
    expect((await testSend({ node })).status).toBe(400);
    expect(smtp.messages.filter((m) => m.subject.startsWith('[Test]'))).toHaveLength(1);
  });

  it("sends a test of a step's SMS to the marketer's phone through the workspace's provider", async () => {
    const node = step('text', 'send_sms', { body: 'Hi {{customer.traits.first_name}}, 10% off' });
    const noProvider = await testSend({ node, to: '+14155550100' }).expect(400);
    expect(noProvider.body.issues).toEqual([
      { field: 'smsProvider', message: 'is not set', fixIn: 'workspace-settings' },
    ]);
    await api
      .put('/api/workspace/settings', {
        smsProvider: { url: `${sink.url}/sms`, from: 'Switchyard', token: 'sms-token' },
        signingSecret,
      })
      .expect(200);
    const before = await footprint();
    const calls = sink.requests.length;
    const res = await testSend({ node, to: '+1 (415) 555-0100' }).expect(200);
    expect(res.body.sent).toEqual([
      {
        channel: 'sms',
        to: '+14155550100',
        body: 'Hi Ada, 10% off',
        providerMessageId: 'HTTP 200',
      },
    ]);
    const got = sink.requests.slice(calls);
    expect(got).toHaveLength(1);
    expect(got[0]?.path).toBe('/sms');
    expect(JSON.parse(got[0]?.body ?? '')).toEqual({
      to: '+14155550100',
      from: 'Switchyard',
      body: 'Hi Ada, 10% off',
    });
    expect(got[0]?.headers.authorization).toBe('Bearer sms-token');
    expect(got[0] && hasValidSignature(got[0], signingSecret)).toBe(true);
    expect(await footprint()).toEqual(before);

    const mailTo = await testSend({ node, to: 'me@example.org' }).expect(400);
    expect(mailTo.body.message).toBe(
      'to must be a phone number (E.164, e.g. +14155550100): the step sends an SMS',
    );
    sink.failNext(1, 401, 'bad token');
    const refused = await testSend({ node, to: '+14155550100' }).expect(502);
    expect(refused.body.message).toBe(
      'the SMS provider did not take the test: HTTP 401: bad token',
    );
  });

  it("calls a webhook step's URL as a test, signed and marked, and shows its answer whatever the status", async () => {
    const node = step('hook', 'webhook', {
      url: `${sink.url}/hook/{{customer.externalId}}`,
      method: 'POST',
      body: '{"name":"{{customer.traits.first_name}}"}',
    });
    const before = await footprint();
    const calls = sink.requests.length;
    const ok = await testSend({ node }).expect(200);
    expect(ok.body.sent).toEqual([
      {
        channel: 'webhook',
        method: 'POST',
        url: `${sink.url}/hook/ada`,
        status: 200,
        answer: '{"ok":true}',
        ms: expect.any(Number),
      },
    ]);
    const got = sink.requests[calls];
    expect(got?.body).toBe('{"name":"Ada"}');
    expect(got?.headers['x-switchyard-test']).toBe('1');
    expect(got?.headers['idempotency-key']).toMatch(/^test\./);
    expect(got && hasValidSignature(got, signingSecret)).toBe(true);

    sink.failNext(1, 404, 'no such hook');
    const missing = await testSend({ node }).expect(200);
    expect(missing.body.sent[0]).toMatchObject({ status: 404, answer: 'no such hook' });
    expect(sink.requests.length).toBe(calls + 2);
    expect(await footprint()).toEqual(before);

    const unreachable = await testSend({
      node: step('hook', 'webhook', { url: 'http://127.0.0.1:9/nothing', method: 'POST' }),
    }).expect(502);
    expect(unreachable.body.message).toMatch(
      /^POST http:\/\/127\.0\.0\.1:9\/nothing got no answer: ECONNREFUSED/,
    );
    const audit = await api.get('/api/audit-log?action=journey.test_sent').expect(200);
    expect(audit.body.entries[0]).toMatchObject({
      details: { nodeId: 'hook', to: `POST ${sink.url}/hook/ada` },
    });
  });
});
