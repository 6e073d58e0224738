import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  MAX_SHIFT,
  computePoolingView,
  describeShift,
  directionOfKey,
  formatPercent,
  imageFromSplit,
  shiftBy,
  syntheticPattern,
} from '../../../../src/widgets/pooling-lab/pooling-lab-state';
import type { PlaneMap } from '../../../../src/core/math/pooling';

/** One bright pixel at (row, column) of an 8×8 black map. */
function dot(row: number, column: number): PlaneMap {
  const values = new Float32Array(64);
  values[row * 8 + column] = 1;
  return { values, height: 8, width: 8 };
}

describe('pooling lab state', () => {
  it('absorbs a one-pixel shift that stays inside a 2×2 window with max pooling', () => {
    const image = dot(2, 2);
    const view = computePoolingView(image, { ...DEFAULT_SETTINGS, dx: 1 });
    expect(view.changedInput).toBe(2);
    expect(view.changedPooled.count).toBe(0);
    expect(view.valuesBefore).toBe(64);
    expect(view.valuesAfter).toBe(16);
  });

  it('changes two pooled cells when the shift crosses a window border', () => {
    const view = computePoolingView(dot(2, 3), { ...DEFAULT_SETTINGS, dx: 1 });
    expect(view.changedPooled.count).toBe(2);
    expect(view.changedPooled.mask[1 * 4 + 1]).toBe(1);
    expect(view.changedPooled.mask[1 * 4 + 2]).toBe(1);
  });

  it('max pooling keeps more of the pattern than average pooling under a one-pixel shift', () => {
    const pattern = syntheticPattern();
    const max = computePoolingView(pattern, { ...DEFAULT_SETTINGS, source: 'pattern', dx: 1 });
    const average = computePoolingView(pattern, { ...DEFAULT_SETTINGS, source: 'pattern', kind: 'average', dx: 1 });
    expect(max.changedPooled.count).toBeLessThan(average.changedPooled.count);
    expect(max.changedPooled.count).toBeGreaterThan(0);
  });

  it('reports a window that does not fit', () => {
    const view = computePoolingView(dot(0, 0), { ...DEFAULT_SETTINGS, size: 9, stride: 1 });
    expect(view.problem).toMatch(/9×9 window does not fit a 8×8 image/);
  });

  it('shifts one pixel per arrow, within the limit', () => {
    expect(shiftBy(DEFAULT_SETTINGS, 'left')).toMatchObject({ dx: -1, dy: 0 });
    expect(shiftBy({ ...DEFAULT_SETTINGS, dy: MAX_SHIFT }, 'down').dy).toBe(MAX_SHIFT);
    expect(directionOfKey('ArrowUp')).toBe('up');
    expect(directionOfKey('a')).toBeNull();
    expect(describeShift(0, 0)).toBe('not shifted');
    expect(describeShift(-2, 1)).toBe('shifted 2 px left and 1 px down');
    expect(formatPercent(0.0612)).toBe('6.1%');
  });

  it('reads a 28×28 image out of a split as 0..1', () => {
    const images = new Uint8Array(2 * 784);
    images[784 + 5] = 255;
    const image = imageFromSplit(images, 1);
    expect(image.values[5]).toBe(1);
    expect(image.values[4]).toBe(0);
  });
});
