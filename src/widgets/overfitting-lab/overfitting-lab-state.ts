import { seededSample } from '../../core/random/seeded-sample';
import type { DatasetName } from '../../core/data/load-dataset';
import type { NetworkSpec } from '../../core/nn/network-spec';
import type { LayerSpec } from '../../core/nn/layers/layer-spec';
import { createSeededRandom } from '../../core/random/seeded-random';
import type { LabelledData } from '../../core/training/labelled-data';
import type { TrainingSessionConfig } from '../../core/training/training-config';
import { choiceSetting, numberSetting, type SettingsSchema } from '../../core/url/shared-settings';

/*
 * The overfitting lab: a deliberately small training subset of real images, a network far too large for it
 * (784 → 512 → 512 → 10, ReLU: 669,706 weights for a few hundred images), and the cures, dropout, decoupled weight
 * decay and early stopping, each switchable. Everything here is pure and runs under Node: which images are drawn,
 * which labels are corrupted, the network and training config a setting gives, the training-set metrics from the
 * network's outputs, the generalization gap, and the list of runs kept for comparison.
 */

export type TrainingImagesText = '100' | '250' | '500' | '1000' | '5000';
export const TRAINING_IMAGE_CHOICES: readonly TrainingImagesText[] = ['100', '250', '500', '1000', '5000'];
export const DATASETS: readonly DatasetName[] = ['mnist', 'fashion-mnist'];
export const DATASET_LABELS: Record<DatasetName, string> = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST' };

/** Where dropout applies: after each hidden layer, or also to the input pixels. */
export type DropoutPlacement = 'hidden' | 'input-hidden';
export const DROPOUT_PLACEMENTS: readonly DropoutPlacement[] = ['hidden', 'input-hidden'];
export const DROPOUT_PLACEMENT_LABELS: Record<DropoutPlacement, string> = { hidden: 'Hidden layers', 'input-hidden': 'Input and hidden' };

export type OnOff = 'on' | 'off';
export const ON_OFF: readonly OnOff[] = ['on', 'off'];

/** The training images are drawn from the first this many images of the training split (its first three chunks). */
export const POOL_IMAGES = 6000;
/** Validation images: the first this many of the validation split, the same for every setting (never the test split). */
export const VALIDATION_IMAGES = 2000;
/** Examples per optimizer step. */
export const BATCH_SIZE = 50;
/** Units in each of the two hidden layers. */
export const HIDDEN_UNITS = 512;
/** The input dropout rate is this fraction of the hidden one (the usual 0.2 input / 0.5 hidden of Srivastava et al.). */
export const INPUT_DROPOUT_SHARE = 0.4;

export const LABEL_NOISE = { label: 'Label noise (%)', min: 0, max: 80, integer: true } as const;
export const DROPOUT_RATE = { label: 'Dropout rate', min: 0, max: 0.9 } as const;
export const WEIGHT_DECAY = { label: 'Weight decay λ', min: 0, max: 50 } as const;
export const PATIENCE = { label: 'Patience (epochs)', min: 1, max: 50, integer: true } as const;
export const LEARNING_RATE = { label: 'Learning rate', min: 0.00001, max: 0.05 } as const;
export const EPOCHS = { label: 'Epochs', min: 1, max: 300, integer: true } as const;
export const SEED = { label: 'Seed', min: 0, max: 999_999, integer: true } as const;

/** Everything the learner sets; all of it is kept in the share link. */
export interface OverfittingSettings {
  dataset: DatasetName;
  /** How many training images the network learns from. */
  trainingImages: TrainingImagesText;
  /** Percentage of training labels replaced by a wrong class (drawn with the seed). */
  labelNoise: number;
  /** p: the probability that a hidden unit is switched off in a training step (0 = no dropout layers). */
  dropoutRate: number;
  dropoutPlacement: DropoutPlacement;
  /** λ of decoupled weight decay (AdamW): after each step every weight w ← w − η λ w. */
  weightDecay: number;
  /** Whether early stopping ends the run; off, the lab still marks where it would have stopped. */
  earlyStopping: OnOff;
  /** Epochs without a lower validation loss before early stopping ends the run. */
  patience: number;
  learningRate: number;
  /** Length of the run. */
  epochs: number;
  /** Seeds the choice of images, the corrupted labels, the initial weights, the example order and the dropout masks. */
  seed: number;
}

export const DEFAULT_SETTINGS: OverfittingSettings = {
  dataset: 'mnist',
  trainingImages: '500',
  labelNoise: 20,
  dropoutRate: 0,
  dropoutPlacement: 'hidden',
  weightDecay: 0,
  earlyStopping: 'off',
  patience: 5,
  learningRate: 0.001,
  epochs: 30,
  seed: 1,
};

