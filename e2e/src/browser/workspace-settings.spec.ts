import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotDir } from '../support/browser.js';
import { JourneyApi, trigger } from '../support/journey-api.js';
import { type RunningSwitchyard, startSwitchyard } from '../support/switchyard.harness.js';

/**
 * An owner sets up how the workspace sends without the API: time zone, SMTP server, SMS
 * provider, signing key, private hosts and a plugin secret. Bad input is refused next to
 * its field before anything is sent; what is saved is what the API then returns, with
 * credentials masked and never echoed into the page.
 */
describe('browser: sending & security settings', () => {
  let app: RunningSwitchyard;
  let page: Page;
  let close: () => Promise<void>;
  const shot = (name: string) =>
    page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
  const settings = async () =>
    (
      await request(app.url)
        .get('/api/workspace/settings')
        .set('Authorization', `Bearer ${app.apiKey}`)
        .expect(200)
    ).body as {
      timezone: string;
      emailProvider: { url: string; from: string } | null;
      smsProvider: { url: string; from: string; tokenSet: boolean } | null;
      signingSecretSet: boolean;
      allowedHosts: string[];
    };
  const text = async (testId: string) => (await page.getByTestId(testId).textContent()) ?? '';

  beforeAll(async () => {
    app = await startSwitchyard();
    ({ page, close } = await launchChromium());
    await page.goto(`${app.url}/#key=${app.apiKey}`);
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('tab-settings-workspace').click();
    await page.getByTestId('workspace-settings').waitFor();
  });
  afterAll(async () => {
    await close?.();
    await app?.stop();
  });

  it('refuses an unknown time zone by its field, then saves one', async () => {
    await page.getByTestId('workspace-timezone').fill('Mars/Olympus_Mons');
    await page.getByTestId('save-timezone').click();
    await page.getByText('must be an IANA time zone name').waitFor();
    await page.getByTestId('workspace-timezone').fill('Europe/Berlin');
    await page.getByTestId('save-timezone').click();
    await page.getByTestId('timezone-saved').waitFor();
    expect((await settings()).timezone).toBe('Europe/Berlin');
  });

  it('sets an SMTP server whose password is never shown again', async () => {
    expect(await text('email-none')).toContain('SMTP_URL');
    await page.getByTestId('email-edit').click();
    await page.getByTestId('email-url').fill('http://mail.example.com');
    await page.getByTestId('email-from').fill('no address');
    await page.getByTestId('email-save').click();
    await page.getByText('must be an smtp:// or smtps:// URL').waitFor();
    await page.getByText('must hold an e-mail address').waitFor();
    await page.getByTestId('email-url').fill('smtp://mailer:pa55-w0rd@smtp.example.com:587');
    await page.getByTestId('email-from').fill('Shop <news@shop.example>');
    await page.getByTestId('email-save').click();
    await page.getByTestId('email-saved').waitFor();
    const shown = await text('email-current');
    expect(shown).toContain('smtp://***@smtp.example.com:587');
    expect(shown).toContain('Shop <news@shop.example>');
    expect(await page.content()).not.toContain('pa55-w0rd');
    expect((await settings()).emailProvider).toEqual({
      url: 'smtp://***@smtp.example.com:587',
      from: 'Shop <news@shop.example>',
    });
  });

  it('sets an SMS provider with a write-only token', async () => {
    await page.getByTestId('sms-edit').click();
    await page.getByTestId('sms-url').fill('ftp://sms.example.com');
    await page.getByTestId('sms-from').fill('Shop');
    await page.getByTestId('sms-save').click();
    await page.getByText('must be an http(s) URL').waitFor();
    await page.getByTestId('sms-url').fill('https://sms.example.com/messages');
    await page.getByTestId('sms-token').fill('tok_live_123456');
    await page.getByTestId('sms-save').click();
    await page.getByTestId('sms-saved').waitFor();
    expect(await text('sms-current')).toMatch(/Tokenset/);
    expect(await page.content()).not.toContain('tok_live_123456');
    expect((await settings()).smsProvider).toEqual({
      url: 'https://sms.example.com/messages',
      from: 'Shop',
      tokenSet: true,
    });
  });

  it('sets a signing key of at least 16 characters', async () => {
    expect(await text('signing-status')).toContain('No key set yet');
    await page.getByTestId('signing-key').fill('too short');
    await page.getByTestId('save-signing-key').click();
    await page.getByText('must be at least 16 characters').waitFor();
    await page.getByTestId('signing-key').fill('whsec_0123456789abcdef');
    await page.getByTestId('save-signing-key').click();
    await page.getByTestId('signing-saved').waitFor();
    expect(await text('signing-status')).toContain('A signing key is set');
    expect(await page.getByTestId('signing-key').inputValue()).toBe('');
    expect((await settings()).signingSecretSet).toBe(true);
  });

  it('names the line of a host that is not one, then saves the list', async () => {
    await page.getByTestId('allowed-hosts').fill('crm.internal\nhttp://10.0.0.12/path');
    await page.getByTestId('save-hosts').click();
    await page.getByText('Line 2 (“http://10.0.0.12/path”)').waitFor();
    expect((await settings()).allowedHosts).toEqual([]);
    await page.getByTestId('allowed-hosts').fill('CRM.internal\n\n10.0.0.12:8080\ncrm.internal');
    await page.getByTestId('save-hosts').click();
    await page.getByTestId('hosts-saved').waitFor();
    expect((await settings()).allowedHosts).toEqual(['crm.internal', '10.0.0.12:8080']);
    expect(await page.getByTestId('allowed-hosts').inputValue()).toBe(
      'crm.internal\n10.0.0.12:8080',
    );
  });

  it('adds a plugin secret by name, refuses a bad name, and removes it', async () => {
    expect(await text('secrets-none')).toContain('No secrets yet');
    await page.getByTestId('secret-name').fill('bad name');
    await page.getByTestId('secret-value').fill('x');
    await page.getByTestId('save-secret').click();
    await page.getByText('must be a letter, then letters, digits or "_"').waitFor();
    await page.getByTestId('secret-name').fill('SLACK_TOKEN');
    await page.getByTestId('secret-value').fill('xoxb-secret-value');
    await page.getByTestId('save-secret').click();
    await page.getByTestId('remove-secret-SLACK_TOKEN').waitFor();
    expect(await page.content()).not.toContain('xoxb-secret-value');
    const names = await request(app.url)
      .get('/api/workspace/secrets')
      .set('Authorization', `Bearer ${app.apiKey}`)
      .expect(200);
    expect(names.body).toEqual({ names: ['SLACK_TOKEN'] });
    await shot('settings-workspace');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('remove-secret-SLACK_TOKEN').click();
    await page.getByTestId('secrets-none').waitFor();
  });

  it('removes the SMTP server after a confirmation, and keeps it when declined', async () => {
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByTestId('email-remove').click();
    expect((await settings()).emailProvider).not.toBeNull();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('email-remove').click();
    await page.getByTestId('email-none').waitFor();
    expect((await settings()).emailProvider).toBeNull();
  });

  it('names the running journeys that send SMS, and pauses them when the SMS provider is removed', async () => {
    const api = new JourneyApi(app);
    const segment = await api.segment('Texted', { attribute: 'texted', op: 'eq', value: true });
    const journey = await api.publish(
      'Shipping texts',
      [
        trigger({ kind: 'segment_entered', segmentId: segment }),
        { id: 'text', type: 'send_sms', config: { body: 'Your order shipped' } },
      ],
      [['trigger', 'text']],
    );
    await page.reload();
    await page.getByTestId('workspace-settings').waitFor();
    await expect.poll(() => page.getByTestId('sms-used-by').count(), { timeout: 10_000 }).toBe(1);
    expect(await text('sms-used-by')).toBe('Sending texts now: “Shipping texts”.');
    await page.getByTestId('sms-card').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'settings-sms-used-by.png') });
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await page.getByTestId('sms-remove').click();
    await expect.poll(() => asked).not.toBe('');
    expect(asked).toBe(
      'Remove the SMS provider? 1 running journey sends SMS (“Shipping texts”): it is paused until a provider is set again and you resume it.',
    );
    expect((await settings()).smsProvider).not.toBeNull();

    // Accepted: the provider goes and the journey is paused, saying why.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('sms-remove').click();
    await page.getByTestId('sms-none').waitFor();
    expect((await settings()).smsProvider).toBeNull();
    expect((await api.get(`/api/journeys/${journey}`).expect(200)).body.status).toBe('paused');
    // Set again: the card lists the journey as paused, to be resumed.
    await page.getByTestId('sms-edit').click();
    await page.getByTestId('sms-url').fill('https://sms.example.com/messages');
    await page.getByTestId('sms-from').fill('Shop');
    await page.getByTestId('sms-save').click();
    await expect
      .poll(() => text('sms-used-by'), { timeout: 10_000 })
      .toBe("Paused, resume on the journey's page: “Shipping texts”.");
    await page.getByTestId('nav-journeys').click();
    const reason = page.getByTestId(`journey-row-reason-${journey}`);
    await reason.waitFor();
    expect(await reason.textContent()).toBe(
      "Paused: the workspace's SMS provider was removed (set one in Settings → Sending & security, then resume)",
    );
    await shot('journeys-paused-sms-provider');
  });
});
