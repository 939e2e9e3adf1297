import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotDir } from '../support/browser.js';
import { type RunningSwitchyard, startSwitchyard } from '../support/switchyard.harness.js';

/**
 * A marketer builds the walking skeleton's journey in the browser: a segment from the form,
 * then "when a customer leaves it, send an e-mail", saved and published in the editor.
 */
describe('browser: build, save and publish a journey in the editor', () => {
  let app: RunningSwitchyard;
  let page: Page;
  let close: () => Promise<void>;
  let segmentId: string;

  beforeAll(async () => {
    app = await startSwitchyard();
    ({ page, close } = await launchChromium());
  });

  afterAll(async () => {
    await close?.();
    await app?.stop();
  });

  it('signs in through the printed link', async () => {
    await page.goto(`${app.url}/#key=${app.apiKey}`);
    await page.getByTestId('nav-segments').click();
    await page.getByTestId('segment-new').click();
    expect(page.url()).not.toContain(app.apiKey);
  });

  it('creates a segment with the form', async () => {
    await page.getByTestId('segment-name').fill('Ordered in the last 90 days');
    await page.getByTestId('condition-0-kind').selectOption('eventAggregate');
    await page.getByTestId('condition-0-event').fill('Order Completed');
    await page.getByTestId('condition-0-fn').selectOption('count');
    await page.getByTestId('condition-0-op').selectOption('gte');
    await page.getByTestId('condition-0-value').fill('1');
    await page.getByTestId('condition-0-window').fill('90');
    await page.getByTestId('segment-preview').click();
    await page
      .locator('[data-testid="segment-preview-result"], [data-testid="segment-preview-error"]')
      .first()
      .waitFor();
    await page.screenshot({ path: join(screenshotDir, 'segment-form.png'), fullPage: true });
    expect(await page.getByTestId('segment-preview-error').count()).toBe(0);
    expect(await page.getByTestId('segment-preview-count').textContent()).toBe('0');
    await page.screenshot({ path: join(screenshotDir, 'segment-form.png'), fullPage: true });
    await page.getByTestId('segment-save').click();
    await page.getByTestId('segments-table').waitFor();
    const list = await request(app.url)
      .get('/api/segments')
      .set('Authorization', `Bearer ${app.apiKey}`);
    expect(list.body).toHaveLength(1);
    expect(list.body[0].rule).toEqual({
      all: [
        {
          event: 'Order Completed',
          aggregate: { fn: 'count' },
          op: 'gte',
          value: 1,
          window: { lastDays: 90 },
        },
      ],
    });
    segmentId = list.body[0].id;
    await page.screenshot({ path: join(screenshotDir, 'segments-list.png'), fullPage: true });
  });

  it('builds the journey, saves and publishes it', async () => {
    await page.getByTestId('nav-journeys').click();
    await page.getByTestId('journey-new-name').fill('Win back lapsed buyers');
    await page.getByTestId('journey-new').click();
    await page.getByTestId('journey-canvas').waitFor();

    const trigger = page
      .locator('[data-testid^="node-"][data-testid$="trigger"], .react-flow__node-trigger')
      .first();
    // The new journey's trigger has no segment yet: the problem is shown on the node.
    await expect
      .poll(() => page.locator('[data-testid^="node-errors-"]').count())
      .toBeGreaterThan(0);
    expect(
      Number(await page.getByTestId('journey-issues').getAttribute('data-count')),
    ).toBeGreaterThan(0);
    await page.screenshot({ path: join(screenshotDir, 'journey-editor-issues.png') });

    await trigger.click();
    await page.getByTestId('trigger-kind').selectOption('segment_exited');
    await page.getByTestId('trigger-segment').selectOption(segmentId);

    await page.getByTestId('palette-item-send_email').click();
    await page.getByTestId('field-subject').fill('We miss you, {{customer.traits.first_name}}');
    await page
      .getByTestId('field-html')
      .fill('<p>Hello {{customer.traits.first_name}}, here is 10% off.</p>');

    await expect
      .poll(() => page.getByTestId('journey-issues').getAttribute('data-count'))
      .toBe('0');
    await page.getByTestId('save-journey').click();
    await expect.poll(() => page.getByTestId('journey-dirty').count()).toBe(0);
    await page.getByTestId('publish-journey').click();
    await expect
      .poll(() => page.getByTestId('journey-status').textContent(), { timeout: 15_000 })
      .toContain('Live');
    await page.screenshot({ path: join(screenshotDir, 'journey-editor-published.png') });

    const journeys = await request(app.url)
      .get('/api/journeys')
      .set('Authorization', `Bearer ${app.apiKey}`);
    const journey = journeys.body.find(
      (j: { name: string }) => j.name === 'Win back lapsed buyers',
    );
    expect(journey.status).toBe('live');
    expect(journey.liveVersion.version).toBe(1);
    const { rows } = await app.db.query(
      'SELECT graph, trigger FROM journey_versions WHERE journey_id = $1',
      [journey.id],
    );
    expect(rows[0].trigger).toEqual({ kind: 'segment_exited', segmentId });
    const email = rows[0].graph.nodes.find((n: { type: string }) => n.type === 'send_email');
    expect(email.config.subject).toBe('We miss you, {{customer.traits.first_name}}');
    const triggerNode = rows[0].graph.nodes.find((n: { type: string }) => n.type === 'trigger');
    expect(rows[0].graph.edges).toEqual([
      expect.objectContaining({ source: triggerNode.id, target: email.id }),
    ]);
  });

  it('names a Send SMS step the workspace cannot deliver and links to where to fix it', async () => {
    await page.getByTestId('nav-journeys').click();
    await page.getByTestId('journey-new-name').fill('Shipping texts');
    await page.getByTestId('journey-new').click();
    await page.getByTestId('journey-canvas').waitFor();
    await page
      .locator('[data-testid^="node-"][data-testid$="trigger"], .react-flow__node-trigger')
      .first()
      .click();
    await page.getByTestId('trigger-kind').selectOption('segment_entered');
    await page.getByTestId('trigger-segment').selectOption(segmentId);
    await page.getByTestId('palette-item-send_sms').click();
    await page.getByTestId('field-body').fill('Your order is on its way');
    await expect
      .poll(() => page.getByTestId('journey-issues').getAttribute('data-count'))
      .toBe('0');

    await page.getByTestId('publish-journey').click();
    const fix = page.getByTestId('issue-fix');
    await fix.waitFor();
    expect(await page.getByTestId('journey-issues').textContent()).toContain(
      'Send SMS sends text messages and this workspace has no SMS provider',
    );
    expect(await page.getByTestId('journey-status').textContent()).not.toContain('Live');
    // The problem names the step as the canvas does, not by its id (send_sms_1).
    expect(
      await page.getByTestId('journey-issues').locator('button.link-button').allTextContents(),
    ).toEqual(['Send SMS']);
    expect(await page.getByTestId('editor-notice').textContent()).toBe(
      'Not published: 1 problem to fix, listed on the right',
    );
    // Nothing selected: the panel shows the problems, the fix's link among them.
    await page.locator('.react-flow__pane').click({ position: { x: 40, y: 300 } });
    await page.screenshot({ path: join(screenshotDir, 'journey-editor-sms-provider.png') });

    await fix.click();
    await page.waitForURL(/\/settings\/workspace$/);
    await page.getByText('SMS provider').first().waitFor();
  });
});
