import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotDir } from '../support/browser.js';
import { JourneyApi } from '../support/journey-api.js';
import { type RunningSwitchyard, startSwitchyard } from '../support/switchyard.harness.js';

interface AudienceRow {
  id: string;
  name: string;
  size: number;
  source: unknown;
}

/**
 * A marketer saves audiences on the Audiences page: a segment's members now, a pasted list
 * of customer ids (the ones that match nobody are counted), and an empty one for journeys
 * to fill; each lands in the list with its size and where it came from.
 */
describe('browser: new audiences', () => {
  let app: RunningSwitchyard;
  let api: JourneyApi;
  let page: Page;
  let close: () => Promise<void>;
  let goldId: string;
  const shot = (name: string) =>
    page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
  const audiences = async () => (await api.get('/api/audiences').expect(200)).body as AudienceRow[];
  const audienceNamed = async (name: string) => {
    const found = (await audiences()).find((a) => a.name === name);
    if (!found) throw new Error(`no audience ${name}`);
    return found;
  };

  beforeAll(async () => {
    app = await startSwitchyard();
    api = new JourneyApi(app);
    await api.identify([
      { userId: 'ada', traits: { plan: 'gold' } },
      { userId: 'grace', traits: { plan: 'gold' } },
      { userId: 'linus', traits: { plan: 'free' } },
    ]);
    goldId = await api.segment('Gold plan', { attribute: 'plan', op: 'eq', value: 'gold' });
    await api.evaluate();
    ({ page, close } = await launchChromium());
    await page.goto(`${app.url}/#key=${app.apiKey}`);
    await page.getByTestId('nav-audiences').click();
    await page.getByTestId('new-audience').waitFor();
  });
  afterAll(async () => {
    await close?.();
    await app?.stop();
  });

  it('asks for a name and a segment before saving anything', async () => {
    await page.getByTestId('audience-create').click();
    await page.getByText('must not be empty').waitFor();
    await page.getByText('choose a segment', { exact: true }).waitFor();
    expect(await audiences()).toEqual([]);
  });

  it("saves a segment's members", async () => {
    await page.getByTestId('audience-name').fill('Gold now');
    await page.getByTestId('audience-segment').selectOption(goldId);
    expect(await page.getByTestId('audience-segment').locator('option:checked').textContent()).toBe(
      'Gold plan (2)',
    );
    await page.getByTestId('audience-create').click();
    expect(await page.getByTestId('audience-saved').textContent()).toBe(
      'Saved “Gold now” with 2 customers.',
    );
    const saved = await audienceNamed('Gold now');
    expect(saved).toMatchObject({ size: 2, source: { kind: 'segment', segmentId: goldId } });
    const row = page.getByTestId(`audience-row-${saved.id}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('members of Gold plan');
  });

  it('saves a pasted list of ids and counts those that matched nobody', async () => {
    await page.getByTestId('audience-source-ids').check();
    await page.getByTestId('audience-name').fill('Pasted');
    await page.getByTestId('audience-create').click();
    await page.getByText('paste at least one id').waitFor();
    await page.getByTestId('audience-ids').fill('ada, linus\nnobody-here\n\nada');
    await page.getByTestId('audience-create').click();
    expect(await page.getByTestId('audience-saved').textContent()).toBe(
      'Saved “Pasted” with 2 customers; 1 of the 3 ids matched no customer.',
    );
    expect(await audienceNamed('Pasted')).toMatchObject({
      size: 2,
      source: { kind: 'external_ids', count: 3 },
    });
  });

  it('saves an empty audience for journeys to fill', async () => {
    await page.getByTestId('audience-source-empty').check();
    await page.getByTestId('audience-name').fill('Filled by journeys');
    await page.getByTestId('audience-create').click();
    await page.getByTestId('audience-saved').getByText('with 0 customers').waitFor();
    const saved = await audienceNamed('Filled by journeys');
    expect(saved).toMatchObject({ size: 0, source: null });
    await page.getByTestId(`audience-row-${saved.id}`).waitFor();
    await shot('audiences-new');
  });
});
