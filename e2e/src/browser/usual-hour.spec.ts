import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotDir } from '../support/browser.js';
import { JourneyApi, trigger } from '../support/journey-api.js';
import { startSwitchyard, waitFor, type RunningSwitchyard } from '../support/switchyard.harness.js';

/** A marketer turns on "At the customer's usual hour" on a Wait until time step. */
describe("browser: waiting until the customer's usual hour", () => {
  let app: RunningSwitchyard;
  let page: Page;
  let close: () => Promise<void>;
  let api: JourneyApi;
  let journeyId: string;

  beforeAll(async () => {
    app = await startSwitchyard();
    api = new JourneyApi(app);
    journeyId = await api.publish(
      'Evening nudge',
      [
        trigger({ kind: 'event', event: 'Poke' }),
        { id: 'when', type: 'wait_until', config: { time: '09:30' } },
      ],
      [['trigger', 'when']],
    );
    ({ page, close } = await launchChromium());
    await page.goto(`${app.url}/#key=${app.apiKey}`);
    await page.getByTestId('nav-journeys').waitFor();
  });
  afterAll(async () => {
    await close?.();
    await app?.stop();
  });

  it('turns it on in the step panel; the step says so, and the next version waits so', async () => {
    await page.goto(`${app.url}/journeys/${journeyId}`);
    const node = page.getByTestId('node-when');
    await node.waitFor();
    expect(await node.locator('.jnode__summary').textContent()).toBe(
      "until 09:30, customer's time",
    );
    await node.click();
    const box = page.getByTestId('field-usualHour');
    await box.waitFor();
    expect(await page.getByText("At the customer's usual hour").count()).toBeGreaterThan(0);
    // Days unset: every weekday, as the default says, is ticked.
    const days = page.getByTestId('field-days').getByRole('checkbox');
    expect(await days.count()).toBe(7);
    for (const day of await days.all()) expect(await day.isChecked()).toBe(true);
    await box.check();
    await expect
      .poll(() => node.locator('.jnode__summary').textContent())
      .toBe('their usual hour, else 09:30');
    await page.screenshot({ path: join(screenshotDir, 'journey-usual-hour.png') });
    await page.getByRole('button', { name: 'Publish' }).click();
    const config = await waitFor(
      async () => {
        const { rows } = await app.db.query<{ config: { usualHour?: boolean } }>(
          `SELECT n->'config' AS config FROM journey_versions v, jsonb_array_elements(v.graph->'nodes') n
            WHERE v.journey_id = $1 AND v.version = 2 AND n->>'id' = 'when'`,
          [journeyId],
        );
        return rows[0]?.config;
      },
      20_000,
      'version 2',
    );
    expect(config).toMatchObject({ time: '09:30', usualHour: true });
  });
});
