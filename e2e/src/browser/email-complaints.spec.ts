import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotDir } from '../support/browser.js';
import { JourneyApi, trigger } from '../support/journey-api.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

/**
 * Spam complaints (and opens) as a marketer meets them: the provider reports one (POST
 * /v1/email/feedback), and the step that sent the e-mail, the campaign's results and the
 * customer's profile say so; past the mailbox providers' 0.3 % it is shown in red. A
 * bounced address shows on the profile, where a marketer lets e-mail go to it again.
 */
describe('browser: spam complaints and bounces', () => {
  let app: RunningSwitchyard;
  let smtp: SmtpSink;
  let page: Page;
  let close: () => Promise<void>;
  let api: JourneyApi;
  let journeyId: string;
  const shot = (name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`) });
  const mailTo = (address: string, subject: string) =>
    waitFor(
      async () => smtp.messages.find((m) => m.to.includes(address) && m.subject === subject),
      20_000,
      `${subject} to ${address}`,
    );
  const messageIdTo = async (address: string, subject: string) =>
    (await mailTo(address, subject)).messageId;
  /** Loads the open pixel of the e-mail, as a mail app showing its images does. */
  const open = async (address: string, subject: string) => {
    const pixel = /<img src="https?:\/\/[^/]+(\/o\/[^"]+)"/.exec(
      (await mailTo(address, subject)).html,
    );
    const answer = await fetch(`${app.url}${pixel?.[1] ?? '/o/none'}`);
    expect(answer.headers.get('content-type')).toBe('image/gif');
  };
  const complain = (address: string, messageId: string) =>
    api
      .post('/v1/email/feedback', { events: [{ type: 'complaint', address, messageId }] })
      .expect(200);

  beforeAll(async () => {
    smtp = await startSmtpSink();
    app = await startSwitchyard({ env: { SMTP_URL: smtp.url } });
    api = new JourneyApi(app);
    await api.identify([
      { userId: 'grace', traits: { first_name: 'Grace', email: 'grace@example.com' } },
      { userId: 'alan', traits: { first_name: 'Alan', email: 'alan@example.com' } },
    ]);
    journeyId = await api.publish(
      'Promo',
      [
        trigger({ kind: 'event', event: 'Browsed' }),
        { id: 'promo', type: 'send_email', config: { subject: 'Promo', html: '<p>10% off</p>' } },
      ],
      [['trigger', 'promo']],
    );
    for (const user of ['grace', 'alan']) await api.track(user, 'Browsed');
    await api.settled(journeyId, 2);
    ({ page, close } = await launchChromium());
    await page.goto(`${app.url}/#key=${app.apiKey}`);
    await page.getByTestId('nav-journeys').waitFor();
  });
  afterAll(async () => {
    await close?.();
    await app?.stop();
    await smtp?.stop();
  });

  it('counts the complaint on the step that sent the e-mail, in red past 0.3%, and the opens', async () => {
    await complain('grace@example.com', await messageIdTo('grace@example.com', 'Promo'));
    await open('grace@example.com', 'Promo');
    await page.goto(`${app.url}/journeys/${journeyId}`);
    const complaints = page.getByTestId('node-complaints-promo');
    await complaints.waitFor();
    expect(await complaints.textContent()).toBe('1 marked as spam (50%)');
    expect(await complaints.getAttribute('class')).toBe('jnode__stats-failed');
    expect(await complaints.getAttribute('title')).toContain('under 0.3%');
    expect(await page.getByTestId('node-engagement-promo').textContent()).toBe(
      '1 opened (50%) · 0 clicked (0%)',
    );
    await page.getByTestId('node-promo').scrollIntoViewIfNeeded();
    await shot('journey-node-complaints');
  });

  it("shows on the customer's profile that a complaint unsubscribed them", async () => {
    const customer = await api.get('/api/customers/grace').expect(200);
    await page.goto(`${app.url}/customers/${customer.body.id}`);
    const email = page.getByTestId('subscription-email');
    await email.waitFor();
    expect(await email.textContent()).toMatch(
      /^Marketing e-mail Unsubscribed since .+, by marking an e-mail as spam \(their provider reported it\)Subscribe again$/,
    );
    await page.getByTestId('customer-subscriptions').scrollIntoViewIfNeeded();
    await shot('customer-complaint');
  });

  it("counts complaints in a campaign's results", async () => {
    const audience = await api
      .post('/api/audiences', { name: 'Alan', externalIds: ['alan'] })
      .expect(201);
    const campaign = await api
      .post('/api/campaigns', { name: 'Spring sale', audienceId: audience.body.id })
      .expect(201);
    await api
      .patch(`/api/campaigns/${campaign.body.id}`, { subject: 'Spring', holdoutPercent: 0 })
      .expect(200);
    const launched = await api.post(`/api/campaigns/${campaign.body.id}/launch`).expect(200);
    await api.settled(launched.body.journeyId, 1);
    await complain('alan@example.com', await messageIdTo('alan@example.com', 'Spring'));
    await open('alan@example.com', 'Spring');
    await page.goto(`${app.url}/campaigns/${campaign.body.id}`);
    const complaints = page.getByTestId('campaign-results-complaints');
    await expect.poll(() => complaints.textContent(), { timeout: 20_000 }).toBe('1');
    const stat = complaints.locator('xpath=..');
    expect(await stat.getAttribute('class')).toContain('stat--alarm');
    expect(await stat.textContent()).toContain('marked as spam (100.0% of sent)');
    await expect.poll(() => page.getByTestId('campaign-results-opened').textContent()).toBe('1');
    expect(await page.getByTestId('campaign-results-clicked').textContent()).toBe('0');
    // Alan is unsubscribed now, but he was sent to: the header does not say "skipped".
    expect(await page.getByTestId('campaign-unsubscribed').count()).toBe(0);
    await page.getByTestId('campaign-results').scrollIntoViewIfNeeded();
    await shot('campaign-complaints');
  });
  it('shows a bounced address on the profile, and e-mails it again on request', async () => {
    await api
      .post('/v1/email/feedback', {
        events: [
          { type: 'hard_bounce', address: 'alan@example.com', reason: '550 5.1.1 no such user' },
        ],
      })
      .expect(200);
    const customer = await api.get('/api/customers/alan').expect(200);
    await page.goto(`${app.url}/customers/${customer.body.id}`);
    const row = page.getByTestId('email-suppression');
    await row.waitFor();
    expect(await row.textContent()).toMatch(
      /^E-mail address Bounced alan@example\.com since .+: no e-mail goes to it, receipts included \(reported by the provider: 550 5\.1\.1 no such user\)E-mail it again$/,
    );
    await page.getByTestId('customer-subscriptions').scrollIntoViewIfNeeded();
    await shot('customer-email-bounced');
    await page.getByTestId('email-suppression-remove').click();
    await expect.poll(() => row.count()).toBe(0);
    expect((await api.get('/api/email-suppressions').expect(200)).body).toEqual([]);
  });
});
