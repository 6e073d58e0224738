import { seededSample } from '../../core/random/seeded-sample';
import type { DatasetName, DatasetSplit } from '../../core/data/load-dataset';
import {
  applyStandardization,
  featureColumns,
  fitStandardization,
  HAND_FEATURE_LENGTH,
  handFeatures,
  selectColumns,
  type FeatureSet,
  FEATURE_SETS,
} from '../../core/math/hand-features';
import { countParameters, type NetworkSpec } from '../../core/nn/network-spec';
import type { LabelledData } from '../../core/training/labelled-data';
import type { TrainingSessionConfig } from '../../core/training/training-config';
import { choiceSetting, numberSetting, type SettingsSchema } from '../../core/url/shared-settings';
import type { WidgetState } from '../../ui/widget-frame';

/*
 * Two stages versus end to end: a linear classifier (softmax regression) on hand-made features (intensity and
 * gradient-orientation histograms, src/core/math/hand-features.ts) against a small CNN that learns its own
 * features from the pixels. Both get the same training images, the same optimizer, batch size and number of
 * epochs, and are scored on the same held-out images. Everything here is pure and runs under Node.
 */

export type TrainingImagesText = '1000' | '5000' | '10000';
export const TRAINING_IMAGE_CHOICES: readonly TrainingImagesText[] = ['1000', '5000', '10000'];
export const DATASETS: readonly DatasetName[] = ['mnist', 'fashion-mnist'];
export const DATASET_LABELS: Record<DatasetName, string> = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST' };
export const FEATURE_LABELS: Record<FeatureSet, string> = { intensity: 'Intensity histogram', orientation: 'Orientation histogram', both: 'Both' };
/** The features as a phrase in a sentence ("… on both histograms"). */
export const FEATURE_PHRASES: Record<FeatureSet, string> = { intensity: 'the intensity histogram', orientation: 'the orientation histogram', both: 'both histograms' };

export const EPOCHS = { label: 'Epochs', min: 1, max: 30, integer: true } as const;
export const SEED = { label: 'Seed', min: 0, max: 999_999, integer: true } as const;

/** Everything the learner sets; all of it is kept in the share link. */
export interface TwoStageSettings {
  dataset: DatasetName;
  /** How many images of the training split both models learn from. */
  trainingImages: TrainingImagesText;
  /** Which hand-made features the linear classifier gets. */
  features: FeatureSet;
  /** Passes over the training images (the same for both models). */
  epochs: number;
  /** Seeds the choice of training images, both models' initial weights and the order of examples. */
  seed: number;
}

export const DEFAULT_SETTINGS: TwoStageSettings = { dataset: 'mnist', trainingImages: '5000', features: 'both', epochs: 5, seed: 1 };

export const settingsSchema: SettingsSchema<TwoStageSettings> = {
  dataset: choiceSetting('Dataset', DATASETS),
  trainingImages: choiceSetting('Training images', TRAINING_IMAGE_CHOICES),
  features: choiceSetting('Features', FEATURE_SETS),
  epochs: numberSetting(EPOCHS),
  seed: numberSetting(SEED),
};

/** Examples per optimizer step, both models (divides every training-set size offered, so an epoch is a whole number of steps). */
export const BATCH_SIZE = 50;
/** Both models are scored on (at most) this many images: the first ones of the validation split, never trained on. */
export const EVALUATION_IMAGES = 2000;
export const LINEAR_LEARNING_RATE = 0.01;
export const CNN_LEARNING_RATE = 0.003;

/**
 * The end-to-end model: conv 8@5×5 ("same", ReLU) → 2×2 max pool → conv 16@5×5 ("valid", ReLU) → 2×2 max pool →
 * flatten → dense 10 (logits), He-normal weights: 7,434 parameters, input [28, 28, 1] pixels / 255.
 */
export const CNN_NETWORK: NetworkSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { kind: 'conv2d', filters: 8, kernelSize: 5, padding: 'same', activation: 'relu' },
    { kind: 'max-pool', size: 2 },
    { kind: 'conv2d', filters: 16, kernelSize: 5, padding: 'valid', activation: 'relu' },
    { kind: 'max-pool', size: 2 },
    { kind: 'flatten' },
    { kind: 'dense', units: 10, activation: 'linear' },
  ],
  initialization: { kind: 'he-normal' },
};

/** The two-stage model's trainable part: one dense layer from `inputSize` features to 10 logits (softmax regression). */
export function linearNetwork(inputSize: number): NetworkSpec {
  return { inputShape: [inputSize], layers: [{ kind: 'dense', units: 10, activation: 'linear' }], initialization: { kind: 'glorot-normal' } };
}

/** Trainable parameters: (features + 1) × 10 for the linear classifier; the CNN's from its layers. */
export function parameterCounts(features: FeatureSet): { linear: number; cnn: number } {
  return { linear: countParameters(linearNetwork(featureColumns(features).length)), cnn: countParameters(CNN_NETWORK) };
}

