import { tf, type Scalar, type Tensor, type Variable } from '../tf/tf-core';

/*
 * Operations on a step's gradients, done on the device (no read-back). Each returns new tensors that the
 * caller owns: call inside tf.tidy.
 */

/** Σ_i Σ_j g_ij²: the squared L2 norm of several tensors taken together, as a scalar. */
export function sumOfSquares(tensors: readonly Tensor[]): Scalar {
  if (tensors.length === 0) return tf.scalar(0);
  return tf.addN(tensors.map((tensor) => tf.sum(tf.square(tensor)))) as Scalar;
}

/**
 * Clipping by global norm: every gradient is scaled by min(1, c / ‖g‖), where ‖g‖ = √(Σ ‖g_i‖²) over all of
 * them, so the step keeps its direction but its length is at most c. Gradients already shorter are unchanged.
 */
export function clipByGlobalNorm(gradients: readonly Tensor[], maxNorm: number): Tensor[] {
  const norm = tf.sqrt(sumOfSquares(gradients));
  const scale = tf.minimum(1, tf.div(maxNorm, tf.maximum(norm, 1e-12)));
  return gradients.map((gradient) => tf.mul(gradient, scale));
}

/** The L1 penalty λ Σ_W Σ_ij |W_ij| over the given weights (the kernels; biases are not penalized). Its gradient is λ·sign(W). */
export function l1Penalty(weights: readonly Variable[], lambda: number): Scalar {
  if (weights.length === 0) return tf.scalar(0);
  return tf.mul(lambda, tf.addN(weights.map((weight) => tf.sum(tf.abs(weight))))) as Scalar;
}

/** The L2 penalty ½ λ Σ_W ‖W‖² over the given weights (the kernels; biases are not penalized). */
export function l2Penalty(weights: readonly Variable[], lambda: number): Scalar {
  return tf.mul(0.5 * lambda, sumOfSquares(weights)) as Scalar;
}

/**
 * √(Σ ‖g‖²) of each group of gradients (one group per layer), stacked: [groups]. A group with no gradients
 * (a layer without trainable parameters is never asked for) has norm 0.
 */
export function groupNorms(groups: ReadonlyArray<readonly Tensor[]>): Tensor {
  return tf.stack(groups.map((group) => tf.sqrt(sumOfSquares(group))));
}
