import type { DatasetSplit } from '../../core/data/load-dataset';
import { initializeParameters, summarizeNetwork, type NetworkParameters, type NetworkSpec } from '../../core/nn/network-spec';
import { replaceHead, type HeadReplacement } from '../../core/nn/replace-head';
import { createSeededRandom } from '../../core/random/seeded-random';
import type { LabelledData } from '../../core/training/labelled-data';
import type { OptimizerKind } from '../../core/training/optimizers/optimizer-config';
import type { TrainingSessionConfig } from '../../core/training/training-config';
import { choiceSetting, numberSetting, type SettingParser, type SettingsSchema } from '../../core/url/shared-settings';

/*
 * Finetuning lab: the MNIST digit network (or the learner's own) gets a new 10-class head and is trained on a few
 * hundred Fashion-MNIST images, some layers frozen, side by side with the SAME network started from seeded random
 * weights (nothing frozen) on the same images with the same optimizer, learning rate, batch and seed. Pure logic
 * only: head replacement and freezing, the settings and their share-link form, the images, the two training
 * configs, and the numbers of the comparison.
 */

export type SourceModel = 'pretrained' | 'learner';
export const SOURCE_MODELS: readonly SourceModel[] = ['pretrained', 'learner'];

export type TrainingImagesText = '100' | '300' | '1000';
export const TRAINING_IMAGE_CHOICES: readonly TrainingImagesText[] = ['100', '300', '1000'];

/** The optimizers offered (the same one trains both networks). */
export type LabOptimizer = Extract<OptimizerKind, 'sgd' | 'momentum' | 'adam'>;
export const OPTIMIZERS: readonly LabOptimizer[] = ['adam', 'momentum', 'sgd'];
export const OPTIMIZER_LABELS: Record<LabOptimizer, string> = { adam: 'Adam', momentum: 'SGD with momentum', sgd: 'Plain SGD' };

export const LEARNING_RATE = { label: 'Learning rate', min: 1e-5, max: 1 } as const;
export const EPOCHS = { label: 'Epochs', min: 1, max: 100, integer: true } as const;
export const SEED = { label: 'Seed', min: 0, max: 999_999, integer: true } as const;

/** Everything the learner sets; all of it is kept in the share link. */
export interface FinetuningSettings {
  /** Where the kept layers come from: the course's LeNet-5 trained on MNIST, or the network the learner trained on MNIST. */
  source: SourceModel;
  /** Fashion-MNIST training images both networks learn from (a class-balanced seeded draw). */
  trainingImages: TrainingImagesText;
  /** Layers (0-based indices) frozen in the finetuned network, as text: "0,2", or "none". */
  frozen: string;
  optimizer: LabOptimizer;
  learningRate: number;
  /** Passes over the training images, the same for both networks. */
  epochs: number;
  /** Seeds the draw of images, the new head (and the from-scratch network's weights) and the order of examples. */
  seed: number;
}

export const DEFAULT_SETTINGS: FinetuningSettings = {
  source: 'pretrained',
  trainingImages: '300',
  frozen: '0,2',
  optimizer: 'adam',
  learningRate: 0.001,
  epochs: 20,
  seed: 1,
};

/** The frozen layers as indices, ascending and without repeats: "2,0,2" → [0, 2]; "none" or "" → []. Null for text that is not such a list. */
export function parseFrozenLayers(text: string): number[] | null {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'none') return [];
  if (!/^\d{1,3}(,\d{1,3})*$/.test(trimmed)) return null;
  return [...new Set(trimmed.split(',').map(Number))].sort((a, b) => a - b);
}

/** The share-link text of a list of frozen layers: "0,2", or "none" for none. */
export function formatFrozenLayers(layers: readonly number[]): string {
  const sorted = [...new Set(layers)].sort((a, b) => a - b);
  return sorted.length === 0 ? 'none' : sorted.join(',');
}

const frozenSetting: SettingParser<string> = (raw) => {
  const parsed = parseFrozenLayers(raw);
  return parsed === null ? { problem: `Frozen layers "${raw}" in the link is not a list of layer numbers such as 0,2` } : { value: formatFrozenLayers(parsed) };
};

export const settingsSchema: SettingsSchema<FinetuningSettings> = {
  source: choiceSetting('Source model', SOURCE_MODELS),
  trainingImages: choiceSetting('Training images', TRAINING_IMAGE_CHOICES),
  frozen: frozenSetting,
  optimizer: choiceSetting('Optimizer', OPTIMIZERS),
  learningRate: numberSetting(LEARNING_RATE),
  epochs: numberSetting(EPOCHS),
  seed: numberSetting(SEED),
};

