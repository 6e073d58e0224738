import { describe, expect, it } from 'vitest';
import { computeFans, drawWeights, initializerStd } from '../../../../src/core/nn/initializers';
import type { Initializer } from '../../../../src/core/nn/layers/layer-spec';
import { createSeededRandom, gaussian } from '../../../../src/core/random/seeded-random';

describe('computeFans', () => {
  it('dense [in, out] ⇒ (in, out); conv [k, k, inC, f] ⇒ (k·k·inC, k·k·f)', () => {
    expect(computeFans([784, 10])).toEqual({ fanIn: 784, fanOut: 10 });
    expect(computeFans([5, 5, 6, 16])).toEqual({ fanIn: 150, fanOut: 400 });
  });

  it('generalizes: fanIn = all axes but the last, fanOut = the axes before the last two times the last', () => {
    expect(computeFans([3, 4, 5])).toEqual({ fanIn: 12, fanOut: 15 });
    expect(computeFans([7])).toEqual({ fanIn: 1, fanOut: 7 });
    expect(computeFans([])).toEqual({ fanIn: 1, fanOut: 1 });
  });
});

describe('initializerStd', () => {
  it('gives 0 for zeros, the given std for normal, √(2/(fanIn + fanOut)) for Glorot, √(2/fanIn) for He', () => {
    expect(initializerStd({ kind: 'zeros' }, [4, 3])).toBe(0);
    expect(initializerStd({ kind: 'normal', std: 0.3 }, [4, 3])).toBe(0.3);
    expect(initializerStd({ kind: 'glorot-normal' }, [4, 3])).toBeCloseTo(Math.sqrt(2 / 7), 12);
    expect(initializerStd({ kind: 'he-normal' }, [4, 3])).toBeCloseTo(Math.sqrt(2 / 4), 12);
    expect(initializerStd({ kind: 'glorot-normal' }, [3, 3, 2, 4])).toBeCloseTo(Math.sqrt(2 / (18 + 36)), 12);
    expect(initializerStd({ kind: 'he-normal' }, [3, 3, 2, 4])).toBeCloseTo(Math.sqrt(2 / 18), 12);
  });

  it('names an unknown initializer', () => {
    expect(() => initializerStd({ kind: 'uniform' } as unknown as Initializer, [2, 2])).toThrow("unknown initializer 'uniform'");
  });
});

describe('drawWeights', () => {
  it('draws std · gaussian(random) for each value in row-major order, two uniform numbers per value', () => {
    const reference = createSeededRandom(5);
    const expected = Array.from({ length: 6 }, () => Math.fround(gaussian(reference) * 0.5));
    const random = createSeededRandom(5);
    const values = drawWeights({ kind: 'normal', std: 0.5 }, [2, 3], random);
    expect(values).toBeInstanceOf(Float32Array);
    expect(Array.from(values)).toEqual(expected);
    // Twelve uniform numbers were taken: the next one is the reference's next one.
    expect(random()).toBe(reference());
  });

  it('gives zeros without drawing when the std is 0', () => {
    const random = createSeededRandom(9);
    const reference = createSeededRandom(9);
    expect(Array.from(drawWeights({ kind: 'zeros' }, [2, 2], random))).toEqual([0, 0, 0, 0]);
    expect(Array.from(drawWeights({ kind: 'normal', std: 0 }, [3], random))).toEqual([0, 0, 0]);
    expect(random()).toBe(reference());
  });
});

describe('initializer variances, measured over many samples', () => {
  /** Sample mean and variance of one drawn kernel. */
  function moments(initializer: Initializer, shape: number[], seed: number): { mean: number; variance: number } {
    const values = drawWeights(initializer, shape, createSeededRandom(seed));
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    const variance = values.reduce((sum, v) => sum + (v - mean) * (v - mean), 0) / values.length;
    return { mean, variance };
  }

  // 60,000 draws each: the sample variance is within ±2 % of the true one with overwhelming probability (its relative
  // standard error is √(2/n) ≈ 0.6 %), so a wrong formula (a factor of 2 for He, fanIn vs fanIn + fanOut) cannot pass.
  const cases: Array<[string, Initializer, number[], number]> = [
    ['N(0, 0.01²)', { kind: 'normal', std: 0.01 }, [300, 200], 1e-4],
    ['Xavier/Glorot, dense 300 → 200: 2 / (300 + 200)', { kind: 'glorot-normal' }, [300, 200], 2 / 500],
    ['He, dense 300 → 200: 2 / 300', { kind: 'he-normal' }, [300, 200], 2 / 300],
    ['Xavier/Glorot, conv 5×5, 8 → 300: 2 / (25·8 + 25·300)', { kind: 'glorot-normal' }, [5, 5, 8, 300], 2 / (200 + 7500)],
    ['He, conv 5×5, 8 → 300: 2 / (25·8)', { kind: 'he-normal' }, [5, 5, 8, 300], 2 / 200],
  ];
  it.each(cases)('%s', (_name, initializer, shape, expected) => {
    const { mean, variance } = moments(initializer, shape, 2024);
    expect(variance / expected).toBeGreaterThan(0.98);
    expect(variance / expected).toBeLessThan(1.02);
    expect(Math.abs(mean)).toBeLessThan(4 * Math.sqrt(expected / 60_000));
  });
});
