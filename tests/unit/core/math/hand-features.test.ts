import { describe, expect, it } from 'vitest';
import {
  applyStandardization,
  cellIndex,
  featureColumns,
  featureLength,
  fitStandardization,
  HAND_FEATURE_LENGTH,
  handFeatures,
  intensityHistogram,
  orientationHistogram,
  orientationVote,
  selectColumns,
  sobelGradients,
} from '../../../../src/core/math/hand-features';

const SIZE = 28;

/** A 28×28 image whose pixel (x, y) is value(x, y). */
function image(value: (x: number, y: number) => number, size = SIZE): Uint8Array {
  const pixels = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) pixels[y * size + x] = value(x, y);
  return pixels;
}

/** Sum of a histogram's bin `bin` over all cells ([cell, bin] layout). */
function binTotal(histogram: Float32Array, bins: number, bin: number): number {
  let total = 0;
  for (let i = bin; i < histogram.length; i += bins) total += histogram[i];
  return total;
}

const verticalEdge = image((x) => (x < 14 ? 0 : 255));
const horizontalEdge = image((_, y) => (y < 14 ? 0 : 255));

describe('cells', () => {
  it('cut 28 pixels into 4 cells of 7 and 2 cells of 14', () => {
    expect([0, 6, 7, 13, 14, 27].map((p) => cellIndex(p, 28, 4))).toEqual([0, 0, 1, 1, 2, 3]);
    expect([13, 14].map((p) => cellIndex(p, 28, 2))).toEqual([0, 1]);
    expect(featureLength({ grid: 4, bins: 9 })).toBe(144);
  });
});

