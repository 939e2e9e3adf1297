import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JourneyApi, trigger } from '../support/journey-api.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

const PUBLIC_URL = 'https://marketing.example.test';
const LINK = /https:\/\/marketing\.example\.test\/u\/([A-Za-z0-9_.-]+)/;

/**
 * Subscription topics: a customer leaves one kind of marketing e-mail ("Weekly deals")
 * through its own link or their mail app's one-click button, and still gets the others;
 * the page also offers to leave all of them. Marketers manage topics and a customer's
 * topics through the API; stats count the topic's unsubscribes on the step that sent it.
 */
describe('subscription topics', () => {
  let app: RunningSwitchyard;
  let smtp: SmtpSink;
  let api: JourneyApi;
  let journeyId: string;
  let deals: { id: string; name: string };
  let runs = 0;

  const mailTo = (address: string, subject: string) =>
    smtp.messages.filter((m) => m.to.includes(address) && m.subject === subject);
  const post = (token: string, body: string) =>
    request(app.url)
      .post(`/u/${token}`)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send(body);
  /** Sends the Poke journey to a customer and waits for its e-mails (or their skips). */
  const poke = async (userId: string) => {
    await api.track(userId, 'Poke');
    await api.settled(journeyId, ++runs);
  };
  const dealsLink = (address: string) =>
    LINK.exec(mailTo(address, 'Deals')[0]?.headers['list-unsubscribe'] ?? '')?.[1] ?? '';

  beforeAll(async () => {
    smtp = await startSmtpSink();
    app = await startSwitchyard({ env: { SMTP_URL: smtp.url, PUBLIC_URL } });
    api = new JourneyApi(app);
    await api.identify([
      { userId: 'ada', traits: { email: 'ada@example.com' } },
      { userId: 'bob', traits: { email: 'bob@example.com' } },
    ]);
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it('creates, lists, renames and refuses topics, naming the field', async () => {
    const created = await api
      .post('/api/subscription-topics', { name: 'Weekly deals', description: 'Our best offers' })
      .expect(201);
    deals = created.body;
    expect(created.body).toMatchObject({
      name: 'Weekly deals',
      description: 'Our best offers',
      unsubscribed: 0,
    });
    const again = await api.post('/api/subscription-topics', { name: 'weekly DEALS' }).expect(409);
    expect(again.body.message).toBe('a subscription topic named "weekly DEALS" already exists');
    const empty = await api.post('/api/subscription-topics', { name: ' ' }).expect(400);
    expect(empty.body.issues[0]).toMatchObject({ field: 'name', message: 'must not be empty' });
    const news = await api.post('/api/subscription-topics', { name: 'Nws' }).expect(201);
    const renamed = await api
      .patch(`/api/subscription-topics/${news.body.id}`, { name: 'Product news' })
      .expect(200);
    expect(renamed.body).toMatchObject({ name: 'Product news', description: '' });
    const list = await api.get('/api/subscription-topics').expect(200);
    expect(list.body.map((t: { name: string }) => t.name)).toEqual([
      'Product news',
      'Weekly deals',
    ]);
    await api.delete(`/api/subscription-topics/${news.body.id}`).expect(204);
    await api.get(`/api/subscription-topics/${news.body.id}`).expect(404);
    const badId = await api.get('/api/subscription-topics/nope').expect(400);
    expect(badId.body.issues[0]).toMatchObject({ field: 'id' });
    const audit = await api.get('/api/audit-log?action=subscription_topic.deleted').expect(200);
    expect(audit.body.entries[0]).toMatchObject({ details: { name: 'Product news' } });
  });

  it("one-click leaves the e-mail's topic only: its e-mails stop, the others still go", async () => {
    journeyId = await api.publish(
      'Poke',
      [
        trigger({ kind: 'event', event: 'Poke' }),
        {
          id: 'deals',
          type: 'send_email',
          config: { subject: 'Deals', html: '<p>50% off</p>', topic: deals.id },
        },
        { id: 'news', type: 'send_email', config: { subject: 'News', html: '<p>New in</p>' } },
      ],
      [
        ['trigger', 'deals'],
        ['deals', 'news'],
      ],
    );
    // Unsubscribing is an event like any other: this journey runs on it.
    const onUnsubscribe = await api.publish(
      'On unsubscribe',
      [
        trigger({ kind: 'event', event: 'Unsubscribed' }),
        { id: 'tag', type: 'update_attribute', config: { trait: 'left_a_topic', value: 'yes' } },
      ],
      [['trigger', 'tag']],
    );
    await poke('ada');
    await poke('bob');
    await waitFor(
      async () => (mailTo('bob@example.com', 'News').length > 0 ? true : undefined),
      20_000,
      "bob's news",
    );
    // One-click (RFC 8058) from the deals e-mail: the topic, not all e-mail.
    await post(dealsLink('ada@example.com'), 'List-Unsubscribe=One-Click').expect(200);
    await api.settled(onUnsubscribe, 1);
    const profile = await api.get('/api/customers/ada').expect(200);
    expect(profile.body.traits).toMatchObject({ left_a_topic: 'yes' });
    expect(profile.body.recentEvents[0]).toMatchObject({
      name: 'Unsubscribed',
      properties: {
        channel: 'email',
        topic: 'Weekly deals',
        topicId: deals.id,
        source: 'one_click',
        nodeId: 'deals',
      },
    });
    expect(profile.body.subscriptions).toEqual({
      email: { status: 'subscribed', since: null, source: null },
      sms: { status: 'subscribed', since: null, source: null },
      topics: [
        {
          topicId: deals.id,
          name: 'Weekly deals',
          description: 'Our best offers',
          status: 'unsubscribed',
          since: expect.any(String),
          source: 'one_click',
        },
      ],
      emailSuppression: null,
    });

    await poke('ada');
    await waitFor(
      async () => (mailTo('ada@example.com', 'News').length === 2 ? true : undefined),
      20_000,
      "ada's second news",
    );
    expect(mailTo('ada@example.com', 'Deals')).toHaveLength(1);
    const { rows } = await app.db.query<{ status: string; note: string | null }>(
      `SELECT s.status, s.note FROM enrollment_steps s JOIN enrollments e ON e.id = s.enrollment_id
        JOIN customers c ON c.id = e.customer_id
       WHERE e.journey_id = $1 AND s.node_id = 'deals' AND c.external_id = 'ada' ORDER BY e.created_at`,
      [journeyId],
    );
    expect(rows).toEqual([
      { status: 'completed', note: null },
      { status: 'skipped', note: 'unsubscribed from "Weekly deals"' },
    ]);
    // Counted on the deals step, and on the topic.
    const stats = await api.get(`/api/journeys/${journeyId}/stats`).expect(200);
    const node = (id: string) => stats.body.nodes.find((n: { nodeId: string }) => n.nodeId === id);
    expect(node('deals')).toMatchObject({
      unsubscribed: 1,
      skipped: [{ reason: 'unsubscribed from "Weekly deals"', count: 1 }],
    });
    expect(node('news')).toMatchObject({ unsubscribed: 0 });
    expect((await api.get(`/api/subscription-topics/${deals.id}`).expect(200)).body).toMatchObject({
      unsubscribed: 1,
    });
    // A preview for her says the deals e-mail would be held back, and why.
    const preview = await api
      .post(`/api/journeys/${journeyId}/preview-step`, {
        node: {
          id: 'deals',
          type: 'send_email',
          position: { x: 0, y: 0 },
          config: { subject: 'Deals', html: '<p>x</p>', topic: deals.id },
        },
        customer: 'ada',
      })
      .expect(200);
    expect(preview.body.held).toEqual({
      kind: 'unsubscribed',
      channels: [],
      topics: ['Weekly deals'],
    });
  });

  it('the page offers the topic, or all marketing e-mail', async () => {
    const bobs = dealsLink('bob@example.com');
    const page = await request(app.url).get(`/u/${bobs}`).expect(200);
    expect(page.text).toContain('Stop receiving “Weekly deals” e-mails from');
    expect(page.text).toContain('name="scope" value="topic"');
    expect(page.text).toContain('name="scope" value="all"');
    const done = await post(bobs, 'confirm=1&scope=all').expect(200);
    expect(done.text).toContain('You will not receive marketing e-mails from');
    const profile = await api.get('/api/customers/bob').expect(200);
    expect(profile.body.subscriptions.email).toMatchObject({
      status: 'unsubscribed',
      source: 'link',
    });
    expect(profile.body.subscriptions.topics[0]).toMatchObject({ status: 'subscribed' });
    // Ada, who left the topic, is offered all.
    const adas = await request(app.url)
      .get(`/u/${dealsLink('ada@example.com')}`)
      .expect(200);
    expect(adas.text).toContain('You no longer receive “Weekly deals” e-mails from');
    expect(adas.text).not.toContain('value="topic"');
  });

  it('the preference center shows each choice and saves the form as a whole', async () => {
    const news = await api.post('/api/subscription-topics', { name: 'Product news' }).expect(201);
    const bobs = dealsLink('bob@example.com');
    /** The page, or the page a save redirects to (303, so a reload does not post again). */
    const prefs = async (body?: string) => {
      if (body === undefined) return request(app.url).get(`/u/${bobs}/preferences`).expect(200);
      const saved = await request(app.url)
        .post(`/u/${bobs}/preferences`)
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send(body)
        .expect(303);
      expect(saved.headers['location']).toBe(`/u/${bobs}/preferences?saved=1`);
      return request(app.url)
        .get(saved.headers['location'] ?? '')
        .expect(200);
    };
    const shown = await prefs();
    expect(shown.headers['content-security-policy']).toContain("default-src 'none'");
    // Bob left all marketing e-mail (above), not a topic.
    expect(shown.text).toContain('name="email" value="on">');
    expect(shown.text).toContain(`name="topic" value="${deals.id}" checked>`);
    expect(shown.text).toContain(`name="topic" value="${news.body.id}" checked>`);

    // Back to e-mail, keeping only the news.
    const saved = await prefs(`confirm=1&email=on&topic=${news.body.id}`);
    expect(saved.text).toContain('Your preferences are saved.');
    expect(saved.text).toContain('name="email" value="on" checked>');
    const bob = (await api.get('/api/customers/bob').expect(200)).body.subscriptions;
    expect(bob.email.status).toBe('subscribed');
    expect(
      bob.topics.map((t: { name: string; status: string; source: string | null }) => [
        t.name,
        t.status,
        t.source,
      ]),
    ).toEqual([
      ['Product news', 'subscribed', null],
      ['Weekly deals', 'unsubscribed', 'link'],
    ]);
    // Both topics ticked (the form repeats the field): both kept.
    await prefs(`confirm=1&email=on&topic=${news.body.id}&topic=${deals.id}`);
    const again = (await api.get('/api/customers/bob').expect(200)).body.subscriptions;
    expect(again.topics.map((t: { status: string }) => t.status)).toEqual([
      'subscribed',
      'subscribed',
    ]);
    // The unsubscribe page links here; a link that is not ours gets the same 404 there.
    expect((await request(app.url).get(`/u/${bobs}`).expect(200)).text).toContain(
      `/u/${bobs}/preferences`,
    );
    await request(app.url).get('/u/not-a-link/preferences').expect(404);
    expect((await request(app.url).get('/u/preview/preferences').expect(200)).text).toContain(
      'unsubscribes no one',
    );
    await api.delete(`/api/subscription-topics/${news.body.id}`).expect(204);
  });

  it('a campaign goes out under a topic: who left it is counted and skipped', async () => {
    const audience = await api
      .post('/api/audiences', { name: 'Both', externalIds: ['ada', 'bob'] })
      .expect(201);
    const created = await api
      .post('/api/campaigns', { name: 'Monday deals', audienceId: audience.body.id })
      .expect(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ topicId: null, topicName: null, audienceUnsubscribed: 0 });
    const bad = await api
      .patch(`/api/campaigns/${id}`, { topicId: '7d1f5b8e-3c2a-4a9e-9d63-0c1b2a3d4e5f' })
      .expect(400);
    expect(bad.body.issues[0]).toMatchObject({ field: 'topicId' });
    const withTopic = await api
      .patch(`/api/campaigns/${id}`, { topicId: deals.id, holdoutPercent: 0, subject: 'Monday' })
      .expect(200);
    // Ada left the topic (above): she is counted, and skipped.
    expect(withTopic.body).toMatchObject({
      topicId: deals.id,
      topicName: 'Weekly deals',
      audienceUnsubscribed: 1,
    });
    const launched = await api.post(`/api/campaigns/${id}/launch`).expect(200);
    await api.settled(launched.body.journeyId, 2);
    await waitFor(
      async () => (mailTo('bob@example.com', 'Monday').length > 0 ? true : undefined),
      20_000,
      "bob's campaign e-mail",
    );
    expect(mailTo('ada@example.com', 'Monday')).toHaveLength(0);
    const { rows } = await app.db.query<{ topic: string }>(
      `SELECT n->'config'->>'topic' AS topic FROM journey_versions v,
              jsonb_array_elements(v.graph->'nodes') n
        WHERE v.journey_id = $1 AND n->>'type' = 'send_email'`,
      [launched.body.journeyId],
    );
    expect(rows).toEqual([{ topic: deals.id }]);
  });

  it('a marketer changes a customer’s topic; a topic is deleted only once nothing sends under it', async () => {
    const back = await api
      .put(`/api/customers/ada/subscriptions/topics/${deals.id}`, { status: 'subscribed' })
      .expect(200);
    expect(back.body.topics[0]).toMatchObject({ status: 'subscribed', source: null });
    await api
      .put(`/api/customers/ada/subscriptions/topics/${deals.id}`, { status: 'unsubscribed' })
      .expect(200);
    const unknown = await api
      .put('/api/customers/ada/subscriptions/topics/7d1f5b8e-3c2a-4a9e-9d63-0c1b2a3d4e5f', {
        status: 'unsubscribed',
      })
      .expect(404);
    expect(unknown.body.message).toContain('no subscription topic');

    // Deleting the topic would forget who left it: refused while anything still sends
    // under it, naming all of it (the Poke journey, the launched campaign's journey, a draft).
    const audience = await api
      .post('/api/audiences', { name: 'Ada only', externalIds: ['ada'] })
      .expect(201);
    const draftCampaign = await api
      .post('/api/campaigns', { name: 'Next deals', audienceId: audience.body.id })
      .expect(201);
    await api.patch(`/api/campaigns/${draftCampaign.body.id}`, { topicId: deals.id }).expect(200);
    const inUse = await api.delete(`/api/subscription-topics/${deals.id}`).expect(409);
    expect(inUse.body.message).toMatch(
      /^subscription topic "Weekly deals" cannot be deleted: the campaign "Next deals" \(draft\) sends under it: choose another topic for it, or delete it, first; the journeys .*"Poke" \(live\) use it: stop them/,
    );
    await api.patch(`/api/campaigns/${draftCampaign.body.id}`, { topicId: null }).expect(200);
    const journeys = (await api.get('/api/journeys').expect(200)).body as {
      id: string;
      name: string;
      status: string;
    }[];
    const users = journeys.filter((j) => inUse.body.message.includes(`"${j.name}" (`));
    expect(users.map((j) => j.name)).toContain('Poke');
    for (const journey of users) await api.post(`/api/journeys/${journey.id}/stop`).expect(201);
    expect((await api.get(`/api/subscription-topics/${deals.id}`).expect(200)).body).toMatchObject({
      name: 'Weekly deals',
      unsubscribed: 1,
    });

    await api.delete(`/api/subscription-topics/${deals.id}`).expect(204);
    expect((await api.get('/api/customers/ada').expect(200)).body.subscriptions.topics).toEqual([]);
    // A new version cannot name the deleted topic: refused, naming the step and the field.
    const draft = await api
      .post('/api/journeys', {
        name: 'Deals again',
        graph: {
          nodes: [
            { ...trigger({ kind: 'event', event: 'Poke' }), position: { x: 0, y: 0 } },
            {
              id: 'deals',
              type: 'send_email',
              position: { x: 0, y: 150 },
              config: { subject: 'Deals', html: '<p>x</p>', topic: deals.id },
            },
          ],
          edges: [{ id: 'e0', source: 'trigger', target: 'deals' }],
        },
      })
      .expect(201);
    const refused = await api.post(`/api/journeys/${draft.body.id}/publish`).expect(400);
    expect(refused.body.issues).toEqual([
      {
        field: 'graph.nodes[1].config.topic',
        message: 'no such subscription topic in this workspace',
        nodeId: 'deals',
      },
    ]);
  });
});
