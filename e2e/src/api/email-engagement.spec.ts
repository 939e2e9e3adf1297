import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JourneyApi, trigger } from '../support/journey-api.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

const SALE = 'https://shop.example/sale?x=1&y=2';

/**
 * Opens and clicks of journey e-mails: a marketing e-mail's links go through a signed
 * redirect and it carries a pixel; the first open and the first click of each link count
 * on the step and are the customer's events. Transactional e-mail is sent as written.
 */
describe('e-mail opens and clicks', () => {
  let app: RunningSwitchyard;
  let smtp: SmtpSink;
  let api: JourneyApi;
  let journeyId: string;
  let html = '';

  /** A link of the e-mail, as a path on the test's server (PUBLIC_URL is not set). */
  const pathOf = (url: string) => url.replace(/^https?:\/\/[^/]+/, '');
  const mailNode = async () =>
    (await api.get(`/api/journeys/${journeyId}/stats`).expect(200)).body.nodes.find(
      (n: { nodeId: string }) => n.nodeId === 'sale',
    );
  const events = async (name: string) =>
    (
      await app.db.query<{ properties: Record<string, unknown> }>(
        `SELECT e.properties FROM events e JOIN customers c ON c.id = e.customer_id
          WHERE c.external_id = 'ada' AND e.name = $1`,
        [name],
      )
    ).rows.map((r) => r.properties);

  beforeAll(async () => {
    smtp = await startSmtpSink();
    app = await startSwitchyard({ env: { SMTP_URL: smtp.url } });
    api = new JourneyApi(app);
    await api.identify([{ userId: 'ada', traits: { email: 'ada@example.com' } }]);
    journeyId = await api.publish(
      'Sale',
      [
        trigger({ kind: 'event', event: 'Poke' }),
        {
          id: 'sale',
          type: 'send_email',
          config: {
            subject: 'Sale',
            html: `<p><a href="${SALE.replace(/&/g, '&amp;')}">Sale</a> <a href="mailto:help@shop.example">Help</a></p>`,
          },
        },
        {
          id: 'receipt',
          type: 'send_email',
          config: {
            subject: 'Receipt',
            html: `<p><a href="${SALE.replace(/&/g, '&amp;')}">Order</a></p>`,
            transactional: true,
          },
        },
      ],
      [
        ['trigger', 'sale'],
        ['sale', 'receipt'],
      ],
    );
    await api.track('ada', 'Poke');
    await api.settled(journeyId, 1);
    html = (
      await waitFor(
        async () => smtp.messages.find((m) => m.subject === 'Sale'),
        20_000,
        'the sale e-mail',
      )
    ).html;
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  const clickLink = () => {
    const href = /<a href="([^"]+)">Sale<\/a>/.exec(html)?.[1] ?? '';
    return href.replace(/&amp;/g, '&');
  };

  it('sends the links through a signed redirect and adds a pixel; mailto: and receipts stay', async () => {
    expect(clickLink()).toMatch(/\/c\/[\w-]+\.[\w-]{22}\?u=https%3A%2F%2Fshop\.example%2Fsale/);
    expect(html).toContain('<a href="mailto:help@shop.example">Help</a>');
    expect(html).toMatch(/<img src="[^"]+\/o\/[\w-]+\.[\w-]{22}" width="1" height="1"/);
    const receipt = await waitFor(
      async () => smtp.messages.find((m) => m.subject === 'Receipt'),
      20_000,
      'the receipt',
    );
    expect(receipt.html).toContain(`<a href="${SALE.replace(/&/g, '&amp;')}">Order</a>`);
    expect(receipt.html).not.toContain('/o/');
  });

  it('counts the first open, answers an image every time', async () => {
    const pixel = pathOf(/<img src="([^"]+)"/.exec(html)?.[1] ?? '');
    for (let i = 0; i < 2; i++) {
      const answer = await request(app.url).get(pixel).expect(200);
      expect(answer.headers['content-type']).toBe('image/gif');
      expect(answer.headers['cache-control']).toContain('no-store');
    }
    expect(await mailNode()).toMatchObject({ opened: 1, clicked: 0 });
    await waitFor(async () => ((await events('Email Opened')).length === 1 ? true : undefined));
    expect(await events('Email Opened')).toEqual([{ journeyId, nodeId: 'sale' }]);
    // A pixel that is not ours is still an image, and counts nothing.
    await request(app.url).get('/o/not-a-token').expect(200);
  });

  it('redirects a click to the link, counting the first; refuses a link sent elsewhere', async () => {
    const link = pathOf(clickLink());
    for (let i = 0; i < 2; i++) {
      const answer = await request(app.url).get(link).expect(302);
      expect(answer.headers['location']).toBe(SALE);
    }
    expect(await mailNode()).toMatchObject({ opened: 1, clicked: 1 });
    await waitFor(async () => ((await events('Email Clicked')).length === 1 ? true : undefined));
    expect(await events('Email Clicked')).toEqual([{ journeyId, nodeId: 'sale', url: SALE }]);
    const elsewhere = link.replace(/\?u=.*$/, `?u=${encodeURIComponent('https://evil.example/')}`);
    const refused = await request(app.url).get(elsewhere).expect(404);
    expect(refused.text).toBe('This link is not valid.');
    expect(await mailNode()).toMatchObject({ clicked: 1 });
  });
});
