import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupLinkFromBanner } from '../support/access-api.js';
import { launchChromium, screenshotDir } from '../support/browser.js';
import { type RunningSwitchyard, startSwitchyard } from '../support/switchyard.harness.js';

const OWNER = 'owner@switchyard.local';
const PASSWORD = 'correct horse battery staple';

/**
 * A person's first day: the owner opens the setup link from the start banner, chooses a
 * password, signs out and in again, invites a marketer, creates an ingest key and reads
 * the audit log; a marketer joins without Settings; a viewer sees no buttons to change
 * anything.
 */
describe('browser: sign-in, setup, members, keys and the audit log', () => {
  let app: RunningSwitchyard;
  let page: Page;
  let close: () => Promise<void>;
  const shot = (name: string) =>
    page.screenshot({ path: join(screenshotDir, name), fullPage: true });

  beforeAll(async () => {
    app = await startSwitchyard();
    ({ page, close } = await launchChromium());
  });
  afterAll(async () => {
    await close?.();
    await app?.stop();
  });

  it('sets up the owner from the link in the banner', async () => {
    const link = setupLinkFromBanner(app.output());
    expect(link).not.toBeNull();
    await page.goto(link as string);
    await page.getByTestId('new-password').waitFor();
    // The token leaves the address bar at once.
    expect(page.url()).toBe(`${app.url}/setup`);
    expect(await page.locator('#link-email').inputValue()).toBe(OWNER);
    await page.getByTestId('new-password').fill(PASSWORD);
    await page.getByTestId('confirm-password').fill('something else entirely');
    await page.getByTestId('set-password').click();
    await page.getByText('does not match the password').waitFor();
    await page.getByTestId('confirm-password').fill(PASSWORD);
    await shot('setup.png');
    await page.getByTestId('set-password').click();
    await page.getByTestId('nav-journeys').waitFor();
    expect(await page.getByTestId('signed-in-as').getAttribute('title')).toBe(`${OWNER} · owner`);
  });

  it('signs out, refuses a wrong password, and signs in again', async () => {
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-email').waitFor();
    await page.getByTestId('sign-in-email').fill(OWNER);
    await page.getByTestId('sign-in-password').fill('not my password');
    await page.getByTestId('sign-in').click();
    expect(await page.getByTestId('sign-in-error').textContent()).toBe('Wrong e-mail or password.');
    await shot('sign-in.png');
    await page.getByTestId('sign-in-password').fill(PASSWORD);
    await page.getByTestId('sign-in').click();
    await page.getByTestId('nav-settings').waitFor();
    // The session survives a reload (httpOnly cookie; nothing in localStorage).
    await page.reload();
    await page.getByTestId('nav-settings').waitFor();
    const stored = await page.evaluate(
      "JSON.stringify(Object.keys(localStorage).filter((k) => k.startsWith('switchyard')))",
    );
    expect(stored).toBe('[]');
  });

  it('invites a marketer from Settings → Members', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('members-table').waitFor();
    await page.getByTestId('invite-email').fill('not an address');
    await page.getByTestId('invite').click();
    await page.getByText('must be an e-mail address').waitFor();
    await page.getByTestId('invite-email').fill('mia@example.com');
    await page.getByTestId('invite-role').selectOption('marketer');
    await page.getByTestId('invite').click();
    const link = await page.getByTestId('invite-link').textContent();
    expect(link).toMatch(new RegExp(`^${app.url}/invite#token=`));
    await page.getByTestId('member-mia@example.com').waitFor();
    expect(await page.getByTestId('member-mia@example.com').textContent()).toContain('invited');
    await shot('settings-members.png');
  });

  it('creates an ingest key, shown once, and lists it', async () => {
    await page.getByTestId('tab-settings-api-keys').click();
    await page.getByTestId('api-keys-table').waitFor();
    await page.getByTestId('key-name').fill('Website');
    await page.getByTestId('key-scope').selectOption('ingest');
    await page.getByTestId('create-key').click();
    const key = (await page.getByTestId('new-key').textContent()) ?? '';
    expect(key).toMatch(/^sk_/);
    await page.getByTestId('revoke-Website').waitFor();
    await shot('settings-api-keys.png');
    await request(app.url)
      .post('/v1/track')
      .set('Authorization', `Bearer ${key}`)
      .send({ userId: 'u1', event: 'Visit' })
      .expect(200);
  });

  it('reads the audit log', async () => {
    await page.getByTestId('tab-settings-audit').click();
    await page.getByTestId('audit-table').waitFor();
    const rows = await page.locator('[data-testid="audit-table"] tbody tr').allTextContents();
    expect(rows[0]).toContain('created the API key "Website" (ingest)');
    expect(rows[1]).toContain('invited mia@example.com as marketer');
    expect(rows.some((r) => r.includes('signed in'))).toBe(true);
    expect(rows.some((r) => r.includes('set up the owner account'))).toBe(true);
    await shot('settings-audit-log.png');
  });

  it('lets the marketer join; a marketer has no Settings', async () => {
    const invite = await request(app.url)
      .post('/api/invites')
      .set('Authorization', `Bearer ${app.apiKey}`)
      .send({ email: 'mia@example.com', role: 'marketer' })
      .expect(201);
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-email').waitFor();
    await page.goto(invite.body.link);
    await page.getByText('as a marketer').waitFor();
    await shot('accept-invite.png');
    await page.getByTestId('new-password').fill('mias own password');
    await page.getByTestId('confirm-password').fill('mias own password');
    await page.getByTestId('set-password').click();
    await page.getByTestId('journey-new').waitFor();
    expect(await page.getByTestId('nav-settings').count()).toBe(0);
  });

  it('shows a viewer no buttons it may not use', async () => {
    const invite = await request(app.url)
      .post('/api/invites')
      .set('Authorization', `Bearer ${app.apiKey}`)
      .send({ email: 'vic@example.com', role: 'viewer' })
      .expect(201);
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-email').waitFor();
    await page.goto(invite.body.link);
    await page.getByTestId('new-password').fill('vics own password');
    await page.getByTestId('confirm-password').fill('vics own password');
    await page.getByTestId('set-password').click();
    await page.getByTestId('nav-journeys').waitFor();
    await page.locator('.page h1').first().waitFor();
    expect(await page.getByTestId('journey-new').count()).toBe(0);
    await page.getByTestId('nav-segments').click();
    await page.locator('.page h1', { hasText: 'Segments' }).waitFor();
    expect(await page.getByTestId('segment-new').count()).toBe(0);
    await page.getByTestId('nav-groups').click();
    await page.locator('.page h1', { hasText: 'Segment groups' }).waitFor();
    expect(await page.getByTestId('group-new').count()).toBe(0);
    expect(await page.getByTestId('nav-settings').count()).toBe(0);
    await shot('viewer-segment-groups.png');
  });

  it('asks for a reset link without telling whether the address exists', async () => {
    await page.getByTestId('sign-out').click();
    await page.getByTestId('forgot-password').click();
    await page.getByTestId('reset-email').fill('nobody@example.com');
    await page.getByTestId('send-reset').click();
    await page.getByTestId('reset-sent').waitFor();
    await shot('reset-request.png');
  });
});
