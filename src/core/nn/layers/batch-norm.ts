import type { Tensor } from '../../tf/tf-core';
import { product, type LayerDefinition } from './layer-definition';
import type { BatchNormSpec } from './layer-spec';

const DEFAULT_MOMENTUM = 0.9;
const DEFAULT_EPSILON = 1e-5;

/**
 * Batch normalization over the last axis: y = γ (x − μ) / √(σ² + ε) + β.
 * Training: μ, σ² are the batch moments over every axis but the last (σ² divides by the count, not
 * count − 1), and the moving statistics move as m ← momentum·m + (1 − momentum)·batch (a side effect
 * on the 'moving-mean' and 'moving-variance' variables; safe inside an optimizer's gradient function,
 * they are not trainable and the output does not depend on the update). Inference: μ, σ² are the
 * moving statistics. One scale and shift per output value counts as one multiply–add.
 */
export const batchNormLayer: LayerDefinition<BatchNormSpec> = {
  outputShape(spec, inputShape) {
    const momentum = spec.momentum ?? DEFAULT_MOMENTUM;
    const epsilon = spec.epsilon ?? DEFAULT_EPSILON;
    if (!(momentum >= 0 && momentum <= 1)) throw new Error(`momentum must be in [0, 1], got ${momentum}`);
    if (!(epsilon > 0)) throw new Error(`epsilon must be > 0, got ${epsilon}`);
    if (inputShape.length < 1) throw new Error('needs an input with at least one axis');
    return [...inputShape];
  },
  parameters(_spec, inputShape) {
    const shape = [inputShape[inputShape.length - 1]];
    return [
      { name: 'gamma', shape, trainable: true, initial: 'ones', decays: false },
      { name: 'beta', shape, trainable: true, initial: 'zeros', decays: false },
      { name: 'moving-mean', shape, trainable: false, initial: 'zeros', decays: false },
      { name: 'moving-variance', shape, trainable: false, initial: 'ones', decays: false },
    ];
  },
  multiplyAdds: (_spec, _inputShape, outputShape) => product(outputShape),
  apply(spec, x, parameters, context) {
    const { tf } = context;
    const epsilon = spec.epsilon ?? DEFAULT_EPSILON;
    const movingMean = parameters['moving-mean'];
    const movingVariance = parameters['moving-variance'];
    let mean: Tensor = movingMean;
    let variance: Tensor = movingVariance;
    if (context.training) {
      const axes = x.shape.slice(0, -1).map((_, axis) => axis);
      ({ mean, variance } = tf.moments(x, axes));
      const momentum = spec.momentum ?? DEFAULT_MOMENTUM;
      const batchMean = mean;
      const batchVariance = variance;
      // The updates are owned here (tidied and disposed), whether or not a caller's tidy is open.
      const newMean = tf.tidy(() => tf.add(tf.mul(momentum, movingMean), tf.mul(1 - momentum, batchMean)));
      const newVariance = tf.tidy(() => tf.add(tf.mul(momentum, movingVariance), tf.mul(1 - momentum, batchVariance)));
      movingMean.assign(newMean);
      movingVariance.assign(newVariance);
      newMean.dispose();
      newVariance.dispose();
    }
    return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, epsilon))), parameters.gamma), parameters.beta);
  },
};
