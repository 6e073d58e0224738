import { describe, expect, it } from 'vitest';
import { createSeededRandom, gaussian } from '../../../../src/core/random/seeded-random';

function take(random: () => number, count: number): number[] {
  return Array.from({ length: count }, () => random());
}

describe('seeded random', () => {
  it('gives the same sequence for the same seed', () => {
    expect(take(createSeededRandom(42), 100)).toEqual(take(createSeededRandom(42), 100));
  });

  it('gives different sequences for different seeds', () => {
    const a = take(createSeededRandom(1), 20);
    const b = take(createSeededRandom(2), 20);
    expect(a).not.toEqual(b);
    expect(a.filter((value, index) => value === b[index]).length).toBeLessThan(2);
  });

  it('stays in [0, 1) and covers it evenly', () => {
    const values = take(createSeededRandom(123), 20_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeCloseTo(0.5, 1);
    const bins = new Array<number>(10).fill(0);
    for (const value of values) bins[Math.floor(value * 10)] += 1;
    for (const count of bins) expect(Math.abs(count - 2000)).toBeLessThan(200);
  });

  it('reduces seeds with ToUint32', () => {
    expect(take(createSeededRandom(5.9), 5)).toEqual(take(createSeededRandom(5), 5));
    expect(take(createSeededRandom(-1), 5)).toEqual(take(createSeededRandom(4_294_967_295), 5));
    expect(take(createSeededRandom(Number.NaN), 5)).toEqual(take(createSeededRandom(0), 5));
  });

  it('draws standard normal samples by Box–Muller', () => {
    const random = createSeededRandom(2024);
    const samples = Array.from({ length: 20_000 }, () => gaussian(random));
    const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
    const variance = samples.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (samples.length - 1);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(Math.sqrt(variance) - 1)).toBeLessThan(0.03);
    expect(samples.every(Number.isFinite)).toBe(true);
    const withinOne = samples.filter((value) => Math.abs(value) < 1).length / samples.length;
    expect(withinOne).toBeCloseTo(0.6827, 1);
  });

  it('shifts and scales gaussian samples', () => {
    const random = createSeededRandom(9);
    const samples = Array.from({ length: 20_000 }, () => gaussian(random, 3, 0.5));
    const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
    expect(mean).toBeCloseTo(3, 1);
  });
});
