/*
 * Layer and network descriptions as plain data (no TF.js): what the user, a lesson or a widget
 * writes down, and what crosses the worker boundary.
 */

/** Elementwise activations. 'leaky-relu' is max(x, 0.01·x). */
export type Activation = 'linear' | 'sigmoid' | 'tanh' | 'relu' | 'leaky-relu';

/** Slope of 'leaky-relu' for negative inputs. */
export const LEAKY_RELU_SLOPE = 0.01;

/**
 * How a layer's weights ('weights' parameters: kernels) are drawn. Biases, β, moving statistics
 * start at fixed values, whatever the initializer. fanIn/fanOut: dense [in, out] ⇒ in, out;
 * conv [k, k, inC, filters] ⇒ k·k·inC, k·k·filters.
 */
export type Initializer =
  | { kind: 'zeros' }
  /** w ~ N(0, std²) */
  | { kind: 'normal'; std: number }
  /** Glorot/Xavier normal: w ~ N(0, 2 / (fanIn + fanOut)) */
  | { kind: 'glorot-normal' }
  /** He normal: w ~ N(0, 2 / fanIn), suited to ReLU. */
  | { kind: 'he-normal' };

/** y = f(x W + b), W of shape [fanIn, units]; activation defaults to 'linear'. */
export interface DenseSpec {
  kind: 'dense';
  units: number;
  activation?: Activation;
  initializer?: Initializer;
  name?: string;
}

/**
 * y = f(x ⊛ K + b), K of shape [kernelSize, kernelSize, inChannels, filters]; stride and dilation
 * default to 1 (one of them must be 1), activation to 'linear'.
 */
export interface Conv2dSpec {
  kind: 'conv2d';
  filters: number;
  kernelSize: number;
  stride?: number;
  padding: 'same' | 'valid';
  dilation?: number;
  activation?: Activation;
  initializer?: Initializer;
  name?: string;
}

/** Spatial downsampling by the max or mean of each size×size window ('valid'; stride defaults to size). */
export interface PoolSpec {
  kind: 'max-pool' | 'avg-pool';
  size: number;
  stride?: number;
  name?: string;
}

/** [batch, ...shape] → [batch, product(shape)]. */
export interface FlattenSpec {
  kind: 'flatten';
  name?: string;
}

/** A standalone elementwise activation. */
export interface ActivationSpec {
  kind: 'activation';
  activation: Activation;
  name?: string;
}

/** Training: zeroes each value with probability `rate` (0 ≤ rate < 1) and scales the rest by 1/(1 − rate). Inference: identity. */
export interface DropoutSpec {
  kind: 'dropout';
  rate: number;
  name?: string;
}

/**
 * Batch normalization over the last axis (channels of [b, h, w, c], features of [b, f]):
 * y = γ (x − μ) / √(σ² + ε) + β, with batch moments in training (which also move the moving
 * statistics: m ← momentum·m + (1 − momentum)·batch) and the moving statistics in inference.
 * Defaults: momentum 0.9, epsilon 1e-5.
 */
export interface BatchNormSpec {
  kind: 'batch-norm';
  momentum?: number;
  epsilon?: number;
  name?: string;
}

/** One layer of a sequential network. */
export type LayerSpec = DenseSpec | Conv2dSpec | PoolSpec | FlattenSpec | ActivationSpec | DropoutSpec | BatchNormSpec;

/** Every layer kind. */
export type LayerKind = LayerSpec['kind'];

/**
 * A sequential network. `inputShape` is one example: [features] or [height, width, channels].
 * `initialization` is the initializer of layers that name none of their own.
 */
export interface NetworkSpec {
  inputShape: number[];
  layers: LayerSpec[];
  initialization: Initializer;
}
