import type { DatasetName, DatasetSplit } from '../../core/data/load-dataset';
import { labelledImages } from '../../core/data/labelled-images';
import type { PretrainedModelId } from '../../core/models/pretrained-model';
import { fashionCnn } from '../../core/nn/architectures/fashion-cnn';
import { lenet5 } from '../../core/nn/architectures/lenet5';
import { summarizeNetwork, type LayerSpec, type LayerSummary, type NetworkSpec } from '../../core/nn/network-spec';
import type { Activation } from '../../core/nn/layers/layer-spec';
import type { LabelledData } from '../../core/training/labelled-data';
import { OPTIMIZER_KINDS, type OptimizerKind } from '../../core/training/optimizers/optimizer-config';
import type { ReadoutRequests } from '../../core/training/readouts';
import type { TrainingSessionConfig } from '../../core/training/training-config';
import { choiceSetting, numberSetting, type SettingParser, type SettingsSchema } from '../../core/url/shared-settings';

/*
 * The CNN trainer's state as plain data: settings (and their share-link form), the architecture they
 * describe, the training config, the data subsets it evaluates on, and the scores computed from read-outs.
 */

export const DATASETS: readonly DatasetName[] = ['mnist', 'fashion-mnist'];
export const POOLINGS = ['max', 'avg', 'none'] as const;
export type Pooling = (typeof POOLINGS)[number];
export const KERNEL_SIZES = ['3', '5'] as const;
export type KernelSizeChoice = (typeof KERNEL_SIZES)[number];
export const PADDINGS = ['same', 'valid'] as const;
export type Padding = (typeof PADDINGS)[number];
export const ACTIVATIONS = ['relu', 'leaky-relu', 'tanh', 'sigmoid'] as const;
export type TrainerActivation = (typeof ACTIVATIONS)[number];
/** Where training starts: freshly seeded random weights, or the course's pretrained network for the dataset. */
export const STARTS = ['random', 'pretrained'] as const;
export type TrainingStart = (typeof STARTS)[number];

/** The most convolution blocks, and the filter counts each block may have. */
export const MAX_BLOCKS = 4;
export const FILTERS_RULE = { label: 'Filters', min: 1, max: 64, integer: true };

export const BLOCKS_RULE = { label: 'Conv blocks', min: 1, max: MAX_BLOCKS, integer: true };
export const DENSE_RULE = { label: 'Dense width', min: 0, max: 512, integer: true };
export const LEARNING_RATE_RULE = { label: 'Learning rate', min: 0.00001, max: 10 };
export const BATCH_SIZE_RULE = { label: 'Batch size', min: 1, max: 512, integer: true };
export const EPOCHS_RULE = { label: 'Epochs', min: 1, max: 50, integer: true };
export const SEED_RULE = { label: 'Seed', min: 0, max: 999_999, integer: true };

/** Every setting of the trainer; flat, so each is one share-link parameter. */
export interface CnnTrainerSettings {
  dataset: DatasetName;
  /** Number of convolution blocks (conv → activation → optional 2×2 pooling), 1–4. */
  blocks: number;
  /** Filters of blocks 1–4, comma separated ("8,16,32,64"); only the first `blocks` are used. */
  filters: string;
  kernelSize: KernelSizeChoice;
  padding: Padding;
  pooling: Pooling;
  /** Units of the hidden dense layer before the 10 outputs; 0 = none (the features go straight to the outputs). */
  denseUnits: number;
  activation: TrainerActivation;
  optimizer: OptimizerKind;
  learningRate: number;
  batchSize: number;
  epochs: number;
  seed: number;
  /** 'pretrained': the network and weights of the course's model for the dataset, instead of the settings' network. */
  start: TrainingStart;
}

/**
 * The defaults, chosen by measurement (.scratch/cnn-trainer/bench-defaults.ts, WebAssembly backend in Node, 2 cores):
 * two 3×3 blocks of 8 and 16 filters with 2×2 max pooling and a 64-unit dense layer (52,138 parameters, 0.33 M
 * multiply–adds per image, 0.8× LeNet-5's work), Adam at η = 2·10⁻³, batches of 32. See the lesson for the figures.
 */