export const settingsSchema: SettingsSchema<OverfittingSettings> = {
  dataset: choiceSetting('Dataset', DATASETS),
  trainingImages: choiceSetting('Training images', TRAINING_IMAGE_CHOICES),
  labelNoise: numberSetting(LABEL_NOISE),
  dropoutRate: numberSetting(DROPOUT_RATE),
  dropoutPlacement: choiceSetting('Dropout placement', DROPOUT_PLACEMENTS),
  weightDecay: numberSetting(WEIGHT_DECAY),
  earlyStopping: choiceSetting('Early stopping', ON_OFF),
  patience: numberSetting(PATIENCE),
  learningRate: numberSetting(LEARNING_RATE),
  epochs: numberSetting(EPOCHS),
  seed: numberSetting(SEED),
};

/**
 * `count` distinct indices of 0..available−1, drawn by a generator seeded with `seed` (partial Fisher–Yates: the
 * first `count` places of a seeded shuffle), in drawing order. At most `available`, at least 1.
 */
export function drawSubset(available: number, count: number, seed: number): Int32Array {
  return seededSample(available, Math.max(1, count), seed ^ 0x2545f491);
}

/** Labels after corruption, and which positions were corrupted (1) or kept (0). */
export interface NoisyLabels {
  labels: Uint8Array;
  corrupted: Uint8Array;
  corruptedCount: number;
}

/**
 * Label noise: round(percent/100 · n) positions, drawn with `seed`, get a wrong class drawn uniformly from the other
 * classCount − 1 classes (so a corrupted label is never accidentally right). The rest keep their labels.
 */
export function corruptLabels(labels: Uint8Array, classCount: number, percent: number, seed: number): NoisyLabels {
  const n = labels.length;
  const corruptedCount = Math.min(n, Math.round((Math.max(0, percent) / 100) * n));
  const positions = n > 0 && corruptedCount > 0 ? drawSubset(n, corruptedCount, (seed * 7919 + 17) >>> 0) : new Int32Array(0);
  const random = createSeededRandom((seed ^ 0x68e31da4) >>> 0);
  const noisy = Uint8Array.from(labels);
  const corrupted = new Uint8Array(n);
  for (const position of positions) {
    const offset = 1 + Math.floor(random() * (classCount - 1));
    noisy[position] = (labels[position] + offset) % classCount;
    corrupted[position] = 1;
  }
  return { labels: noisy, corrupted, corruptedCount };
}

/** Images [count, pixels] and labels [count]: a subset of a split. */
export interface ImageSet {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  pixels: number;
  classCount: number;
}

/** The images at `indices` of a source set, copied in that order. */
export function gatherImages(source: { images: Uint8Array; labels: Uint8Array; pixels: number; classCount: number }, indices: ArrayLike<number>): ImageSet {
  const { pixels } = source;
  const images = new Uint8Array(indices.length * pixels);
  const labels = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    images.set(source.images.subarray(indices[i] * pixels, (indices[i] + 1) * pixels), i * pixels);
    labels[i] = source.labels[indices[i]];
  }
  return { images, labels, count: indices.length, pixels, classCount: source.classCount };
}

/** Labelled data for the engine: pixels [count, pixels] (uint8, the engine scales by 1/255) and one-hot targets. */
export function toLabelledData(set: ImageSet, labels: Uint8Array = set.labels): LabelledData {
  const targets = new Float32Array(set.count * set.classCount);
  for (let i = 0; i < set.count; i++) targets[i * set.classCount + labels[i]] = 1;
  return { inputs: set.images, targets, count: set.count, inputSize: set.pixels, targetSize: set.classCount };
}

/** Where each kind of layer sits in the network of a setting. */
export interface NetworkLayout {
  network: NetworkSpec;
  /** Indices of the three dense layers (input → hidden 1, hidden 1 → hidden 2, hidden 2 → output). */
  dense: [number, number, number];
  /** The dropout layers in order, with what they drop: the input pixels or a hidden layer's units. */
  dropout: Array<{ layer: number; role: 'input' | 'hidden-1' | 'hidden-2' }>;
}

/**
 * The network of a setting: [dropout(0.4 p) on the pixels, when placed there] → dense 512 ReLU → [dropout p] →
 * dense 512 ReLU → [dropout p] → dense 10 (logits), He-normal weights. Without dropout (p = 0) no dropout layer exists.
 */
