import { describe, expect, it } from 'vitest';
import { tf } from '../../../../src/core/tf/tf-core';
import { computeAccuracy, computeLoss, isPerOutputLoss } from '../../../../src/core/nn/losses';

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

describe('the losses that read each output as a yes/no logit', () => {
  const sigma = (z: number) => 1 / (1 + Math.exp(-z));
  // Soft-margin by hand: mean over every entry of −[t·log σ(z) + (1 − t)·log(1 − σ(z))].
  const byHand = (z: number[][], t: number[][]) => {
    const terms = z.flatMap((row, n) => row.map((zk, k) => -(t[n][k] * Math.log(sigma(zk)) + (1 - t[n][k]) * Math.log(1 - sigma(zk)))));
    return terms.reduce((a, b) => a + b, 0) / terms.length;
  };
  const logits = [
    [2, -1, 0.5],
    [-3, 4, 0],
  ];
  const present = [
    [1, 0, 1],
    [0, 1, 1],
  ];

  it.each(['sigmoid-cross-entropy', 'multi-label-soft-margin'] as const)('%s: the mean over classes and examples of −[t log σ(z) + (1 − t) log(1 − σ(z))]', (loss) => {
    expect(scalar((y, t) => computeLoss(loss, y, t), logits, present)).toBeCloseTo(byHand(logits, present), 5);
    // log σ(0) = log ½ for every entry ⇒ ln 2, whatever the targets.
    expect(scalar((y, t) => computeLoss(loss, y, t), [[0, 0]], [[1, 0]])).toBeCloseTo(Math.log(2), 6);
  });

  it('agrees with TF.js sigmoidCrossEntropy, and stays finite for logits far beyond where σ rounds to 0 or 1', () => {
    const ours = scalar((y, t) => computeLoss('sigmoid-cross-entropy', y, t), logits, present);
    const theirs = tf.tidy(() => tf.losses.sigmoidCrossEntropy(tf.tensor2d(present), tf.tensor2d(logits)).dataSync()[0]);
    expect(ours).toBeCloseTo(theirs, 5);
    // z = ±200 with the wrong target: a loss of 200 per entry, not Infinity.
    expect(scalar((y, t) => computeLoss('sigmoid-cross-entropy', y, t), [[200, -200]], [[0, 1]])).toBeCloseTo(200, 3);
  });

  it('has the gradient (σ(z) − t)/(N·K) with respect to each logit', () => {
    const gradient = tf.tidy(() => {
      const t = tf.tensor2d(present);
      return tf
        .grad((z) => computeLoss('multi-label-soft-margin', z as tf.Tensor2D, t))(tf.tensor2d(logits))
        .arraySync() as number[][];
    });
    gradient.forEach((row, n) => row.forEach((g, k) => expect(g).toBeCloseTo((sigma(logits[n][k]) - present[n][k]) / 6, 6)));
  });

  it('is told apart from the one-class losses', () => {
    expect(isPerOutputLoss('multi-label-soft-margin')).toBe(true);
    expect(isPerOutputLoss('sigmoid-cross-entropy')).toBe(true);
    expect(isPerOutputLoss('softmax-cross-entropy')).toBe(false);
    expect(isPerOutputLoss('mean-squared-error')).toBe(false);
  });
});

describe('mean-squared-error', () => {
  it('is the mean over every entry of (y − t)², twice half-squared-error, and agrees with TF.js', () => {
    const y = [
      [1, 2],
      [3, 4],
    ];
    const t = [
      [0, 2],
      [1, 1],
    ];
    expect(scalar((a, b) => computeLoss('mean-squared-error', a, b), y, t)).toBeCloseTo(3.5, 6);
    expect(scalar((a, b) => computeLoss('mean-squared-error', a, b), y, t)).toBeCloseTo(2 * scalar((a, b) => computeLoss('half-squared-error', a, b), y, t), 6);
    expect(scalar((a, b) => computeLoss('mean-squared-error', a, b), y, t)).toBeCloseTo(
      tf.tidy(() => tf.losses.meanSquaredError(tf.tensor2d(t), tf.tensor2d(y)).dataSync()[0]),
      6,
    );
  });
});

describe('computeAccuracy', () => {
  it('per output (several labels at once): counts every output against its own target', () => {
    // Logits vs threshold 0: row 1 says (yes, no, yes) — all right; row 2 says (no, yes, no) — 2 of 3 right.
    expect(
      scalar(
        (y, t) => computeAccuracy(y, t, 0, true),
        [
          [2, -1, 0.5],
          [-3, 4, 0],
        ],
        [
          [1, 0, 1],
          [0, 1, 1],
        ],
      ),
    ).toBeCloseTo(5 / 6, 6);
  });

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
