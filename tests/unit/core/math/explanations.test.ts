import { describe, expect, it } from 'vitest';
import { ascentStep, blur3x3, meanOfRows, occlusionGrid, occlusionMap, smoothGradInputs } from '../../../../src/core/math/explanations';

describe('SmoothGrad inputs', () => {
  it('makes seeded noisy copies whose mean is near the image, and exact copies at σ = 0', () => {
    const image = [0.2, 0.8, 0.5];
    const batch = smoothGradInputs(image, 2000, 0.1, 7);
    const mean = meanOfRows(batch, 2000, 3);
    mean.forEach((value, p) => expect(Math.abs(value - image[p])).toBeLessThan(0.01));
    expect(Array.from(smoothGradInputs(image, 2, 0, 1))).toEqual(Array.from(Float32Array.from([...image, ...image])));
    expect(smoothGradInputs(image, 3, 0.1, 7)).toEqual(smoothGradInputs(image, 3, 0.1, 7));
    expect(() => smoothGradInputs(image, 0, 0.1, 1)).toThrow('samples');
  });
});

describe('occlusion', () => {
  it('places the patch at every position where it fits, ending flush with the edge', () => {
    const grid = occlusionGrid(new Array(25).fill(1), 5, 5, 2, 2);
    // Starts 0, 2 and the flush 3 in each direction.
    expect([grid.rows, grid.columns]).toEqual([3, 3]);
    expect(grid.corners[4]).toEqual({ row: 2, column: 2 });
    const copy = grid.inputs.subarray(4 * 25, 5 * 25);
    expect(copy[2 * 5 + 2]).toBe(0);
    expect(copy[3 * 5 + 3]).toBe(0);
    expect(copy[1 * 5 + 1]).toBe(1);
  });

  it('finds the region a known classifier relies on: the score is the sum of the top-left 2×2 block', () => {
    const height = 6;
    const width = 6;
    const image = new Array(36).fill(0.5);
    const score = (pixels: ArrayLike<number>) => pixels[0] + pixels[1] + pixels[6] + pixels[7];
    const grid = occlusionGrid(image, height, width, 2, 1);
    const scores = grid.corners.map((_, n) => score(grid.inputs.subarray(n * 36, (n + 1) * 36)));
    const map = occlusionMap(grid, score(image), scores, height, width, 2);
    const peak = map.indexOf(Math.max(...map));
    expect([0, 1, 6, 7]).toContain(peak);
    // Far from the block nothing changes the score.
    expect(map[35]).toBe(0);
    expect(map[0]).toBeGreaterThan(0);
  });
});

describe('activation maximization', () => {
  it('increases a unit’s activation a = w·x step by step, within [0, 1]', () => {
    const w = [1, -1, 0.5, 2];
    const activation = (x: ArrayLike<number>) => Array.from(x).reduce((sum, v, i) => sum + w[i] * v, 0);
    let x: Float32Array = Float32Array.from([0.5, 0.5, 0.5, 0.5]);
    const values = [activation(x)];
    for (let step = 0; step < 5; step++) {
      x = ascentStep(x, w, 0.1, 0.01);
      values.push(activation(x));
    }
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]);
    x.forEach((v) => {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    });
  });

  it('blurs with the [1 2 1] kernel: a single bright pixel spreads to 4/16 at its centre', () => {
    const image = new Array(9).fill(0);
    image[4] = 1;
    const out = blur3x3(image, 3, 3);
    expect(out[4]).toBeCloseTo(4 / 16, 6);
    expect(out[0]).toBeCloseTo(1 / 16, 6);
  });
});
