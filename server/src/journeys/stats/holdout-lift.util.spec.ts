import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  holdoutLift,
  newcombeInterval,
  rateOf,
  wilsonInterval,
  Z_95,
} from './holdout-lift.util.js';

/**
 * Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10 (score interval
 * for each proportion, no continuity correction): x1/n1 − x2/n2 -> lower, upper, as
 * published to 4 decimals.
 */
const NEWCOMBE_TABLE_II: [string, number, number, number, number, number, number][] = [
  ['(a)', 56, 70, 48, 80, 0.0524, 0.3339],
  ['(b)', 9, 10, 3, 10, 0.1705, 0.809],
  ['(c)', 6, 7, 2, 7, 0.0582, 0.8062],
  ['(d)', 5, 56, 0, 29, -0.0381, 0.1926],
  ['(e)', 0, 10, 0, 20, -0.1611, 0.2775],
  ['(f)', 0, 10, 0, 10, -0.2775, 0.2775],
  ['(g)', 10, 10, 0, 20, 0.6791, 1],
  ['(h)', 10, 10, 0, 10, 0.6075, 1],
];

describe('wilsonInterval', () => {
  it('matches values worked by hand', () => {
    // 0/10: centre = half-width = (z²/20) / (1 + z²/10) = 0.192073 / 1.384146 = 0.138767,
    // so [0, 2 · 0.138767] = [0, 0.277533].
    const [low0, high0] = wilsonInterval({ n: 10, converted: 0 });
    expect(low0).toBe(0);
    expect(high0).toBeCloseTo(0.277533, 6);
    // 30/100: z² = 3.841459; 1 + z²/n = 1.038415; centre = (0.3 + 0.019207) / 1.038415
    // = 0.307399; half-width = (z / 1.038415) · √(0.0021 + 0.000096) = 1.887449 · 0.046863
    // = 0.088450; [0.218949, 0.395849].
    const [low, high] = wilsonInterval({ n: 100, converted: 30 });
    expect(low).toBeCloseTo(0.218949, 5);
    expect(high).toBeCloseTo(0.395849, 5);
  });

  it('knows nothing about an empty group', () => {
    expect(wilsonInterval({ n: 0, converted: 0 })).toEqual([0, 1]);
  });
});

describe('newcombeInterval', () => {
  it.each(NEWCOMBE_TABLE_II)(
    'reproduces Newcombe (1998) Table II example %s',
    (_, x1, n1, x2, n2, lower, upper) => {
      const [low, high] = newcombeInterval({ n: n1, converted: x1 }, { n: n2, converted: x2 });
      expect(Math.abs(low - lower)).toBeLessThan(1e-4);
      expect(Math.abs(high - upper)).toBeLessThan(1e-4);
    },
  );

  it('matches a difference worked by hand', () => {
    // 30/100 − 10/100 = 0.2. Wilson: 30/100 in [0.218949, 0.395849], 10/100 in
    // [0.055229, 0.174366]. lower = 0.2 − √(0.081051² + 0.074366²) = 0.2 − 0.109998;
    // upper = 0.2 + √(0.095849² + 0.044771²) = 0.2 + 0.105789.
    const [low, high] = newcombeInterval({ n: 100, converted: 30 }, { n: 100, converted: 10 });
    expect(low).toBeCloseTo(0.090002, 5);
    expect(high).toBeCloseTo(0.305789, 5);
  });

  it('is [-1, 1] when a group is empty', () => {
    expect(newcombeInterval({ n: 0, converted: 0 }, { n: 5, converted: 1 })).toEqual([-1, 1]);
    expect(newcombeInterval({ n: 5, converted: 1 }, { n: 0, converted: 0 })).toEqual([-1, 1]);
  });

  it('uses the two-sided 95% normal quantile', () => {
    expect(Z_95).toBeCloseTo(1.959964, 6);
  });
});