/** Classes of Fashion-MNIST: the new head's outputs. */
export const CLASS_COUNT = 10;
/** Examples per optimizer step, both runs (divides every training-set size offered: an epoch is a whole number of steps). */
export const BATCH_SIZE = 20;
/** Both networks are scored on the first this many images of Fashion-MNIST's validation split (never trained on; the test split is never touched). */
export const VALIDATION_IMAGES = 2000;
/** The training images are drawn from the first this many of the training split (its first two streamed chunks). */
export const TRAINING_POOL = 2000;

/** Optimizer steps per epoch: ⌈images / BATCH_SIZE⌉. */
export function stepsPerEpoch(images: number): number {
  return Math.max(1, Math.ceil(images / BATCH_SIZE));
}

/** Steps of the whole run: epochs × stepsPerEpoch(images). */
export function totalSteps(images: number, epochs: number): number {
  return Math.max(1, Math.floor(epochs)) * stepsPerEpoch(images);
}

/**
 * A class-balanced seeded draw: ⌊count / classes⌋ images of each class (the remainder to the first classes), each
 * class's images picked without replacement from those in `labels[0..pool)` by a generator seeded with `seed`,
 * then shuffled together. Returns the chosen indices (fewer when a class runs out).
 */
export function selectBalancedIndices(labels: ArrayLike<number>, pool: number, count: number, classes: number, seed: number): Int32Array {
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  const end = Math.min(pool, labels.length);
  for (let i = 0; i < end; i++) if (labels[i] >= 0 && labels[i] < classes) byClass[labels[i]].push(i);
  const random = createSeededRandom((seed ^ 0x2545f491) >>> 0);
  const chosen: number[] = [];
  byClass.forEach((members, label) => {
    const want = Math.min(members.length, Math.floor(count / classes) + (label < count % classes ? 1 : 0));
    for (let i = 0; i < want; i++) {
      const j = i + Math.floor(random() * (members.length - i));
      [members[i], members[j]] = [members[j], members[i]];
      chosen.push(members[i]);
    }
  });
  for (let i = chosen.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [chosen[i], chosen[j]] = [chosen[j], chosen[i]];
  }
  return Int32Array.from(chosen);
}

/** The images at `indices` of a split as engine data: pixels [n, 784] uint8 (scaled to 0..1 by the engine), one-hot targets. */
export function gatherLabelled(split: DatasetSplit, indices: ArrayLike<number>): LabelledData {
  const size = split.imageWidth * split.imageHeight;
  const classes = split.classNames.length;
  const inputs = new Uint8Array(indices.length * size);
  const targets = new Float32Array(indices.length * classes);
  for (let i = 0; i < indices.length; i++) {
    const source = indices[i];
    inputs.set(split.images.subarray(source * size, (source + 1) * size), i * size);
    targets[i * classes + split.labels[source]] = 1;
  }
  return { inputs, targets, count: indices.length, inputSize: size, targetSize: classes };
}

/** What the lab shows about one layer of the finetuned network. */
export interface LayerRow {
  index: number;
  /** "conv 6@5×5", "max-pool 2", "dense 120", "dense 10 (new head)". */
  description: string;
  outputShape: number[];
  parameterCount: number;
  /** kept: trained values carried over; new: the fresh head; none: nothing to carry (pool, flatten). */
  role: 'kept' | 'new' | 'none';
  /** Only kept layers with parameters can be frozen (the new head always learns; a pool has nothing to hold fixed). */
  freezable: boolean;
  frozen: boolean;
}

/** A layer in a few words. */
export function describeLayerShort(network: NetworkSpec, index: number): string {
  const layer = network.layers[index];
  switch (layer.kind) {
    case 'conv2d':
      return `conv ${layer.filters}@${layer.kernelSize}×${layer.kernelSize}`;
    case 'dense':
      return `dense ${layer.units}`;
    case 'max-pool':
    case 'avg-pool':
      return `${layer.kind} ${layer.size}×${layer.size}`;
    case 'dropout':
      return `dropout ${layer.rate}`;
    default:
      return layer.kind;
  }
}

