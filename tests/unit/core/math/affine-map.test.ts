import { describe, expect, it } from 'vitest';
import { addVectors, applyAffine, applyElementwise, composeAffineMaps, multiplyMatrices, multiplyMatrixVector, type AffineMap } from '../../../../src/core/math/affine-map';
import { createSeededRandom } from '../../../../src/core/random/seeded-random';

function randomMatrix(random: () => number, rows: number, columns: number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: columns }, () => random() * 4 - 2));
}

describe('affine maps', () => {
  it('multiplies matrices and vectors by hand-worked cases', () => {
    expect(
      multiplyMatrices(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        [
          [7, 8],
          [9, 10],
          [11, 12],
        ],
      ),
    ).toEqual([
      [58, 64],
      [139, 154],
    ]);
    expect(
      multiplyMatrixVector(
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        [1, -1],
      ),
    ).toEqual([-1, -1, -1]);
    expect(addVectors([1, 2], [3, 4])).toEqual([4, 6]);
    expect(
      applyAffine(
        {
          weights: [
            [2, 0],
            [0, 3],
          ],
          bias: [1, -1],
        },
        [1, 1],
      ),
    ).toEqual([3, 2]);
    expect(applyElementwise([-1, 2], (value) => Math.max(0, value))).toEqual([0, 2]);
  });

  it('rejects mismatched shapes', () => {
    expect(() => multiplyMatrices([[1, 2]], [[1, 2]])).toThrow(RangeError);
    expect(() => multiplyMatrixVector([[1, 2]], [1, 2, 3])).toThrow(RangeError);
    expect(() => addVectors([1], [1, 2])).toThrow(RangeError);
    expect(() => applyAffine({ weights: [[1, 2]], bias: [0, 0] }, [1, 1])).toThrow(RangeError);
    expect(() => multiplyMatrices([[1, 2], [3]], [[1], [2]])).toThrow(RangeError);
  });

  it('composition equals applying the two maps in turn, on random inputs', () => {
    const random = createSeededRandom(7);
    for (let trial = 0; trial < 20; trial += 1) {
      const first: AffineMap = { weights: randomMatrix(random, 4, 3), bias: randomMatrix(random, 1, 4)[0] };
      const second: AffineMap = { weights: randomMatrix(random, 2, 4), bias: randomMatrix(random, 1, 2)[0] };
      const composed = composeAffineMaps(first, second);
      expect(composed.weights).toHaveLength(2);
      expect(composed.weights[0]).toHaveLength(3);
      const input = randomMatrix(random, 1, 3)[0];
      const sequential = applyAffine(second, applyAffine(first, input));
      const direct = applyAffine(composed, input);
      direct.forEach((value, index) => expect(value).toBeCloseTo(sequential[index], 10));
    }
  });
});
