import { describe, expect, it } from 'vitest';
import { tf } from '../../../../src/core/tf/tf-core';
import { computeAccuracy, computeLoss } from '../../../../src/core/nn/losses';

/** Evaluates a scalar-valued function of two [N, K] matrices and frees everything. */
function scalar(fn: (outputs: tf.Tensor2D, targets: tf.Tensor2D) => tf.Scalar, outputs: number[][], targets: number[][]): number {
  return tf.tidy(() => fn(tf.tensor2d(outputs), tf.tensor2d(targets)).dataSync()[0]);
}

describe('computeLoss', () => {
  it('half-squared-error: ½ · mean over every entry of (y − t)²', () => {
    // Squared differences 1, 0, 4, 9 ⇒ mean 3.5 ⇒ ½ · 3.5.
    const loss = scalar(
      (y, t) => computeLoss('half-squared-error', y, t),
      [
        [1, 2],
        [3, 4],
      ],
      [
        [0, 2],
        [1, 1],
      ],
    );
    expect(loss).toBeCloseTo(1.75, 6);
    expect(scalar((y, t) => computeLoss('half-squared-error', y, t), [[0.5]], [[0.5]])).toBe(0);
  });

  it('softmax-cross-entropy: −1/N Σ_n Σ_k t_nk log softmax(z_n)_k, summed over classes, averaged over examples', () => {
    // Row 1: softmax(0, ln 3) = (¼, ¾), target class 1 ⇒ −ln ¾. Row 2: softmax(1, 1) = (½, ½) ⇒ ln 2.
    const loss = scalar(
      (y, t) => computeLoss('softmax-cross-entropy', y, t),
      [
        [0, Math.log(3)],
        [1, 1],
      ],
      [
        [0, 1],
        [1, 0],
      ],
    );
    expect(loss).toBeCloseTo((-Math.log(0.75) + Math.log(2)) / 2, 5);
    // Soft targets weigh each class's log-probability: −(½ ln ¼ + ½ ln ¾).
    const soft = scalar((y, t) => computeLoss('softmax-cross-entropy', y, t), [[0, Math.log(3)]], [[0.5, 0.5]]);
    expect(soft).toBeCloseTo(-(0.5 * Math.log(0.25) + 0.5 * Math.log(0.75)), 5);
  });
});

describe('computeAccuracy', () => {
  it('one output: compares y > threshold with t > threshold (a value equal to the threshold is class 0)', () => {
    // Predicted 1, 0, 0 (0.5 is not above 0.5), 1 vs targets 1, 0, 1, 0 ⇒ 2 of 4 right.
    const accuracy = scalar((y, t) => computeAccuracy(y, t, 0.5), [[0.7], [0.2], [0.5], [0.9]], [[1], [0], [1], [0]]);
    expect(accuracy).toBeCloseTo(0.5, 6);
    // Threshold 0 for logits against 0/1 targets.
    expect(scalar((y, t) => computeAccuracy(y, t, 0), [[-1], [2], [0.1]], [[0], [1], [0]])).toBeCloseTo(2 / 3, 6);
  });

  it('several outputs: argmax of the outputs against argmax of the targets, ignoring the threshold', () => {
    const outputs = [
      [0.1, 0.9],
      [0.8, 0.2],
      [0.3, 0.7],
    ];
    const targets = [
      [0, 1],
      [0, 1],
      [0, 1],
    ];
    expect(scalar((y, t) => computeAccuracy(y, t, 0.5), outputs, targets)).toBeCloseTo(2 / 3, 6);
    expect(scalar((y, t) => computeAccuracy(y, t, 100), outputs, targets)).toBeCloseTo(2 / 3, 6);
  });
});