/** Optimizer steps per epoch: ⌈images / BATCH_SIZE⌉. */
export function stepsPerEpoch(images: number): number {
  return Math.max(1, Math.ceil(images / BATCH_SIZE));
}

/**
 * Steps between two evaluations: the epoch's steps divided by k, the largest whole number of evaluations per
 * epoch that is at most max(1, ⌊images / 2000⌋) and divides the epoch's steps, so the last step of every epoch
 * (and of the run) is evaluated. 1,000 images: once per epoch; 5,000: twice; 10,000: five times.
 */
export function evaluationInterval(images: number): number {
  const steps = stepsPerEpoch(images);
  let perEpoch = Math.max(1, Math.floor(images / 2000));
  while (steps % perEpoch !== 0) perEpoch--;
  return steps / perEpoch;
}

/** Steps of the whole run: epochs × stepsPerEpoch(images). */
export function totalSteps(images: number, epochs: number): number {
  return Math.max(1, Math.floor(epochs)) * stepsPerEpoch(images);
}

/**
 * The training config shared by both models but for the network and learning rate: softmax cross entropy, Adam,
 * BATCH_SIZE, and a cosine schedule that takes η from η₀ down to 0 over the run's totalSteps (so the last epoch's
 * small steps settle the weights and the final accuracy does not jitter).
 */
function sharedConfig(network: NetworkSpec, learningRate: number, images: number, epochs: number, seed: number): TrainingSessionConfig {
  return {
    schedule: { kind: 'cosine', totalSteps: totalSteps(images, epochs) },
    network,
    loss: 'softmax-cross-entropy',
    learningRate,
    batchSize: BATCH_SIZE,
    seed,
    optimizer: { kind: 'adam' },
    recordEvery: 2,
    evaluateEvery: evaluationInterval(images),
  };
}

/** The linear classifier on `inputSize` standardized features: softmax regression with Adam (η₀ = 0.01). */
export function linearConfig(inputSize: number, images: number, epochs: number, seed: number): TrainingSessionConfig {
  return sharedConfig(linearNetwork(inputSize), LINEAR_LEARNING_RATE, images, epochs, seed);
}

/** The CNN on raw pixels, with Adam (η₀ = 0.003). */
export function cnnConfig(images: number, epochs: number, seed: number): TrainingSessionConfig {
  return sharedConfig(CNN_NETWORK, CNN_LEARNING_RATE, images, epochs, seed);
}

/** The images both models train on: `count` indices of the split drawn without replacement by a generator seeded with `seed` (partial Fisher–Yates), at most the split's size. */
export function selectTrainingIndices(available: number, count: number, seed: number): Int32Array {
  return seededSample(available, Math.max(1, count), seed ^ 0x5f3759df);
}

/** A set of images with their labels: images [count, 28, 28] uint8, labels [count]. */
export interface ImageSet {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  classCount: number;
}

/** The images at `indices` of a split, copied in that order. */
export function gatherImages(split: DatasetSplit, indices: ArrayLike<number>): ImageSet {
  const pixels = split.imageWidth * split.imageHeight;
  const images = new Uint8Array(indices.length * pixels);
  const labels = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const source = indices[i];
    images.set(split.images.subarray(source * pixels, (source + 1) * pixels), i * pixels);
    labels[i] = split.labels[source];
  }
  return { images, labels, count: indices.length, classCount: split.classNames.length };
}

/** The evaluation images: the first min(EVALUATION_IMAGES, count) of a split (the validation split is already a seeded random draw). */
export function evaluationImages(split: DatasetSplit): ImageSet {
  const count = Math.min(EVALUATION_IMAGES, split.count);
  return gatherImages(
    split,
    Int32Array.from({ length: count }, (_, i) => i),
  );
}

/** Labels as one-hot rows: [count, classCount]. */
export function oneHot(labels: Uint8Array, classCount: number): Float32Array {
  const targets = new Float32Array(labels.length * classCount);
  labels.forEach((label, i) => (targets[i * classCount + label] = 1));
  return targets;
}

/** The CNN's data: pixels [count, 784] uint8 (the engine scales them to 0..1) with one-hot targets. */
export function pixelData(set: ImageSet): LabelledData {
  return { inputs: set.images, targets: oneHot(set.labels, set.classCount), count: set.count, inputSize: set.images.length / set.count, targetSize: set.classCount };
}

/**
 * The linear classifier's data: the chosen columns of the full feature vectors ([count, HAND_FEATURE_LENGTH]),
 * standardized with the mean and σ of the training rows (the evaluation rows use the same numbers, so nothing is
 * learned from them).
 */