export const DEFAULT_SETTINGS: CnnTrainerSettings = {
  dataset: 'mnist',
  blocks: 2,
  filters: '8,16,32,64',
  kernelSize: '3',
  padding: 'same',
  pooling: 'max',
  denseUnits: 64,
  activation: 'relu',
  optimizer: 'adam',
  learningRate: 0.002,
  batchSize: 32,
  epochs: 3,
  seed: 1,
  start: 'random',
};

const DEFAULT_FILTERS = [8, 16, 32, 64];

/** Reads "8,16" as four filter counts (missing ones from the defaults); null when it is not 1–4 whole numbers in 1–64. */
export function parseFilters(text: string): number[] | null {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length < 1 || parts.length > MAX_BLOCKS || parts.some((part) => !/^\d{1,3}$/.test(part))) return null;
  const counts = parts.map(Number);
  if (counts.some((count) => count < FILTERS_RULE.min || count > FILTERS_RULE.max)) return null;
  return DEFAULT_FILTERS.map((fallback, i) => counts[i] ?? fallback);
}

/** The filter counts as they go in a link: "8,16,32,64". */
export const formatFilters = (counts: readonly number[]): string => counts.join(',');

/** Replaces block `block`'s (0-based) filter count in the settings' list. */
export function withFilterCount(filters: string, block: number, count: number): string {
  const counts = parseFilters(filters) ?? [...DEFAULT_FILTERS];
  counts[block] = count;
  return formatFilters(counts);
}

const filtersSetting: SettingParser<string> = (raw) => {
  const counts = parseFilters(raw);
  return counts ? { value: formatFilters(counts) } : { problem: `Filters "${raw}" in the link are not 1–4 whole numbers from 1 to 64, separated by commas` };
};

export const SETTINGS_SCHEMA: SettingsSchema<CnnTrainerSettings> = {
  dataset: choiceSetting('Dataset', DATASETS),
  blocks: numberSetting(BLOCKS_RULE),
  filters: filtersSetting,
  kernelSize: choiceSetting('Kernel size', KERNEL_SIZES),
  padding: choiceSetting('Padding', PADDINGS),
  pooling: choiceSetting('Pooling', POOLINGS),
  denseUnits: numberSetting(DENSE_RULE),
  activation: choiceSetting('Activation', ACTIVATIONS),
  optimizer: choiceSetting('Optimizer', OPTIMIZER_KINDS),
  learningRate: numberSetting(LEARNING_RATE_RULE),
  batchSize: numberSetting(BATCH_SIZE_RULE),
  epochs: numberSetting(EPOCHS_RULE),
  seed: numberSetting(SEED_RULE),
  start: choiceSetting('Start', STARTS),
};

/** The settings that describe the architecture: editing any of them leaves the pretrained start. */
export const ARCHITECTURE_KEYS = ['blocks', 'filters', 'kernelSize', 'padding', 'pooling', 'denseUnits', 'activation'] as const;
export type ArchitectureSettings = Pick<CnnTrainerSettings, (typeof ARCHITECTURE_KEYS)[number]>;

/** The course's pretrained network for a dataset, and the architecture settings the editor shows for it. */
export interface PretrainedStart {
  modelId: PretrainedModelId;
  /** Its name in the trainer. */
  name: string;
  /** The network the model was trained with (the model file's own topology is used once it has loaded). */
  network: NetworkSpec;
  /** The editor's settings nearest to it; `exact` when they describe exactly its network. */
  settings: ArchitectureSettings;
  exact: boolean;
}

/**
 * LeNet-5 on MNIST and the small CNN on Fashion-MNIST (see src/core/nn/architectures). The editor expresses the
 * Fashion-MNIST CNN exactly; LeNet-5 has two dense layers and pads only its first convolution, which the editor
 * cannot say, so its settings are the nearest (2 blocks of 6 and 16 5×5 filters, dense 120) and the trained
 * network is the model's own while the pretrained start is on.
 */
