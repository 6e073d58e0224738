import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../../../src/core/tf/tf-core';
import { changedCells, pool2d, pooledLength, poolWindow, shiftPlane, type PlaneMap } from '../../../../src/core/math/pooling';
import { createSeededRandom } from '../../../../src/core/random/seeded-random';

/** The 4×4 map used in many textbooks. */
const map4: PlaneMap = {
  height: 4,
  width: 4,
  values: Float32Array.from([1, 1, 2, 4, 5, 6, 7, 8, 3, 2, 1, 0, 1, 2, 3, 4]),
};

describe('pooling by hand', () => {
  it('pools 2×2 windows with stride 2: max, average and L2 (root mean square)', () => {
    expect(Array.from(pool2d(map4, { kind: 'max', size: 2, stride: 2 }).values)).toEqual([6, 8, 3, 4]);
    expect(Array.from(pool2d(map4, { kind: 'average', size: 2, stride: 2 }).values)).toEqual([3.25, 5.25, 2, 2]);
    const l2 = pool2d(map4, { kind: 'l2', size: 2, stride: 2 });
    // √((1 + 1 + 25 + 36)/4) = √15.75
    expect(l2.values[0]).toBeCloseTo(Math.sqrt(15.75), 6);
    expect(l2.values[3]).toBeCloseTo(Math.sqrt((1 + 0 + 9 + 16) / 4), 6);
  });

  it('gives ⌊(n − size)/stride⌋ + 1 outputs, overlapping when stride < size', () => {
    expect(pooledLength(28, 2, 2)).toBe(14);
    expect(pooledLength(28, 3, 2)).toBe(13);
    expect(pooledLength(2, 3, 1)).toBe(0);
    const overlapping = pool2d(map4, { kind: 'max', size: 3, stride: 1 });
    expect([overlapping.height, overlapping.width]).toEqual([2, 2]);
    expect(Array.from(overlapping.values)).toEqual([7, 8, 7, 8]);
  });

  it('agrees on a window of equal values: each kind gives that value', () => {
    expect(poolWindow([0.5, 0.5, 0.5, 0.5], 'max')).toBe(0.5);
    expect(poolWindow([0.5, 0.5, 0.5, 0.5], 'average')).toBe(0.5);
    expect(poolWindow([0.5, 0.5, 0.5, 0.5], 'l2')).toBeCloseTo(0.5, 12);
    expect(poolWindow([3, 4], 'l2')).toBeCloseTo(Math.sqrt(12.5), 12);
  });

  it('shifts a map with zeros moved in, and counts the cells that changed', () => {
    const right = shiftPlane(map4, 1, 0);
    expect(Array.from(right.values.slice(0, 4))).toEqual([0, 1, 1, 2]);
    const up = shiftPlane(map4, 0, -1);
    expect(Array.from(up.values.slice(0, 4))).toEqual([5, 6, 7, 8]);
    expect(Array.from(up.values.slice(12))).toEqual([0, 0, 0, 0]);
    const pooled = pool2d(map4, { kind: 'max', size: 2, stride: 2 });
    const pooledShifted = pool2d(right, { kind: 'max', size: 2, stride: 2 });
    // [6, 8, 3, 4] → [5, 7, 3, 3]: the top-left window lost its 6
    expect(Array.from(pooledShifted.values)).toEqual([5, 7, 3, 3]);
    const changed = changedCells(pooled, pooledShifted);
    expect(changed.count).toBe(3);
    expect(Array.from(changed.mask)).toEqual([1, 1, 0, 1]);
  });
});

describe('pooling against TF.js', () => {
  beforeAll(async () => {
    tf.env().set('IS_TEST', true);
    await tf.setBackend('cpu');
  });
  afterAll(() => tf.disposeVariables());

  const random = createSeededRandom(11);
  const input: PlaneMap = { height: 13, width: 11, values: Float32Array.from({ length: 143 }, () => random() * 2 - 1) };
  const cases: Array<[number, number]> = [
    [2, 2],
    [3, 2],
    [3, 1],
    [4, 3],
  ];

  it.each(cases)('max and average pooling of size %i, stride %i match tf.maxPool / tf.avgPool (valid)', (size, stride) => {
    const before = tf.memory().numTensors;
    const x = tf.tensor4d(input.values, [1, input.height, input.width, 1]);
    for (const kind of ['max', 'average'] as const) {
      const ours = pool2d(input, { kind, size, stride });
      const reference = (kind === 'max' ? tf.maxPool(x, size, stride, 'valid') : tf.avgPool(x, size, stride, 'valid')) as ReturnType<typeof tf.maxPool>;
      expect(reference.shape).toEqual([1, ours.height, ours.width, 1]);
      const expected = reference.dataSync();
      ours.values.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 5));
      reference.dispose();
    }
    // L2 pooling is the square root of average pooling of the squares.
    const squares = tf.square(x);
    const meanSquares = tf.avgPool(squares as ReturnType<typeof tf.tensor4d>, size, stride, 'valid');
    const expectedL2 = tf.sqrt(meanSquares).dataSync();
    pool2d(input, { kind: 'l2', size, stride }).values.forEach((value, i) => expect(value).toBeCloseTo(expectedL2[i], 5));
    tf.dispose([x, squares, meanSquares]);
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before + 1);
  });
});
