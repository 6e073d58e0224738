import { createSeededRandom } from '../random/seeded-random';
import { drawWeights } from './initializers';
import { formatShape, product, type ParameterDefinition } from './layers/layer-definition';
import { layerDefinition } from './layers/layer-registry';
import type { LayerSpec, NetworkSpec } from './layers/layer-spec';

/*
 * Network descriptions as plain data, and everything computable from them without running the
 * network (shapes, parameter counts, multiply–adds, initial weights).
 */

export type { LayerSpec, NetworkSpec } from './layers/layer-spec';
export type { ParameterDefinition } from './layers/layer-definition';
export { slidingOutputSize } from './layers/layer-definition';

/** What one layer computes for one example (shapes exclude the batch axis). */
export interface LayerSummary {
  /** 0-based position in `spec.layers`. */
  index: number;
  layer: LayerSpec;
  /** `layer.name`, else `${kind}-${index + 1}` (e.g. 'dense-3'). */
  name: string;
  inputShape: number[];
  outputShape: number[];
  /** Every parameter, trainable or not (moving statistics), in creation order. */
  parameters: ParameterDefinition[];
  /** Number of trainable values. */
  parameterCount: number;
  /** Multiply–adds of the forward pass for one example. */
  multiplyAdds: number;
}

/** One parameter's values as plain data (row-major), safe to send across a worker boundary. */
export interface ParameterValues {
  /** 0-based layer index. */
  layer: number;
  name: string;
  shape: number[];
  values: Float32Array;
}

/** Every parameter of a network (trainable and moving statistics), in layer order. */
export type NetworkParameters = ParameterValues[];

/** "layer 3 (dense)" for index 2. */
export const describeLayer = (index: number, layer: LayerSpec): string => `layer ${index + 1} (${layer.kind})`;

/**
 * Walks the layers and reports each one's shapes, parameters and forward multiply–adds per example.
 * Throws "layer N (kind): …" when a layer does not fit its input.
 */
export function summarizeNetwork(spec: NetworkSpec): LayerSummary[] {
  let shape = [...spec.inputShape];
  if (shape.length === 0 || shape.some((size) => !Number.isInteger(size) || size < 1)) {
    throw new Error(`inputShape must be positive integers, got ${formatShape(shape)}`);
  }
  return spec.layers.map((layer, index) => {
    const inputShape = shape;
    let outputShape: number[];
    let parameters: ParameterDefinition[];
    let multiplyAdds: number;
    try {
      const definition = layerDefinition(layer);
      outputShape = definition.outputShape(layer, inputShape);
      parameters = definition.parameters(layer, inputShape);
      multiplyAdds = definition.multiplyAdds(layer, inputShape, outputShape);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`${describeLayer(index, layer)}: ${message}`);
    }
    shape = outputShape;
    const parameterCount = parameters.reduce((sum, parameter) => sum + (parameter.trainable ? product(parameter.shape) : 0), 0);
    return { index, layer, name: layer.name ?? `${layer.kind}-${index + 1}`, inputShape, outputShape, parameters, parameterCount, multiplyAdds };
  });
}

/** Number of trainable parameters of the whole network. */
export function countParameters(spec: NetworkSpec): number {
  return summarizeNetwork(spec).reduce((sum, layer) => sum + layer.parameterCount, 0);
}

/** The values of parameter `name` of layer `layer` (0-based), or null when absent. The array is not copied. */
export function findParameter(parameters: NetworkParameters | null | undefined, layer: number, name: string): Float32Array | null {
  return parameters?.find((parameter) => parameter.layer === layer && parameter.name === name)?.values ?? null;
}

/**
 * Draws initial parameters deterministically from `seed` (same seed ⇒ same numbers on every
 * backend). One generator serves the whole network: layer by layer, only 'weights' parameters
 * (kernels) draw, each with its layer's initializer (or `spec.initialization`); the rest are
 * zeros or ones.
 */
export function initializeParameters(spec: NetworkSpec, seed: number): NetworkParameters {
  const random = createSeededRandom(seed);
  return summarizeNetwork(spec).flatMap((summary) =>
    summary.parameters.map((parameter) => {
      const initializer = ('initializer' in summary.layer ? summary.layer.initializer : undefined) ?? spec.initialization;
      const values =
        parameter.initial === 'weights' ? drawWeights(initializer, parameter.shape, random) : new Float32Array(product(parameter.shape)).fill(parameter.initial === 'ones' ? 1 : 0);
      return { layer: summary.index, name: parameter.name, shape: [...parameter.shape], values };
    }),
  );
}