export const PRETRAINED_STARTS: Record<DatasetName, PretrainedStart> = {
  mnist: {
    modelId: 'lenet5-mnist',
    name: 'LeNet-5',
    network: lenet5,
    settings: { blocks: 2, filters: '6,16,32,64', kernelSize: '5', padding: 'same', pooling: 'max', denseUnits: 120, activation: 'relu' },
    exact: false,
  },
  'fashion-mnist': {
    modelId: 'fashion-cnn',
    name: 'the Fashion-MNIST CNN',
    network: fashionCnn,
    settings: { blocks: 2, filters: '16,32,32,64', kernelSize: '3', padding: 'same', pooling: 'max', denseUnits: 64, activation: 'relu' },
    exact: true,
  },
};

/** The settings as the editor shows them: while the pretrained start is on, the pretrained network's (nearest) ones. */
export function editorSettings(settings: CnnTrainerSettings): CnnTrainerSettings {
  return settings.start === 'pretrained' ? { ...settings, ...PRETRAINED_STARTS[settings.dataset].settings } : settings;
}

/**
 * A change of settings as the trainer applies it. While the pretrained start is on, the editor shows the pretrained
 * network's settings: an edit of one of them leaves the pretrained start (its weights would not fit) and keeps the
 * others as shown; leaving it by `start: 'random'` keeps them too; a new dataset moves to that dataset's network.
 */
export function applySettingsChange(current: CnnTrainerSettings, changes: Partial<CnnTrainerSettings>): Partial<CnnTrainerSettings> {
  if (current.start !== 'pretrained') return changes;
  const shown = PRETRAINED_STARTS[current.dataset].settings;
  if (changes.start === 'random' || ARCHITECTURE_KEYS.some((key) => key in changes && changes[key] !== shown[key])) return { ...shown, ...changes, start: 'random' };
  if (changes.dataset !== undefined && changes.dataset !== current.dataset) return { ...changes, ...PRETRAINED_STARTS[changes.dataset].settings };
  return changes;
}

/** Image size and classes of both datasets. */
export const IMAGE_SIZE = 28;
export const CLASS_COUNT = 10;

/** The network the settings describe, or the reason they describe none (in words a learner can act on). */
export type ArchitectureResult = { ok: true; network: NetworkSpec; summary: LayerSummary[] } | { ok: false; problem: string };

/**
 * Builds the network: `blocks` × [conv k×k (filters, padding) with the activation → 2×2 pooling unless 'none'],
 * flatten, an optional dense layer of `denseUnits` with the activation, and 10 linear outputs (logits for softmax).
 * ReLU-like activations start from He-normal weights (variance 2/fanIn), tanh and sigmoid from Glorot-normal.
 * A spatial size is followed through the blocks: a 'valid' k×k convolution maps s to s − k + 1 and pooling maps s
 * to ⌊s/2⌋; when one would leave less than one pixel, the architecture is refused with the block named.
 */
