import { describe, expect, it } from 'vitest';
import { histogram } from '../../../../src/core/math/histogram';

describe('histogram', () => {
  it('counts values in equal-width bins over the given range, the last bin including its upper edge', () => {
    // Bins over [0, 4] of width 1: [0,1) [1,2) [2,3) [3,4].
    const h = histogram([0, 0.5, 1, 2.5, 3.99, 4], 4, [0, 4]);
    expect(h.counts).toEqual([2, 1, 1, 2]);
    expect(h.total).toBe(6);
    expect([h.lo, h.hi]).toEqual([0, 4]);
  });

  it('puts values outside the range into the end bins', () => {
    expect(histogram([-10, 0.1, 10], 2, [0, 1]).counts).toEqual([2, 1]);
  });

  it('states the mean, the population standard deviation, the extremes and the share of exact zeros', () => {
    // x = 0, 0, 2, 4, 4: μ = 2, Σ(x−μ)² = 4+4+0+4+4 = 16, σ = √(16/5).
    const h = histogram([0, 0, 2, 4, 4], 5);
    expect(h.mean).toBe(2);
    expect(h.std).toBeCloseTo(Math.sqrt(16 / 5), 12);
    expect([h.min, h.max]).toEqual([0, 4]);
    expect(h.zeroFraction).toBeCloseTo(0.4, 12);
  });

  it('without a range, bins over [−m, m] with m = max|x|, so 0 sits in the middle', () => {
    const h = histogram([-1, 3], 6);
    expect([h.lo, h.hi]).toEqual([-3, 3]);
    expect(h.counts).toEqual([0, 0, 1, 0, 0, 1]);
    expect(histogram([0, 0], 4)).toMatchObject({ lo: -1, hi: 1, counts: [0, 0, 4 / 2, 0], std: 0, zeroFraction: 1 });
  });

  it('skips NaN values and describes an empty input with zeros', () => {
    expect(histogram([NaN, 1], 2, [0, 2])).toMatchObject({ total: 1, counts: [0, 1], mean: 1 });
    expect(histogram([], 3)).toMatchObject({ total: 0, counts: [0, 0, 0], mean: 0, std: 0, min: 0, max: 0, zeroFraction: 0 });
  });

  it('rejects a bin count that is not a whole number ≥ 1 and a range that is empty or not finite', () => {
    expect(() => histogram([1], 0)).toThrow('whole number of bins');
    expect(histogram([1, 2], 1).counts).toEqual([2]);
    expect(() => histogram([1], 2.5)).toThrow('whole number of bins');
    expect(() => histogram([1], 2, [1, 1])).toThrow('lo < hi');
    expect(() => histogram([1], 2, [0, Infinity])).toThrow('lo < hi');
  });
});