export function networkLayout(settings: Pick<OverfittingSettings, 'dropoutRate' | 'dropoutPlacement'>, classCount = 10): NetworkLayout {
  const layers: LayerSpec[] = [];
  const dropout: NetworkLayout['dropout'] = [];
  const rate = settings.dropoutRate;
  const addDropout = (layerRate: number, role: NetworkLayout['dropout'][number]['role']) => {
    dropout.push({ layer: layers.length, role });
    layers.push({ kind: 'dropout', rate: layerRate, name: `dropout-${role}` });
  };
  if (rate > 0 && settings.dropoutPlacement === 'input-hidden') addDropout(inputDropoutRate(rate), 'input');
  const first = layers.length;
  layers.push({ kind: 'dense', units: HIDDEN_UNITS, activation: 'relu', name: 'hidden-1' });
  if (rate > 0) addDropout(rate, 'hidden-1');
  const second = layers.length;
  layers.push({ kind: 'dense', units: HIDDEN_UNITS, activation: 'relu', name: 'hidden-2' });
  if (rate > 0) addDropout(rate, 'hidden-2');
  const output = layers.length;
  layers.push({ kind: 'dense', units: classCount, activation: 'linear', name: 'output' });
  return { network: { inputShape: [784], layers, initialization: { kind: 'he-normal' } }, dense: [first, second, output], dropout };
}

/** The input pixels' dropout rate for hidden rate p: 0.4 p, rounded to 3 decimals (p = 0.5 ⇒ 0.2). */
export function inputDropoutRate(rate: number): number {
  return Math.round(rate * INPUT_DROPOUT_SHARE * 1000) / 1000;
}

/** Optimizer steps per epoch: ⌈images / BATCH_SIZE⌉. */
export function stepsPerEpoch(images: number): number {
  return Math.max(1, Math.ceil(images / BATCH_SIZE));
}

/** Steps of the whole run: epochs × stepsPerEpoch(images). */
export function totalSteps(images: number, epochs: number): number {
  return Math.max(1, Math.floor(epochs)) * stepsPerEpoch(images);
}

/**
 * The training config of a setting: softmax cross entropy, AdamW (Adam with decoupled weight decay λ: after each
 * step w ← w − η λ w on the weights, not the biases; λ = 0 is plain Adam), BATCH_SIZE examples a step, a validation
 * evaluation at the end of every epoch, and early stopping on the validation loss with `patience` epochs and
 * restore-best-weights. Early stopping always tracks the best epoch; it ends the run only when switched on.
 */
export function sessionConfig(settings: OverfittingSettings, images: number, network: NetworkSpec): TrainingSessionConfig {
  const perEpoch = stepsPerEpoch(images);
  return {
    network,
    loss: 'softmax-cross-entropy',
    learningRate: settings.learningRate,
    batchSize: BATCH_SIZE,
    seed: settings.seed,
    recordEvery: 1,
    evaluateEvery: perEpoch,
    optimizer: { kind: 'adamw', weightDecay: settings.weightDecay },
    earlyStopping: { patience: settings.patience, monitor: 'validation-loss', stopTraining: settings.earlyStopping === 'on', restoreBestWeights: true },
  };
}

/** Loss and accuracy of a set of predictions. */
export interface Metrics {
  loss: number;
  accuracy: number;
}

/**
 * Mean softmax cross entropy and accuracy of logits [count, classCount] against integer labels:
 * L = (1/n) Σᵢ (log Σⱼ e^{zᵢⱼ} − z_{i,yᵢ}) (computed stably, subtracting maxⱼ zᵢⱼ), accuracy = share of argmax zᵢ = yᵢ.
 */
export function logitMetrics(logits: ArrayLike<number>, labels: ArrayLike<number>, classCount: number): Metrics {
  const count = labels.length;
  if (count === 0) return { loss: NaN, accuracy: NaN };
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < count; i++) {
    const offset = i * classCount;
    let max = -Infinity;
    let best = 0;
    for (let j = 0; j < classCount; j++) {
      if (logits[offset + j] > max) {
        max = logits[offset + j];
        best = j;
      }
    }
    let sum = 0;
    for (let j = 0; j < classCount; j++) sum += Math.exp(logits[offset + j] - max);
    loss += Math.log(sum) + max - logits[offset + labels[i]];
    if (best === labels[i]) correct++;
  }
  return { loss: loss / count, accuracy: correct / count };
}

/**
 * The generalization gap between training and validation: loss gap = L_val − L_train (how much worse the network
 * predicts unseen images), accuracy gap = acc_train − acc_val (in the same units, 0..1). Positive = overfitting.
 */
