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

describe('boxes, more precisely', () => {
  it('the tight box of a cross reaches the extreme pixel in every direction, and of a single pixel is 1×1', () => {
    // 5×5 plus sign centred on (2, 2): rows 1–3, columns 1–3; scanned in order, each extreme comes from a different pixel.
    const mask = new Uint8Array(25);
    for (const [r, c] of [
      [1, 2],
      [2, 1],
      [2, 2],
      [2, 3],
      [3, 2],
    ])
      mask[r * 5 + c] = 1;
    expect(tightBox(mask, 5)).toEqual({ x0: 1, y0: 1, x1: 4, y1: 4 });
    const corner = new Uint8Array(25);
    corner[24] = 1;
    expect(tightBox(corner, 5)).toEqual({ x0: 4, y0: 4, x1: 5, y1: 5 });
    const origin = new Uint8Array(25);
    origin[0] = 1;
    expect(tightBox(origin, 5)).toEqual({ x0: 0, y0: 0, x1: 1, y1: 1 });
  });

  it('box area is width × height; IoU of boxes that overlap in both directions', () => {
    expect(boxArea({ x0: 1, y0: 2, x1: 4, y1: 7 })).toBe(15);
    expect(boxArea({ x0: 0, y0: 5, x1: 2, y1: 1 })).toBe(0);
    // a = [0,4)×[0,2), b = [2,6)×[1,5): intersection 2×1 = 2, union 8 + 16 − 2 = 22.
    expect(boxIoU({ x0: 0, y0: 0, x1: 4, y1: 2 }, { x0: 2, y0: 1, x1: 6, y1: 5 })).toBeCloseTo(2 / 22, 12);
    // Boxes apart vertically only.
    expect(boxIoU({ x0: 0, y0: 0, x1: 4, y1: 2 }, { x0: 0, y0: 3, x1: 4, y1: 5 })).toBe(0);
    // Two empty boxes: 0, not NaN.
    expect(boxIoU({ x0: 1, y0: 1, x1: 1, y1: 1 }, { x0: 1, y0: 1, x1: 1, y1: 1 })).toBe(0);
  });

  it('clampBox orders y as well as x', () => {
    expect(clampBox({ x0: 1, y0: 20, x1: 3, y1: 5 }, 28)).toEqual({ x0: 1, y0: 5, x1: 3, y1: 20 });
    expect(clampBox({ x0: 1, y0: 3, x1: 2, y1: 40 }, 28)).toEqual({ x0: 1, y0: 3, x1: 2, y1: 28 });
  });

  it('a shift takes every allowed offset, and only those; an empty image moves by up to ±limit', () => {
    const box = { x0: 2, y0: 20, x1: 10, y1: 27 }; // dx ∈ [−2, 4], dy ∈ [−4, 1]
    const seen = { dx: new Set<number>(), dy: new Set<number>() };
    const stair = (values: number[]) => {
      let i = 0;
      return () => values[i++ % values.length];
    };
    const uniform = stair(Array.from({ length: 70 }, (_, k) => (k + 0.5) / 70));
    for (let i = 0; i < 70; i++) {
      const { dx, dy } = randomShift(box, 28, 4, uniform);
      seen.dx.add(dx);
      seen.dy.add(dy);
    }
    expect([...seen.dx].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3, 4]);
    expect([...seen.dy].sort((a, b) => a - b)).toEqual([-4, -3, -2, -1, 0, 1]);
    expect(randomShift(null, 28, 3, () => 0)).toEqual({ dx: -3, dy: -3 });
    expect(randomShift(null, 28, 3, () => 0.999)).toEqual({ dx: 3, dy: 3 });
    // A box wider than the frame allows no move at all.
    expect(randomShift({ x0: 0, y0: 0, x1: 28, y1: 28 }, 28, 4, () => 0.7)).toEqual({ dx: 0, dy: 0 });
    // Different images of one seed get different shifts.
    const offsets = new Set(Array.from({ length: 20 }, (_, index) => JSON.stringify(seededShift(box, 28, 4, 1, index))));
    expect(offsets.size).toBeGreaterThan(5);
  });
});
