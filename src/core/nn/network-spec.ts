import { createSeededRandom, gaussian } from '../random/seeded-random';

/*
 * Network descriptions as plain data, and everything computable from them without TF.js (shapes,
 * parameter counts, multiply–adds, initial weights). Safe to import on the main thread.
 */

/** Activations a layer can apply to its weighted sums. */
export type Activation = 'linear' | 'sigmoid' | 'tanh' | 'relu';

/** How initial weights are drawn (biases always start at 0). */
export type WeightInitialization =
  | { kind: 'zeros' }
  /** w ~ N(0, std²) */
  | { kind: 'normal'; std: number }
  /** Glorot/Xavier normal: w ~ N(0, 2 / (fanIn + fanOut)) */
  | { kind: 'glorot-normal' }
  /** He normal: w ~ N(0, 2 / fanIn), suited to ReLU. */
  | { kind: 'he-normal' };

/** One layer of a sequential network. */
export type LayerSpec =
  /** y = f(x W + b), W of shape [fanIn, units]. */
  | { kind: 'dense'; units: number; activation: Activation }
  /** y = f(x ⊛ K + b), K of shape [kernelSize, kernelSize, inChannels, filters]. */
  | { kind: 'conv2d'; filters: number; kernelSize: number; stride?: number; padding: 'same' | 'valid'; activation: Activation }
  /** Spatial downsampling by the max or mean of each size×size window. */
  | { kind: 'max-pool' | 'avg-pool'; size: number; stride?: number }
  /** [batch, h, w, c] → [batch, h·w·c]. */
  | { kind: 'flatten' };

/** A sequential network. `inputShape` is one example: [features] or [height, width, channels]. */
export interface NetworkSpec {
  inputShape: number[];
  layers: LayerSpec[];
  initialization: WeightInitialization;
}

/**
 * Plain-data parameters, one entry per dense or conv layer in order. Kernels: dense [fanIn, units],
 * conv [k, k, inChannels, filters], row-major; biases: [units] or [filters].
 */
export interface NetworkParameters {
  kernels: Float32Array[];
  biases: Float32Array[];
}

/** What one layer computes for one example (shapes exclude the batch axis). */
export interface LayerSummary {
  layer: LayerSpec;
  inputShape: number[];
  outputShape: number[];
  /** Shape of the kernel for dense/conv layers, else null. */
  kernelShape: number[] | null;
  parameters: number;
  /** Multiply–adds of the forward pass for one example. */
  multiplyAdds: number;
}

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Output size of a window sliding over `size` inputs: same ⇒ ⌈size / stride⌉, valid ⇒ ⌊(size − k) / stride⌋ + 1. */
export function slidingOutputSize(size: number, window: number, stride: number, padding: 'same' | 'valid'): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - window) / stride) + 1;
}

/**
 * Walks the layers and reports each one's shapes, parameter count (kernel + bias) and forward
 * multiply–adds per example. Throws with the layer number when shapes do not fit.
 */
export function summarizeNetwork(spec: NetworkSpec): LayerSummary[] {
  let shape = [...spec.inputShape];
  return spec.layers.map((layer, index) => {
    const inputShape = shape;
    const where = `layer ${index + 1} (${layer.kind})`;
    switch (layer.kind) {
      case 'dense': {
        if (inputShape.length !== 1) throw new Error(`${where} needs a flat input, got [${inputShape}]: add a flatten layer`);
        shape = [layer.units];
        return { layer, inputShape, outputShape: shape, kernelShape: [inputShape[0], layer.units], parameters: inputShape[0] * layer.units + layer.units, multiplyAdds: inputShape[0] * layer.units };
      }
      case 'conv2d': {
        if (inputShape.length !== 3) throw new Error(`${where} needs an image input [h, w, c], got [${inputShape}]`);
        const [h, w, c] = inputShape;
        const stride = layer.stride ?? 1;
        shape = [slidingOutputSize(h, layer.kernelSize, stride, layer.padding), slidingOutputSize(w, layer.kernelSize, stride, layer.padding), layer.filters];
        if (shape[0] < 1 || shape[1] < 1) throw new Error(`${where}: a ${layer.kernelSize}×${layer.kernelSize} kernel does not fit a ${h}×${w} input`);
        const kernelShape = [layer.kernelSize, layer.kernelSize, c, layer.filters];
        return { layer, inputShape, outputShape: shape, kernelShape, parameters: product(kernelShape) + layer.filters, multiplyAdds: shape[0] * shape[1] * layer.kernelSize * layer.kernelSize * c * layer.filters };
      }
      case 'max-pool':
      case 'avg-pool': {
        if (inputShape.length !== 3) throw new Error(`${where} needs an image input [h, w, c], got [${inputShape}]`);
        const stride = layer.stride ?? layer.size;
        shape = [slidingOutputSize(inputShape[0], layer.size, stride, 'valid'), slidingOutputSize(inputShape[1], layer.size, stride, 'valid'), inputShape[2]];
        return { layer, inputShape, outputShape: shape, kernelShape: null, parameters: 0, multiplyAdds: 0 };
      }
      case 'flatten':
        shape = [product(inputShape)];
        return { layer, inputShape, outputShape: shape, kernelShape: null, parameters: 0, multiplyAdds: 0 };
    }
  });
}

/** Number of trainable parameters of the whole network. */
export function countParameters(spec: NetworkSpec): number {
  return summarizeNetwork(spec).reduce((sum, layer) => sum + layer.parameters, 0);
}

/** Draws initial parameters deterministically from `seed` (same seed ⇒ same numbers on every backend). */
export function initializeParameters(spec: NetworkSpec, seed: number): NetworkParameters {
  const random = createSeededRandom(seed);
  const kernels: Float32Array[] = [];
  const biases: Float32Array[] = [];
  for (const summary of summarizeNetwork(spec)) {
    if (!summary.kernelShape) continue;
    const outputs = summary.kernelShape[summary.kernelShape.length - 1];
    const fanIn = product(summary.kernelShape) / outputs;
    const fanOut = summary.layer.kind === 'conv2d' ? product(summary.kernelShape.slice(0, 2)) * outputs : outputs;
    const init = spec.initialization;
    const std =
      init.kind === 'normal' ? init.std : init.kind === 'glorot-normal' ? Math.sqrt(2 / (fanIn + fanOut)) : init.kind === 'he-normal' ? Math.sqrt(2 / fanIn) : 0;
    const kernel = new Float32Array(product(summary.kernelShape));
    if (std > 0) for (let i = 0; i < kernel.length; i++) kernel[i] = gaussian(random) * std;
    kernels.push(kernel);
    biases.push(new Float32Array(outputs));
  }
  return { kernels, biases };
}
