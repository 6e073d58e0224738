import { describe, expect, it } from 'vitest';
import { tf } from '../../../../src/core/tf/tf-core';
import {
  crossEntropy,
  distributionProblem,
  entropy,
  inBits,
  klDivergence,
  multiLabelSoftMargin,
  normalize,
  sigmoid,
  softmax,
  softmaxCrossEntropy,
} from '../../../../src/core/math/information';

const fair = [0.5, 0.5];
const biased = [0.9, 0.1];

describe('entropy', () => {
  it('is 1 bit for a fair coin, 2 bits for a fair four-sided die, 0 for a certain outcome', () => {
    expect(inBits(entropy(fair))).toBeCloseTo(1, 12);
    expect(inBits(entropy([0.25, 0.25, 0.25, 0.25]))).toBeCloseTo(2, 12);
    expect(entropy([1, 0, 0])).toBe(0);
  });

  it('works a biased coin by hand: −(0.9 ln 0.9 + 0.1 ln 0.1)', () => {
    expect(entropy(biased)).toBeCloseTo(-(0.9 * Math.log(0.9) + 0.1 * Math.log(0.1)), 12);
  });
});

describe('cross entropy and KL divergence', () => {
  it('H(P, Q) = H(P) + KL(P‖Q), for any pair', () => {
    const pairs = [
      [biased, fair],
      [fair, biased],
      [
        [0.2, 0.3, 0.5],
        [0.6, 0.3, 0.1],
      ],
    ];
    for (const [p, q] of pairs) expect(crossEntropy(p, q)).toBeCloseTo(entropy(p) + klDivergence(p, q), 12);
  });

  it('KL is not symmetric: KL(P‖Q) ≠ KL(Q‖P), worked by hand for a biased and a fair coin', () => {
    const forward = 0.9 * Math.log(0.9 / 0.5) + 0.1 * Math.log(0.1 / 0.5); // ≈ 0.368
    const backward = 0.5 * Math.log(0.5 / 0.9) + 0.5 * Math.log(0.5 / 0.1); // ≈ 0.511
    expect(klDivergence(biased, fair)).toBeCloseTo(forward, 12);
    expect(klDivergence(fair, biased)).toBeCloseTo(backward, 12);
    expect(Math.abs(forward - backward)).toBeGreaterThan(0.1);
  });

  it('KL is 0 exactly when P = Q, and positive otherwise', () => {
    expect(klDivergence(biased, biased)).toBe(0);
    expect(klDivergence([0.3, 0.7], [0.31, 0.69])).toBeGreaterThan(0);
  });

  it('is infinite where Q calls impossible what P says happens, and ignores outcomes P never has', () => {
    expect(crossEntropy([0.5, 0.5], [1, 0])).toBe(Infinity);
    expect(klDivergence([0.5, 0.5], [1, 0])).toBe(Infinity);
    expect(klDivergence([1, 0], [0.5, 0.5])).toBeCloseTo(Math.log(2), 12);
    // 0 · log 0 = 0: an outcome neither P nor Q allows costs nothing (not NaN).
    expect(crossEntropy([1, 0], [1, 0])).toBe(0);
  });
});

describe('distributionProblem and normalize', () => {
  it('names what is wrong with a distribution', () => {
    expect(distributionProblem(fair)).toBeNull();
    expect(distributionProblem([0.5, 0.6])).toBe('probabilities must sum to 1, got 1.1');
    expect(distributionProblem([1.5, -0.5])).toBe('probabilities must be finite and ≥ 0, got -0.5');
    expect(distributionProblem([NaN, 1])).toBe('probabilities must be finite and ≥ 0, got NaN');
    expect(distributionProblem([])).toBe('a distribution needs at least one outcome');
    expect(distributionProblem(fair, 3)).toBe('expected 3 probabilities, got 2');
    expect(() => crossEntropy(fair, [0.2, 0.3, 0.5])).toThrow('expected 2 probabilities, got 3');
  });

  it('turns bar heights into a distribution; all zeros become uniform', () => {
    expect(normalize([1, 3])).toEqual([0.25, 0.75]);
    expect(normalize([0, 0, 0, 0])).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(() => normalize([1, -1])).toThrow('weights must be finite and ≥ 0, got -1');
  });
});

describe('the two classification losses on the same scores', () => {
  const scores = [2, 1.5, -1]; // an image with a cat and a dog, no car
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  it('softmax makes one distribution; sigmoid one yes/no probability per class', () => {
    expect(sum(softmax(scores))).toBeCloseTo(1, 12);
    expect(softmax([0, Math.log(3)])).toEqual([expect.closeTo(0.25, 12), expect.closeTo(0.75, 12)]);
    expect(sigmoid(0)).toBe(0.5);
    expect(sum(scores.map(sigmoid))).toBeGreaterThan(1); // independent questions need not sum to 1
  });

  it('softmax cross entropy: −Σ tₖ log softmax(z)ₖ, worked by hand and against TF.js', () => {
    const targets = [0.5, 0.5, 0];
    const p = softmax(scores);
    expect(softmaxCrossEntropy(scores, targets)).toBeCloseTo(-(0.5 * Math.log(p[0]) + 0.5 * Math.log(p[1])), 12);
    const theirs = tf.tidy(() => tf.losses.softmaxCrossEntropy(tf.tensor2d([targets]), tf.tensor2d([scores])).dataSync()[0]);
    expect(softmaxCrossEntropy(scores, targets)).toBeCloseTo(theirs, 5);
    expect(softmaxCrossEntropy([1000, 0], [1, 0])).toBeCloseTo(0, 12); // no overflow
    expect(softmax([1000, 0, -1000])).toEqual([1, expect.closeTo(0, 12), 0]);
    // A class ruled out entirely (score −∞) with target 0 costs nothing.
    expect(softmaxCrossEntropy([0, -Infinity], [1, 0])).toBe(0);
  });

  it('multi-label soft margin: the mean over classes of −[y log σ(z) + (1 − y) log(1 − σ(z))], against TF.js', () => {
    const present = [1, 1, 0];
    const byHand = -(Math.log(sigmoid(2)) + Math.log(sigmoid(1.5)) + Math.log(1 - sigmoid(-1))) / 3;
    expect(multiLabelSoftMargin(scores, present)).toBeCloseTo(byHand, 12);
    const theirs = tf.tidy(() => tf.losses.sigmoidCrossEntropy(tf.tensor2d([present]), tf.tensor2d([scores])).dataSync()[0]);
    expect(multiLabelSoftMargin(scores, present)).toBeCloseTo(theirs, 5);
    expect(multiLabelSoftMargin([500, -500], [0, 1])).toBeCloseTo(500, 9); // finite far past σ's rounding
  });

  it('rejects targets that do not fit the scores', () => {
    expect(() => softmaxCrossEntropy(scores, [1, 0])).toThrow('expected 3 targets, got 2');
    expect(() => softmaxCrossEntropy(scores, [0.5, 0.6, 0])).toThrow('probabilities must sum to 1');
    expect(() => multiLabelSoftMargin(scores, [1, 0])).toThrow('expected 3 labels, got 2');
    expect(() => multiLabelSoftMargin(scores, [1, 0.5, 0])).toThrow('labels must be 0 or 1, got 0.5');
  });
});
