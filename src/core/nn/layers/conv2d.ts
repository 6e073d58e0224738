import type { Tensor4D } from '../../tf/tf-core';
import { applyActivation, isFusable } from './activation';
import { requireImage, requireInteger, slidingOutputSize, type LayerDefinition, type TensorFlowOps } from './layer-definition';
import type { Conv2dSpec } from './layer-spec';

/** Span of a dilated kernel: (k − 1)·d + 1 inputs. */
const effectiveKernelSize = (spec: Conv2dSpec) => (spec.kernelSize - 1) * (spec.dilation ?? 1) + 1;

/**
 * 2-D convolution: y = f(x ⊛ K + b), x [batch, h, w, inC], K [k, k, inC, filters], b [filters].
 * Output size: same ⇒ ⌈n / stride⌉, valid ⇒ ⌊(n − ((k − 1)·d + 1)) / stride⌋ + 1.
 * Linear and ReLU run as one fused kernel; other activations are applied after it. A dilated kernel is
 * trained as its spread-out dense equivalent (spreadKernel).
 */
export const conv2dLayer: LayerDefinition<Conv2dSpec> = {
  outputShape(spec, inputShape) {
    requireImage(inputShape);
    requireInteger('filters', spec.filters, 1);
    requireInteger('kernelSize', spec.kernelSize, 1);
    const stride = spec.stride ?? 1;
    const dilation = spec.dilation ?? 1;
    requireInteger('stride', stride, 1);
    requireInteger('dilation', dilation, 1);
    if (stride > 1 && dilation > 1) throw new Error(`cannot combine stride ${stride} with dilation ${dilation}: one of them must be 1`);
    const [h, w] = inputShape;
    const window = effectiveKernelSize(spec);
    const shape = [slidingOutputSize(h, window, stride, spec.padding), slidingOutputSize(w, window, stride, spec.padding), spec.filters];
    if (shape[0] < 1 || shape[1] < 1) {
      const kernel = `${spec.kernelSize}×${spec.kernelSize}${dilation > 1 ? ` (dilation ${dilation})` : ''}`;
      throw new Error(`a ${kernel} kernel does not fit a ${h}×${w} input`);
    }
    return shape;
  },
  parameters: (spec, inputShape) => [
    { name: 'kernel', shape: [spec.kernelSize, spec.kernelSize, inputShape[2], spec.filters], trainable: true, initial: 'weights', decays: true },
    { name: 'bias', shape: [spec.filters], trainable: true, initial: 'zeros', decays: false },
  ],
  multiplyAdds: (spec, inputShape, outputShape) => outputShape[0] * outputShape[1] * spec.kernelSize * spec.kernelSize * inputShape[2] * spec.filters,
  apply(spec, x, parameters, { tf }) {
    const activation = spec.activation ?? 'linear';
    const dilation = spec.dilation ?? 1;
    const conv = {
      x: x as Tensor4D,
      filter: dilation > 1 ? spreadKernel(tf, parameters.kernel as unknown as Tensor4D, dilation) : (parameters.kernel as unknown as Tensor4D),
      strides: spec.stride ?? 1,
      pad: spec.padding,
      bias: parameters.bias,
    };
    return isFusable(activation) ? tf.fused.conv2d({ ...conv, activation }) : applyActivation(tf, tf.fused.conv2d(conv), activation);
  },
};

/**
 * A dilated kernel written out as the dense kernel it acts as: k×k taps spread d apart over
 * (k − 1)·d + 1 rows and columns, zeros between them. TF.js computes no gradient for a dilated convolution;
 * spreading the kernel with differentiable ops (pad, reshape, slice) gives the same outputs and a gradient on
 * every backend, at d² times the multiply–adds of the dilated kernel.
 */
export function spreadKernel(tf: TensorFlowOps, kernel: Tensor4D, dilation: number): Tensor4D {
  const [k, , inChannels, filters] = kernel.shape;
  const span = (k - 1) * dilation + 1;
  const gaps = tf.pad(tf.reshape(kernel, [k, 1, k, 1, inChannels, filters]), [
    [0, 0],
    [0, dilation - 1],
    [0, 0],
    [0, dilation - 1],
    [0, 0],
    [0, 0],
  ]);
  return tf.slice(tf.reshape(gaps, [k * dilation, k * dilation, inChannels, filters]) as Tensor4D, [0, 0, 0, 0], [span, span, inChannels, filters]);
}
