import { tf, type Scalar, type Tensor2D } from '../tf/tf-core';

/** Losses a training session can minimise. */
export type LossName = 'half-squared-error' | 'softmax-cross-entropy';

/**
 * Mean loss over a batch (a scalar).
 * - half-squared-error: L = 1/(N·K) Σ_n Σ_k ½ (y_nk − t_nk)², outputs y and targets t of shape [N, K].
 * - softmax-cross-entropy: L = −1/N Σ_n Σ_k t_nk · log softmax(z_n)_k, with `outputs` the logits z.
 * Call inside tf.tidy or an optimizer's minimize.
 */
export function computeLoss(loss: LossName, outputs: Tensor2D, targets: Tensor2D): Scalar {
  switch (loss) {
    case 'half-squared-error':
      return tf.mul(0.5, tf.mean(tf.squaredDifference(outputs, targets))) as Scalar;
    case 'softmax-cross-entropy':
      return tf.neg(tf.mean(tf.sum(tf.mul(targets, tf.logSoftmax(outputs)), 1))) as Scalar;
  }
}

/**
 * Fraction of correct predictions (a scalar in [0, 1]).
 * One output unit: predicted class 1 when y > threshold, compared with t > threshold.
 * Several outputs: argmax of outputs compared with argmax of targets.
 */
export function computeAccuracy(outputs: Tensor2D, targets: Tensor2D, threshold: number): Scalar {
  if (outputs.shape[1] === 1) {
    return tf.mean(tf.cast(tf.equal(tf.greater(outputs, threshold), tf.greater(targets, threshold)), 'float32')) as Scalar;
  }
  return tf.mean(tf.cast(tf.equal(tf.argMax(outputs, 1), tf.argMax(targets, 1)), 'float32')) as Scalar;
}
