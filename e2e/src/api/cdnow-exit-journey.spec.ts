import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cdnowEmail,
  cdnowNdjson,
  difference,
  endOfDay,
  orderedWithin,
  readCdnow,
} from '../support/cdnow.fixture.js';
import { triggerThenEmail } from '../support/journey-graphs.js';
import { type ReceivedMail, startSmtpSink } from '../support/smtp-sink.js';
import { type RunningSwitchyard, startSwitchyard, waitFor } from '../support/switchyard.harness.js';

/**
 * The walking skeleton end to end: real CDNOW history imported with COPY, a segment
 * evaluated as of two past dates, and a journey on segment *exit* sending real e-mail.
 */
describe('CDNOW: customers who stop ordering get exactly one e-mail', () => {
  const orders = readCdnow(5000);
  const march = orderedWithin(orders, endOfDay('1997-03-31'), 90);
  const june = orderedWithin(orders, endOfDay('1997-06-30'), 90);
  const expectedEntered = difference(june, march);
  const expectedExited = difference(march, june);

  let app: RunningSwitchyard;
  let smtp: { url: string; messages: ReceivedMail[]; stop: () => Promise<void> };
  let segmentId: string;
  const api = () => request(app.url);
  const auth = () => ({ Authorization: `Bearer ${app.apiKey}` });

  beforeAll(async () => {
    smtp = await startSmtpSink();
    app = await startSwitchyard({ env: { SMTP_URL: smtp.url } });
  });

  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it('the raw data has movement to test', () => {
    expect(march.size).toBeGreaterThan(100);
    expect(expectedExited.size).toBeGreaterThan(50);
    // CDNOW's cohort all first bought in Q1 1997, so few (here none) enter between these dates.
    expect(expectedEntered.size).toBeGreaterThanOrEqual(0);
  });

  it('imports the first 5,000 rows as Order Completed events', async () => {
    const res = await api()
      .post('/api/imports')
      .set(auth())
      .set('Content-Type', 'application/x-ndjson')
      .send(cdnowNdjson(orders));
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    expect(res.body.status).toBe('completed');
    expect(res.body.eventsInserted).toBeGreaterThanOrEqual(orders.length);
    const { rows } = await app.db.query(
      `SELECT count(*)::int AS n FROM events WHERE name = 'Order Completed'`,
    );
    expect(rows[0].n).toBe(5000);
    const progress = await api().get(`/api/imports/${res.body.id}`).set(auth());
    expect(progress.body).toMatchObject({
      id: res.body.id,
      status: 'completed',
      linesRead: res.body.linesRead,
      invalidLines: 0,
    });
  });

  it('evaluates "ordered within the last 90 days" as of 1997-03-31 and 1997-06-30', async () => {
    const created = await api()
      .post('/api/segments')
      .set(auth())
      .send({
        name: 'Ordered in the last 90 days',
        rule: {
          event: 'Order Completed',
          aggregate: { fn: 'count' },
          op: 'gte',
          value: 1,
          window: { lastDays: 90 },
        },
      });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    segmentId = created.body.id;

    const first = await api().post('/api/evaluations').set(auth()).send({ asOf: '1997-03-31' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.segments[0]).toMatchObject({
      members: march.size,
      entered: march.size,
      exited: 0,
      recorded: true,
    });
  });

  it('a journey on segment exit e-mails each exited customer once, with their data', async () => {
    const graph = triggerThenEmail(
      'segment_exited',
      segmentId,
      {
        subject: 'We miss you, {{customer.traits.first_name}}',
        html: '<p>Customer {{customer.externalId}} left "{{trigger.segmentName}}".</p>',
      },
      { trigger: 'trigger', email: 'winback' },
    );
    const journey = await api().post('/api/journeys').set(auth()).send({ name: 'Win back', graph });
    expect(journey.status, JSON.stringify(journey.body)).toBe(201);
    const published = await api()
      .post(`/api/journeys/${journey.body.id}/publish`)
      .set(auth())
      .send();
    expect(published.status, JSON.stringify(published.body)).toBeLessThan(300);

    const second = await api().post('/api/evaluations').set(auth()).send({ asOf: '1997-06-30' });
    expect(second.status).toBe(200);
    expect(second.body.segments[0]).toMatchObject({
      members: june.size,
      entered: expectedEntered.size,
      exited: expectedExited.size,
    });
    expect(second.body.enrollments).toBe(expectedExited.size);

    await waitFor(
      async () => (smtp.messages.length >= expectedExited.size ? true : undefined),
      90_000,
      `${expectedExited.size} e-mails`,
    );
    const recipients = smtp.messages.map((m) => m.to[0]);
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(new Set(recipients)).toEqual(new Set([...expectedExited].map(cdnowEmail)));
    const sample = [...expectedExited][0] as string;
    const mail = smtp.messages.find((m) => m.to[0] === cdnowEmail(sample));
    expect(mail?.subject).toBe(`We miss you, Fan ${sample}`);
    expect(mail?.html).toMatch(
      new RegExp(`Customer ${sample} left (&quot;|")Ordered in the last 90 days(&quot;|")`),
    );

    const stats = await api().get(`/api/journeys/${journey.body.id}/stats`).set(auth());
    const node = stats.body.nodes.find((n: { nodeId: string }) => n.nodeId === 'winback');
    expect(node).toMatchObject({
      entered: expectedExited.size,
      completed: expectedExited.size,
      failed: 0,
    });
  });

  it('running the same evaluation again sends nothing more', async () => {
    const again = await api().post('/api/evaluations').set(auth()).send({ asOf: '1997-06-30' });
    expect(again.body.segments[0]).toMatchObject({ members: june.size, entered: 0, exited: 0 });
    expect(again.body.enrollments).toBe(0);
    await new Promise((r) => setTimeout(r, 3000));
    expect(smtp.messages.length).toBe(expectedExited.size);
    const { rows } = await app.db.query(
      `SELECT kind, count(*)::int AS n FROM segment_transitions WHERE segment_id = $1 GROUP BY kind ORDER BY kind`,
      [segmentId],
    );
    expect(rows).toEqual([
      { kind: 'entered', n: march.size + expectedEntered.size },
      { kind: 'exited', n: expectedExited.size },
    ]);
  });
});
