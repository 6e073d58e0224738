import { describe, expect, it } from 'vitest';
import { labelledImages } from '../../../../src/core/data/labelled-images';
import type { DatasetSplit } from '../../../../src/core/data/load-dataset';

/** Three 2×2 images with pixels 10·i, labels 2, 0, 1, in a buffer large enough for five (a split still streaming). */
function streamingSplit(): DatasetSplit {
  const buffer = new Uint8Array(5 * 4);
  for (let i = 0; i < 3; i++) buffer.fill(10 * i, i * 4, (i + 1) * 4);
  return {
    name: 'mnist',
    split: 'train',
    count: 3,
    totalCount: 5,
    imageWidth: 2,
    imageHeight: 2,
    classNames: ['a', 'b', 'c'],
    images: buffer.subarray(0, 12),
    labels: Uint8Array.from([2, 0, 1, 0, 0]).subarray(0, 3),
  };
}

describe('labelledImages', () => {
  it('writes each label as a one-hot row as wide as the class list, and keeps the pixels', () => {
    const data = labelledImages(streamingSplit());
    expect(data).toMatchObject({ count: 3, inputSize: 4, targetSize: 3 });
    expect(Array.from(data.targets)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
    expect(Array.from(data.inputs)).toEqual([0, 0, 0, 0, 10, 10, 10, 10, 20, 20, 20, 20]);
  });

  it('takes a range of rows, clamped to the images that have arrived', () => {
    const data = labelledImages(streamingSplit(), 1, 99);
    expect(data.count).toBe(2);
    expect(Array.from(data.targets)).toEqual([1, 0, 0, 0, 1, 0]);
    expect(Array.from(data.inputs.subarray(0, 4))).toEqual([10, 10, 10, 10]);
    expect(labelledImages(streamingSplit(), 5, 9).count).toBe(0);
  });

  it('copies the pixels into a buffer of their own, so sending them does not send the whole split', () => {
    const data = labelledImages(streamingSplit(), 0, 2);
    expect(data.inputs.buffer.byteLength).toBe(2 * 4);
  });
});
