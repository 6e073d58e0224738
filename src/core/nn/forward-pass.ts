import { LEAKY_RELU_SLOPE, type Activation, type BatchNormSpec, type Conv2dSpec, type DenseSpec, type PoolSpec } from './layers/layer-spec';
import { findParameter, summarizeNetwork, type NetworkParameters, type NetworkSpec } from './network-spec';

/*
 * A plain-JavaScript forward pass in inference mode: no TF.js, no worker, one example at a time.
 * It computes exactly what the engine's Network computes with `training: false` (checked against it in
 * the unit tests), fast enough for one image on the main thread (LeNet-5: ≈ 0.4 M multiply–adds, a few ms).
 */

/** One layer's output for one example. */
export interface LayerOutput {
  /** 0-based index in `network.layers`. */
  layer: number;
  /** Output shape without the batch axis: [h, w, c] or [features]. */
  shape: number[];
  /** Row-major (HWC) values. */
  values: Float32Array;
}

/** The network's output (flattened) and every layer's output, in order. */
export interface ForwardPassResult {
  outputs: Float32Array;
  layers: LayerOutput[];
}

/**
 * Runs `network` with `parameters` on one example `input` (row-major, HWC for images, length
 * product(inputShape)) in inference mode: dropout is the identity, batch norm uses the moving statistics.
 * Throws when the input length or a parameter does not match the spec.
 */
export function forwardPass(network: NetworkSpec, parameters: NetworkParameters, input: Float32Array): ForwardPassResult {
  const summaries = summarizeNetwork(network);
  const inputSize = network.inputShape.reduce((a, b) => a * b, 1);
  if (input.length !== inputSize) throw new Error(`input must have ${inputSize} values, got ${input.length}`);
  let x = input;
  let shape = network.inputShape;
  const layers: LayerOutput[] = [];
  summaries.forEach((summary) => {
    const { layer, index, outputShape } = summary;
    const parameter = (name: string): Float32Array => {
      const values = findParameter(parameters, index, name);
      const expected = summary.parameters.find((definition) => definition.name === name)!.shape.reduce((a, b) => a * b, 1);
      if (!values) throw new Error(`layer ${index + 1} (${layer.kind}) ${name}: missing`);
      if (values.length !== expected) throw new Error(`layer ${index + 1} (${layer.kind}) ${name}: needs ${expected} values, got ${values.length}`);
      return values;
    };
    let y: Float32Array;
    switch (layer.kind) {
      case 'dense':
        y = dense(layer, x, parameter('kernel'), parameter('bias'));
        break;
      case 'conv2d':
        y = conv2d(layer, x, shape, outputShape, parameter('kernel'), parameter('bias'));
        break;
      case 'max-pool':
      case 'avg-pool':
        y = pool(layer, x, shape, outputShape);
        break;
      case 'flatten':
      case 'dropout':
        y = x.slice();
        break;
      case 'activation':
        y = x.slice();
        activate(y, layer.activation);
        break;
      case 'batch-norm':
        y = batchNorm(layer, x, parameter('gamma'), parameter('beta'), parameter('moving-mean'), parameter('moving-variance'));
        break;
      default:
        throw new Error(`layer ${index + 1}: unknown kind '${(layer as { kind: string }).kind}'`);
    }
    layers.push({ layer: index, shape: [...outputShape], values: y });
    x = y;
    shape = outputShape;
  });
  return { outputs: x, layers };
}

/** Applies f elementwise, in place. */
function activate(values: Float32Array, activation: Activation): void {
  const n = values.length;
  switch (activation) {
    case 'linear':
      return;
    case 'relu':
      for (let i = 0; i < n; i++) if (values[i] < 0) values[i] = 0;
      return;
    case 'leaky-relu':
      for (let i = 0; i < n; i++) if (values[i] < 0) values[i] *= LEAKY_RELU_SLOPE;
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) values[i] = 1 / (1 + Math.exp(-values[i]));
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) values[i] = Math.tanh(values[i]);
      return;
    default:
      throw new Error(`unknown activation '${activation as string}'`);
  }
}

/** y_j = f(b_j + Σ_i x_i W_ij), W row-major [fanIn, units]. */
function dense(spec: DenseSpec, x: Float32Array, kernel: Float32Array, bias: Float32Array): Float32Array {
  const units = spec.units;
  const fanIn = x.length;
  const y = new Float32Array(units);
  const sums = new Float64Array(units);
  for (let i = 0; i < fanIn; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const row = i * units;
    for (let j = 0; j < units; j++) sums[j] += xi * kernel[row + j];
  }
  for (let j = 0; j < units; j++) y[j] = sums[j] + bias[j];
  activate(y, spec.activation ?? 'linear');
  return y;
}

