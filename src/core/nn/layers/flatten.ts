import { product, type LayerDefinition } from './layer-definition';
import type { FlattenSpec } from './layer-spec';

/** [batch, ...shape] → [batch, product(shape)] (row-major, so [h, w, c] flattens channel-fastest). */
export const flattenLayer: LayerDefinition<FlattenSpec> = {
  outputShape: (_spec, inputShape) => [product(inputShape)],
  parameters: () => [],
  multiplyAdds: () => 0,
  apply: (_spec, x, _parameters, { tf }) => tf.reshape(x, [x.shape[0], -1]),
};
