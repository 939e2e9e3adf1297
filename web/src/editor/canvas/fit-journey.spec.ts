import { describe, expect, it } from 'vitest';
import { fitJourney, READABLE_ZOOM, TOP_MARGIN } from './fit-journey';

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
    const tall = fitJourney({ x: 100, y: 50, width: 500, height: 3000 }, view);
    expect(tall.zoom).toBe(READABLE_ZOOM);
    expect(tall.y).toBe(TOP_MARGIN - 50 * READABLE_ZOOM);
  });
});
