import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { repoRoot } from './switchyard.harness.js';

export const screenshotDir = join(repoRoot, 'e2e', 'artifacts', 'screenshots');

/** Debian's Chromium, headless, with a fresh profile and no background network. */
export async function launchChromium(): Promise<{
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}> {
  const profile = mkdtempSync(join(tmpdir(), 'sy-chromium-'));
  // Playwright passes the fresh profile as --user-data-dir itself.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  mkdirSync(screenshotDir, { recursive: true });
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * What overlaps on the journey canvas, as "a overlaps b": pairs of steps (`node-<id>`), and
 * with `overlays` also a step under the minimap or the zoom controls. None when a marketer
 * can read every step. Throws when there are not two steps to compare.
 */
export async function overlapsOnCanvas(
  page: Page,
  { overlays = false }: { overlays?: boolean } = {},
): Promise<string[]> {
  type Box = { id: string; x: number; y: number; w: number; h: number };
  const steps: Box[] = await page
    .locator('.react-flow__node > [data-testid^="node-"]')
    .evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return {
          id: el.getAttribute('data-testid') ?? '',
          x: r.x,
          y: r.y,
          w: r.width,
          h: r.height,
        };
      }),
    );
  const others: Box[] = [];
  if (overlays)
    for (const name of ['minimap', 'controls']) {
      const r = await page.locator(`.react-flow__${name}`).boundingBox();
      if (!r) throw new Error(`the canvas has no ${name}`);
      others.push({ id: name, x: r.x, y: r.y, w: r.width, h: r.height });
    }
  if (steps.length < 2)
    throw new Error(`${steps.length} journey steps on the page: nothing to compare`);
  const meet = (a: Box, b: Box) =>
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  const pairs: string[] = [];
  for (const a of steps) {
    for (const b of steps) if (a.id < b.id && meet(a, b)) pairs.push(`${a.id} overlaps ${b.id}`);
    for (const b of others) if (meet(a, b)) pairs.push(`${a.id} overlaps ${b.id}`);
  }
  return pairs;
}
