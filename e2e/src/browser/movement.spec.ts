import { join } from 'node:path';
import type { GroupMovementView } from '@switchyard/contracts';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, overlapsOnCanvas, screenshotDir } from '../support/browser.js';
import { type RunningSwitchyard, startSwitchyard } from '../support/switchyard.harness.js';

/**
 * A marketer opens the movement page of the demo's lifecycle group, compares the first
 * and the last monthly snapshot, clicks a flow of the Sankey and a cell of the matrix, and
 * saves the customers of that cell as an audience; then opens the demo's journey.
 */
describe('browser: the movement page', () => {
  let app: RunningSwitchyard;
  let page: Page;
  let close: () => Promise<void>;
  let group: { id: string; name: string };
  let dates: { from: string; to: string };
  const api = () => request(app.url);
  const auth = () => ({ Authorization: `Bearer ${app.apiKey}` });

  beforeAll(async () => {
    app = await startSwitchyard({ env: { SEED_DEMO: 'true' }, readyTimeoutMs: 120_000 });
    ({ page, close } = await launchChromium());
    const groups = await api().get('/api/segment-groups').set(auth());
    group = groups.body[0];
    const snapshots = await api().get(`/api/segment-groups/${group.id}/snapshots`).set(auth());
    const asOf = snapshots.body.map((s: { asOf: string }) => s.asOf.slice(0, 10));
    expect(asOf.length).toBeGreaterThanOrEqual(3);
    dates = { from: asOf[0], to: asOf[asOf.length - 1] };
  }, 180_000);

  afterAll(async () => {
    await close?.();
    await app?.stop();
  });

  const movement = async (): Promise<GroupMovementView> => {
    const res = await api()
      .get(`/api/segment-groups/${group.id}/movement`)
      .query(dates)
      .set(auth());
    expect(res.status).toBe(200);
    return res.body;
  };

  it('opens from the groups page and compares the first and the last snapshot', async () => {
    await page.goto(`${app.url}/#key=${app.apiKey}`);
    await page.getByTestId('nav-groups').click();
    await page.getByTestId(`group-movement-${group.id}`).click();
    await page.getByTestId('movement-matrix').waitFor();
    await page.getByTestId('movement-from').fill(dates.from);
    await page.getByTestId('movement-to').fill(dates.to);
    await page.getByTestId('movement-compare').click();
    await page.getByTestId('movement-loading').waitFor({ state: 'detached' });
    await page.getByTestId('movement-matrix').waitFor();
    const view = await movement();
    expect(await page.getByTestId('movement-summary').textContent()).toContain(
      view.totals.to.toLocaleString('en-US'),
    );
    await page.locator('[data-testid="movement-sankey"] svg path').first().waitFor();
    await page.screenshot({ path: join(screenshotDir, 'movement.png'), fullPage: true });
  });

  it('a click on a flow of the Sankey picks exactly that flow', async () => {
    const view = await movement();
    // The flows are the widest SVG paths; a flow's middle is the centre of its box.
    const boxes = await page
      .locator('[data-testid="movement-sankey"] svg path')
      .evaluateAll((paths) =>
        paths
          .map((p) => p.getBoundingClientRect())
          .filter((r) => r.width > 40 && r.height > 4)
          .map((r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2, area: r.width * r.height }))
          .sort((a, b) => b.area - a.area),
      );
    expect(boxes.length).toBeGreaterThan(0);
    let title = '';
    for (const box of boxes) {
      await page.mouse.click(box.x, box.y);
      const panel = page.getByTestId('movement-selection-title');
      if ((await panel.count()) > 0) {
        title = (await panel.textContent()) ?? '';
        if (title.includes('→') || title.startsWith('Stayed')) break;
      }
    }
    expect(title).toMatch(/→|Stayed/);
    const count = Number(
      ((await page.getByTestId('movement-selection-count').textContent()) ?? '').replace(/,/g, ''),
    );
    const label = (index: number | null) =>
      index === null ? 'New customers' : view.buckets.find((b) => b.index === index)?.label;
    const cell = view.matrix.find((c) =>
      c.from === c.to
        ? title.startsWith(`Stayed in ${label(c.to)} `)
        : title.startsWith(`${label(c.from)} → ${label(c.to)} `),
    );
    expect(cell, title).toBeDefined();
    expect(count).toBe(cell?.count);
    await page.screenshot({
      path: join(screenshotDir, 'movement-flow-picked.png'),
      fullPage: true,
    });
  });

  it('shows the exact number of an entered / left bar on hover', async () => {
    const view = await movement();
    const bars = await page
      .locator('[data-testid="movement-entered-left"] svg path')
      .evaluateAll((paths) =>
        paths
          .map((p) => p.getBoundingClientRect())
          .filter((r) => r.width > 8 && r.height > 4 && r.height < 60)
          .map((r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2, area: r.width * r.height }))
          .sort((a, b) => b.area - a.area),
      );
    let tip = '';
    for (const bar of bars) {
      await page.mouse.move(bar.x, bar.y);
      await page.waitForTimeout(150);
      tip = (await page.locator('[data-testid="movement-entered-left"] div').allTextContents())
        .join(' ')
        .trim();
      if (/\b(entered|left)\b/.test(tip)) break;
    }
    const match = /([\d,]+)\s*(entered|left)\s+(.+)$/.exec(tip);
    expect(match, tip).not.toBeNull();
    const [, number, kind, label] = match ?? [];
    const bucket = view.buckets.find((b) => b.label === label?.trim());
    expect(bucket, tip).toBeDefined();
    expect(Number(number?.replace(/,/g, ''))).toBe(
      kind === 'entered' ? bucket?.entered : bucket?.left,
    );
  });

  /** Types a name once the panel has settled (a new pick resets the name to its default). */
  async function fillName(name: string): Promise<void> {
    const input = page.getByTestId('audience-name');
    for (let attempt = 0; attempt < 20; attempt++) {
      await input.fill(name);
      await page.waitForTimeout(100);
      if ((await input.inputValue()) === name) return;
    }
    throw new Error(`the audience name did not stay "${name}"`);
  }

  it('a matrix cell becomes an audience of exactly those customers', async () => {
    const view = await movement();
    const moved = view.matrix
      .filter((c) => c.from !== null && c.to !== null && c.from !== c.to)
      .sort((a, b) => b.count - a.count)[0];
    expect(moved, 'the demo group has customers who moved').toBeDefined();
    if (!moved) return;
    await page.getByTestId(`matrix-cell-${moved.from}-${moved.to}`).click();
    expect(await page.getByTestId('movement-selection-count').textContent()).toBe(
      moved.count.toLocaleString('en-US'),
    );
    await fillName('Movers from the demo');
    await page.getByTestId('audience-create').click();
    await page.getByTestId('audience-created').waitFor();
    const audiences = await api().get('/api/audiences').set(auth());
    const audience = audiences.body.find(
      (a: { name: string }) => a.name === 'Movers from the demo',
    );
    expect(audience.size).toBe(moved.count);
    expect(audience.source).toMatchObject({
      kind: 'movement',
      groupId: group.id,
      fromBuckets: [moved.from],
      toBuckets: [moved.to],
    });
    await page.screenshot({ path: join(screenshotDir, 'movement-audience.png'), fullPage: true });
  });

  it('drafts a campaign from a cell, previews it for a member and launches it', async () => {
    const view = await movement();
    const moved = view.matrix
      .filter((c) => c.from !== null && c.to !== null && c.from !== c.to)
      .sort((a, b) => b.count - a.count)[1];
    if (!moved) throw new Error('the demo group has a second kind of move');
    await page.getByTestId(`matrix-cell-${moved.from}-${moved.to}`).click();
    await fillName('Campaign from the demo');
    await page.getByTestId('campaign-draft').click();
    await page.getByTestId('campaign-title').waitFor();
    expect(await page.getByTestId('campaign-title').textContent()).toBe('Campaign from the demo');
    await page.getByTestId('campaign-preview-subject').waitFor();
    const campaigns = await api().get('/api/campaigns').set(auth());
    const campaign = campaigns.body[0];
    expect(campaign.audienceSize).toBe(moved.count);
    const preview = await api().get(`/api/campaigns/${campaign.id}/preview`).set(auth());
    expect(await page.getByTestId('campaign-preview-subject').textContent()).toBe(
      preview.body.subject,
    );
    expect(await page.getByTestId('campaign-preview-to').textContent()).toContain(
      preview.body.customer.externalId,
    );
    await page.screenshot({ path: join(screenshotDir, 'campaign-draft.png'), fullPage: true });

    await page.getByTestId('campaign-holdout').fill('10');
    await page.getByTestId('campaign-launch').click();
    await page.getByTestId('campaign-results').waitFor();
    expect(await page.getByTestId('campaign-status').textContent()).toBe('launched');
    const launched = await api().get(`/api/campaigns/${campaign.id}`).set(auth());
    expect(launched.body).toMatchObject({ status: 'launched', holdoutPercent: 10 });
    // The page follows the launch until every customer was sent to or held out.
    await expect
      .poll(() => page.getByTestId('campaign-progress').textContent(), { timeout: 60_000 })
      .toMatch(/^Done: /);
    const stats = (await api().get(`/api/campaigns/${campaign.id}/stats`).set(auth())).body;
    expect(stats.sending).toBe(0);
    expect(stats.sent + stats.heldOut).toBe(moved.count);
    expect(await page.getByTestId('campaign-progress').textContent()).toBe(
      `Done: ${stats.sent.toLocaleString('en-US')} sent, ${stats.heldOut.toLocaleString('en-US')} held out.`,
    );
    expect(await page.getByTestId('campaign-sent').textContent()).toBe(
      stats.sent.toLocaleString('en-US'),
    );
    expect(await page.getByTestId('campaign-results-unsubscribed').textContent()).toBe('0');
    // What was sent is what the page shows, locked.
    await page.getByTestId('campaign-locked').waitFor();
    expect(await page.getByTestId('campaign-subject').isDisabled()).toBe(true);
    expect(await page.getByTestId('campaign-holdout').isDisabled()).toBe(true);
    await page.screenshot({ path: join(screenshotDir, 'campaign-launched.png'), fullPage: true });

    // Results that cannot be read say why and offer a retry, instead of loading for ever.
    const statsPath = `**/api/campaigns/${campaign.id}/stats`;
    await page.route(statsPath, (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ statusCode: 503, message: 'the database is restarting' }),
      }),
    );
    await page.reload();
    const failed = page.getByRole('alert');
    await failed.waitFor();
    expect(await failed.textContent()).toContain(
      "Could not load the campaign's results: the database is restarting",
    );
    expect(await page.getByTestId('campaign-results').count()).toBe(0);
    await page.screenshot({ path: join(screenshotDir, 'campaign-results-error.png') });
    await page.unroute(statsPath);
    await failed.getByRole('button', { name: 'Retry' }).click();
    await page.getByTestId('campaign-results').waitFor();
    expect(await page.getByTestId('campaign-sent').textContent()).toBe(
      stats.sent.toLocaleString('en-US'),
    );
    expect(await page.getByTestId('campaign-results-unsubscribed').textContent()).toBe('0');
  });

  it("opens the demo's journey with every step readable: none overlaps another, the minimap or the zoom controls", async () => {
    const journeys = (await api().get('/api/journeys').set(auth())).body as {
      id: string;
      name: string;
    }[];
    const demo = journeys.find((j) => j.name === 'Win back lapsing buyers');
    if (!demo) throw new Error('the demo workspace has its journey');
    await page.goto(`${app.url}/journeys/${demo.id}#key=${app.apiKey}`);
    await page.getByTestId('node-comeback_email').waitFor();
    // The canvas fits again once the counts arrive (an animation): wait for it to settle
    // rather than for a fixed time.
    await expect
      .poll(() => overlapsOnCanvas(page, { overlays: true }), { timeout: 10_000 })
      .toEqual([]);
    await page.screenshot({ path: join(screenshotDir, 'demo-journey.png') });
  });
});
