import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tf } from '../../../../src/core/tf/tf-core';
import { clipByGlobalNorm, groupNorms, l1Penalty, l2Penalty, sumOfSquares } from '../../../../src/core/training/gradient-math';

let baseline = 0;
beforeEach(() => {
  baseline = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(baseline);
});

const read = (tensor: tf.Tensor) => Array.from(tensor.dataSync());

describe('sumOfSquares', () => {
  it('adds the squares of every entry of every tensor; 0 for none', () => {
    expect(tf.tidy(() => sumOfSquares([tf.tensor1d([1, -2]), tf.tensor2d([[3]])]).dataSync()[0])).toBe(14);
    expect(tf.tidy(() => sumOfSquares([]).dataSync()[0])).toBe(0);
    expect(tf.tidy(() => sumOfSquares([]).rank)).toBe(0);
  });
});

describe('clipByGlobalNorm', () => {
  // ‖([3, 0], [4])‖ = 5.
  const clip = (maxNorm: number) => tf.tidy(() => clipByGlobalNorm([tf.tensor1d([3, 0]), tf.tensor1d([4])], maxNorm).map(read));

  it('scales every gradient by c / ‖g‖ when the global norm is above c, keeping the direction', () => {
    const [a, b] = clip(1);
    expect(a[0]).toBeCloseTo(0.6, 6);
    expect(a[1]).toBe(0);
    expect(b[0]).toBeCloseTo(0.8, 6);
  });

  it('leaves gradients whose global norm is at most c unchanged', () => {
    expect(clip(5)).toEqual([[3, 0], [4]]);
    expect(clip(100)).toEqual([[3, 0], [4]]);
  });

  it('keeps zero gradients at zero (no division by zero)', () => {
    expect(tf.tidy(() => clipByGlobalNorm([tf.zeros([2])], 1).map(read))).toEqual([[0, 0]]);
  });
});

describe('l2Penalty', () => {
  it('is ½ λ Σ ‖W‖²', () => {
    const weights = tf.tidy(() => [tf.variable(tf.tensor1d([1, 2])), tf.variable(tf.tensor1d([3]))]);
    expect(tf.tidy(() => l2Penalty(weights, 0.5).dataSync()[0])).toBeCloseTo(0.25 * 14, 6);
    expect(tf.tidy(() => l2Penalty(weights, 0).dataSync()[0])).toBe(0);
    tf.dispose(weights);
  });
});

describe('l1Penalty', () => {
  it('is λ Σ |W|, and 0 over no weights', () => {
    const weights = tf.tidy(() => [tf.variable(tf.tensor1d([1, -2])), tf.variable(tf.tensor1d([-3]))]);
    expect(tf.tidy(() => l1Penalty(weights, 0.5).dataSync()[0])).toBeCloseTo(0.5 * 6, 6);
    expect(tf.tidy(() => l1Penalty([], 0.5).dataSync()[0])).toBe(0);
    tf.dispose(weights);
  });
});

describe('penalty gradients', () => {
  const gradientOf = (penalty: (weights: tf.Variable[]) => tf.Scalar, values: number[]) => {
    const weight = tf.tidy(() => tf.variable(tf.tensor1d(values)));
    const { value, grads } = tf.variableGrads(() => penalty([weight]), [weight]);
    const gradient = Array.from(grads[weight.name].dataSync());
    tf.dispose([weight, value, ...Object.values(grads)]);
    return gradient;
  };

  it('L2: ∂(½ λ Σ W²)/∂W = λ W, pulling every weight toward 0 in proportion to its size', () => {
    const gradient = gradientOf((weights) => l2Penalty(weights, 0.1), [2, -4, 0.5]);
    [0.2, -0.4, 0.05].forEach((expected, i) => expect(gradient[i]).toBeCloseTo(expected, 6));
  });

  it('L1: ∂(λ Σ |W|)/∂W = λ sign(W), the same pull for small and large weights', () => {
    const gradient = gradientOf((weights) => l1Penalty(weights, 0.1), [2, -4, 0.5]);
    [0.1, -0.1, 0.1].forEach((expected, i) => expect(gradient[i]).toBeCloseTo(expected, 6));
  });
});

describe('groupNorms', () => {
  it('stacks √(Σ ‖g‖²) of each group; an empty group has norm 0', () => {
    const norms = tf.tidy(() => read(groupNorms([[tf.tensor1d([3]), tf.tensor1d([4])], [], [tf.tensor1d([1, 1, 1, 1])]])));
    expect(norms).toEqual([5, 0, 2]);
  });
});
