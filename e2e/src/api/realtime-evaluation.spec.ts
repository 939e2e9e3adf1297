import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triggerThenEmail } from '../support/journey-graphs.js';
import { type ReceivedMail, startSmtpSink } from '../support/smtp-sink.js';
import { type RunningSwitchyard, startSwitchyard, waitFor } from '../support/switchyard.harness.js';

interface Smtp {
  url: string;
  messages: ReceivedMail[];
  stop: () => Promise<void>;
}

/** Invariant 4: events mark customers dirty and a debounced job emits transitions in about a second. */
describe('real time: an identify moves a customer into a segment and starts a journey', () => {
  let app: RunningSwitchyard;
  let smtp: Smtp;
  const auth = () => ({ Authorization: `Bearer ${app.apiKey}` });

  beforeAll(async () => {
    smtp = await startSmtpSink();
    app = await startSwitchyard({ env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it('emits the transition within about a second and sends the welcome e-mail', async () => {
    const segment = await request(app.url)
      .post('/api/segments')
      .set(auth())
      .send({ name: 'Pro plan', rule: { attribute: 'plan', op: 'eq', value: 'pro' } });
    expect(segment.status).toBe(201);
    // Baseline evaluation: real-time passes diff against it.
    await request(app.url).post('/api/evaluations').set(auth()).send({}).expect(200);
    const graph = triggerThenEmail('segment_entered', segment.body.id, {
      subject: 'Welcome to Pro, {{customer.traits.name}}',
      html: '<p>Thanks!</p>',
    });
    const journey = await request(app.url)
      .post('/api/journeys')
      .set(auth())
      .send({ name: 'Pro welcome', graph });
    await request(app.url)
      .post(`/api/journeys/${journey.body.id}/publish`)
      .set(auth())
      .send()
      .expect(201);

    const sent = Date.now();
    await request(app.url)
      .post('/v1/identify')
      .set(auth())
      .send({ userId: 'ada', traits: { name: 'Ada', email: 'ada@example.test', plan: 'pro' } })
      .expect(200);
    await waitFor(
      async () => {
        const { rows } = await app.db.query(
          `SELECT 1 FROM segment_transitions t JOIN customers c ON c.id = t.customer_id
           WHERE c.external_id = 'ada' AND t.kind = 'entered'`,
        );
        return rows.length > 0 ? true : undefined;
      },
      10_000,
      'the entered transition',
    );
    const latency = Date.now() - sent;
    expect(latency).toBeLessThan(2000);

    await waitFor(
      async () => (smtp.messages.length > 0 ? true : undefined),
      15_000,
      'the welcome e-mail',
    );
    expect(smtp.messages[0]).toMatchObject({
      to: ['ada@example.test'],
      subject: 'Welcome to Pro, Ada',
    });

    // A second identify that changes nothing relevant moves nobody and sends nothing.
    await request(app.url)
      .post('/v1/identify')
      .set(auth())
      .send({ userId: 'ada', traits: { city: 'Seoul' } })
      .expect(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.messages).toHaveLength(1);

    // Leaving the plan is an exit, in real time too.
    await request(app.url)
      .post('/v1/identify')
      .set(auth())
      .send({ userId: 'ada', traits: { plan: 'free' } })
      .expect(200);
    await waitFor(
      async () => {
        const { rows } = await app.db.query(
          `SELECT 1 FROM segment_transitions WHERE kind = 'exited'`,
        );
        return rows.length > 0 ? true : undefined;
      },
      10_000,
      'the exited transition',
    );
  });
});

describe('schedule: time alone moves a customer out of a segment', () => {
  let app: RunningSwitchyard;
  const auth = () => ({ Authorization: `Bearer ${app.apiKey}` });

  beforeAll(async () => {
    app = await startSwitchyard({ env: { SEGMENT_REFRESH_SECONDS: '1' } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('the scheduled evaluation records the exit with no new event', async () => {
    const segment = await request(app.url)
      .post('/api/segments')
      .set(auth())
      .send({
        name: 'Ordered today',
        rule: { event: 'Order Completed', measure: 'daysSinceLast', op: 'lte', value: 0 },
      });
    // The order is 24 h minus 4 s old: "0 days since" now, "1 day since" in 4 s.
    const at = new Date(Date.now() - 86_400_000 + 4000).toISOString();
    await request(app.url)
      .post('/v1/track')
      .set(auth())
      .send({ userId: 'bo', event: 'Order Completed', properties: { total: 20 }, timestamp: at })
      .expect(200);
    await waitFor(
      async () => {
        const { rows } = await app.db.query(
          `SELECT kind FROM segment_transitions WHERE segment_id = $1`,
          [segment.body.id],
        );
        return rows.some((r: { kind: string }) => r.kind === 'entered') ? true : undefined;
      },
      10_000,
      'the customer to enter',
    );
    await waitFor(
      async () => {
        const { rows } = await app.db.query(
          `SELECT kind FROM segment_transitions WHERE segment_id = $1`,
          [segment.body.id],
        );
        return rows.some((r: { kind: string }) => r.kind === 'exited') ? true : undefined;
      },
      15_000,
      'the scheduled exit',
    );
    const { rows } = await app.db.query('SELECT count(*)::int AS n FROM events');
    expect(rows[0].n).toBe(1);
  });
});