/** The layers of the finetuned network with their role and whether they are (and can be) frozen. */
export function layerRows(network: NetworkSpec, headLayer: number, frozen: readonly number[]): LayerRow[] {
  return summarizeNetwork(network).map((summary) => {
    const hasParameters = summary.parameters.some((parameter) => parameter.trainable);
    const role = summary.index === headLayer ? 'new' : summary.parameters.length > 0 ? 'kept' : 'none';
    const freezable = role === 'kept' && hasParameters;
    return {
      index: summary.index,
      description: describeLayerShort(network, summary.index) + (role === 'new' ? ' (new head)' : ''),
      outputShape: summary.outputShape,
      parameterCount: summary.parameterCount,
      role,
      freezable,
      frozen: freezable && frozen.includes(summary.index),
    };
  });
}

/** The requested frozen layers that can be frozen in this network (kept layers with trainable parameters). */
export function effectiveFrozenLayers(network: NetworkSpec, headLayer: number, requested: readonly number[]): number[] {
  return layerRows(network, headLayer, requested)
    .filter((row) => row.frozen)
    .map((row) => row.index);
}

/** Indices of the kept layers of a given kind (e.g. every conv layer), for the "freeze all convolutions" shortcut. */
export function keptLayersOfKind(network: NetworkSpec, headLayer: number, kind: 'conv2d' | 'dense'): number[] {
  return layerRows(network, headLayer, [])
    .filter((row) => row.freezable && network.layers[row.index].kind === kind)
    .map((row) => row.index);
}

/**
 * The two starting points. Finetuned: the source's body with a new 10-unit head (replaceHead, seeded). From
 * scratch: the same network's seeded random initialization, `initializeParameters(network, seed)`: its head is the
 * very same as the finetuned one's, so the two differ only in where the body starts.
 */
export function startingPoints(source: { network: NetworkSpec; parameters: NetworkParameters }, seed: number): { finetuned: HeadReplacement; scratch: NetworkParameters } {
  const finetuned = replaceHead(source.network, source.parameters, { units: CLASS_COUNT, seed });
  return { finetuned, scratch: initializeParameters(finetuned.network, seed) };
}