describe('holdoutLift', () => {
  it('compares treated with held-out customers', () => {
    const stats = holdoutLift('split', { n: 100, converted: 30 }, { n: 100, converted: 10 });
    expect(stats.nodeId).toBe('split');
    expect(stats.treated).toEqual({ n: 100, converted: 30, rate: 0.3 });
    expect(stats.heldOut).toEqual({ n: 100, converted: 10, rate: 0.1 });
    expect(stats.lift.absolute).toBeCloseTo(0.2, 12);
    expect(stats.lift.relative).toBeCloseTo(2, 12);
    expect(stats.lift.ci95[0]).toBeCloseTo(0.090002, 5);
    expect(stats.significant).toBe(true);
  });

  it('is not significant when the interval spans zero', () => {
    const stats = holdoutLift('split', { n: 4, converted: 3 }, { n: 4, converted: 1 });
    expect(stats.lift.absolute).toBe(0.5);
    expect(stats.lift.ci95[0]).toBeCloseTo(-0.135488, 5);
    expect(stats.significant).toBe(false);
  });

  it('has no relative lift when nobody held out converted, and nothing to compare when empty', () => {
    expect(holdoutLift('s', { n: 10, converted: 10 }, { n: 10, converted: 0 }).lift).toMatchObject({
      absolute: 1,
      relative: null,
    });
    expect(holdoutLift('s', { n: 0, converted: 0 }, { n: 10, converted: 4 })).toMatchObject({
      treated: { n: 0, converted: 0, rate: 0 },
      lift: { absolute: 0, ci95: [-1, 1], relative: null },
      significant: false,
    });
  });

  it('rates an empty group as 0', () => {
    expect(rateOf({ n: 0, converted: 0 })).toEqual({ n: 0, converted: 0, rate: 0 });
  });
});

/** A group of 1..2000 customers, some of whom converted. */
const groupArb = fc
  .integer({ min: 1, max: 2000 })
  .chain((n) => fc.record({ n: fc.constant(n), converted: fc.integer({ min: 0, max: n }) }));

describe('newcombeInterval properties', () => {
  const EPS = 1e-12;

  it('contains the point estimate and stays within [-1, 1]', () => {
    fc.assert(
      fc.property(groupArb, groupArb, (a, b) => {
        const [low, high] = newcombeInterval(a, b);
        const d = a.converted / a.n - b.converted / b.n;
        expect(low).toBeGreaterThanOrEqual(-1);
        expect(high).toBeLessThanOrEqual(1);
        expect(low).toBeLessThanOrEqual(d + EPS);
        expect(high).toBeGreaterThanOrEqual(d - EPS);
      }),
    );
  });

  it('narrows as the groups grow with the same rates', () => {
    fc.assert(
      fc.property(groupArb, groupArb, fc.integer({ min: 2, max: 50 }), (a, b, k) => {
        const [low, high] = newcombeInterval(a, b);
        const scale = (g: { n: number; converted: number }) => ({
          n: g.n * k,
          converted: g.converted * k,
        });
        const [lowK, highK] = newcombeInterval(scale(a), scale(b));
        expect(lowK).toBeGreaterThanOrEqual(low - EPS);
        expect(highK).toBeLessThanOrEqual(high + EPS);
        expect(highK - lowK).toBeLessThanOrEqual(high - low + EPS);
      }),
    );
  });

  it('is negated when the groups are swapped', () => {
    fc.assert(
      fc.property(groupArb, groupArb, (a, b) => {
        const [low, high] = newcombeInterval(a, b);
        const [swappedLow, swappedHigh] = newcombeInterval(b, a);
        expect(swappedLow).toBeCloseTo(-high, 12);
        expect(swappedHigh).toBeCloseTo(-low, 12);
      }),
    );
  });

  it('calls a lift significant exactly when the interval excludes zero', () => {
    fc.assert(
      fc.property(groupArb, groupArb, (a, b) => {
        const stats = holdoutLift('n', a, b);
        const [low, high] = stats.lift.ci95;
        expect(stats.significant).toBe(low > 0 || high < 0);
        expect(low).toBeLessThanOrEqual(stats.lift.absolute + EPS);
        expect(high).toBeGreaterThanOrEqual(stats.lift.absolute - EPS);
      }),
    );
  });
});
