/**
 * State of the CNN explainer: its settings and share-link schema, which network and images it explains, and the
 * small arithmetic between the engine's read-outs and the pictures (which layer Grad-CAM reads, upsampling a coarse
 * map to the image, normalizing, colouring an overlay). No React, no DOM: unit-tested in Node.
 */
import type { DatasetName } from '../../core/data/dataset-chunks';
import type { LayerSummary, NetworkParameters, NetworkSpec } from '../../core/nn/network-spec';
import { summarizeNetwork } from '../../core/nn/network-spec';
import { createSeededRandom } from '../../core/random/seeded-random';
import { choiceSetting, numberSetting, type SettingsSchema } from '../../core/url/shared-settings';

/** Side of the explained images (28×28, one channel). */
export const IMAGE_SIDE = 28;
export const IMAGE_SIZE = IMAGE_SIDE * IMAGE_SIDE;
/** Test images loaded (the first chunks of the test split). */
export const TEST_IMAGES = 1000;

/** Which network: a shipped model, or the learner's own (kept by the CNN trainer) for one of the two datasets. */
export type ExplainerModel = 'lenet5-mnist' | 'fashion-cnn' | 'mine-mnist' | 'mine-fashion-mnist';
export const MODEL_OPTIONS: ReadonlyArray<{ value: ExplainerModel; label: string; dataset: DatasetName; learner: boolean }> = [
  { value: 'lenet5-mnist', label: 'LeNet-5 on MNIST', dataset: 'mnist', learner: false },
  { value: 'fashion-cnn', label: 'The Fashion-MNIST CNN', dataset: 'fashion-mnist', learner: false },
  { value: 'mine-mnist', label: 'The network you trained (MNIST)', dataset: 'mnist', learner: true },
  { value: 'mine-fashion-mnist', label: 'The network you trained (Fashion-MNIST)', dataset: 'fashion-mnist', learner: true },
];
export const datasetOf = (model: ExplainerModel): DatasetName => MODEL_OPTIONS.find((option) => option.value === model)!.dataset;
export const isLearnerModel = (model: ExplainerModel): boolean => model.startsWith('mine-');

export type InputSource = 'test' | 'drawing';
export type OcclusionFill = 'black' | 'grey' | 'white';
export const FILL_VALUES: Record<OcclusionFill, number> = { black: 0, grey: 0.5, white: 1 };
/**
 * What activation maximization raises: one neuron (a channel at the centre of its map, whose receptive field is a
 * patch of the input), a whole channel (its mean over the map), or a class score.
 */
export type AscentTarget = 'unit' | 'channel' | 'class';

export interface ExplainerSettings {
  model: ExplainerModel;
  source: InputSource;
  /** Test image number (0-based). */
  index: number;
  /** The explained class; −1 = the predicted one. */
  classIndex: number;
  /** SmoothGrad: noisy copies n, noise σ (pixels 0..1), seed. */
  samples: number;
  noise: number;
  seed: number;
  /** Occlusion: patch side and stride in pixels, fill value. */
  patch: number;
  stride: number;
  fill: OcclusionFill;
  /** Activation maximization: a conv channel or a class; which conv layer (counted among conv layers, 1-based), channel. */
  target: AscentTarget;
  convLayer: number;
  channel: number;
  steps: number;
}

export const LIMITS = {
  index: { label: 'Test image number', min: 0, max: TEST_IMAGES - 1, integer: true },
  classIndex: { label: 'Class', min: -1, max: 9, integer: true },
  samples: { label: 'Noisy copies n', min: 1, max: 64, integer: true },
  noise: { label: 'Noise σ', min: 0, max: 0.5, integer: false },
  seed: { label: 'Seed', min: 1, max: 9999, integer: true },
  patch: { label: 'Patch size (px)', min: 2, max: 14, integer: true },
  stride: { label: 'Stride (px)', min: 1, max: 14, integer: true },
  convLayer: { label: 'Conv layer', min: 1, max: 8, integer: true },
  channel: { label: 'Channel', min: 0, max: 511, integer: true },
  steps: { label: 'Ascent steps', min: 10, max: 200, integer: true },
} as const;

