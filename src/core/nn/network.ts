import { tf, type Tensor, type Tensor2D, type Tensor4D, type Variable } from '../tf/tf-core';
import { summarizeNetwork, type Activation, type LayerSummary, type NetworkParameters, type NetworkSpec } from './network-spec';

/** Elementwise activation. */
export function applyActivation<T extends Tensor>(x: T, activation: Activation): T {
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

/** Fused kernels (weighted sum + bias + activation in one pass) have gradients for these activations only. */
function fusable(activation: Activation): activation is 'linear' | 'relu' {
  return activation === 'linear' || activation === 'relu';
}

/**
 * TF.js variables holding a network's parameters, and its forward pass.
 * Ownership: whoever creates it calls `dispose()` (the training session does).
 */
export class Network {
  readonly kernels: Variable[];
  readonly biases: Variable[];
  readonly summary: LayerSummary[];

  constructor(
    readonly spec: NetworkSpec,
    parameters: NetworkParameters,
  ) {
    this.summary = summarizeNetwork(spec);
    const shapes = this.summary.flatMap((layer) => (layer.kernelShape ? [layer.kernelShape] : []));
    // tf.tidy frees the initial-value tensors; variables are never tidied away.
    this.kernels = parameters.kernels.map((values, i) => tf.tidy(() => tf.variable(tf.tensor(values, shapes[i]), true, undefined, 'float32')));
    this.biases = parameters.biases.map((values) => tf.tidy(() => tf.variable(tf.tensor1d(values), true, undefined, 'float32')));
  }

  /** All trainable variables, in layer order (kernel, bias, kernel, bias, ...). */
  get variables(): Variable[] {
    return this.kernels.flatMap((kernel, i) => [kernel, this.biases[i]]);
  }

  /** Flat features per example (the length of one row of training inputs). */
  get inputSize(): number {
    return this.spec.inputShape.reduce((a, b) => a * b, 1);
  }

  /**
   * Forward pass. `inputs`: [batch, inputSize] (reshaped to [batch, ...inputShape]) → [batch, outputs].
   * Dense and conv layers with linear/ReLU activations run as one fused kernel each.
   * Call inside tf.tidy or an optimizer's minimize: intermediate tensors are not disposed here.
   */
  apply(inputs: Tensor2D): Tensor2D {
    let x: Tensor = this.spec.inputShape.length === 1 ? inputs : tf.reshape(inputs, [-1, ...this.spec.inputShape]);
    let parameterIndex = 0;
    this.spec.layers.forEach((layer) => {
      switch (layer.kind) {
        case 'dense': {
          const kernel = this.kernels[parameterIndex] as unknown as Tensor2D;
          const bias = this.biases[parameterIndex++];
          x = fusable(layer.activation)
            ? tf.fused.matMul({ a: x as Tensor2D, b: kernel, bias, activation: layer.activation })
            : applyActivation(tf.fused.matMul({ a: x as Tensor2D, b: kernel, bias }), layer.activation);
          break;
        }
        case 'conv2d': {
          const filter = this.kernels[parameterIndex] as unknown as Tensor4D;
          const bias = this.biases[parameterIndex++];
          const stride = layer.stride ?? 1;
          const conv = { x: x as Tensor4D, filter, strides: stride, pad: layer.padding, bias };
          x = fusable(layer.activation)
            ? tf.fused.conv2d({ ...conv, activation: layer.activation })
            : applyActivation(tf.fused.conv2d(conv), layer.activation);
          break;
        }
        case 'max-pool':
          x = tf.maxPool(x as Tensor4D, layer.size, layer.stride ?? layer.size, 'valid');
          break;
        case 'avg-pool':
          x = tf.avgPool(x as Tensor4D, layer.size, layer.stride ?? layer.size, 'valid');
          break;
        case 'flatten':
          x = tf.reshape(x, [x.shape[0], -1]);
          break;
      }
    });
    return x as Tensor2D;
  }

  /**
   * Copies the current parameters out to fresh arrays the caller owns (safe to transfer: backends may
   * cache the arrays that `data()` returns, so those are never handed out).
   */
  async readParameters(): Promise<NetworkParameters> {
    const copy = (tensor: Variable) => (tensor.data() as Promise<Float32Array>).then((values) => values.slice());
    const [kernels, biases] = await Promise.all([Promise.all(this.kernels.map(copy)), Promise.all(this.biases.map(copy))]);
    return { kernels, biases };
  }

  dispose(): void {
    this.variables.forEach((variable) => variable.dispose());
  }
}