describe('intensityHistogram', () => {
  it('puts a uniform grey of 200 in bin ⌊200·8/256⌋ = 6 of every cell, as a fraction 1', () => {
    const histogram = intensityHistogram(
      image(() => 200),
      SIZE,
      SIZE,
    );
    expect(histogram).toHaveLength(32);
    for (let cell = 0; cell < 4; cell++) expect(Array.from(histogram.subarray(cell * 8, cell * 8 + 8))).toEqual([0, 0, 0, 0, 0, 0, 1, 0]);
  });

  it('sees black on the left quadrants and white on the right ones for a vertical edge', () => {
    const histogram = intensityHistogram(verticalEdge, SIZE, SIZE, { grid: 2, bins: 4 });
    // [top-left, top-right, bottom-left, bottom-right] × 4 bins
    expect(Array.from(histogram)).toEqual([1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('counts fractions of each cell: a quarter of the pixels white gives 0.75 / 0.25 in one global histogram', () => {
    const histogram = intensityHistogram(
      image((x, y) => (x < 14 && y < 14 ? 255 : 0)),
      SIZE,
      SIZE,
      { grid: 1, bins: 2 },
    );
    expect(Array.from(histogram)).toEqual([0.75, 0.25]);
  });

  it('rejects a grid finer than the image', () => {
    expect(() => intensityHistogram(verticalEdge, SIZE, SIZE, { grid: 29, bins: 8 })).toThrow(/grid/);
  });
});

describe('sobelGradients', () => {
  it('gives gx = 4 on both sides of a black-to-white vertical edge, gy = 0 everywhere', () => {
    const { gx, gy } = sobelGradients(verticalEdge, SIZE, SIZE);
    expect(gx[5 * SIZE + 13]).toBeCloseTo(4);
    expect(gx[5 * SIZE + 14]).toBeCloseTo(4);
    expect(gx[5 * SIZE + 12]).toBe(0);
    expect(gy.every((value) => value === 0)).toBe(true);
  });

  it('gives gy > 0 where the image brightens downward', () => {
    const { gx, gy } = sobelGradients(horizontalEdge, SIZE, SIZE);
    expect(gy[13 * SIZE + 5]).toBeCloseTo(4);
    expect(gx.every((value) => value === 0)).toBe(true);
  });
});

describe('orientationVote', () => {
  it('sends a horizontal gradient (a vertical edge) entirely to bin 0', () => {
    expect(orientationVote(1, 0, 9)).toEqual({ lower: 0, upper: 1, upperShare: 0 });
    // unsigned: bright-to-dark counts like dark-to-bright
    expect(orientationVote(-1, 0, 9).lower).toBe(0);
    expect(orientationVote(-1, 0, 9).upperShare).toBeCloseTo(0);
  });

  it('shares 90° equally between the centres 80° and 100° (bins 4 and 5)', () => {
    const vote = orientationVote(0, 1, 9);
    expect([vote.lower, vote.upper]).toEqual([4, 5]);
    expect(vote.upperShare).toBeCloseTo(0.5);
  });

  it('shares 45° as 3/4 to bin 2 (40°) and 1/4 to bin 3 (60°), and 135° as 1/4 to bin 6, 3/4 to bin 7', () => {
    const diagonal = orientationVote(1, 1, 9);
    expect([diagonal.lower, diagonal.upper]).toEqual([2, 3]);
    expect(diagonal.upperShare).toBeCloseTo(0.25);
    const antiDiagonal = orientationVote(-1, 1, 9);
    expect([antiDiagonal.lower, antiDiagonal.upper]).toEqual([6, 7]);
    expect(antiDiagonal.upperShare).toBeCloseTo(0.75);
  });

  it('wraps from the last bin to bin 0: 170° lies halfway between 160° (bin 8) and 180° = 0° (bin 0)', () => {
    const angle = (170 * Math.PI) / 180;
    const vote = orientationVote(Math.cos(angle), Math.sin(angle), 9);
    expect([vote.lower, vote.upper]).toEqual([8, 0]);
    expect(vote.upperShare).toBeCloseTo(0.5);
  });
});

describe('orientationHistogram', () => {
  it('puts all of a vertical edge in the horizontal-gradient bin 0, in the 8 cells the edge crosses', () => {
    const histogram = orientationHistogram(verticalEdge, SIZE, SIZE);
    expect(histogram).toHaveLength(144);
    expect(binTotal(histogram, 9, 0)).toBeCloseTo(8 / Math.sqrt(8));
    for (let bin = 1; bin < 9; bin++) expect(binTotal(histogram, 9, bin)).toBe(0);
    // columns 13 and 14 fall in cell columns 1 and 2; every cell row has them
    const nonZeroCells = Array.from({ length: 16 }, (_, cell) => cell).filter((cell) => histogram[cell * 9] > 0);
    expect(nonZeroCells).toEqual([1, 2, 5, 6, 9, 10, 13, 14]);
  });

  it('shares a horizontal edge between bins 4 and 5 (80° and 100°)', () => {
    const histogram = orientationHistogram(horizontalEdge, SIZE, SIZE);
    expect(binTotal(histogram, 9, 4)).toBeCloseTo(binTotal(histogram, 9, 5));
    // 8 cells × 2 bins of equal votes, L2-normalised: each entry 1/√16 = 1/4
    expect(binTotal(histogram, 9, 4) + binTotal(histogram, 9, 5)).toBeCloseTo(16 / 4);
    expect(binTotal(histogram, 9, 0)).toBe(0);
  });

  it('is L2-normalised: a fainter copy of a shape gives the same features', () => {
    const ring = (scale: number) => image((x, y) => (Math.abs(Math.hypot(x - 13.5, y - 13.5) - 8) < 2 ? Math.round(250 * scale) : 0));
    const bold = orientationHistogram(ring(1), SIZE, SIZE);
    const faint = orientationHistogram(ring(0.4), SIZE, SIZE);
    const norm = Math.hypot(...bold);
    expect(norm).toBeCloseTo(1);
    bold.forEach((value, i) => expect(faint[i]).toBeCloseTo(value, 2));
  });

  it('gives zeros for a blank image', () => {
    expect(orientationHistogram(new Uint8Array(SIZE * SIZE), SIZE, SIZE).every((value) => value === 0)).toBe(true);
  });
});

describe('handFeatures and feature sets', () => {
  it('writes the intensity histogram, then the orientation histogram, at an offset', () => {
    const out = new Float32Array(HAND_FEATURE_LENGTH + 3);
    handFeatures(verticalEdge, SIZE, SIZE, out, 3);
    expect(Array.from(out.subarray(3, 3 + 32))).toEqual(Array.from(intensityHistogram(verticalEdge, SIZE, SIZE)));
    expect(Array.from(out.subarray(3 + 32))).toEqual(Array.from(orientationHistogram(verticalEdge, SIZE, SIZE)));
    expect(Array.from(out.subarray(0, 3))).toEqual([0, 0, 0]);
  });

  it('selects 32, 144 or all 176 columns', () => {
    expect(HAND_FEATURE_LENGTH).toBe(176);
    expect(featureColumns('intensity')).toEqual(Int32Array.from({ length: 32 }, (_, i) => i));
    expect(featureColumns('orientation')[0]).toBe(32);
    expect(featureColumns('orientation')).toHaveLength(144);
    expect(featureColumns('both')).toHaveLength(176);
    expect(Array.from(selectColumns(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, 3, Int32Array.from([0, 2])))).toEqual([1, 3, 4, 6]);
  });
});

describe('standardization', () => {
  it('subtracts the mean and divides by the standard deviation; constant features stay 0', () => {
    const rows = Float32Array.from([1, 2, 3, 2]);
    const scaling = fitStandardization(rows, 2, 2);
    expect(Array.from(scaling.mean)).toEqual([2, 2]);
    expect(Array.from(scaling.std)).toEqual([1, 1]);
    expect(Array.from(applyStandardization(rows, 2, 2, scaling))).toEqual([-1, 0, 1, 0]);
    const wide = fitStandardization(Float32Array.from([0, 4]), 2, 1);
    expect(Array.from(wide.std)).toEqual([2]);
  });
});
