import { tf, type Tensor2D, type Variable } from '../tf/tf-core';
import { createSeededRandom, gaussian } from '../random/seeded-random';

/** Activations a dense layer can apply to its weighted sums. */
export type DenseActivation = 'linear' | 'sigmoid' | 'tanh' | 'relu';

/** How initial weights are drawn (biases always start at 0). */
export type WeightInitialization =
  | { kind: 'zeros' }
  /** w ~ N(0, std²) */
  | { kind: 'normal'; std: number }
  /** Glorot/Xavier normal: w ~ N(0, 2 / (fanIn + fanOut)) */
  | { kind: 'glorot-normal' };

export interface DenseLayerSpec {
  units: number;
  activation: DenseActivation;
}

/** A stack of fully connected layers: y = f_L(... f_1(x W_1 + b_1) ... W_L + b_L). */
export interface DenseNetworkSpec {
  inputSize: number;
  layers: DenseLayerSpec[];
  initialization: WeightInitialization;
}

/**
 * Plain-data parameters. `kernels[l]` has layout [inputUnits, units] (row-major), `biases[l]` has [units].
 */
export interface DenseParameters {
  kernels: Float32Array[];
  biases: Float32Array[];
}

/** Layer l's input width: the network input for l = 0, else the previous layer's units. */
export function layerInputSize(spec: DenseNetworkSpec, layerIndex: number): number {
  return layerIndex === 0 ? spec.inputSize : spec.layers[layerIndex - 1].units;
}

/** Number of trainable parameters: Σ_l (fanIn_l · units_l + units_l). */
export function countDenseParameters(spec: DenseNetworkSpec): number {
  return spec.layers.reduce((sum, layer, l) => sum + layerInputSize(spec, l) * layer.units + layer.units, 0);
}

/** Draws initial parameters deterministically from `seed` (same seed ⇒ same numbers on every backend). */
export function initializeDenseParameters(spec: DenseNetworkSpec, seed: number): DenseParameters {
  const random = createSeededRandom(seed);
  const kernels = spec.layers.map((layer, l) => {
    const fanIn = layerInputSize(spec, l);
    const kernel = new Float32Array(fanIn * layer.units);
    const init = spec.initialization;
    const std = init.kind === 'normal' ? init.std : init.kind === 'glorot-normal' ? Math.sqrt(2 / (fanIn + layer.units)) : 0;
    if (std > 0) for (let i = 0; i < kernel.length; i++) kernel[i] = gaussian(random) * std;
    return kernel;
  });
  const biases = spec.layers.map((layer) => new Float32Array(layer.units));
  return { kernels, biases };
}

/**
 * TF.js variables holding a dense network's parameters.
 * Ownership: whoever creates it calls `dispose()` (the training session does).
 */
export class DenseNetwork {
  readonly kernels: Variable[];
  readonly biases: Variable[];

  constructor(
    readonly spec: DenseNetworkSpec,
    parameters: DenseParameters,
  ) {
    // tf.tidy frees the initial-value tensors; variables are never tidied away.
    this.kernels = parameters.kernels.map((values, l) =>
      tf.tidy(() => tf.variable(tf.tensor2d(values, [layerInputSize(spec, l), spec.layers[l].units]), true, undefined, 'float32')),
    );
    this.biases = parameters.biases.map((values) => tf.tidy(() => tf.variable(tf.tensor1d(values), true, undefined, 'float32')));
  }

  /** All trainable variables, in layer order (kernel, bias, kernel, bias, ...). */
  get variables(): Variable[] {
    return this.kernels.flatMap((kernel, l) => [kernel, this.biases[l]]);
  }

  /**
   * Forward pass. `inputs`: [batch, inputSize] → [batch, units of the last layer].
   * Call inside tf.tidy or an optimizer's minimize: intermediate tensors are not disposed here.
   */
  apply(inputs: Tensor2D): Tensor2D {
    let activations = inputs;
    this.spec.layers.forEach((layer, l) => {
      const weightedSums = tf.add(tf.matMul(activations, this.kernels[l]), this.biases[l]) as Tensor2D;
      activations = applyActivation(weightedSums, layer.activation);
    });
    return activations;
  }

  /**
   * Copies the current parameters out to fresh arrays the caller owns (safe to transfer: backends may
   * cache the arrays that `data()` returns, so those are never handed out).
   */
  async readParameters(): Promise<DenseParameters> {
    const copy = (tensor: Variable) => (tensor.data() as Promise<Float32Array>).then((values) => values.slice());
    const [kernels, biases] = await Promise.all([Promise.all(this.kernels.map(copy)), Promise.all(this.biases.map(copy))]);
    return { kernels, biases };
  }

  dispose(): void {
    this.variables.forEach((variable) => variable.dispose());
  }
}

/** Elementwise activation on a 2-D tensor. */
export function applyActivation(x: Tensor2D, activation: DenseActivation): Tensor2D {
  switch (activation) {
    case 'linear':
      return x;
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'tanh':
      return tf.tanh(x);
    case 'relu':
      return tf.relu(x);
  }
}
