import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { repoRoot } from './switchyard.harness.js';

export const screenshotDir = join(repoRoot, 'e2e', 'artifacts', 'screenshots');

/** Debian's Chromium, headless, with a fresh profile and no background network. */
export async function launchChromium(): Promise<{ browser: Browser; page: Page; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'sy-chromium-'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  mkdirSync(screenshotDir, { recursive: true });
  return {
    browser,
    page,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
