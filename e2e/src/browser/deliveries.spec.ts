import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotDir } from '../support/browser.js';
import { type HttpSink, startHttpSink } from '../support/http-sink.js';
import { JourneyApi, trigger } from '../support/journey-api.js';
import { type RunningSwitchyard, startSwitchyard, waitFor } from '../support/switchyard.harness.js';

interface ListedDelivery {
  id: string;
  status: string;
  attempts: number;
  lastError: string | null;
  customer: { id: string; externalId: string } | null;
}

/**
 * A CRM endpoint refuses a journey's webhooks (400): both messages fail for good and show
 * on the Deliveries page with the endpoint's error. A viewer reads them without retry
 * buttons; once the endpoint is fixed, a marketer sends one again, then all the rest.
 */
describe('browser: deliveries', () => {
  let app: RunningSwitchyard;
  let sink: HttpSink;
  let page: Page;
  let close: () => Promise<void>;
  let journey: string;
  /** The failed delivery of each customer, by external id. */
  const failed = new Map<string, ListedDelivery>();
  const shot = (name: string) =>
    page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
  const text = async (testId: string) => (await page.getByTestId(testId).textContent()) ?? '';
  /** Waits for an element; if it does not come, the error says what the page showed. */
  const shown = async (testId: string, timeout: number) => {
    try {
      await page.getByTestId(testId).waitFor({ timeout });
    } catch (error) {
      const body = await page
        .locator('main')
        .innerText()
        .catch(() => '(no page)');
      throw new Error(`${testId} did not appear within ${timeout} ms; the page showed:\n${body}`, {
        cause: error,
      });
    }
  };
  const rows = () => page.locator('[data-testid^="delivery-row-"]');
  const listed = async (status: 'failed' | 'pending') =>
    (
      await request(app.url)
        .get(`/api/deliveries?status=${status}`)
        .set('Authorization', `Bearer ${app.apiKey}`)
        .expect(200)
    ).body as { items: ListedDelivery[]; total: number; counts: Record<string, number> };
  const sinkGot = (userId: string, status: number) =>
    sink.requests.filter((r) => r.status === status && JSON.parse(r.body).id === userId).length;

  beforeAll(async () => {
    // A CRM endpoint that refuses every request with 400 "bad payload" until it is fixed.
    sink = await startHttpSink();
    sink.failNext(1_000, 400, 'bad payload');
    app = await startSwitchyard({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
    const api = new JourneyApi(app);
    await api.identify([
      { userId: 'ada', traits: { email: 'ada@example.com', plan: 'gold' } },
      { userId: 'grace', traits: { email: 'grace@example.com', plan: 'gold' } },
    ]);
    const segment = await api.segment('Gold plan', { attribute: 'plan', op: 'eq', value: 'gold' });
    journey = await api.publish(
      'CRM sync',
      [
        trigger({ kind: 'segment_entered', segmentId: segment }),
        {
          id: 'crm',
          type: 'webhook',
          label: 'Add to CRM',
          config: {
            url: `${sink.url}/crm/contacts`,
            method: 'POST',
            body: '{"id":"{{customer.externalId}}"}',
          },
        },
      ],
      [['trigger', 'crm']],
    );
    await api.evaluate();
    // A 400 fails for good at the first attempt: no retries to wait for.
    const items = await waitFor(
      async () => {
        const list = await listed('failed');
        return list.total === 2 ? list.items : undefined;
      },
      90_000,
      'two failed webhooks',
    );
    for (const item of items) failed.set(item.customer?.externalId ?? '?', item);
    expect([...failed.keys()].sort()).toEqual(['ada', 'grace']);
    for (const item of items) {
      expect(item.attempts).toBe(1);
      expect(item.lastError).toBe('HTTP 400: bad payload');
    }
    expect(sink.requests.length).toBe(2);
    ({ page, close } = await launchChromium());
  });

  afterAll(async () => {
    await close?.();
    await app?.stop();
    await sink?.stop();
  });

  const idOf = (userId: string) => {
    const item = failed.get(userId);
    if (!item) throw new Error(`no failed delivery for ${userId}`);
    return item.id;
  };

  it('says on the journey canvas that the step’s messages were not delivered, with a link here', async () => {
    await page.goto(`${app.url}/journeys/${journey}#key=${app.apiKey}`);
    await expect
      .poll(
        () =>
          page
            .getByTestId('node-messages-crm')
            .textContent({ timeout: 1000 })
            .catch(() => null),
        { timeout: 20_000 },
      )
      .toBe('0 sent · 2 not delivered');
    await shot('deliveries-canvas');
    // The canvas may still be fitting its view on a loaded machine, moving the link under a
    // click made just before: click again until the link has taken us to the Deliveries page.
    const target = `/deliveries/${journey}/crm`;
    await expect
      .poll(
        async () => {
          if (new URL(page.url()).pathname !== target)
            await page
              .getByTestId('node-messages-failed-crm')
              .click({ timeout: 2000 })
              .catch(() => undefined);
          return new URL(page.url()).pathname;
        },
        { timeout: 20_000 },
      )
      .toBe(target);
    await page.getByTestId('deliveries-table').waitFor();
    // Narrowed to that step: its journey and label say so, with a way back to every message.
    expect(new URL(page.url()).pathname).toBe(`/deliveries/${journey}/crm`);
    await expect
      .poll(() => text('deliveries-scope'))
      .toBe('Only the step Add to CRM of “CRM sync”.Show every message');
    expect(await rows().count()).toBe(2);
    await shot('deliveries-step');
    await page.getByTestId('deliveries-all').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/deliveries');
    expect(await page.getByTestId('deliveries-scope').count()).toBe(0);
  });

  it('lists both failed webhooks with the endpoint’s error, whose and from which step', async () => {
    await page.goto(`${app.url}/#key=${app.apiKey}`);
    // The navigation says that messages failed, on every page.
    await expect.poll(() => text('nav-deliveries-failed'), { timeout: 10_000 }).toBe('2');
    await page.getByTestId('nav-deliveries').click();
    await page.getByTestId('deliveries-table').waitFor();
    expect(await page.locator('.page h1').textContent()).toBe('Deliveries');
    expect(await page.locator('.page__header p').textContent()).toContain(
      'Sent messages are on each customer’s page',
    );
    expect(await text('deliveries-tab-failed')).toBe('Failed (2)');
    expect(await text('deliveries-tab-pending')).toBe('Waiting (0)');
    expect(await rows().count()).toBe(2);
    for (const userId of ['ada', 'grace']) {
      const id = idOf(userId);
      const row = page.getByTestId(`delivery-row-${id}`);
      expect(await text(`delivery-error-${id}`)).toBe('HTTP 400: bad payload');
      const cells = await row.locator('td').allInnerTexts();
      // When, channel, to, what, customer, journey · step, attempts, error, retry.
      expect(cells.slice(1)).toEqual([
        'Webhook',
        `${sink.url}/crm/contacts`,
        `POST ${new URL(sink.url).host}`,
        userId,
        'CRM sync\nAdd to CRM',
        '1',
        'HTTP 400: bad payload',
        'Retry',
      ]);
      expect(await row.locator('.deliveries__to').getAttribute('title')).toBe(
        `${sink.url}/crm/contacts`,
      );
      expect(await page.getByTestId(`delivery-customer-${id}`).getAttribute('href')).toBe(
        `/customers/${failed.get(userId)?.customer?.id}`,
      );
      expect(await row.getByRole('link', { name: 'CRM sync' }).getAttribute('href')).toBe(
        `/journeys/${journey}`,
      );
    }
    expect(await text('deliveries-range')).toBe('1–2 of 2');
    expect(await text('deliveries-retry-all')).toBe('Retry all failed');
    await shot('deliveries-failed');
  });

  it('filters by channel and shows what is waiting', async () => {
    await page.getByTestId('deliveries-channel').selectOption('email');
    await page.getByTestId('deliveries-empty').waitFor();
    expect(await text('deliveries-empty')).toContain('No failed e-mails');
    expect(await page.getByTestId('deliveries-retry-all').count()).toBe(0);
    await page.getByTestId('deliveries-channel').selectOption('webhook');
    await page.getByTestId('deliveries-table').waitFor();
    expect(await rows().count()).toBe(2);
    expect(await text('deliveries-retry-all')).toBe('Retry all failed webhooks');
    await page.getByTestId('deliveries-tab-pending').click();
    await page.getByTestId('deliveries-empty').waitFor();
    expect(await text('deliveries-empty')).toContain('Nothing waiting');
    expect(await page.getByTestId('deliveries-retry-all').count()).toBe(0);
    await page.getByTestId('deliveries-tab-failed').click();
    await page.getByTestId('deliveries-table').waitFor();
    expect(await rows().count()).toBe(2);
    await page.getByTestId('deliveries-channel').selectOption('');
    await expect.poll(() => text('deliveries-retry-all')).toBe('Retry all failed');
  });

  it('shows a viewer the failed messages without retry buttons', async () => {
    const invite = await request(app.url)
      .post('/api/invites')
      .set('Authorization', `Bearer ${app.apiKey}`)
      .send({ email: 'vic@example.com', role: 'viewer' })
      .expect(201);
    const viewer = await launchChromium();
    try {
      await viewer.page.goto(invite.body.link as string);
      await viewer.page.getByTestId('new-password').fill('vics own password');
      await viewer.page.getByTestId('confirm-password').fill('vics own password');
      await viewer.page.getByTestId('set-password').click();
      await viewer.page.getByTestId('nav-deliveries').click();
      await viewer.page.getByTestId('deliveries-table').waitFor();
      expect(await viewer.page.locator('[data-testid^="delivery-row-"]').count()).toBe(2);
      expect(await viewer.page.getByTestId(`delivery-error-${idOf('ada')}`).textContent()).toBe(
        'HTTP 400: bad payload',
      );
      expect(await viewer.page.locator('[data-testid^="delivery-retry-"]').count()).toBe(0);
      expect(await viewer.page.getByTestId('deliveries-retry-all').count()).toBe(0);
    } finally {
      await viewer.close();
    }
  });

  it('sends one message again once the endpoint is fixed', async () => {
    sink.failNext(0, 200);
    const ada = idOf('ada');
    await page.getByTestId(`delivery-retry-${ada}`).click();
    await page.getByTestId('deliveries-note').waitFor({ timeout: 15_000 });
    expect(await text('deliveries-note')).toMatch(
      /^Sent again: it (is waiting to go out|went out)\.$/,
    );
    // It leaves the failed list; the count follows.
    await expect
      .poll(() => page.getByTestId(`delivery-row-${ada}`).count(), { timeout: 10_000 })
      .toBe(0);
    expect(await rows().count()).toBe(1);
    expect(await text('deliveries-tab-failed')).toBe('Failed (1)');
    await expect.poll(() => text('nav-deliveries-failed'), { timeout: 10_000 }).toBe('1');
    await page.getByTestId(`delivery-row-${idOf('grace')}`).waitFor();
    // The endpoint got Ada's POST (and nothing more for Grace).
    await expect.poll(() => sinkGot('ada', 200), { timeout: 30_000 }).toBe(1);
    expect(sinkGot('grace', 200)).toBe(0);
    expect(sink.requests.find((r) => r.status === 200)).toMatchObject({
      method: 'POST',
      path: '/crm/contacts',
    });
  });

  it('sends every failed message again after a confirmation', async () => {
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await page.getByTestId('deliveries-retry-all').click();
    await page
      .getByTestId('deliveries-note')
      .filter({ hasText: '1 message' })
      .waitFor({ timeout: 15_000 });
    expect(asked).toBe('Send 1 failed message again? It gets a fresh set of attempts.');
    expect(await text('deliveries-note')).toBe('Sent again: 1 message.');
    await page.getByTestId('deliveries-empty').waitFor({ timeout: 10_000 });
    expect(await text('deliveries-empty')).toContain('No failed messages');
    expect(await text('deliveries-tab-failed')).toBe('Failed (0)');
    expect(await page.getByTestId('deliveries-retry-all').count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('nav-deliveries-failed').count(), { timeout: 10_000 })
      .toBe(0);
    await expect.poll(() => sinkGot('grace', 200), { timeout: 30_000 }).toBe(1);
    // Both went out: nothing failed or waiting is left.
    await expect
      .poll(async () => (await listed('pending')).counts, { timeout: 30_000 })
      .toEqual({ failed: 0, pending: 0 });
    await shot('deliveries-empty');
  });

  it('shows a message the endpoint asked to wait for on the Waiting tab, with its next try, until it goes out', async () => {
    // The CRM is down for maintenance and asks for 30 s; then it takes the message.
    sink.failNext(1, 503, 'down for maintenance', { 'retry-after': '30' });
    await new JourneyApi(app).identify([
      { userId: 'linus', traits: { email: 'linus@example.com', plan: 'gold' } },
    ]);
    await new JourneyApi(app).evaluate();
    const waiting = await waitFor(
      async () => (await listed('pending')).items.find((d) => d.attempts === 1),
      30_000,
      'the refused message to wait for its next try',
    );
    await page.getByTestId('nav-deliveries').click();
    await page.getByTestId('deliveries-tab-pending').click();
    const row = page.getByTestId(`delivery-row-${waiting.id}`);
    await row.waitFor({ timeout: 10_000 });
    expect(await text('deliveries-tab-pending')).toBe('Waiting (1)');
    expect(await row.getAttribute('data-status')).toBe('pending');
    expect(await text(`delivery-error-${waiting.id}`)).toBe('HTTP 503: down for maintenance');
    // Within the 30 s the endpoint asked for, counted down as the list follows the message.
    const next = await text(`delivery-next-${waiting.id}`);
    const seconds = Number(/^in (\d+) s$/.exec(next)?.[1]);
    expect(seconds, next).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(30);
    expect(await page.locator('thead th').allTextContents()).toContain('Next try');
    // Waiting already: no Retry, but it can be sent now rather than in 30 s.
    expect(await page.getByTestId(`delivery-retry-${waiting.id}`).count()).toBe(0);
    expect(await text(`delivery-send-now-${waiting.id}`)).toBe('Send now');
    await shot('deliveries-waiting');
    await expect
      .poll(() => text(`delivery-next-${waiting.id}`).catch(() => next), { timeout: 15_000 })
      .not.toBe(next);
    // The customer's page says the same on the journey's step: the error and the next try.
    await page.getByTestId(`delivery-customer-${waiting.id}`).click();
    const problem = page.getByTestId('journey-message-problem');
    await problem.waitFor({ timeout: 10_000 });
    expect(await problem.textContent()).toMatch(
      /^HTTP 503: down for maintenance · next try in \d+ s$/,
    );
    await page.screenshot({
      path: join(screenshotDir, 'customer-message-waiting.png'),
      fullPage: true,
    });
    // The page follows the message: its next try counts down, then it goes out on its own
    // after the wait, and the page says so without a reload.
    const counted = (await problem.textContent()) ?? '';
    await expect
      .poll(() => problem.textContent().catch(() => counted), { timeout: 15_000 })
      .not.toBe(counted);
    const message = page.getByTestId('journey-message');
    await expect
      .poll(async () => (await message.textContent()) ?? '', { timeout: 45_000 })
      .toMatch(/sent$/);
    expect(await problem.count()).toBe(0);
    await page.screenshot({
      path: join(screenshotDir, 'customer-message-sent.png'),
      fullPage: true,
    });
    await page.goBack();
    await page.getByTestId('deliveries-tab-pending').click();
    // Gone from the Waiting tab too.
    await shown('deliveries-empty', 15_000);
    expect(await text('deliveries-empty')).toContain('Nothing waiting');
    expect(await text('deliveries-tab-pending')).toBe('Waiting (0)');
    expect(sinkGot('linus', 503)).toBe(1);
    expect(sinkGot('linus', 200)).toBe(1);
    const [refused, taken] = sink.requests.filter((r) => JSON.parse(r.body).id === 'linus');
    expect((taken?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(29_000);
  }, 90_000);

  it('sends a waiting message now instead of at the time its endpoint asked for', async () => {
    // Back in ten minutes, says the CRM; it is back sooner, and the marketer sends it now.
    sink.failNext(1, 503, 'back in ten minutes', { 'retry-after': '600' });
    const api = new JourneyApi(app);
    await api.identify([
      { userId: 'margaret', traits: { email: 'margaret@example.com', plan: 'gold' } },
    ]);
    await api.evaluate();
    const waiting = await waitFor(
      async () => (await listed('pending')).items.find((d) => d.attempts === 1),
      30_000,
      'the refused message to wait ten minutes',
    );
    await page.getByTestId('nav-deliveries').click();
    await page.getByTestId('deliveries-tab-pending').click();
    await page.getByTestId(`delivery-row-${waiting.id}`).waitFor({ timeout: 10_000 });
    expect(await text(`delivery-next-${waiting.id}`)).toBe('in 10 min');
    await page.getByTestId(`delivery-send-now-${waiting.id}`).click();
    await shown('deliveries-note', 15_000);
    expect(await text('deliveries-note')).toMatch(/^(Sending it now\.|Sent now: it went out\.)$/);
    await expect.poll(() => sinkGot('margaret', 200), { timeout: 15_000 }).toBe(1);
    await shown('deliveries-empty', 15_000);
    expect(sinkGot('margaret', 503)).toBe(1);
  });
});
