import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triggerThenEmail } from '../support/journey-graphs.js';
import { type ReceivedMail, startSmtpSink } from '../support/smtp-sink.js';
import { type RunningSwitchyard, startSwitchyard, waitFor } from '../support/switchyard.harness.js';

/** SIGTERM lets in-flight jobs finish: an e-mail being delivered is delivered and recorded. */
describe('graceful shutdown', () => {
  let app: RunningSwitchyard;
  let smtp: { url: string; messages: ReceivedMail[]; stop: () => Promise<void> };
  const auth = () => ({ Authorization: `Bearer ${app.apiKey}` });

  beforeAll(async () => {
    smtp = await startSmtpSink({ acceptDelayMs: 3000 });
    app = await startSwitchyard({ env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it('finishes the delivery in flight before exiting', async () => {
    const segment = await request(app.url)
      .post('/api/segments')
      .set(auth())
      .send({ name: 'Gold', rule: { attribute: 'tier', op: 'eq', value: 'gold' } });
    await request(app.url).post('/api/evaluations').set(auth()).send({}).expect(200);
    const journey = await request(app.url)
      .post('/api/journeys')
      .set(auth())
      .send({
        name: 'Gold welcome',
        graph: triggerThenEmail('segment_entered', segment.body.id, {
          subject: 'Hi',
          html: '<p>Gold</p>',
        }),
      });
    await request(app.url)
      .post(`/api/journeys/${journey.body.id}/publish`)
      .set(auth())
      .send()
      .expect(201);
    await request(app.url)
      .post('/v1/identify')
      .set(auth())
      .send({ userId: 'gil', traits: { tier: 'gold', email: 'gil@example.test' } })
      .expect(200);

    // Wait until the SMTP conversation has started (the outbox row exists, not yet sent).
    await waitFor(
      async () => {
        const { rows } = await app.db.query(`SELECT status, attempts FROM outbox`);
        return rows.length > 0 ? true : undefined;
      },
      10_000,
      'the outbox row',
    );
    await new Promise((r) => setTimeout(r, 800));
    const exit = await app.terminate();
    expect(exit.code, JSON.stringify(exit)).toBe(0);
    expect(exit.ms).toBeGreaterThan(500); // it waited for the slow provider
    expect(smtp.messages).toHaveLength(1);
    const { rows } = await app.db.query(`SELECT status FROM outbox`);
    expect(rows).toEqual([{ status: 'sent' }]);
  });
});