/**
 * Padding before the first row (or column) as TF computes it: 'valid' ⇒ 0; 'same' ⇒ ⌊P / 2⌋ with
 * P = max((out − 1)·stride + window − in, 0) (the odd extra pixel goes after the last row).
 */
export function padBefore(inSize: number, outSize: number, window: number, stride: number, padding: 'same' | 'valid'): number {
  if (padding === 'valid') return 0;
  return Math.floor(Math.max((outSize - 1) * stride + window - inSize, 0) / 2);
}

/**
 * y[r, c, f] = f(b_f + Σ_{i, j, k} x[r·s − pt + i·d, c·s − pl + j·d, k] · K[i, j, k, f]), zero outside the input.
 * K row-major [kernelSize, kernelSize, inChannels, filters].
 */
function conv2d(spec: Conv2dSpec, x: Float32Array, inShape: number[], outShape: number[], kernel: Float32Array, bias: Float32Array): Float32Array {
  const [h, w, inC] = inShape;
  const [outH, outW, filters] = outShape;
  const k = spec.kernelSize;
  const stride = spec.stride ?? 1;
  const dilation = spec.dilation ?? 1;
  const window = (k - 1) * dilation + 1;
  const top = padBefore(h, outH, window, stride, spec.padding);
  const left = padBefore(w, outW, window, stride, spec.padding);
  const y = new Float32Array(outH * outW * filters);
  const sums = new Float64Array(filters);
  for (let r = 0; r < outH; r++) {
    for (let c = 0; c < outW; c++) {
      sums.fill(0);
      for (let i = 0; i < k; i++) {
        const row = r * stride - top + i * dilation;
        if (row < 0 || row >= h) continue;
        for (let j = 0; j < k; j++) {
          const col = c * stride - left + j * dilation;
          if (col < 0 || col >= w) continue;
          const xBase = (row * w + col) * inC;
          const kBase = (i * k + j) * inC * filters;
          for (let ch = 0; ch < inC; ch++) {
            const value = x[xBase + ch];
            if (value === 0) continue;
            const kRow = kBase + ch * filters;
            for (let f = 0; f < filters; f++) sums[f] += value * kernel[kRow + f];
          }
        }
      }
      const out = (r * outW + c) * filters;
      for (let f = 0; f < filters; f++) y[out + f] = sums[f] + bias[f];
    }
  }
  activate(y, spec.activation ?? 'linear');
  return y;
}

/** Max or mean of each size×size window ('valid', stride defaults to size), per channel. */
function pool(spec: PoolSpec, x: Float32Array, inShape: number[], outShape: number[]): Float32Array {
  const [, w, channels] = inShape;
  const [outH, outW] = outShape;
  const size = spec.size;
  const stride = spec.stride ?? size;
  const isMax = spec.kind === 'max-pool';
  const y = new Float32Array(outH * outW * channels);
  const count = size * size;
  for (let r = 0; r < outH; r++) {
    for (let c = 0; c < outW; c++) {
      const out = (r * outW + c) * channels;
      for (let ch = 0; ch < channels; ch++) {
        let acc = isMax ? -Infinity : 0;
        for (let i = 0; i < size; i++) {
          const rowBase = (r * stride + i) * w;
          for (let j = 0; j < size; j++) {
            const value = x[(rowBase + c * stride + j) * channels + ch];
            if (isMax) {
              if (value > acc) acc = value;
            } else acc += value;
          }
        }
        y[out + ch] = isMax ? acc : acc / count;
      }
    }
  }
  return y;
}

/** y = γ (x − m) / √(v + ε) + β over the last axis, with the moving mean m and variance v. */
function batchNorm(spec: BatchNormSpec, x: Float32Array, gamma: Float32Array, beta: Float32Array, mean: Float32Array, variance: Float32Array): Float32Array {
  const epsilon = spec.epsilon ?? 1e-5;
  const channels = gamma.length;
  const scale = new Float32Array(channels);
  for (let ch = 0; ch < channels; ch++) scale[ch] = gamma[ch] / Math.sqrt(variance[ch] + epsilon);
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const ch = i % channels;
    y[i] = (x[i] - mean[ch]) * scale[ch] + beta[ch];
  }
  return y;
}

/** Softmax of logits, p_i = e^(z_i − max z) / Σ_j e^(z_j − max z). */
export function softmaxOf(logits: Float32Array): Float32Array {
  let max = -Infinity;
  for (const z of logits) if (z > max) max = z;
  const p = new Float32Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    p[i] = Math.exp(logits[i] - max);
    sum += p[i];
  }
  for (let i = 0; i < p.length; i++) p[i] /= sum;
  return p;
}
