import type { Tensor } from '../../tf/tf-core';
import type { LayerDefinition, TensorFlowOps } from './layer-definition';
import { LEAKY_RELU_SLOPE, type Activation, type ActivationSpec } from './layer-spec';

/** Elementwise activation f(x): identity, σ, tanh, max(0, x) or max(x, 0.01·x). */
export function applyActivation<T extends Tensor>(tf: TensorFlowOps, x: T, activation: Activation): T {
  switch (activation) {
    case 'linear':
      return x;
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'tanh':
      return tf.tanh(x);
    case 'relu':
      return tf.relu(x);
    case 'leaky-relu':
      return tf.leakyRelu(x, LEAKY_RELU_SLOPE);
    default:
      throw new Error(`unknown activation '${activation as string}'`);
  }
}

/** Fused kernels (weighted sum + bias + activation in one pass) have gradients for these activations only. */
export function isFusable(activation: Activation): activation is 'linear' | 'relu' {
  return activation === 'linear' || activation === 'relu';
}

/** A standalone activation layer: same shape out as in, no parameters, no multiply–adds. */
export const activationLayer: LayerDefinition<ActivationSpec> = {
  outputShape: (_spec, inputShape) => [...inputShape],
  parameters: () => [],
  multiplyAdds: () => 0,
  apply: (spec, x, _parameters, { tf }) => applyActivation(tf, x, spec.activation),
};