/** Why a network cannot be finetuned here (in words for the learner), or null when it can. */
export function incompatibility(network: NetworkSpec): string | null {
  try {
    const summary = summarizeNetwork(network);
    if (network.inputShape.join('×') !== '28×28×1') return 'it does not read 28×28 grey images';
    const head = replaceHead(network, initializeParameters(network, 0), { units: CLASS_COUNT, seed: 0 });
    if (head.keptLayers.length === 0) return 'it has no layers before its last dense layer to carry over';
    return summary.length > 0 ? null : 'it has no layers';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * The training config both runs share but for the starting parameters and the frozen layers: softmax cross
 * entropy, the chosen optimizer and constant learning rate, BATCH_SIZE, the seed (order of examples), a loss
 * point every step and a validation point at the end of every epoch.
 */
export function sharedConfig(network: NetworkSpec, settings: FinetuningSettings, images: number): Omit<TrainingSessionConfig, 'initialParameters' | 'frozenLayers'> {
  return {
    network,
    loss: 'softmax-cross-entropy',
    learningRate: settings.learningRate,
    batchSize: BATCH_SIZE,
    seed: settings.seed,
    optimizer: { kind: settings.optimizer },
    recordEvery: 1,
    evaluateEvery: stepsPerEpoch(images),
  };
}

/** The finetuned run: starts from the source's body and the new head, with the chosen layers frozen. */
export function finetuneConfig(replacement: HeadReplacement, settings: FinetuningSettings, images: number): TrainingSessionConfig {
  const frozen = effectiveFrozenLayers(replacement.network, replacement.headLayer, parseFrozenLayers(settings.frozen) ?? []);
  return { ...sharedConfig(replacement.network, settings, images), initialParameters: replacement.parameters, frozenLayers: frozen };
}

/** The from-scratch run: the same network from seeded random weights, nothing frozen. */
export function scratchConfig(network: NetworkSpec, scratch: NetworkParameters, settings: FinetuningSettings, images: number): TrainingSessionConfig {
  return { ...sharedConfig(network, settings, images), initialParameters: scratch, frozenLayers: [] };
}

/** One run's validation record, as the engine reports it. */
export interface ValidationRecord {
  steps: number[];
  loss: number[];
  accuracy: number[];
}

/** What the comparison table shows for one run; null numbers before the first evaluation after step 0. */
export interface RunSummary {
  /** Accuracy (0..1) and loss at the newest evaluation, and its step. */
  finalAccuracy: number | null;
  finalLoss: number | null;
  finalStep: number | null;
  /** The highest accuracy seen so far and the first step that reached it. */
  bestAccuracy: number | null;
  bestStep: number | null;
  /** Accuracy before any training (the step-0 evaluation), when measured. */
  startAccuracy: number | null;
}

/** Final, best and starting accuracy of a run from its validation record. */
export function summarizeRun(validation: ValidationRecord): RunSummary {
  const n = validation.accuracy.length;
  let best: number | null = null;
  let bestStep: number | null = null;
  for (let i = 0; i < n; i++) {
    if (best === null || validation.accuracy[i] > best) {
      best = validation.accuracy[i];
      bestStep = validation.steps[i];
    }
  }
  const startIndex = validation.steps.indexOf(0);
  return {
    finalAccuracy: n > 0 ? validation.accuracy[n - 1] : null,
    finalLoss: n > 0 ? validation.loss[n - 1] : null,
    finalStep: n > 0 ? validation.steps[n - 1] : null,
    bestAccuracy: best,
    bestStep,
    startAccuracy: startIndex >= 0 ? validation.accuracy[startIndex] : null,
  };
}

/** Finetuned minus from-scratch, in percentage points (null when either is missing). */
export function gapInPoints(finetuned: number | null, scratch: number | null): number | null {
  return finetuned === null || scratch === null ? null : (finetuned - scratch) * 100;
}

/**
 * The first step at which a run's validation accuracy reached `target` (0..1), or null: "how many steps did the
 * from-scratch network need to get where finetuning got" reads from it.
 */
export function firstStepReaching(validation: ValidationRecord, target: number): number | null {
  const index = validation.accuracy.findIndex((accuracy) => accuracy >= target);
  return index < 0 ? null : validation.steps[index];
}

/** A sentence comparing the two runs' newest accuracies, with a note while they are at different steps. */
export function verdict(finetuned: RunSummary, scratch: RunSummary): string {
  if (finetuned.finalStep === null || scratch.finalStep === null || finetuned.finalStep === 0 || scratch.finalStep === 0) {
    return 'Press Train: both networks learn side by side on the same images, and which one leads on the validation images appears here.';
  }
  const gap = gapInPoints(finetuned.finalAccuracy, scratch.finalAccuracy) ?? 0;
  const note = finetuned.finalStep !== scratch.finalStep ? ' (so far: they are at different steps)' : '';
  if (Math.abs(gap) < 0.05) return `The two are level${note}.`;
  return gap > 0
    ? `Finetuning leads training from scratch by ${gap.toFixed(1)} percentage points${note}.`
    : `Training from scratch leads finetuning by ${Math.abs(gap).toFixed(1)} percentage points${note}.`;
}

/** max |after − before| over every value of the layer's trainable parameters (weights and bias), or null when either is missing. */
export function maxChange(before: NetworkParameters, after: NetworkParameters | null | undefined, layer: number): number | null {
  if (!after) return null;
  const befores = before.filter((parameter) => parameter.layer === layer);
  if (befores.length === 0) return null;
  let largest = 0;
  for (const parameter of befores) {
    const current = after.find((candidate) => candidate.layer === layer && candidate.name === parameter.name);
    if (!current || current.values.length !== parameter.values.length) return null;
    for (let i = 0; i < parameter.values.length; i++) largest = Math.max(largest, Math.abs(current.values[i] - parameter.values[i]));
  }
  return largest;
}

/**
 * The first layer's filters as images: a conv kernel [k, k, 1, filters] → one k×k array per filter (row-major),
 * or null when layer 0 is not a one-channel convolution.
 */
export function firstLayerFilters(network: NetworkSpec, parameters: NetworkParameters | null | undefined): Float32Array[] | null {
  const layer = network.layers[0];
  const kernel = parameters?.find((parameter) => parameter.layer === 0 && parameter.name === 'kernel');
  if (!layer || layer.kind !== 'conv2d' || !kernel || kernel.shape.length !== 4 || kernel.shape[2] !== 1) return null;
  const [height, width, , filters] = kernel.shape;
  return Array.from({ length: filters }, (_, filter) => {
    const image = new Float32Array(height * width);
    for (let i = 0; i < height * width; i++) image[i] = kernel.values[i * filters + filter];
    return image;
  });
}