export const DEFAULT_SETTINGS: ExplainerSettings = {
  model: 'lenet5-mnist',
  source: 'test',
  index: 0,
  classIndex: -1,
  samples: 16,
  noise: 0.15,
  seed: 1,
  patch: 6,
  stride: 3,
  fill: 'black',
  target: 'unit',
  convLayer: 1,
  channel: 0,
  steps: 60,
};

export const SETTINGS_SCHEMA: SettingsSchema<ExplainerSettings> = {
  model: choiceSetting(
    'Network',
    MODEL_OPTIONS.map((option) => option.value),
  ),
  source: choiceSetting('Input', ['test', 'drawing'] as const),
  index: numberSetting(LIMITS.index),
  classIndex: numberSetting(LIMITS.classIndex),
  samples: numberSetting(LIMITS.samples),
  noise: numberSetting(LIMITS.noise),
  seed: numberSetting(LIMITS.seed),
  patch: numberSetting(LIMITS.patch),
  stride: numberSetting(LIMITS.stride),
  fill: choiceSetting('Patch fill', ['black', 'grey', 'white'] as const),
  target: choiceSetting('Target', ['unit', 'channel', 'class'] as const),
  convLayer: numberSetting(LIMITS.convLayer),
  channel: numberSetting(LIMITS.channel),
  steps: numberSetting(LIMITS.steps),
};

/** Activation-maximization constants: step η (pixels, the gradient is RMS-normalized), L2 decay λ, blur period. */
export const ASCENT = { stepSize: 0.04, decay: 0.01, blurEvery: 4, start: 0.15, startNoise: 0.05 } as const;

/** Every layer's summary, and the indices of the convolution layers. */
export function describeNetwork(network: NetworkSpec): { summary: LayerSummary[]; convLayers: number[] } {
  const summary = summarizeNetwork(network);
  const convLayers = summary.filter((layer) => layer.layer.kind === 'conv2d').map((layer) => layer.index);
  return { summary, convLayers };
}

/**
 * The layer Grad-CAM reads: the last layer whose output is still a spatial map [h, w, c] at or after the last
 * convolution (so a ReLU or batch-norm that follows it is included, a pooling is not), or null without convolutions.
 */
export function gradCamLayer(summary: readonly LayerSummary[]): number | null {
  let last: number | null = null;
  for (const layer of summary) {
    if (layer.layer.kind === 'conv2d') last = layer.index;
    else if (last !== null && layer.index === last + 1 && layer.outputShape.length === 3 && layer.layer.kind !== 'max-pool' && layer.layer.kind !== 'avg-pool') last = layer.index;
  }
  return last;
}

/** The index of the largest value (the first one on ties); −1 for an empty array. */
export function argmax(values: ArrayLike<number>): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) if (best < 0 || values[i] > values[best]) best = i;
  return best;
}

/** softmax(z)_i = exp(z_i − max z) / Σ_j exp(z_j − max z). */
export function softmax(logits: ArrayLike<number>): Float32Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  const out = new Float32Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += out[i] = Math.exp(logits[i] - max);
  for (let i = 0; i < logits.length; i++) out[i] /= sum;
  return out;
}

/** The class explained: the chosen one, or the predicted one when `classIndex` is −1 (or out of range). */
export function explainedClass(classIndex: number, predicted: number, classCount: number): number {
  return Number.isInteger(classIndex) && classIndex >= 0 && classIndex < classCount ? classIndex : predicted;
}

/** |v| elementwise. */
export const absolute = (values: ArrayLike<number>): Float32Array => Float32Array.from(values, Math.abs);

/** The largest value (0 for an empty array or when all are ≤ 0). */
export function maxOf(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  return max;
}

/** Channel `channel` of an [h, w, c] channels-last array, as an h·w map. */
export function channelOf(values: ArrayLike<number>, positions: number, channels: number, channel: number, offset = 0): Float32Array {
  const out = new Float32Array(positions);
  for (let p = 0; p < positions; p++) out[p] = values[offset + p * channels + channel];
  return out;
}

