import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpSink, startHttpSink } from '../support/http-sink.js';
import { JourneyApi, trigger } from '../support/journey-api.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

/**
 * A customer texts STOP: the SMS provider forwards it to /v1/sms/inbound (Twilio's form, an
 * ingest key as the Basic user), the customers with that number are unsubscribed from
 * marketing SMS, and the engine stops sending them marketing texts while transactional
 * ones still go; START brings them back.
 */
describe('SMS opt-out by reply', () => {
  let app: RunningSwitchyard;
  let sink: HttpSink;
  let api: JourneyApi;
  let journeyId: string;
  let ingestKey: string;

  /** A text as Twilio forwards it, signed in with the ingest key as the Basic user. */
  const reply = (from: string, body: string) =>
    request(app.url)
      .post('/v1/sms/inbound')
      .set('Authorization', `Basic ${Buffer.from(`${ingestKey}:`).toString('base64')}`)
      .type('form')
      .send({ MessageSid: 'SM1', AccountSid: 'AC1', From: from, To: '+15005550006', Body: body });
  const textsTo = (number: string) =>
    sink.requests
      .map((r) => JSON.parse(r.body) as { to: string; body: string })
      .filter((t) => t.to === number)
      .map((t) => t.body);
  const run = async (userId: string, runs: number) => {
    await api.track(userId, 'Ping');
    await api.settled(journeyId, runs);
  };

  beforeAll(async () => {
    sink = await startHttpSink();
    app = await startSwitchyard({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
    api = new JourneyApi(app);
    await api
      .put('/api/workspace/settings', { smsProvider: { url: `${sink.url}/sms`, from: 'Shop' } })
      .expect(200);
    ingestKey = (await api.post('/api/api-keys', { name: 'twilio', scope: 'ingest' }).expect(201))
      .body.key as string;
    await api.identify([
      { userId: 'carol', traits: { phone: '+1 (415) 555-0123' } },
      { userId: 'dave', traits: { phone: '+14155550124' } },
    ]);
    journeyId = await api.publish(
      'Ping',
      [
        trigger({ kind: 'event', event: 'Ping' }),
        { id: 'promo', type: 'send_sms', config: { body: 'Sale today' } },
        { id: 'code', type: 'send_sms', config: { body: 'Your code', transactional: true } },
      ],
      [
        ['trigger', 'promo'],
        ['promo', 'code'],
      ],
    );
  });
  afterAll(async () => {
    await app?.stop();
    await sink?.stop();
  });

  it('STOP unsubscribes the number from marketing texts; transactional ones still go', async () => {
    const stopped = await reply('+14155550123', 'Stop').expect(200);
    expect(stopped.body).toEqual({ action: 'unsubscribed', customers: 1 });
    const carol = await api.get('/api/customers/carol').expect(200);
    expect(carol.body.subscriptions.sms).toMatchObject({ status: 'unsubscribed', source: 'reply' });
    expect(carol.body.subscriptions.email.status).toBe('subscribed');
    // Recorded as her event too, as tracked events are.
    expect(carol.body.recentEvents[0]).toMatchObject({
      name: 'Unsubscribed',
      properties: { channel: 'sms', source: 'reply' },
    });

    await run('carol', 1);
    await run('dave', 2);
    await waitFor(
      async () => (textsTo('+14155550123').length === 1 ? true : undefined),
      20_000,
      "carol's code",
    );
    await waitFor(
      async () => (textsTo('+14155550124').length === 2 ? true : undefined),
      20_000,
      "dave's texts",
    );
    expect(textsTo('+14155550123')).toEqual(['Your code']);
    expect(textsTo('+14155550124').sort()).toEqual(['Sale today', 'Your code']);
  });

  it('START subscribes them again; other texts change nothing', async () => {
    expect((await reply('+14155550123', 'see you soon').expect(200)).body).toEqual({
      action: 'none',
      customers: 0,
    });
    expect((await reply('+19995550000', 'STOP').expect(200)).body).toEqual({
      action: 'unsubscribed',
      customers: 0,
    });
    expect((await reply('+14155550123', 'START').expect(200)).body).toEqual({
      action: 'subscribed',
      customers: 1,
    });
    // A second START changes nothing, so it records nothing.
    await reply('+14155550123', 'START').expect(200);
    const { rows } = await app.db.query<{ name: string; channel: string }>(
      `SELECT e.name, e.properties->>'channel' AS channel FROM events e
         JOIN customers c ON c.id = e.customer_id
        WHERE c.external_id = 'carol' AND e.name IN ('Unsubscribed', 'Resubscribed') ORDER BY e.id`,
    );
    expect(rows).toEqual([
      { name: 'Unsubscribed', channel: 'sms' },
      { name: 'Resubscribed', channel: 'sms' },
    ]);
    await run('carol', 3);
    await waitFor(
      async () => (textsTo('+14155550123').includes('Sale today') ? true : undefined),
      20_000,
      "carol's sale text",
    );
    const bad = await reply('not a number', 'STOP');
    expect(bad.status).toBe(400);
    const json = await api.post('/v1/sms/inbound', { from: '+14155550124', body: 'quit' });
    expect(json.body).toEqual({ action: 'unsubscribed', customers: 1 });
  });
});
