import type { LayerDefinition } from './layer-definition';
import type { DropoutSpec } from './layer-spec';

/**
 * Dropout. Training: each value is kept with probability 1 − rate and scaled by 1/(1 − rate)
 * (so the expected output equals the input), else zeroed; the mask depends only on
 * (context.seed, layerIndex), so the same run seed and step give the same mask. Inference: identity.
 */
export const dropoutLayer: LayerDefinition<DropoutSpec> = {
  outputShape(spec, inputShape) {
    if (!(spec.rate >= 0 && spec.rate < 1)) throw new Error(`rate must be in [0, 1), got ${spec.rate}`);
    return [...inputShape];
  },
  parameters: () => [],
  multiplyAdds: () => 0,
  apply(spec, x, _parameters, context) {
    if (!context.training || spec.rate === 0) return x;
    return context.tf.dropout(x, spec.rate, undefined, `${context.seed}:${context.layerIndex}`);
  },
};
