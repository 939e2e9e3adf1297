import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotDir } from '../support/browser.js';
import { type RunningSwitchyard, startSwitchyard, waitFor } from '../support/switchyard.harness.js';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

/**
 * A marketer searches customers, sees each one's segment labels in their colours next to
 * the name, and reads a profile: traits, event timeline, segments now and their history.
 */
describe('browser: customers list and profile', () => {
  let app: RunningSwitchyard;
  let page: Page;
  let close: () => Promise<void>;
  const auth = () => ({ Authorization: `Bearer ${app.apiKey}` });
  const shot = (name: string) =>
    page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    app = await startSwitchyard();
    const people: [string, Record<string, unknown>][] = [
      [
        'ada',
        {
          first_name: 'Ada',
          last_name: 'Lovelace',
          email: 'ada@example.com',
          plan: 'gold',
          city: 'London',
        },
      ],
      [
        'grace',
        { first_name: 'Grace', last_name: 'Hopper', email: 'grace@example.com', plan: 'free' },
      ],
      ['linus', { name: 'Linus Torvalds', email: 'linus@example.com', plan: 'gold' }],
    ];
    const batch = [
      ...people.map(([userId, traits]) => ({
        type: 'identify',
        userId,
        traits,
        timestamp: daysAgo(60),
      })),
      ...[30, 12, 2].map((days) => ({
        type: 'track',
        userId: 'ada',
        event: 'Order Completed',
        properties: {
          order_id: `ada-${days}`,
          total: 40 + days,
          currency: 'USD',
          products: [{ sku: 'TEA-100' }],
        },
        timestamp: daysAgo(days),
      })),
      {
        type: 'track',
        userId: 'ada',
        event: 'Product Viewed',
        properties: { sku: 'MUG-1', price: 16 },
        timestamp: daysAgo(1),
      },
      {
        type: 'track',
        userId: 'grace',
        event: 'Order Completed',
        properties: { order_id: 'g-1', total: 12 },
        timestamp: daysAgo(5),
      },
    ];
    await request(app.url).post('/v1/batch').set(auth()).send({ batch }).expect(200);
    for (const segment of [
      {
        name: 'Buyers',
        color: '#ef4444',
        rule: { event: 'Order Completed', aggregate: { fn: 'count' }, op: 'gte', value: 1 },
      },
      { name: 'Gold plan', color: '#f59e0b', rule: { attribute: 'plan', op: 'eq', value: 'gold' } },
    ])
      await request(app.url).post('/api/segments').set(auth()).send(segment).expect(201);
    await request(app.url).post('/api/evaluations').set(auth()).send({}).expect(200);
    // Ada moves off the gold plan: she leaves "Gold plan" at the next evaluation.
    await request(app.url)
      .post('/v1/identify')
      .set(auth())
      .send({ userId: 'ada', traits: { plan: 'silver' } })
      .expect(200);
    await new Promise((r) => setTimeout(r, 50));
    await request(app.url).post('/api/evaluations').set(auth()).send({}).expect(200);
    await waitFor(async () => {
      const ada = await request(app.url).get('/api/customers/ada?by=externalId').set(auth());
      return ada.body.segmentHistory?.some((t: { kind: string }) => t.kind === 'exited')
        ? true
        : undefined;
    });
    ({ page, close } = await launchChromium());
  });

  afterAll(async () => {
    await close?.();
    await app?.stop();
  });

  it('lists customers with coloured segment labels next to their names', async () => {
    await page.goto(`${app.url}/#key=${app.apiKey}`);
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('customers-table').waitFor();
    expect(await page.locator('[data-testid^="customer-row-"]').count()).toBe(3);
    // Newest first, as the page says, with when each customer was first and last seen.
    expect(await page.locator('[data-testid="customers-table"] th').allTextContents()).toEqual([
      'Customer',
      'E-mail',
      'ID',
      'First seen',
      'Last seen',
    ]);
    const linusChips = page.getByTestId('customer-chips-linus');
    expect(await linusChips.textContent()).toBe('Gold plan');
    const chip = linusChips.locator('.segment-chip').first();
    // The label wears the segment's colour (#f59e0b).
    expect(await chip.getAttribute('style')).toContain('rgb(245, 158, 11)');
    await shot('customers-list');
  });

  it('searches by name, e-mail and id', async () => {
    await page.getByTestId('customer-search').fill('lovel');
    await expect
      .poll(() => page.getByTestId('customers-table').getAttribute('data-query'))
      .toBe('lovel');
    // The rows follow the query once its answer arrives.
    await expect.poll(() => page.locator('[data-testid^="customer-row-"]').count()).toBe(1);
    expect(await page.getByTestId('customer-chips-ada').textContent()).toBe('Buyers');
    await shot('customers-search');

    await page.getByTestId('customer-search').fill('GRACE@');
    await expect
      .poll(() => page.getByTestId('customers-table').getAttribute('data-query'))
      .toBe('GRACE@');
    await expect.poll(() => page.locator('[data-testid^="customer-row-"]').count()).toBe(1);
    await page.getByTestId('customer-search').fill('nobody-here');
    await page.getByTestId('customers-empty').waitFor();
    await page.getByTestId('customer-search').fill('ada');
    await page.getByTestId('customer-row-ada').waitFor();
  });

  it('opens a profile with traits, timeline, segment chips and history', async () => {
    await page.getByTestId('customer-open-ada').click();
    await page.getByTestId('customer-profile').waitFor();
    expect(await page.getByTestId('customer-name').textContent()).toBe('Ada Lovelace');
    expect(await page.getByTestId('customer-segment-chips').textContent()).toBe('Buyers');
    expect(await page.getByTestId('trait-email').textContent()).toContain('ada@example.com');
    expect(await page.getByTestId('trait-plan').textContent()).toContain('silver');
    // Newest first: the identify that changed the plan, then the product view.
    expect(await page.getByTestId('event-0').textContent()).toContain('Profile updated');
    expect(await page.getByTestId('event-0').textContent()).toContain('silver');
    expect(await page.getByTestId('event-1').textContent()).toContain('Product Viewed');
    expect(await page.getByTestId('customer-timeline').textContent()).toContain('Order Completed');
    const history = page.getByTestId('customer-segment-history');
    expect(await history.textContent()).toContain('Left Gold plan');
    expect(await history.textContent()).toContain('Entered Buyers');
    expect(await page.getByTestId('history-0').getAttribute('data-kind')).toBe('exited');
    await shot('customer-profile');
  });

  it('opens a profile from an address with the external id in it, and says once why another fails', async () => {
    // Ada's external id is "ada": an address typed or pasted from another tool.
    await page.goto(`${app.url}/customers/ada`);
    await page.getByTestId('customer-profile').waitFor();
    expect(await page.getByTestId('customer-name').textContent()).toBe('Ada Lovelace');
    await page.goto(`${app.url}/customers/nobody-here`);
    const failed = page.getByRole('alert');
    await failed.waitFor();
    expect(await failed.textContent()).toMatch(/no such customer/);
    expect((await failed.textContent())?.match(/no such customer/g)).toHaveLength(1);
  });

  it('imports customers from a CSV file, and names the wrong lines of another', async () => {
    await page.getByTestId('nav-customers').click();
    await page.getByTestId('import-open').click();
    const csv = [
      'user_id,email,first_name,plan,visits',
      'csv-mia,mia@example.com,Mia,gold,4',
      'csv-noah,"noah@example.com","Noah ""N"" Ng",free,',
    ].join('\n');
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'new-customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-submit').click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.textContent()).toBe(
      'Imported new-customers.csv: 3 lines read (the header included), 2 customers added or updated, 2 events stored.',
    );
    await page.getByTestId('customer-search').fill('csv-');
    await expect
      .poll(() => page.getByTestId('customers-table').getAttribute('data-query'))
      .toBe('csv-');
    await expect.poll(() => page.locator('[data-testid^="customer-row-"]').count()).toBe(2);
    const mia = await request(app.url).get('/api/customers/csv-mia').set(auth()).expect(200);
    expect(mia.body.traits).toMatchObject({ first_name: 'Mia', plan: 'gold', visits: 4 });
    await shot('customers-import');

    const orders = ['userId,event,total:number', 'csv-mia,Order Completed,lots'].join('\n');
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(orders) });
    await page.getByTestId('import-submit').click();
    const refused = page.getByTestId('import-refused');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('Nothing was imported from orders.csv.');
    expect(await page.getByTestId('import-issues').textContent()).toBe(
      'line 2: total "lots" is not a number',
    );
    await shot('customers-import-refused');
  });

  it('shows how far a large import has got while it uploads', async () => {
    // 8,000 rows (about 0.6 MB) over a link throttled to 128 KiB/s upstream: about 5 s.
    const rows = Array.from(
      { length: 8000 },
      (_, i) =>
        `csv-bulk-${i},Order Completed,2026-03-01T10:00:00Z,${(i % 90) + 10}.5,${'x'.repeat(20)}`,
    );
    const csv = ['userId,event,timestamp,total,note', ...rows].join('\n');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 128 * 1024,
    });
    try {
      await page
        .getByTestId('import-file')
        .setInputFiles({ name: 'orders-2026.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByTestId('import-submit').click();
      const progress = page.getByTestId('import-progress');
      await expect
        .poll(async () => ((await progress.count()) > 0 ? await progress.textContent() : ''), {
          timeout: 10_000,
        })
        .toMatch(/^Importing: [1-9]\d?% \(/);
      await shot('customers-import-progress');
      await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    } finally {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      await cdp.detach();
    }
    expect(await page.getByTestId('import-result').textContent()).toContain('8,000 events stored');
    expect(await page.getByTestId('import-progress').count()).toBe(0);
  });
});