/**
 * The grey image with a heat map laid over it as RGBA: the heat h ∈ [0, 1] (values / max) blends the pixel towards
 * a warm colour (yellow → red) with opacity 0.75·h, so cold regions show the image as it is.
 */
export function overlayRgba(image: ArrayLike<number>, heat: ArrayLike<number>, max: number, out: Uint8ClampedArray): void {
  const scale = max > 0 ? 1 / max : 0;
  for (let p = 0; p < image.length; p++) {
    const grey = Math.round(Math.min(1, Math.max(0, image[p])) * 200);
    const h = Math.min(1, Math.max(0, heat[p] * scale));
    const alpha = 0.75 * h;
    const red = 255;
    const green = Math.round(230 * (1 - h));
    const blue = 0;
    out[4 * p] = Math.round(grey * (1 - alpha) + red * alpha);
    out[4 * p + 1] = Math.round(grey * (1 - alpha) + green * alpha);
    out[4 * p + 2] = Math.round(grey * (1 - alpha) + blue * alpha);
    out[4 * p + 3] = 255;
  }
}

/** Activation maximization's seeded start: a dim grey image with a little noise, x₀ = clip(0.15 + 0.05·N(0, 1)). */
export function ascentStart(seed: number): Float32Array {
  const random = createSeededRandom(seed);
  const out = new Float32Array(IMAGE_SIZE);
  for (let p = 0; p < IMAGE_SIZE; p++) {
    // Box–Muller from two uniforms, so the start does not depend on how `gaussian` caches.
    const u = Math.max(1e-12, random());
    const v = random();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    out[p] = Math.min(1, Math.max(0, ASCENT.start + ASCENT.startNoise * z));
  }
  return out;
}

/** The settings made consistent with a network: the conv layer within its convolutions, the channel within that layer. */
export function clampToNetwork(
  settings: ExplainerSettings,
  summary: readonly LayerSummary[],
  convLayers: readonly number[],
): { convLayer: number; channel: number; layer: number } {
  if (convLayers.length === 0) return { convLayer: 1, channel: 0, layer: -1 };
  const convLayer = Math.min(Math.max(1, settings.convLayer), convLayers.length);
  const layer = convLayers[convLayer - 1];
  const shape = summary[layer].outputShape;
  const channel = Math.min(Math.max(0, settings.channel), shape[shape.length - 1] - 1);
  return { convLayer, channel, layer };
}

/** The first `count` images of a uint8 split as float pixels 0..1 (the engine's tiny dataset), with one-hot targets. */
export function tinyDataset(images: Uint8Array, labels: Uint8Array | ArrayLike<number>, count: number, classCount: number) {
  const inputs = new Float32Array(count * IMAGE_SIZE);
  for (let i = 0; i < count * IMAGE_SIZE; i++) inputs[i] = images[i] / 255;
  const targets = new Float32Array(count * classCount);
  for (let i = 0; i < count; i++) targets[i * classCount + labels[i]] = 1;
  return { inputs, targets, count, inputSize: IMAGE_SIZE, targetSize: classCount };
}

/** One test image as float pixels 0..1. */
export function testImage(images: Uint8Array, index: number): Float32Array {
  const out = new Float32Array(IMAGE_SIZE);
  for (let p = 0; p < IMAGE_SIZE; p++) out[p] = images[index * IMAGE_SIZE + p] / 255;
  return out;
}

/** Milliseconds for the timing badges: "12 ms", "1.2 s". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** A model's parameters and spec, as the engine starts from them. */
export interface ExplainedNetwork {
  network: NetworkSpec;
  parameters: NetworkParameters;
}

/** Names of the explanation methods, in the order the widget computes them. */
export type MethodName = 'forward' | 'saliency' | 'smoothgrad' | 'gradcam' | 'occlusion';
export const METHOD_LABELS: Record<MethodName | 'ascent', string> = {
  forward: 'Activations and prediction',
  saliency: 'Saliency',
  smoothgrad: 'SmoothGrad',
  gradcam: 'Grad-CAM',
  occlusion: 'Occlusion',
  ascent: 'Activation maximization (per step)',
};
