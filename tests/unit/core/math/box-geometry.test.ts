import { describe, expect, it } from 'vitest';
import { boxArea, boxIoU, clampBox, maskIoU, randomShift, seededShift, shiftImage, thresholdMask, tightBox } from '../../../../src/core/math/box-geometry';

describe('shiftImage', () => {
  it('moves pixels right and down, filling with 0', () => {
    // 3×3 with a single 1 at (row 0, col 0).
    const out = shiftImage([1, 0, 0, 0, 0, 0, 0, 0, 0], 3, 2, 1);
    expect([...out]).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0]);
  });
  it('moves left and up, dropping what leaves the frame', () => {
    const out = shiftImage([1, 2, 3, 4, 5, 6, 7, 8, 9], 3, -1, -1);
    expect([...out]).toEqual([5, 6, 0, 8, 9, 0, 0, 0, 0]);
  });
});

describe('masks and boxes', () => {
  it('ink is strictly above the threshold', () => {
    expect([...thresholdMask([0.1, 0.2, 0.21, 1], 0.2)]).toEqual([0, 0, 1, 1]);
  });
  it('the tight box covers the set pixels in edge coordinates', () => {
    // 4×4, set pixels at (row 1, col 2) and (row 2, col 1).
    const mask = new Uint8Array(16);
    mask[1 * 4 + 2] = 1;
    mask[2 * 4 + 1] = 1;
    expect(tightBox(mask, 4)).toEqual({ x0: 1, y0: 1, x1: 3, y1: 3 });
    expect(tightBox(new Uint8Array(16), 4)).toBeNull();
  });
  it('box IoU: identical 1, disjoint 0, half-overlapping 1/3', () => {
    const a = { x0: 0, y0: 0, x1: 2, y1: 2 };
    expect(boxIoU(a, a)).toBe(1);
    expect(boxIoU(a, { x0: 2, y0: 0, x1: 4, y1: 2 })).toBe(0);
    // Overlap 1×2 = 2, union 4 + 4 − 2 = 6.
    expect(boxIoU(a, { x0: 1, y0: 0, x1: 3, y1: 2 })).toBeCloseTo(1 / 3);
    expect(boxIoU(a, null)).toBe(0);
    expect(boxArea({ x0: 3, y0: 0, x1: 1, y1: 2 })).toBe(0);
  });
  it('mask IoU counts both over either', () => {
    expect(maskIoU([1, 1, 0, 0], [0, 1, 1, 0])).toBeCloseTo(1 / 3);
    expect(maskIoU([0, 0], [0, 0])).toBe(0);
    expect(() => maskIoU([1], [1, 0])).toThrow(/differ/);
  });
  it('clampBox orders the corners and keeps them in the frame', () => {
    expect(clampBox({ x0: 30, y0: -2, x1: 4, y1: 10.5 }, 28)).toEqual({ x0: 4, y0: 0, x1: 28, y1: 10.5 });
  });
});

describe('shifts', () => {
  it('never move the box out of the frame and stay within the limit', () => {
    const box = { x0: 2, y0: 20, x1: 10, y1: 27 };
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let i = 0; i < 200; i++) {
      const { dx, dy } = randomShift(box, 28, 4, random);
      expect(dx).toBeGreaterThanOrEqual(-2);
      expect(dx).toBeLessThanOrEqual(4);
      expect(dy).toBeGreaterThanOrEqual(-4);
      expect(dy).toBeLessThanOrEqual(1);
    }
  });
  it('are reproducible from (seed, index) and differ between seeds', () => {
    const box = { x0: 8, y0: 8, x1: 20, y1: 20 };
    expect(seededShift(box, 28, 4, 5, 3)).toEqual(seededShift(box, 28, 4, 5, 3));
    const offsets = new Set(Array.from({ length: 20 }, (_, seed) => JSON.stringify(seededShift(box, 28, 4, seed + 1, 3))));
    expect(offsets.size).toBeGreaterThan(5);
  });
});
