/**
 * Pure logic of "a convolution neuron versus a perceptron": a convolution whose kernel is as large as the
 * image ('valid', one position) computes exactly a fully connected layer, and a smaller kernel shares its
 * weights over many positions. No React, no DOM.
 */
import { conv2d, convolutionOutputSize, type FilterBank } from '../../core/math/convolution';
import { createSeededRandom, gaussian } from '../../core/random/seeded-random';

export type ImageSize = 7 | 14 | 28;
export type SmallKernel = 3 | 5;

export const IMAGE_SIZES: readonly ImageSize[] = [7, 14, 28];
export const FILTERS_RULE = { label: 'Filters F', min: 1, max: 10, integer: true } as const;
export const SEED_RULE = { label: 'Seed', min: 0, max: 999_999, integer: true } as const;
export const INDEX_RULE = { label: 'Test image number', min: 0, max: 9999, integer: true } as const;

/**
 * Shrinks a 28×28 image to `size`×`size` by averaging 28/size × 28/size blocks (28 → 14: 2×2 blocks, 28 → 7: 4×4).
 */
export function downscale(image: ArrayLike<number>, size: ImageSize): Float64Array {
  const block = 28 / size;
  const out = new Float64Array(size * size);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      let sum = 0;
      for (let i = 0; i < block; i++) for (let j = 0; j < block; j++) sum += image[(r * block + i) * 28 + c * block + j];
      out[r * size + c] = sum / (block * block);
    }
  }
  return out;
}

/**
 * F seeded random k×k filters on one input channel (HWIO: `values[(i·k + j)·F + f]`), drawn from
 * N(0, 1/k²) so each output has a spread near the input's, and F biases from N(0, 0.1²).
 */
export function randomFilters(kernelSize: number, filterCount: number, seed: number): { filters: FilterBank; bias: Float64Array } {
  const random = createSeededRandom(seed);
  const values = Float64Array.from({ length: kernelSize * kernelSize * filterCount }, () => gaussian(random, 0, 1 / kernelSize));
  const bias = Float64Array.from({ length: filterCount }, () => gaussian(random, 0, 0.1));
  return { filters: { values, height: kernelSize, width: kernelSize, inChannels: 1, outChannels: filterCount }, bias };
}

/**
 * A fully connected layer: y_f = b_f + Σ_i x_i · W[i, f], with W a row-major [inputs, outputs] matrix.
 */
export function denseForward(x: ArrayLike<number>, weights: ArrayLike<number>, inputs: number, outputs: number, bias?: ArrayLike<number>): Float64Array {
  const y = new Float64Array(outputs);
  for (let f = 0; f < outputs; f++) {
    let sum = bias ? bias[f] : 0;
    for (let i = 0; i < inputs; i++) sum += x[i] * weights[i * outputs + f];
    y[f] = sum;
  }
  return y;
}

/**
 * Reshapes a K×K×1×F filter bank into the [K·K, F] weight matrix of a dense layer: row i = r·K + c
 * (the pixel), column f (the filter). In HWIO order this is the same list of numbers read as a matrix.
 */
export function filtersAsDenseWeights(filters: FilterBank): Float64Array {
  const { height: k, width, outChannels: count } = filters;
  const w = new Float64Array(k * width * count);
  for (let r = 0; r < k; r++) for (let c = 0; c < width; c++) for (let f = 0; f < count; f++) w[(r * width + c) * count + f] = filters.values[(r * width + c) * count + f];
  return w;
}

/** The two computations of the first part, side by side. */
export interface FullKernelComparison {
  /** Convolution outputs: the 1×1×F map, one value per filter. */
  conv: Float64Array;
  /** Dense outputs x·W + b, one per unit. */
  dense: Float64Array;
  /** max_f |conv_f − dense_f|. */
  maxDifference: number;
  /** K·K·1·F weights + F biases. */
  convParameters: number;
  /** (H·W)·F weights + F biases. */
  denseParameters: number;
  outputShape: [number, number, number];
}

/** Convolves the size×size image with F size×size filters ('valid') and runs the dense layer with the reshaped weights. */
export function compareFullKernel(image: Float64Array, size: number, filterCount: number, seed: number): FullKernelComparison {
  const { filters, bias } = randomFilters(size, filterCount, seed);
  const map = conv2d({ values: image, height: size, width: size, channels: 1 }, filters, { padding: 'valid' }, bias);
  const dense = denseForward(image, filtersAsDenseWeights(filters), size * size, filterCount, bias);
  let maxDifference = 0;
  for (let f = 0; f < filterCount; f++) maxDifference = Math.max(maxDifference, Math.abs(map.values[f] - dense[f]));
  return {
    conv: map.values,
    dense,
    maxDifference,
    convParameters: size * size * filterCount + filterCount,
    denseParameters: size * size * filterCount + filterCount,
    outputShape: [map.height, map.width, map.channels],
  };
}

/** The second part: a k×k kernel slid over the whole image, and what a dense layer with as many outputs would cost. */
export interface SharedWeightsSummary {
  /** Output side O = H − k + 1 ('valid', stride 1). */
  outputSize: number;
  /** The first filter's output map, O×O. */
  firstMap: Float64Array;
  /** Outputs in all: O·O·F. */
  outputs: number;
  /** k·k·F + F. */
  convParameters: number;
  /** A dense layer from H·H inputs to the same O·O·F outputs: H·H·O·O·F + O·O·F. */
  denseParameters: number;
  /** Nonzero entries of the dense matrix that computes the same thing as the convolution: k·k·O·O·F. */
  equivalentNonzeros: number;
}

/** Convolves with F random k×k filters ('valid') and counts the parameters of both ways of getting those outputs. */
export function sharedWeights(image: Float64Array, size: number, kernelSize: number, filterCount: number, seed: number): SharedWeightsSummary {
  const { filters, bias } = randomFilters(kernelSize, filterCount, seed);
  const map = conv2d({ values: image, height: size, width: size, channels: 1 }, filters, { padding: 'valid' }, bias);
  const outputSize = convolutionOutputSize(size, kernelSize);
  const positions = outputSize * outputSize;
  const firstMap = new Float64Array(positions);
  for (let p = 0; p < positions; p++) firstMap[p] = map.values[p * filterCount];
  return {
    outputSize,
    firstMap,
    outputs: positions * filterCount,
    convParameters: kernelSize * kernelSize * filterCount + filterCount,
    denseParameters: size * size * positions * filterCount + positions * filterCount,
    equivalentNonzeros: kernelSize * kernelSize * positions * filterCount,
  };
}

/** A count with thin spaces between thousands: 1234567 → "1 234 567". */
export function formatCount(value: number): string {
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
}

/** An output value with 6 decimals and a true minus sign. */
export function formatOutput(value: number): string {
  return value.toFixed(6).replace('-', '−');
}

/** |difference| for the read-out: "0" when exactly equal, else scientific, e.g. "2.4e−16". */
export function formatDifference(value: number): string {
  if (value === 0) return '0';
  return value.toExponential(1).replace('e-', 'e−').replace('e+', 'e');
}
