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

describe('explanations reject what they cannot compute', () => {
  it('SmoothGrad: a whole number of samples ≥ 1 (1 is fine) and a finite noise level ≥ 0', () => {
    expect(smoothGradInputs([0.5], 1, 0, 1)).toEqual(Float32Array.from([0.5]));
    for (const samples of [0, 1.5, -2, Number.NaN]) expect(() => smoothGradInputs([0.5], samples, 0.1, 1)).toThrow('whole number of samples');
    for (const noise of [-0.1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => smoothGradInputs([0.5], 2, noise, 1)).toThrow('noise level must be a number ≥ 0');
  });

  it('meanOfRows: averages each column exactly and refuses a ragged array', () => {
    expect(Array.from(meanOfRows([1, 2, 3, 5, 6, 7], 2, 3))).toEqual([3, 4, 5]);
    expect(() => meanOfRows([1, 2, 3], 2, 2)).toThrow('Expected 2 rows of 2 values, got 3 values');
  });

  it('occlusion: the image must match its size; the patch a whole number from 1 to the shorter side; the stride ≥ 1', () => {
    const image = new Array(12).fill(1); // 3×4
    expect(() => occlusionGrid(image, 4, 4, 2, 1)).toThrow('The image has 12 pixels, expected 4×4');
    for (const patch of [0, 1.5, 4]) expect(() => occlusionGrid(image, 3, 4, patch, 1)).toThrow('The patch must be a whole number from 1 to 3');
    for (const stride of [0, 0.5, Number.NaN]) expect(() => occlusionGrid(image, 3, 4, 2, stride)).toThrow('The stride must be a whole number ≥ 1');
    // A patch as tall as the image fits once down, twice across (0 and the flush 1).
    expect(occlusionGrid(image, 3, 4, 3, 5).corners).toEqual([
      { row: 0, column: 0 },
      { row: 0, column: 1 },
    ]);
    expect(() => occlusionMap({ corners: [{ row: 0, column: 0 }] }, 1, [1, 2], 3, 4, 3)).toThrow('Expected 1 scores, got 2');
    expect(() => ascentStep([0.5, 0.5], [1], 0.1, 0)).toThrow('differ in length');
  });

  it('occlusion: starts every `stride` pixels, adds the flush position only when missing, and fills exactly the patch', () => {
    // 5 wide, patch 2, stride 3: starts 0 and 3 (3 + 2 = 5 is already flush).
    const grid = occlusionGrid(new Array(25).fill(0.5), 5, 5, 2, 3, 0.9);
    expect(grid.corners.map(({ row, column }) => `${row},${column}`)).toEqual(['0,0', '0,3', '3,0', '3,3']);
    grid.corners.forEach(({ row, column }, n) => {
      const copy = Array.from(grid.inputs.subarray(n * 25, (n + 1) * 25));
      const expected = Array.from({ length: 25 }, (_, p) => {
        const [r, c] = [Math.floor(p / 5), p % 5];
        return r >= row && r < row + 2 && c >= column && c < column + 2 ? 0.9 : 0.5;
      });
      expect(copy).toEqual(Array.from(Float32Array.from(expected)));
    });
  });
});

describe('the exact arithmetic of the explanations', () => {
  it('ascentStep: x ← clip((1 − λ)x + η·g / rms(g)); a zero gradient only decays', () => {
    // g = (3, 4): rms = √((9 + 16)/2) = √12.5; λ = 0.1, η = 0.1.
    const rms = Math.sqrt(12.5);
    const next = ascentStep([0.5, 0.5], [3, 4], 0.1, 0.1);
    expect(next[0]).toBeCloseTo(0.45 + (0.1 * 3) / rms, 6);
    expect(next[1]).toBeCloseTo(0.45 + (0.1 * 4) / rms, 6);
    expect(Array.from(ascentStep([0.5, 0.2], [0, 0], 0.1, 0.5))).toEqual(Array.from(Float32Array.from([0.25, 0.1])));
    // A huge step clips to [0, 1].
    expect(Array.from(ascentStep([0.5, 0.5], [1, -1], 10, 0))).toEqual([1, 0]);
  });

  it('occlusionMap: each pixel gets the mean drop of the patches that covered it', () => {
    // 2×3 image, patch 2, stride 1: corners (0, 0) and (0, 1). Base score 10, patched scores 4 and 8: drops 6 and 2.
    const grid = occlusionGrid(new Array(6).fill(0.5), 2, 3, 2, 1);
    expect(grid.corners).toEqual([
      { row: 0, column: 0 },
      { row: 0, column: 1 },
    ]);
    expect(Array.from(occlusionMap(grid, 10, [4, 8], 2, 3, 2))).toEqual([6, 4, 2, 6, 4, 2]);
  });

  it('blur3x3 clamps at the edges: a bright top-left pixel keeps 9/16 and spreads 3/16 and 1/16', () => {
    const image = [1, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(Array.from(blur3x3(image, 3, 3))).toEqual([9 / 16, 3 / 16, 0, 3 / 16, 1 / 16, 0, 0, 0, 0]);
  });
});
