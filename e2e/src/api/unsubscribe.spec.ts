import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JourneyApi, trigger } from '../support/journey-api.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

const PUBLIC_URL = 'https://marketing.example.test';
const LINK = /https:\/\/marketing\.example\.test\/u\/([A-Za-z0-9_.-]+)/;

/**
 * Unsubscribing: marketing e-mail carries a signed link (in the body through
 * {{unsubscribe_url}}, and as List-Unsubscribe with one-click); opening it changes nothing,
 * its button or a mail client's one-click POST unsubscribes; from then on the engine drops
 * the customer's marketing e-mail (the step says why) and still sends transactional mail.
 * A marketer can change it through the API.
 */
describe('unsubscribing from marketing e-mail', () => {
  let app: RunningSwitchyard;
  let smtp: SmtpSink;
  let api: JourneyApi;
  let pokeJourney: string;
  let welcomeJourney: string;
  /** The Welcome journey's count of customers who unsubscribed through its e-mail. */
  const welcomeUnsubscribed = async () => {
    const stats = await api.get(`/api/journeys/${welcomeJourney}/stats`).expect(200);
    return stats.body.nodes.find((n: { nodeId: string }) => n.nodeId === 'welcome')?.unsubscribed;
  };

  const mailTo = (address: string, subject: string) =>
    smtp.messages.filter((m) => m.to.includes(address) && m.subject === subject);
  const optOuts = async () =>
    (
      await app.db.query<{ external_id: string; channel: string; source: string }>(
        `SELECT c.external_id, o.channel, o.source FROM channel_opt_outs o
           JOIN customers c ON c.id = o.customer_id ORDER BY 1, 2`,
      )
    ).rows;
  const page = (token: string) => request(app.url).get(`/u/${token}`);
  const post = (token: string, body: string) =>
    request(app.url)
      .post(`/u/${token}`)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send(body);
  /** Runs the Poke journey for a customer and waits until it finished. */
  const poke = async (userId: string, runs: number) => {
    await api.track(userId, 'Poke');
    await api.settled(pokeJourney, runs);
  };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    app = await startSwitchyard({ env: { SMTP_URL: smtp.url, PUBLIC_URL } });
    api = new JourneyApi(app);
    await api.identify([
      { userId: 'ada', traits: { plan: 'news', email: 'ada@example.com' } },
      { userId: 'bob', traits: { plan: 'news', email: 'bob@example.com' } },
    ]);
    const segment = await api.segment('News', { attribute: 'plan', op: 'eq', value: 'news' });
    welcomeJourney = await api.publishEmailOnEntry('Welcome', segment, {
      id: 'welcome',
      subject: 'Welcome',
      html: '<p>Hi</p><p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>',
    });
    pokeJourney = await api.publish(
      'Poke',
      [
        trigger({ kind: 'event', event: 'Poke' }),
        { id: 'promo', type: 'send_email', config: { subject: 'Promo', html: '<p>Sale</p>' } },
        {
          id: 'receipt',
          type: 'send_email',
          config: { subject: 'Receipt', html: '<p>Thanks</p>', transactional: true },
        },
      ],
      [
        ['trigger', 'promo'],
        ['promo', 'receipt'],
      ],
    );
    await api.evaluate();
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it('puts a signed link in the e-mail and in List-Unsubscribe; opening it changes nothing', async () => {
    const [welcome] = await waitFor(
      async () => {
        const got = mailTo('ada@example.com', 'Welcome');
        // Both customers' welcome e-mails: their links are compared below.
        return got.length > 0 && mailTo('bob@example.com', 'Welcome').length > 0 ? got : undefined;
      },
      20_000,
      'the welcome e-mails',
    );
    const inBody = LINK.exec(welcome?.html ?? '')?.[1];
    expect(inBody).toBeDefined();
    expect(welcome?.headers['list-unsubscribe']).toBe(`<${PUBLIC_URL}/u/${inBody}>`);
    expect(welcome?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const bobs = LINK.exec(mailTo('bob@example.com', 'Welcome')[0]?.html ?? '')?.[1];
    expect(bobs).toBeDefined();
    expect(bobs).not.toBe(inBody);

    const shown = await page(inBody ?? '').expect(200);
    expect(shown.headers['content-type']).toContain('text/html');
    expect(shown.headers['content-security-policy']).toContain("default-src 'none'");
    expect(shown.headers['referrer-policy']).toBe('no-referrer');
    expect(shown.text).toContain('Stop receiving marketing e-mails from');
    expect(await optOuts()).toEqual([]);
    expect(await welcomeUnsubscribed()).toBe(0);
  });

  it("a mail client's one-click POST unsubscribes; marketing mail is dropped, receipts still go", async () => {
    const token = LINK.exec(mailTo('ada@example.com', 'Welcome')[0]?.html ?? '')?.[1] ?? '';
    await post(token, 'List-Unsubscribe=One-Click').expect(200);
    await post(token, 'List-Unsubscribe=One-Click').expect(200);
    expect(await optOuts()).toEqual([
      { external_id: 'ada', channel: 'email', source: 'one_click' },
    ]);
    expect((await page(token).expect(200)).text).toContain('You no longer receive');
    // Counted on the step whose e-mail carried the link (its run and node are in the link).
    expect(await welcomeUnsubscribed()).toBe(1);

    await poke('ada', 1);
    await poke('bob', 2);
    await waitFor(
      async () => (mailTo('bob@example.com', 'Receipt').length > 0 ? true : undefined),
      20_000,
      "bob's receipt",
    );
    await waitFor(
      async () => (mailTo('ada@example.com', 'Receipt').length > 0 ? true : undefined),
      20_000,
      "ada's receipt",
    );
    expect(mailTo('ada@example.com', 'Promo')).toHaveLength(0);
    expect(mailTo('bob@example.com', 'Promo')).toHaveLength(1);
    const { rows } = await app.db.query<{ external_id: string; status: string; note: string }>(
      `SELECT c.external_id, s.status, s.note FROM enrollment_steps s
         JOIN enrollments e ON e.id = s.enrollment_id JOIN customers c ON c.id = e.customer_id
        WHERE e.journey_id = $1 AND s.node_id = 'promo' ORDER BY 1`,
      [pokeJourney],
    );
    expect(rows).toEqual([
      { external_id: 'ada', status: 'skipped', note: 'unsubscribed from email' },
      { external_id: 'bob', status: 'completed', note: null },
    ]);
    // The journey's stats count it on the step, with the reason.
    const stats = await api.get(`/api/journeys/${pokeJourney}/stats`).expect(200);
    const promo = stats.body.nodes.find((n: { nodeId: string }) => n.nodeId === 'promo');
    expect(promo).toMatchObject({
      completed: 2,
      skipped: [{ reason: 'unsubscribed from email', count: 1 }],
      messages: { sent: 1, failed: 0, waiting: 0 },
      unsubscribed: 0,
    });
    const profile = await api.get('/api/customers/ada').expect(200);
    expect(profile.body.subscriptions).toEqual({
      email: { status: 'unsubscribed', since: expect.any(String), source: 'one_click' },
      sms: { status: 'subscribed', since: null, source: null },
      topics: [],
      emailSuppression: null,
    });
    // A campaign to both says how many of its audience it will skip.
    const audience = await api
      .post('/api/audiences', { name: 'Both', externalIds: ['ada', 'bob'] })
      .expect(201);
    const campaign = await api
      .post('/api/campaigns', { name: 'To both', audienceId: audience.body.id })
      .expect(201);
    expect(campaign.body).toMatchObject({ audienceSize: 2, audienceUnsubscribed: 1 });
    // A step preview says so too.
    const preview = await api
      .post(`/api/journeys/${pokeJourney}/preview-step`, {
        node: {
          id: 'promo',
          type: 'send_email',
          position: { x: 0, y: 0 },
          config: { subject: 'Promo', html: '<p>{{unsubscribe_url}}</p>' },
        },
        customer: 'ada',
      })
      .expect(200);
    expect(preview.body.held).toEqual({ kind: 'unsubscribed', channels: ['email'], topics: [] });
    expect(preview.body.messages[0].html).toBe(`<p>${PUBLIC_URL}/u/preview</p>`);
  });

  it('the page button unsubscribes; a marketer subscribes them again through the API', async () => {
    const token = LINK.exec(mailTo('bob@example.com', 'Welcome')[0]?.html ?? '')?.[1] ?? '';
    const done = await post(token, 'confirm=1').expect(200);
    expect(done.text).toContain('You will not receive marketing e-mails');
    expect(await optOuts()).toContainEqual({
      external_id: 'bob',
      channel: 'email',
      source: 'link',
    });
    expect(await welcomeUnsubscribed()).toBe(2);

    const back = await api
      .put('/api/customers/bob/subscriptions/email', { status: 'subscribed' })
      .expect(200);
    expect(back.body.email).toEqual({ status: 'subscribed', since: null, source: null });
    // Subscribed again: no longer counted as lost to the welcome e-mail.
    expect(await welcomeUnsubscribed()).toBe(1);
    const sms = await api
      .put('/api/customers/bob/subscriptions/sms', { status: 'unsubscribed' })
      .expect(200);
    expect(sms.body.sms).toMatchObject({ status: 'unsubscribed', source: 'api' });
    const audit = await api.get('/api/audit-log?action=customer.subscription_changed').expect(200);
    expect(audit.body.entries[0]).toMatchObject({
      targetType: 'customer',
      targetId: 'bob',
      details: { channel: 'sms', status: 'unsubscribed' },
    });
    await poke('bob', 3);
    await waitFor(
      async () => (mailTo('bob@example.com', 'Promo').length === 2 ? true : undefined),
      20_000,
      "bob's second promo",
    );
  });

  it('refuses links it did not make, and a preview link unsubscribes no one', async () => {
    const before = await optOuts();
    const token = LINK.exec(mailTo('ada@example.com', 'Welcome')[0]?.html ?? '')?.[1] ?? '';
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await post(forged, 'List-Unsubscribe=One-Click').expect(404)).text).toContain(
      'not valid',
    );
    await page('garbage').expect(404);
    expect((await post('preview', 'confirm=1').expect(200)).text).toContain('unsubscribes no one');
    expect(await optOuts()).toEqual(before);
    const missing = await api.put('/api/customers/nobody/subscriptions/email', {
      status: 'unsubscribed',
    });
    expect(missing.status).toBe(404);
    const badChannel = await api.put('/api/customers/ada/subscriptions/fax', {
      status: 'unsubscribed',
    });
    expect(badChannel.status).toBe(400);
    expect(badChannel.body.issues[0]).toMatchObject({
      field: 'channel',
      message: 'must be email or sms',
    });
  });
});