export function buildArchitecture(
  settings: Pick<CnnTrainerSettings, 'blocks' | 'filters' | 'kernelSize' | 'padding' | 'pooling' | 'denseUnits' | 'activation'>,
): ArchitectureResult {
  const filters = parseFilters(settings.filters);
  if (!filters) return { ok: false, problem: 'Each block needs a whole number of filters from 1 to 64.' };
  const blocks = settings.blocks;
  if (!(Number.isInteger(blocks) && blocks >= 1 && blocks <= MAX_BLOCKS)) return { ok: false, problem: `The number of conv blocks must be 1 to ${MAX_BLOCKS}.` };
  if (!(Number.isInteger(settings.denseUnits) && settings.denseUnits >= 0 && settings.denseUnits <= DENSE_RULE.max)) {
    return { ok: false, problem: `The dense width must be a whole number from 0 to ${DENSE_RULE.max}.` };
  }
  const kernel = Number(settings.kernelSize);
  const activation: Activation = settings.activation;
  const layers: LayerSpec[] = [];
  let size = IMAGE_SIZE;
  for (let block = 0; block < blocks; block++) {
    if (settings.padding === 'valid') {
      if (size < kernel) {
        return {
          ok: false,
          problem: `Block ${block + 1} cannot fit: its ${kernel}×${kernel} convolution without padding needs at least ${kernel}×${kernel} pixels, but only ${size}×${size} reach it. Use fewer blocks, 'same' padding, 3×3 kernels or no pooling.`,
        };
      }
      size = size - kernel + 1;
    }
    layers.push({ kind: 'conv2d', filters: filters[block], kernelSize: kernel, padding: settings.padding, activation });
    if (settings.pooling !== 'none') {
      if (size < 2) {
        return {
          ok: false,
          problem: `Block ${block + 1} cannot fit: its 2×2 pooling needs at least 2×2 pixels, but only ${size}×${size} reach it. Use fewer blocks, 'same' padding or no pooling.`,
        };
      }
      size = Math.floor(size / 2);
      layers.push({ kind: settings.pooling === 'max' ? 'max-pool' : 'avg-pool', size: 2 });
    }
  }
  layers.push({ kind: 'flatten' });
  if (settings.denseUnits > 0) layers.push({ kind: 'dense', units: settings.denseUnits, activation });
  layers.push({ kind: 'dense', units: CLASS_COUNT, activation: 'linear' });
  const reluLike = activation === 'relu' || activation === 'leaky-relu';
  const network: NetworkSpec = { inputShape: [IMAGE_SIZE, IMAGE_SIZE, 1], layers, initialization: reluLike ? { kind: 'he-normal' } : { kind: 'glorot-normal' } };
  try {
    return { ok: true, network, summary: summarizeNetwork(network) };
  } catch (error) {
    return { ok: false, problem: `This architecture does not fit a 28×28 image: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Σ trainable parameters and Σ forward multiply–adds per image. */
export function networkTotals(summary: readonly LayerSummary[]): { parameters: number; multiplyAdds: number } {
  return summary.reduce((sum, layer) => ({ parameters: sum.parameters + layer.parameterCount, multiplyAdds: sum.multiplyAdds + layer.multiplyAdds }), {
    parameters: 0,
    multiplyAdds: 0,
  });
}

/** True when two networks have the same layers, shapes and initialization (so parameters of one fit the other). */
export function sameArchitecture(a: NetworkSpec, b: NetworkSpec): boolean {
  const strip = (spec: NetworkSpec) => JSON.stringify({ ...spec, layers: spec.layers.map(({ name: _name, ...layer }) => layer), initialization: null });
  return strip(a) === strip(b);
}

/** Validation images scored while training: a fixed subset (the first ones of the split), cheap enough to score often. */
export const VALIDATION_SUBSET = 1000;
/** Test images behind the confusion matrix and the gallery of mistakes (the first ones of the test split). */
export const TEST_SUBSET = 1000;
/** Training images scored for the training accuracy curve (the first ones of the training split). */
export const TRAIN_SUBSET = 500;

/**
 * Validation every this many steps: about every 2,000 training examples (so the subset's 1,000 images cost
 * ~15 % of the time on top of training: a forward pass is ~⅓ of a training step per example), at least every 10 steps.
 */
export function evaluateEvery(batchSize: number): number {
  return Math.max(10, Math.round(2000 / batchSize));
}

/** One split (or its first `limit` images) as one-hot labelled data: inputs [n, 784] bytes, targets [n, 10]. */
export function labelledSplit(split: DatasetSplit, limit = split.count): LabelledData {
  return labelledRows(split, 0, Math.min(limit, split.count));
}

/** Images `start` to `end` (exclusive) of a split as one-hot labelled data, in arrays of their own (labelledImages). */
export function labelledRows(split: DatasetSplit, start: number, end: number): LabelledData {
  return labelledImages(split, start, end);
}

/** What the run trains on: every training image, and the validation subset scored while training. */
export function trainerData(train: DatasetSplit, validation: DatasetSplit): { train: LabelledData; validation: LabelledData } {
  return { train: labelledSplit(train), validation: labelledSplit(validation, VALIDATION_SUBSET) };
}

/** Steps in `epochs` passes over `trainCount` images: epochs × ⌈trainCount / batchSize⌉. */
export function stepsForEpochs(epochs: number, trainCount: number, batchSize: number): number {
  return epochs * Math.ceil(trainCount / Math.min(batchSize, trainCount));
}

/** The engine's config: softmax cross entropy on the logits, the chosen optimizer, a loss point every 5 steps. */
export function trainerConfig(settings: CnnTrainerSettings, network: NetworkSpec, initialParameters?: TrainingSessionConfig['initialParameters']): TrainingSessionConfig {
  return {
    network,
    loss: 'softmax-cross-entropy',
    learningRate: settings.learningRate,
    batchSize: settings.batchSize,
    seed: settings.seed,
    recordEvery: 5,
    evaluateEvery: evaluateEvery(settings.batchSize),
    optimizer: { kind: settings.optimizer },
    ...(initialParameters ? { initialParameters } : {}),
  };
}

/** Images to read activations and outputs for: `count` consecutive 784-pixel images from `start` of a split. */
export function splitImages(split: DatasetSplit, start: number, count: number): Uint8Array {
  const size = split.imageWidth * split.imageHeight;
  return split.images.subarray(start * size, (start + count) * size);
}

/** Where the feature maps come from: a test image (by index in the test split) or the learner's drawing. */
export type MapSource = { kind: 'test'; index: number } | { kind: 'drawing' };

export interface ReadoutInputs {
  trainImages: Uint8Array;
  testImages: Uint8Array;
  /** Every validation image, scored only when training is not running (a read-out computed on pause). */
  fullValidation: Uint8Array | null;
  /** Steps between two scorings of the training subset, and of the test subset. */
  trainEvery: number;
  /** Steps between two copies of the parameters (filters, feature maps and drawings are computed from them). */
  parametersEvery: number;
}

/** Sentinel throttle: computed only on pause, Step, and when the read-outs are set. */
const ONLY_WHEN_PAUSED = 1_000_000_000;

/**
 * The read-outs the trainer asks the engine for: every parameter (the page draws the filters and computes one
 * image's feature maps and a drawing's probabilities from them), the outputs for the training and test subsets,
 * and, when given (on pause), the outputs for every validation image.
 */
export function trainerReadouts({ trainImages, testImages, fullValidation, trainEvery, parametersEvery }: ReadoutInputs): ReadoutRequests {
  const pixels = IMAGE_SIZE * IMAGE_SIZE;
  const readouts: ReadoutRequests = {
    parameters: { kind: 'parameters', everySteps: parametersEvery },
    train: { kind: 'outputs', inputs: trainImages, count: trainImages.length / pixels, everySteps: trainEvery },
    test: { kind: 'outputs', inputs: testImages, count: testImages.length / pixels, everySteps: trainEvery },
  };
  if (fullValidation) readouts.fullValidation = { kind: 'outputs', inputs: fullValidation, count: fullValidation.length / pixels, everySteps: ONLY_WHEN_PAUSED };
  return readouts;
}

/** softmax(z)ᵢ = e^(zᵢ − max z) / Σⱼ e^(zⱼ − max z) of one row of logits (shifted by the max, so it never overflows). */
export function softmaxRow(logits: ArrayLike<number>, offset = 0, classes = CLASS_COUNT): Float64Array {
  let max = -Infinity;
  for (let j = 0; j < classes; j++) max = Math.max(max, logits[offset + j]);
  const out = new Float64Array(classes);
  let sum = 0;
  for (let j = 0; j < classes; j++) sum += out[j] = Math.exp(logits[offset + j] - max);
  for (let j = 0; j < classes; j++) out[j] /= sum;
  return out;
}

/** Scores of a batch of logits against labels. */
export interface OutputScores {
  /** Mean softmax cross entropy −(1/n) Σ log p_{yᵢ}. */
  loss: number;
  /** Share of images whose largest logit is their label. */
  accuracy: number;
  /** argmax of each row. */
  predicted: Uint8Array;
  /** Softmax probability of each row's predicted class. */
  confidence: Float32Array;
}

/** Mean cross entropy, accuracy, predictions and confidences of `count` rows of logits [count, 10]. */
export function scoreOutputs(logits: ArrayLike<number>, labels: ArrayLike<number>, count: number, classes = CLASS_COUNT): OutputScores {
  const predicted = new Uint8Array(count);
  const confidence = new Float32Array(count);
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < count; i++) {
    const p = softmaxRow(logits, i * classes, classes);
    let best = 0;
    for (let j = 1; j < classes; j++) if (p[j] > p[best]) best = j;
    predicted[i] = best;
    confidence[i] = p[best];
    loss -= Math.log(Math.max(p[labels[i]], 1e-12));
    if (best === labels[i]) correct++;
  }
  return { loss: count > 0 ? loss / count : NaN, accuracy: count > 0 ? correct / count : NaN, predicted, confidence };
}

/** One misclassified image: where it is in the split, its label, the prediction and its probability. */
export interface Mistake {
  index: number;
  label: number;
  predicted: number;
  confidence: number;
}

/** The misclassified images, most confident mistakes first (ties: lower index first), at most `limit`. */
export function findMistakes(
  scores: Pick<OutputScores, 'predicted' | 'confidence'>,
  labels: ArrayLike<number>,
  limit: number,
  only?: { label: number; predicted: number },
): Mistake[] {
  const mistakes: Mistake[] = [];
  for (let i = 0; i < scores.predicted.length; i++) {
    if (scores.predicted[i] === labels[i]) continue;
    if (only && (labels[i] !== only.label || scores.predicted[i] !== only.predicted)) continue;
    mistakes.push({ index: i, label: labels[i], predicted: scores.predicted[i], confidence: scores.confidence[i] });
  }
  mistakes.sort((a, b) => b.confidence - a.confidence || a.index - b.index);
  return mistakes.slice(0, limit);
}

/** The first step at which the validation accuracy reached `target`, or null. */
export function firstStepReaching(validation: { steps: readonly number[]; accuracy: readonly number[] }, target: number): number | null {
  const i = validation.accuracy.findIndex((accuracy) => accuracy >= target);
  return i < 0 ? null : validation.steps[i];
}

/** "12.3 s" below a minute, "1 min 05 s" above. */
export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds - minutes * 60)).padStart(2, '0')} s`;
}

/** "61,706" */
export const formatCount = (value: number): string => Math.round(value).toLocaleString('en-US');

/** "0.42 M" for 420,000; plain counts below 10,000. */
export function formatLarge(value: number): string {
  if (value >= 1e9) return `${(value / 1e9).toFixed(2)} G`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
  if (value >= 1e4) return `${(value / 1e3).toFixed(1)} k`;
  return formatCount(value);
}

/** A curve of (step, value) pairs computed from read-outs. */
export interface ScoreCurve {
  steps: number[];
  loss: number[];
  accuracy: number[];
}

export const EMPTY_CURVE: ScoreCurve = { steps: [], loss: [], accuracy: [] };

/**
 * Adds a point at `step`: a step beyond the last appends; the same step replaces the last point (a read-out
 * recomputed on pause); an earlier step means a new run, so the curve starts over from this point.
 */
export function appendScore(curve: ScoreCurve, step: number, loss: number, accuracy: number): ScoreCurve {
  const last = curve.steps[curve.steps.length - 1];
  if (last === undefined || step < last) return { steps: [step], loss: [loss], accuracy: [accuracy] };
  const keep = step === last ? curve.steps.length - 1 : curve.steps.length;
  return { steps: [...curve.steps.slice(0, keep), step], loss: [...curve.loss.slice(0, keep), loss], accuracy: [...curve.accuracy.slice(0, keep), accuracy] };
}

/** One observation of a running model: when (ms, any clock) it had taken how many steps. */
export interface StepSample {
  ms: number;
  step: number;
}

/**
 * Examples per second over the newest `windowMs` of samples: (Δsteps × batch size) ÷ Δt, from the oldest
 * sample inside the window to the newest. Null until the window holds two samples at least 500 ms apart.
 */
export function examplesPerSecond(samples: readonly StepSample[], batchSize: number, windowMs = 4000): number | null {
  if (samples.length < 2) return null;
  const newest = samples[samples.length - 1];
  const oldest = samples.find((sample) => newest.ms - sample.ms <= windowMs) ?? newest;
  const elapsed = newest.ms - oldest.ms;
  if (elapsed < 500) return null;
  return ((newest.step - oldest.step) * batchSize * 1000) / elapsed;
}