export function featureData(
  trainFeatures: Float32Array,
  train: ImageSet,
  evaluationFeatures: Float32Array,
  evaluation: ImageSet,
  set: FeatureSet,
): { train: LabelledData; validation: LabelledData } {
  const columns = featureColumns(set);
  const size = columns.length;
  const trainRows = selectColumns(trainFeatures, train.count, HAND_FEATURE_LENGTH, columns);
  const evaluationRows = selectColumns(evaluationFeatures, evaluation.count, HAND_FEATURE_LENGTH, columns);
  const scaling = fitStandardization(trainRows, train.count, size);
  return {
    train: {
      inputs: applyStandardization(trainRows, train.count, size, scaling),
      targets: oneHot(train.labels, train.classCount),
      count: train.count,
      inputSize: size,
      targetSize: train.classCount,
    },
    validation: {
      inputs: applyStandardization(evaluationRows, evaluation.count, size, scaling),
      targets: oneHot(evaluation.labels, evaluation.classCount),
      count: evaluation.count,
      inputSize: size,
      targetSize: evaluation.classCount,
    },
  };
}

export interface ExtractionOptions {
  /** Called after each slice with the fraction of images done, 0..1. */
  onProgress?: (fraction: number) => void;
  /** Stops early (the promise resolves with null) once this returns true. */
  cancelled?: () => boolean;
  /** Milliseconds of work per slice before yielding (default 8). */
  sliceMs?: number;
  /** Gives the page back its thread between slices (default: a macrotask). */
  yieldControl?: () => Promise<void>;
  now?: () => number;
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Both histograms (handFeatures) of every image of `images` ([count, height, width]), as [count,
 * HAND_FEATURE_LENGTH], computed in slices of about `sliceMs` milliseconds with the thread given back between them,
 * so thousands of images never block the page for long. Resolves with null when cancelled.
 */
export async function extractFeaturesInSlices(images: Uint8Array, count: number, width: number, height: number, options: ExtractionOptions = {}): Promise<Float32Array | null> {
  const { onProgress, cancelled = () => false, sliceMs = 8, yieldControl = macrotask, now = () => performance.now() } = options;
  const pixels = width * height;
  const features = new Float32Array(count * HAND_FEATURE_LENGTH);
  let done = 0;
  while (done < count) {
    if (cancelled()) return null;
    const started = now();
    do {
      handFeatures(images.subarray(done * pixels, (done + 1) * pixels), width, height, features, done * HAND_FEATURE_LENGTH);
      done++;
    } while (done < count && now() - started < sliceMs);
    onProgress?.(done / count);
    if (done < count) await yieldControl();
  }
  return cancelled() ? null : features;
}

/** Validation accuracy against epochs: x = step / stepsPerEpoch, y = accuracy in percent. */
export function accuracyCurve(validation: { steps: number[]; accuracy: number[] }, images: number): { X: number[]; Y: number[] } {
  const perEpoch = stepsPerEpoch(images);
  return { X: validation.steps.map((step) => step / perEpoch), Y: validation.accuracy.map((accuracy) => accuracy * 100) };
}

/** The newest measured accuracy (0..1) and the step it was measured at, or null before the first evaluation. */
export function latestAccuracy(validation: { steps: number[]; accuracy: number[] }): { accuracy: number; step: number } | null {
  const n = validation.accuracy.length;
  return n === 0 ? null : { accuracy: validation.accuracy[n - 1], step: validation.steps[n - 1] };
}

/**
 * One sentence comparing the two models' newest accuracies (0..1), measured after `linearStep` and `cnnStep`
 * steps: who leads by how many percentage points, with a caveat while they are at different points of training.
 * Before both have trained (only the untrained step-0 scores exist) it invites the learner to press Train.
 */
export function comparisonSentence(linear: { accuracy: number; step: number } | null, cnn: { accuracy: number; step: number } | null, features: FeatureSet): string {
  const featureName = FEATURE_PHRASES[features];
  if (!linear || !cnn || linear.step === 0 || cnn.step === 0) return 'Press Train: both models learn side by side, and which one leads on the held-out images appears here.';
  const gap = (cnn.accuracy - linear.accuracy) * 100;
  const points = Math.abs(gap).toFixed(1);
  const note = linear.step !== cnn.step ? ' (so far: they are at different steps)' : '';
  if (Math.abs(gap) < 0.05) return `The two are level${note}.`;
  return gap > 0
    ? `The CNN, learning its own features from pixels, leads the linear classifier on ${featureName} by ${points} percentage points${note}.`
    : `The linear classifier on ${featureName} leads the CNN by ${points} percentage points${note}.`;
}

/**
 * The widget's one public state from its two runs: an error or loading anywhere wins; then training while either
 * trains; then diverged when one diverged; then paused when either has stepped; else ready.
 */
export function combinedStatus(statuses: readonly WidgetState[]): WidgetState {
  for (const status of ['error', 'loading', 'training', 'diverged', 'paused'] as const) if (statuses.includes(status)) return status;
  return 'ready';
}
