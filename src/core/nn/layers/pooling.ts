import type { Tensor4D } from '../../tf/tf-core';
import { requireImage, requireInteger, slidingOutputSize, type LayerDefinition } from './layer-definition';
import type { PoolSpec } from './layer-spec';

/**
 * Max or average pooling over size×size windows ('valid' padding; stride defaults to size):
 * [batch, h, w, c] → [batch, ⌊(h − size)/stride⌋ + 1, ⌊(w − size)/stride⌋ + 1, c]. No parameters; counted as 0 multiply–adds.
 */
export const poolingLayer: LayerDefinition<PoolSpec> = {
  outputShape(spec, inputShape) {
    requireImage(inputShape);
    requireInteger('size', spec.size, 1);
    const stride = spec.stride ?? spec.size;
    requireInteger('stride', stride, 1);
    const [h, w, c] = inputShape;
    const shape = [slidingOutputSize(h, spec.size, stride, 'valid'), slidingOutputSize(w, spec.size, stride, 'valid'), c];
    if (shape[0] < 1 || shape[1] < 1) throw new Error(`a ${spec.size}×${spec.size} window does not fit a ${h}×${w} input`);
    return shape;
  },
  parameters: () => [],
  multiplyAdds: () => 0,
  apply(spec, x, _parameters, { tf }) {
    const stride = spec.stride ?? spec.size;
    return spec.kind === 'max-pool' ? tf.maxPool(x as Tensor4D, spec.size, stride, 'valid') : tf.avgPool(x as Tensor4D, spec.size, stride, 'valid');
  },
};
