import { describe, expect, it } from 'vitest';
import { BOTTOM_MARGIN, fitJourney, READABLE_ZOOM, TOP_MARGIN } from './fit-journey';

describe('fitJourney', () => {
  const view = { width: 640, height: 800 };

  it('centres a small journey at 100%', () => {
    const v = fitJourney({ x: 0, y: 0, width: 240, height: 300 }, view);
    expect(v.zoom).toBe(1);
    expect(v.x).toBe(200);
    expect(v.y).toBeGreaterThan(TOP_MARGIN);
  });

  it('zooms out to fit, but never below a readable zoom; then shows the top', () => {
    const wide = fitJourney({ x: 0, y: 0, width: 700, height: 400 }, view);
    expect(wide.zoom).toBeCloseTo(560 / 700);
    const high = fitJourney({ x: 0, y: 0, width: 300, height: 700 }, view);
    expect(high.zoom).toBeCloseTo((800 - TOP_MARGIN - BOTTOM_MARGIN) / 700);
    const tall = fitJourney({ x: 100, y: 50, width: 500, height: 3000 }, view);
    expect(tall.zoom).toBe(READABLE_ZOOM);
    expect(tall.y).toBe(TOP_MARGIN - 50 * READABLE_ZOOM);
  });

  it('keeps a journey that fits clear of the minimap and controls below it', () => {
    for (const height of [100, 400, 596, 700]) {
      const v = fitJourney({ x: 0, y: 20, width: 240, height }, view);
      const bottom = v.y + (20 + height) * v.zoom;
      expect(bottom).toBeLessThanOrEqual(view.height - BOTTOM_MARGIN + 1e-9);
      expect(v.y + 20 * v.zoom).toBeGreaterThanOrEqual(TOP_MARGIN - 1e-9);
    }
  });
});