export function generalizationGap(train: Metrics, validation: Metrics): Metrics {
  return { loss: validation.loss - train.loss, accuracy: train.accuracy - validation.accuracy };
}

/** A training-set measurement at one step. */
export interface TrainPoint extends Metrics {
  step: number;
}

/**
 * Adds a training-set measurement to the history, keeping steps strictly increasing: a point at a step already
 * measured replaces it, and one at an earlier step (a restored model) starts the history again from there.
 */
export function appendTrainPoint(history: readonly TrainPoint[], point: TrainPoint): TrainPoint[] {
  const kept = history.filter((earlier) => earlier.step < point.step);
  return [...kept, point];
}

/** The point whose step is nearest to `step` (the earlier one on a tie), or null for an empty history. */
export function nearestPoint(history: readonly TrainPoint[], step: number): TrainPoint | null {
  let best: TrainPoint | null = null;
  for (const point of history) if (best === null || Math.abs(point.step - step) < Math.abs(best.step - step)) best = point;
  return best;
}

/** One sentence describing a setting, for a kept run's legend entry. */
export function describeSettings(settings: OverfittingSettings): string {
  const parts = [`${DATASET_LABELS[settings.dataset]} ${Number(settings.trainingImages).toLocaleString('en-US')} images`];
  if (settings.labelNoise > 0) parts.push(`${settings.labelNoise}% noise`);
  parts.push(settings.dropoutRate > 0 ? `dropout ${settings.dropoutRate}${settings.dropoutPlacement === 'input-hidden' ? ' (+input)' : ''}` : 'no dropout');
  parts.push(settings.weightDecay > 0 ? `λ ${settings.weightDecay}` : 'no decay');
  if (settings.earlyStopping === 'on') parts.push(`early stop (patience ${settings.patience})`);
  if (settings.learningRate !== DEFAULT_SETTINGS.learningRate) parts.push(`η ${settings.learningRate}`);
  parts.push(`seed ${settings.seed}`);
  return parts.join(', ');
}

/** A finished (or paused) run kept for comparison: its validation curve against epochs and its summary numbers. */
export interface PinnedRun {
  id: number;
  label: string;
  epochs: number[];
  validationLoss: number[];
  validationAccuracy: number[];
  /** Highest validation accuracy and the epoch it was reached at. */
  bestAccuracy: number;
  bestEpoch: number;
  finalAccuracy: number;
  /** Standard deviation of the hidden layer's weights at the end (null when not read). */
  weightStd: number | null;
}

/** How many runs can be kept at once; keeping one more drops the oldest. */
export const MAX_PINNED = 4;

/**
 * A run to keep from its validation history (steps → epochs by `perEpoch`); null before its first validation
 * point after step 0 (an untrained run is nothing to compare).
 */
export function pinnedRunFrom(
  id: number,
  label: string,
  validation: { steps: number[]; loss: number[]; accuracy: number[] },
  perEpoch: number,
  weightStd: number | null,
): PinnedRun | null {
  if (!validation.steps.some((step) => step > 0)) return null;
  const n = validation.steps.length;
  let best = 0;
  for (let i = 1; i < n; i++) if (validation.accuracy[i] > validation.accuracy[best]) best = i;
  return {
    id,
    label,
    epochs: validation.steps.map((step) => step / perEpoch),
    validationLoss: [...validation.loss],
    validationAccuracy: [...validation.accuracy],
    bestAccuracy: validation.accuracy[best],
    bestEpoch: validation.steps[best] / perEpoch,
    finalAccuracy: validation.accuracy[n - 1],
    weightStd,
  };
}

/** The kept runs after keeping `run`: appended, the oldest dropped beyond `max`. */
export function pinRun(pinned: readonly PinnedRun[], run: PinnedRun, max = MAX_PINNED): PinnedRun[] {
  return [...pinned, run].slice(-max);
}

/** The kept runs without the one with `id`. */
export function unpinRun(pinned: readonly PinnedRun[], id: number): PinnedRun[] {
  return pinned.filter((run) => run.id !== id);
}

/** The first `count` entries of a dropout mask (1 kept, 0 dropped) and the share kept over the whole mask. */
export function maskSample(kept: ArrayLike<number>, count: number): { sample: number[]; keptShare: number; keptCount: number } {
  let keptCount = 0;
  for (let i = 0; i < kept.length; i++) keptCount += kept[i] ? 1 : 0;
  const sample = Array.from({ length: Math.min(count, kept.length) }, (_, i) => (kept[i] ? 1 : 0));
  return { sample, keptShare: kept.length === 0 ? NaN : keptCount / kept.length, keptCount };
}
