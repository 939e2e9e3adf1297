import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotDir } from '../support/browser.js';
import { JourneyApi, trigger } from '../support/journey-api.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

/**
 * A customer follows the unsubscribe link of a marketing e-mail: the page asks, the
 * button unsubscribes; the marketer sees it on the profile and can subscribe them again.
 */
describe('browser: unsubscribing', () => {
  let app: RunningSwitchyard;
  let smtp: SmtpSink;
  let page: Page;
  let close: () => Promise<void>;
  let link: string;
  let customerId: string;
  let api: JourneyApi;
  let promoJourney: string;
  let newsletterJourney: string;
  const shot = (name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`) });

  beforeAll(async () => {
    smtp = await startSmtpSink();
    app = await startSwitchyard({ env: { SMTP_URL: smtp.url } });
    api = new JourneyApi(app);
    await api.identify([
      { userId: 'grace', traits: { first_name: 'Grace', email: 'grace@example.com', plan: 'x' } },
    ]);
    const segment = await api.segment('Plan X', { attribute: 'plan', op: 'eq', value: 'x' });
    newsletterJourney = await api.publishEmailOnEntry('Newsletter', segment, {
      id: 'news',
      subject: 'News',
      html: '<p>News</p><a href="{{unsubscribe_url}}">Unsubscribe</a>',
    });
    promoJourney = await api.publish(
      'Promo',
      [
        trigger({ kind: 'event', event: 'Browsed' }),
        { id: 'promo', type: 'send_email', config: { subject: 'Promo', html: '<p>10% off</p>' } },
      ],
      [['trigger', 'promo']],
    );
    await api.evaluate();
    const mail = await waitFor(
      async () => smtp.messages.find((m) => m.subject === 'News'),
      20_000,
      'the newsletter',
    );
    // PUBLIC_URL is not set: links point at http://localhost:<PORT>; open them on the test's URL.
    const path = /href="https?:\/\/[^/"]+(\/u\/[^"]+)"/.exec(mail.html)?.[1];
    if (!path) throw new Error(`no unsubscribe link in ${mail.html}`);
    link = `${app.url}${path}`;
    customerId = (await api.get('/api/customers/grace').expect(200)).body.id as string;
    ({ page, close } = await launchChromium());
  });
  afterAll(async () => {
    await close?.();
    await app?.stop();
    await smtp?.stop();
  });

  it('asks first, then unsubscribes with the button', async () => {
    await page.goto(link);
    expect(await page.locator('h1').textContent()).toBe('Unsubscribe');
    expect(await page.locator('main').textContent()).toContain(
      'Stop receiving marketing e-mails from',
    );
    await shot('unsubscribe-page');
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.waitForURL(link);
    await expect.poll(() => page.locator('h1').textContent()).toBe('You are unsubscribed');
    await shot('unsubscribe-done');
  });

  it('counts on the e-mail step whose link they followed', async () => {
    await page.goto(`${app.url}/#key=${app.apiKey}`);
    await page.getByTestId('nav-journeys').waitFor();
    await page.goto(`${app.url}/journeys/${newsletterJourney}`);
    const lost = page.getByTestId('node-unsubscribed-news');
    await lost.waitFor();
    expect(await lost.textContent()).toBe('1 unsubscribed (100%)');
    expect(await page.getByTestId('node-messages-news').textContent()).toBe('1 sent');
    await page.getByTestId('node-news').scrollIntoViewIfNeeded();
    await shot('journey-node-unsubscribed');
  });

  it("shows it on the customer's profile, where a marketer can subscribe them again", async () => {
    await page.goto(`${app.url}/#key=${app.apiKey}`);
    await page.getByTestId('nav-journeys').waitFor();
    await page.goto(`${app.url}/customers/${customerId}`);
    const email = page.getByTestId('subscription-email');
    await email.waitFor();
    expect(await email.textContent()).toMatch(
      /^Marketing e-mail Unsubscribed since .+, through the link in an e-mailSubscribe again$/,
    );
    expect(await page.getByTestId('subscription-sms').textContent()).toContain('Subscribed');
    await page.getByTestId('customer-subscriptions').scrollIntoViewIfNeeded();
    await shot('customer-subscriptions');
    await page.getByTestId('subscription-email-toggle').click();
    await expect.poll(() => email.textContent()).toMatch(/^Marketing e-mail Subscribed/);
    expect(await page.getByTestId('subscription-email-toggle').textContent()).toBe('Unsubscribe');
  });

  it('counts the e-mails a step did not send, and why, on the canvas', async () => {
    await api
      .put('/api/customers/grace/subscriptions/email', { status: 'unsubscribed' })
      .expect(200);
    await api.track('grace', 'Browsed');
    await api.settled(promoJourney, 1);
    await page.goto(`${app.url}/journeys/${promoJourney}`);
    const skipped = page.getByTestId('node-skipped-promo');
    await skipped.waitFor();
    expect(await skipped.textContent()).toBe('1 not sent (unsubscribed from email)');
    await page.getByTestId('node-promo').scrollIntoViewIfNeeded();
    await shot('journey-node-skipped');
  });

  it("tells, before launch, how many of a campaign's audience are unsubscribed", async () => {
    const audience = await api
      .post('/api/audiences', { name: 'Grace only', externalIds: ['grace'] })
      .expect(201);
    const campaign = await api
      .post('/api/campaigns', { name: 'Spring sale', audienceId: audience.body.id })
      .expect(201);
    await page.goto(`${app.url}/campaigns/${campaign.body.id}`);
    const note = page.getByTestId('campaign-unsubscribed');
    await note.waitFor();
    expect(await note.textContent()).toBe(', 1 of them unsubscribed from e-mail and skipped');
    await shot('campaign-unsubscribed');
  });
});
