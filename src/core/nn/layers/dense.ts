import type { Tensor2D } from '../../tf/tf-core';
import { applyActivation, isFusable } from './activation';
import { formatShape, requireInteger, type LayerDefinition } from './layer-definition';
import type { DenseSpec } from './layer-spec';

/**
 * Fully connected layer: y = f(x W + b), x [batch, fanIn], W [fanIn, units], b [units].
 * Linear and ReLU run as one fused kernel; other activations are applied after it.
 */
export const denseLayer: LayerDefinition<DenseSpec> = {
  outputShape(spec, inputShape) {
    requireInteger('units', spec.units, 1);
    if (inputShape.length !== 1) throw new Error(`needs a flat input, got ${formatShape(inputShape)}: add a flatten layer`);
    return [spec.units];
  },
  parameters: (spec, inputShape) => [
    { name: 'kernel', shape: [inputShape[0], spec.units], trainable: true, initial: 'weights', decays: true },
    { name: 'bias', shape: [spec.units], trainable: true, initial: 'zeros', decays: false },
  ],
  multiplyAdds: (spec, inputShape) => inputShape[0] * spec.units,
  apply(spec, x, parameters, { tf }) {
    const activation = spec.activation ?? 'linear';
    const product = { a: x as Tensor2D, b: parameters.kernel as unknown as Tensor2D, bias: parameters.bias };
    return isFusable(activation) ? tf.fused.matMul({ ...product, activation }) : applyActivation(tf, tf.fused.matMul(product), activation);
  },
};
