import { tf, type Scalar, type Tensor2D } from '../tf/tf-core';

/** Losses a training session can minimise. */
export type LossName = 'half-squared-error' | 'mean-squared-error' | 'softmax-cross-entropy' | 'sigmoid-cross-entropy' | 'multi-label-soft-margin';

/**
 * True for the losses that read each output as the logit of its own yes/no question (sigmoid cross entropy,
 * multi-label soft margin): accuracy then counts every output against its target, not the argmax.
 */
export function isPerOutputLoss(loss: LossName): boolean {
  return loss === 'sigmoid-cross-entropy' || loss === 'multi-label-soft-margin';
}

/**
 * Mean loss over a batch (a scalar), for outputs y (or logits z) and targets t of shape [N, K].
 * - half-squared-error: L = 1/(N·K) Σ_n Σ_k ½ (y_nk − t_nk)².
 * - mean-squared-error: L = 1/(N·K) Σ_n Σ_k (y_nk − t_nk)².
 * - softmax-cross-entropy: L = −1/N Σ_n Σ_k t_nk · log softmax(z_n)_k: one class per example, among K.
 * - sigmoid-cross-entropy (binary cross entropy on logits) and multi-label-soft-margin: the same formula,
 *   L = −1/(N·K) Σ_n Σ_k [t_nk · log σ(z_nk) + (1 − t_nk) · log(1 − σ(z_nk))], each of the K outputs a
 *   yes/no question of its own (several classes may be present at once). Computed in the stable form
 *   max(z, 0) − z·t + log(1 + e^(−|z|)), which never takes the log of 0.
 * Call inside tf.tidy or an optimizer's minimize.
 */
export function computeLoss(loss: LossName, outputs: Tensor2D, targets: Tensor2D): Scalar {
  switch (loss) {
    case 'half-squared-error':
      return tf.mul(0.5, tf.mean(tf.squaredDifference(outputs, targets))) as Scalar;
    case 'mean-squared-error':
      return tf.mean(tf.squaredDifference(outputs, targets)) as Scalar;
    case 'softmax-cross-entropy':
      return tf.neg(tf.mean(tf.sum(tf.mul(targets, tf.logSoftmax(outputs)), 1))) as Scalar;
    case 'sigmoid-cross-entropy':
    case 'multi-label-soft-margin':
      return tf.mean(tf.add(tf.sub(tf.relu(outputs), tf.mul(outputs, targets)), tf.log1p(tf.exp(tf.neg(tf.abs(outputs)))))) as Scalar;
  }
}

/**
 * Fraction of correct predictions (a scalar in [0, 1]).
 * One output unit, or `perOutput`: each output says yes when y > threshold, compared with t > threshold.
 * Several outputs otherwise: argmax of outputs compared with argmax of targets.
 */
export function computeAccuracy(outputs: Tensor2D, targets: Tensor2D, threshold: number, perOutput = false): Scalar {
  if (outputs.shape[1] === 1 || perOutput) {
    return tf.mean(tf.cast(tf.equal(tf.greater(outputs, threshold), tf.greater(targets, threshold)), 'float32')) as Scalar;
  }
  return tf.mean(tf.cast(tf.equal(tf.argMax(outputs, 1), tf.argMax(targets, 1)), 'float32')) as Scalar;
}
