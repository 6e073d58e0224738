/**
 * One large K×K convolution against a stack of 3×3 convolutions with the same receptive field (VGG's argument):
 * a stack of m = (K − 1)/2 layers of 3×3 sees a K×K window of the input, with fewer weights and m
 * non-linearities instead of one. Counts are exact (BigInt, via layer-counts.ts); receptive fields come from
 * receptive-field.ts. Every layer maps C channels to C channels, stride 1.
 */
import { convolutionLayerCounts } from './layer-counts';
import { receptiveFieldTable, type ReceptiveLayer } from './receptive-field';

/** Counts of one way to reach a K×K receptive field. */
export interface ConvolutionStackCounts {
  /** Number of convolution layers (1 for the single large kernel). */
  layers: number;
  /** Kernel side of each layer. */
  kernel: number;
  /** Weights without biases: layers · k² · C². */
  weights: bigint;
  /** Biases: layers · C. */
  biases: bigint;
  /** weights + biases. */
  parameters: bigint;
  /** Multiply–adds to compute all C channels of one output position, one layer each: layers · k² · C². */
  multiplyAddsPerPosition: bigint;
  /** Non-linearities (one activation after each convolution). */
  nonLinearities: number;
  /** Receptive-field side of one output unit in input pixels: 1 + layers · (k − 1). */
  receptiveField: number;
}

/** Sizes of the outputs on an n×n input, and the multiply–adds of the whole image. */
export interface ConvolutionStackOnImage {
  /** Output side without padding ('valid'): n − (receptive field − 1), 0 when the input is too small. */
  validOutputSize: number;
  /** Output side with zero padding ('same', every layer): n. */
  sameOutputSize: number;
  /** Multiply–adds of the whole stack on the image, no padding: Σ_l (side_l)² · k² · C². */
  validMultiplyAdds: bigint;
  /** Multiply–adds of the whole stack on the image, 'same' padding: layers · n² · k² · C². */
  sameMultiplyAdds: bigint;
}

/** The layers of a stack as receptive-field layers (stride 1, no dilation). */
export function stackLayers(layers: number, kernel: number, padding: 'same' | 'valid' = 'valid'): ReceptiveLayer[] {
  return Array.from({ length: layers }, () => ({ kind: 'conv' as const, kernel, stride: 1, dilation: 1, padding }));
}

/** How many stacked 3×3 layers reach a K×K receptive field: (K − 1)/2 (K odd, at least 3). */
export function stackDepthFor(targetKernel: number): number {
  if (!Number.isInteger(targetKernel) || targetKernel < 3 || targetKernel % 2 === 0) throw new RangeError(`The target kernel must be odd and at least 3, got ${targetKernel}`);
  return (targetKernel - 1) / 2;
}

/**
 * Counts of `layers` convolutions of k×k from C to C channels, on one output position:
 * weights = layers·k²·C², biases = layers·C, multiply–adds per position = layers·k²·C², one ReLU per layer.
 * E.g. one 5×5 with C = 64: 25·64² = 102,400 weights; two 3×3: 2·9·64² = 73,728.
 */
export function convolutionStackCounts(layers: number, kernel: number, channels: number): ConvolutionStackCounts {
  // One layer on a kernel-sized input has exactly one output position: its multiply–adds are those of one position.
  const one = convolutionLayerCounts({ height: kernel, width: kernel, channels, frames: 1 }, { kernelSize: kernel, filters: channels, stride: 1, padding: 'valid' });
  const count = BigInt(layers);
  const table = receptiveFieldTable(1 + layers * (kernel - 1), stackLayers(layers, kernel));
  return {
    layers,
    kernel,
    weights: count * one.weights,
    biases: count * one.biases,
    parameters: count * one.parameters,
    multiplyAddsPerPosition: count * one.multiplyAdds,
    nonLinearities: layers,
    receptiveField: table[table.length - 1].receptiveField,
  };
}

/**
 * The stack on an n×n×C image. Without padding each k×k layer shrinks the side by k − 1, so one K×K and
 * (K − 1)/2 stacked 3×3 give the same output side n − K + 1; the stack's earlier layers work on larger maps.
 */
export function convolutionStackOnImage(layers: number, kernel: number, channels: number, inputSize: number): ConvolutionStackOnImage {
  let validMultiplyAdds = 0n;
  let sameMultiplyAdds = 0n;
  let side = inputSize;
  for (let l = 0; l < layers; l += 1) {
    const shape = { height: side, width: side, channels, frames: 1 };
    const valid = convolutionLayerCounts(shape, { kernelSize: kernel, filters: channels, stride: 1, padding: 'valid' });
    validMultiplyAdds += valid.multiplyAdds;
    side = valid.outputHeight;
    const same = convolutionLayerCounts({ height: inputSize, width: inputSize, channels, frames: 1 }, { kernelSize: kernel, filters: channels, stride: 1, padding: 'same' });
    sameMultiplyAdds += same.multiplyAdds;
  }
  return { validOutputSize: side, sameOutputSize: inputSize, validMultiplyAdds, sameMultiplyAdds };
}
