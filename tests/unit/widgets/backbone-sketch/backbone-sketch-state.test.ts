import { describe, expect, it } from 'vitest';
import {
  camMask,
  featureCount,
  meanBox,
  meanIoU,
  poolFeatures,
  poolGrid,
  regressedBox,
  shiftedBatch,
  shiftedExample,
  formatOffset,
} from '../../../../src/widgets/backbone-sketch/backbone-sketch-state';

/** One 28×28 uint8 image with a filled square of ink at rows/cols 10..13. */
function squareImages(count: number): Uint8Array {
  const images = new Uint8Array(count * 784);
  for (let n = 0; n < count; n++) for (let r = 10; r < 14; r++) for (let c = 10; c < 14; c++) images[n * 784 + r * 28 + c] = 255;
  return images;
}

/** A 2×2 map stretched over 28×28: units 14 px apart, the first centred on pixel 6.5. */
const STRETCH = { first: 6.5, jump: 14 };

describe('backbone sketch state', () => {
  it('shifts an image and finds the ink box after the shift', () => {
    const example = shiftedExample(squareImages(1), 0, 7);
    const { dx, dy } = example.offset;
    expect(Math.abs(dx)).toBeLessThanOrEqual(4);
    expect(example.box).toEqual({ x0: 10 + dx, y0: 10 + dy, x1: 14 + dx, y1: 14 + dy });
  });
  it('builds a batch of inputs and boxes', () => {
    const batch = shiftedBatch(squareImages(3), 0, 3, 1);
    expect(batch.inputs.length).toBe(3 * 784);
    expect(batch.boxes[2] - batch.boxes[0]).toBe(4);
  });
  it('pools to the largest grid with at most 300 features', () => {
    expect(poolGrid(10, 10, 16)).toBe(4); // 4·4·16 = 256
    expect(poolGrid(14, 14, 32)).toBe(3); // 3·3·32 = 288
    expect(featureCount(4, 16)).toBe(257);
  });
  it('average-pools channels-last maps per grid cell and appends a 1', () => {
    // 2×2 map, 2 channels: channel 0 = [1, 2, 3, 4], channel 1 = [10, 20, 30, 40]; grid 1 → means 2.5 and 25.
    const values = [1, 10, 2, 20, 3, 30, 4, 40];
    expect([...poolFeatures(values, 1, 2, 2, 2, 1)]).toEqual([2.5, 25, 1]);
    // Grid 2 keeps every position.
    expect([...poolFeatures(values, 1, 2, 2, 2, 2)]).toEqual([1, 10, 2, 20, 3, 30, 4, 40, 1]);
  });
  it('thresholds an upsampled CAM at a fraction of its max', () => {
    const { mask, max } = camMask([0, 0, 0, 4], 2, 2, 0.5, STRETCH);
    expect(max).toBeCloseTo(4);
    // Only the bottom-right quarter (and a little of the blend) is above 2.
    expect(mask[27 * 28 + 27]).toBe(1);
    expect(mask[0]).toBe(0);
    expect(camMask([0, 0, 0, 0], 2, 2, 0.5, STRETCH).mask.every((v) => v === 0)).toBe(true);
  });
  it('the mean box, mean IoU and regressed box', () => {
    expect(meanBox([0, 0, 10, 10, 2, 2, 12, 12], 2)).toEqual({ x0: 1, y0: 1, x1: 11, y1: 11 });
    expect(
      meanIoU(
        [{ x0: 0, y0: 0, x1: 2, y1: 2 }, null],
        [
          { x0: 0, y0: 0, x1: 2, y1: 2 },
          { x0: 0, y0: 0, x1: 1, y1: 1 },
        ],
      ),
    ).toBe(0.5);
    // Two features (a, 1): W maps to x0 = a, y0 = 1, x1 = 2a + 1, y1 = 40 (clamped to 28).
    const weights = [1, 0, 2, 0, 0, 1, 1, 40];
    expect(regressedBox(weights, [3, 1], 2)).toEqual({ x0: 3, y0: 1, x1: 7, y1: 28 });
    expect(formatOffset({ dx: 2, dy: -3 })).toBe('(+2, −3) px');
  });
});
