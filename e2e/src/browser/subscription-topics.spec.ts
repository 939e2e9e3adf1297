import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotDir } from '../support/browser.js';
import { JourneyApi, trigger } from '../support/journey-api.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

/**
 * Subscription topics as a marketer and a customer meet them: added in Settings, picked on
 * a send-email step, offered on the unsubscribe page of the e-mail (this topic, or all),
 * and shown on the customer's profile.
 */
describe('browser: subscription topics', () => {
  let app: RunningSwitchyard;
  let smtp: SmtpSink;
  let page: Page;
  let close: () => Promise<void>;
  let api: JourneyApi;
  let topicId: string;
  let journeyId: string;
  /** The path of the deals e-mail's unsubscribe link. */
  let linkPath: string;
  const shot = (name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`) });

  beforeAll(async () => {
    smtp = await startSmtpSink();
    app = await startSwitchyard({ env: { SMTP_URL: smtp.url } });
    api = new JourneyApi(app);
    await api.identify([{ userId: 'grace', traits: { email: 'grace@example.com' } }]);
    ({ page, close } = await launchChromium());
    await page.goto(`${app.url}/#key=${app.apiKey}`);
    await page.getByTestId('nav-journeys').waitFor();
  });
  afterAll(async () => {
    await close?.();
    await app?.stop();
    await smtp?.stop();
  });

  it('adds a topic in Settings', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('tab-settings-workspace').click();
    await page.getByTestId('topics-none').waitFor();
    await page.getByTestId('add-topic').click();
    await page.getByText('must not be empty').waitFor();
    await page.getByTestId('topic-name').fill('Weekly deals');
    await page.getByTestId('topic-description').fill('Our best offers, every Monday');
    await page.getByTestId('add-topic').click();
    const item = page.getByTestId('topic-Weekly deals');
    await item.waitFor();
    expect(await item.textContent()).toContain('Our best offers, every Monday · 0 unsubscribed');
    const topics = await api.get('/api/subscription-topics').expect(200);
    topicId = topics.body[0].id;
    await page.getByTestId('topics-card').scrollIntoViewIfNeeded();
    await shot('settings-topics');
  });

  it('picks the topic on a send-email step', async () => {
    journeyId = await api.publish(
      'Deals',
      [
        trigger({ kind: 'event', event: 'Browsed' }),
        { id: 'deals', type: 'send_email', config: { subject: 'Deals', html: '<p>50% off</p>' } },
      ],
      [['trigger', 'deals']],
    );
    await page.goto(`${app.url}/journeys/${journeyId}`);
    await page.getByTestId('node-deals').click();
    const field = page.getByTestId('field-topic');
    await field.waitFor();
    expect(await field.locator('option').allTextContents()).toEqual([
      'No topic (only unsubscribing from all e-mail stops it)',
      'Weekly deals',
    ]);
    await field.selectOption(topicId);
    await field.scrollIntoViewIfNeeded();
    await shot('journey-topic-field');
    await page.getByTestId('save-journey').click();
    await expect.poll(() => page.getByTestId('journey-dirty').count()).toBe(0);
    await page.getByTestId('publish-journey').click();
    // Version 2 sends under the topic.
    await expect
      .poll(
        async () => {
          const { rows } = await app.db.query<{ topic: string | null }>(
            `SELECT n->'config'->>'topic' AS topic FROM journey_versions v,
                    jsonb_array_elements(v.graph->'nodes') n
              WHERE v.journey_id = $1 AND v.version = 2 AND n->>'id' = 'deals'`,
            [journeyId],
          );
          return rows[0]?.topic ?? null;
        },
        { timeout: 15_000 },
      )
      .toBe(topicId);
  });

  it("offers to leave the e-mail's topic, or everything, on the unsubscribe page", async () => {
    await api.track('grace', 'Browsed');
    const mail = await waitFor(
      async () => smtp.messages.find((m) => m.subject === 'Deals'),
      20_000,
      'the deals e-mail',
    );
    // The template has no link: the footer carries it. PUBLIC_URL is not set here.
    const path = /href="https?:\/\/[^/"]+(\/u\/[^"]+)"/.exec(mail.html)?.[1];
    if (!path) throw new Error(`no unsubscribe link in ${mail.html}`);
    linkPath = path;
    await page.goto(`${app.url}${path}`);
    expect(await page.locator('main').textContent()).toContain(
      'Stop receiving “Weekly deals” e-mails from',
    );
    await shot('unsubscribe-topic');
    await page.getByRole('button', { name: 'Unsubscribe from “Weekly deals”' }).click();
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain('You will not receive “Weekly deals” e-mails from');
    await shot('unsubscribe-topic-done');
  });

  it("shows the topic on the customer's profile, where a marketer can change it", async () => {
    await page.goto(`${app.url}/#key=${app.apiKey}`);
    await page.getByTestId('nav-journeys').waitFor();
    const customer = await api.get('/api/customers/grace').expect(200);
    await page.goto(`${app.url}/customers/${customer.body.id}`);
    const row = page.getByTestId(`subscription-topic-${topicId}`);
    await row.waitFor();
    expect(await row.textContent()).toMatch(
      /^Topic: Weekly deals Unsubscribed since .+, through the link in an e-mailSubscribe again$/,
    );
    expect(await page.getByTestId('subscription-email').textContent()).toContain('Subscribed');
    await page.getByTestId('customer-subscriptions').scrollIntoViewIfNeeded();
    await shot('customer-topic-subscriptions');
    await page.getByTestId(`subscription-topic-${topicId}-toggle`).click();
    await expect.poll(() => row.textContent()).toMatch(/^Topic: Weekly deals Subscribed/);
  });

  it("lets the customer choose in their preference center, from the e-mail's link", async () => {
    await page.goto(`${app.url}${linkPath}`);
    await page.getByRole('link', { name: 'Manage your e-mail preferences' }).click();
    await page.waitForURL(`${app.url}${linkPath}/preferences`);
    const email = page.getByRole('checkbox', { name: /^Marketing e-mail/ });
    const deals = page.getByRole('checkbox', { name: /^Weekly deals/ });
    // The marketer subscribed them again (above).
    expect(await email.isChecked()).toBe(true);
    expect(await deals.isChecked()).toBe(true);
    expect(await page.locator('main').textContent()).toContain('Our best offers, every Monday');
    await shot('preference-center');
    await deals.uncheck();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await page.getByText('Your preferences are saved.').waitFor();
    // Redirected after the post: a reload shows the page, it does not send the form again.
    expect(page.url()).toBe(`${app.url}${linkPath}/preferences?saved=1`);
    expect(await page.getByRole('checkbox', { name: /^Weekly deals/ }).isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: /^Marketing e-mail/ }).isChecked()).toBe(true);
    await shot('preference-center-saved');
    const subscriptions = (await api.get('/api/customers/grace').expect(200)).body.subscriptions;
    expect(subscriptions.email.status).toBe('subscribed');
    expect(subscriptions.topics[0]).toMatchObject({ status: 'unsubscribed', source: 'link' });
  });

  it("picks a campaign's topic, and counts its audience's members who left it", async () => {
    const audience = await api
      .post('/api/audiences', { name: 'Grace', externalIds: ['grace'] })
      .expect(201);
    const campaign = await api
      .post('/api/campaigns', { name: 'Monday deals', audienceId: audience.body.id })
      .expect(201);
    await page.goto(`${app.url}/campaigns/${campaign.body.id}`);
    const topic = page.getByTestId('campaign-topic');
    await topic.waitFor();
    await expect
      .poll(() => topic.locator('option').allTextContents())
      .toEqual(['No topic', 'Weekly deals']);
    await topic.selectOption(topicId);
    await page.getByTestId('campaign-save').click();
    // Grace left the topic in her preference center (above).
    await expect
      .poll(() => page.getByTestId('campaign-unsubscribed').textContent())
      .toBe(', 1 of them unsubscribed from e-mail or “Weekly deals” and skipped');
    expect((await api.get(`/api/campaigns/${campaign.body.id}`).expect(200)).body.topicId).toBe(
      topicId,
    );
    await topic.scrollIntoViewIfNeeded();
    await shot('campaign-topic');
  });
  it('refuses in Settings to delete a topic that a journey and a draft campaign send under', async () => {
    await page.goto(`${app.url}/settings/workspace`);
    const item = page.getByTestId('topic-Weekly deals');
    await item.waitFor();
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await page.getByTestId('remove-topic-Weekly deals').click();
    const refusal = page.getByText(/^subscription topic "Weekly deals" cannot be deleted/);
    await refusal.waitFor();
    expect(asked).toContain('Who left it is forgotten');
    expect(await refusal.textContent()).toMatch(
      /the campaign "Monday deals" \(draft\) sends under it: .*the journey "Deals" \(live\) uses it: stop it/,
    );
    // Still there, and still honoured.
    await item.waitFor();
    await page.getByTestId('topics-card').scrollIntoViewIfNeeded();
    await shot('settings-topic-in-use');
  });
});
