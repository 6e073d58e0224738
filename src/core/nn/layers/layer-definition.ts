import type { tf, Tensor, Variable } from '../../tf/tf-core';
import type { LayerSpec } from './layer-spec';

/** One parameter tensor of a layer. */
export interface ParameterDefinition {
  /** 'kernel' | 'bias' | 'gamma' | 'beta' | 'moving-mean' | 'moving-variance' */
  name: string;
  shape: number[];
  /** Whether an optimizer updates it (moving statistics are not trainable). */
  trainable: boolean;
  /** Initial values: 'weights' are drawn with the layer's initializer; the others are constant. */
  initial: 'weights' | 'zeros' | 'ones';
  /** Whether weight decay applies (kernels only). */
  decays: boolean;
}

/** The TF.js ops a layer computes with (the type only: layer files never load TF.js themselves). */
export type TensorFlowOps = typeof tf;

/** What a forward pass tells each layer. */
export interface LayerContext {
  /**
   * The TF.js ops to compute with, handed in by the Network. Layer files import TF.js types only, so
   * shapes, parameter counts and multiply–adds (summarizeNetwork) stay free of TF.js on the main thread.
   */
  tf: TensorFlowOps;
  /** Training mode: dropout drops, batch norm uses (and updates) batch statistics. */
  training: boolean;
  /** Seeds this call's random numbers (dropout); the caller derives it from the run seed and the step. */
  seed: number;
  /** Index of the layer in the network (0-based), to give each layer its own random numbers. */
  layerIndex: number;
}

/**
 * What one kind of layer computes. Shapes exclude the batch axis. `apply` maps
 * [batch, ...inputShape] → [batch, ...outputShape]; intermediate tensors are not disposed, so call
 * it inside tf.tidy or an optimizer's minimize.
 */
export interface LayerDefinition<S extends LayerSpec> {
  /** Output shape for one example; throws a message (without the layer's number) when the input does not fit. */
  outputShape(spec: S, inputShape: readonly number[]): number[];
  /** The layer's parameters, in the order they are created and initialized. */
  parameters(spec: S, inputShape: readonly number[]): ParameterDefinition[];
  /** Multiply–adds of the forward pass for one example. */
  multiplyAdds(spec: S, inputShape: readonly number[], outputShape: readonly number[]): number;
  apply(spec: S, x: Tensor, parameters: Readonly<Record<string, Variable>>, context: LayerContext): Tensor;
}

/** Number of values of a tensor of this shape. */
export const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** `[a, b, c]` as messages show shapes. */
export const formatShape = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/** Throws unless `value` is an integer ≥ `min`. */
export function requireInteger(what: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new Error(`${what} must be an integer ≥ ${min}, got ${value}`);
}

/** Throws unless the input is an image [height, width, channels]. */
export function requireImage(inputShape: readonly number[]): void {
  if (inputShape.length !== 3) throw new Error(`needs an image input [h, w, c], got ${formatShape(inputShape)}`);
}

/** Output size of a window sliding over `size` inputs: same ⇒ ⌈size / stride⌉, valid ⇒ ⌊(size − window) / stride⌋ + 1. */
export function slidingOutputSize(size: number, window: number, stride: number, padding: 'same' | 'valid'): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - window) / stride) + 1;
}
