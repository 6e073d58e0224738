import type { DatasetSplit } from '../../core/data/load-dataset';
import { createSeededRandom } from '../../core/random/seeded-random';
import type { LabelledData } from '../../core/training/labelled-data';
import type { TrainingSessionConfig } from '../../core/training/training-config';
import { choiceSetting, numberSetting, type SettingsSchema } from '../../core/url/shared-settings';
import type { WidgetState } from '../../ui/widget-frame';

/*
 * The batch-size lab: one logistic-regression classifier (784 pixels → 1 logit, sigmoid cross entropy)
 * trained three times from the same initial weights on the same images with the same learning rate,
 * differing only in how many examples each optimizer step averages its gradient over: 1, a minibatch,
 * or the whole training subset. Everything here is pure and runs under Node.
 */

export type DigitText = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
export const DIGITS: readonly DigitText[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Limits of the learner's controls (and of the share link, which is clamped to them). */
export const SUBSET_SIZE = { label: 'Training images', min: 20, max: 1600, integer: true } as const;
export const BATCH_SIZE = { label: 'Minibatch size', min: 1, max: 1600, integer: true } as const;
export const LEARNING_RATE = { label: 'Learning rate', min: 0.0001, max: 10 } as const;
export const LABEL_NOISE = { label: 'Label noise', min: 0, max: 0.45 } as const;
export const SEED = { label: 'Seed', min: 0, max: 999_999, integer: true } as const;

/** Everything the learner sets; all of it is kept in the share link. */
export interface BatchSizeLabSettings {
  classA: DigitText;
  classB: DigitText;
  /** How many training images (from MNIST's train split) the three runs share. */
  subsetSize: number;
  /** The middle run's batch size (the other two use 1 and the whole subset). */
  batchSize: number;
  learningRate: number;
  /** Fraction of the training labels flipped to the other class, 0..0.45. */
  labelNoise: number;
  seed: number;
}

export const DEFAULT_SETTINGS: BatchSizeLabSettings = { classA: '3', classB: '8', subsetSize: 1000, batchSize: 32, learningRate: 0.1, labelNoise: 0, seed: 1 };

/** How the share link's text is read: numbers outside the limits are clamped, text is rejected (defaults used). */
export const settingsSchema: SettingsSchema<BatchSizeLabSettings> = {
  classA: choiceSetting('Digit A', DIGITS),
  classB: choiceSetting('Digit B', DIGITS),
  subsetSize: numberSetting(SUBSET_SIZE),
  batchSize: numberSetting(BATCH_SIZE),
  learningRate: numberSetting(LEARNING_RATE),
  labelNoise: numberSetting(LABEL_NOISE),
  seed: numberSetting(SEED),
};

/** A training subset: the images and clean targets, and where each came from in the split. */
export interface TwoClassSubset {
  data: LabelledData;
  /** Index in the split of each chosen image, [count]. */
  sourceIndices: Int32Array;
  /** Images of each class the split holds, [A, B]: the most a subset can take. */
  available: [number, number];
}

/** Partial Fisher–Yates: the first `count` entries of `items` become a seeded uniform sample (in place). */
function sampleInPlace(items: Int32Array, count: number, random: () => number): Int32Array {
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (items.length - i));
    const swap = items[i];
    items[i] = items[j];
    items[j] = swap;
  }
  return items.subarray(0, count);
}

/** Indices in `labels` whose label is `digit`, ascending. */
function indicesOf(labels: Uint8Array, digit: number): Int32Array {
  const found: number[] = [];
  labels.forEach((label, i) => {
    if (label === digit) found.push(i);
  });
  return Int32Array.from(found);
}

/**
 * Picks `size` images of digits `classA` and `classB` from a split, half of each (⌊size/2⌋ of A, the rest
 * of B; when one digit runs out the other fills in), drawn without replacement by a generator seeded with
 * `seed`. Targets: 0 for A, 1 for B. Inputs [count, 784] uint8 pixels. The subset holds
 * min(size, images of A + images of B) examples; null when the split has none of either digit.
 */
export function selectTwoClassSubset(split: DatasetSplit, classA: number, classB: number, size: number, seed: number): TwoClassSubset | null {
  const poolA = indicesOf(split.labels, classA);
  const poolB = indicesOf(split.labels, classB);
  if (poolA.length === 0 || poolB.length === 0 || classA === classB) return null;
  const wanted = Math.max(2, Math.floor(size));
  let countA = Math.min(poolA.length, Math.floor(wanted / 2));
  const countB = Math.min(poolB.length, wanted - countA);
  countA = Math.min(poolA.length, wanted - countB);
  const random = createSeededRandom((seed ^ 0x2545f491) >>> 0);
  const chosenA = sampleInPlace(poolA, countA, random);
  const chosenB = sampleInPlace(poolB, countB, random);
  const sourceIndices = new Int32Array(countA + countB);
  sourceIndices.set(chosenA, 0);
  sourceIndices.set(chosenB, countA);
  return { data: gatherExamples(split, sourceIndices, classB), sourceIndices, available: [poolA.length, poolB.length] };
}

/** Every image of the two digits in a split (e.g. the validation split), targets 0 for A and 1 for B; null when either is missing. */
export function twoClassSplit(split: DatasetSplit, classA: number, classB: number): LabelledData | null {
  if (classA === classB) return null;
  const found: number[] = [];
  let hasA = false;
  let hasB = false;
  split.labels.forEach((label, i) => {
    if (label === classA) hasA = true;
    if (label === classB) hasB = true;
    if (label === classA || label === classB) found.push(i);
  });
  return hasA && hasB ? gatherExamples(split, Int32Array.from(found), classB) : null;
}

function gatherExamples(split: DatasetSplit, sourceIndices: Int32Array, classB: number): LabelledData {
  const pixels = split.imageWidth * split.imageHeight;
  const inputs = new Uint8Array(sourceIndices.length * pixels);
  const targets = new Float32Array(sourceIndices.length);
  sourceIndices.forEach((source, i) => {
    inputs.set(split.images.subarray(source * pixels, (source + 1) * pixels), i * pixels);
    targets[i] = split.labels[source] === classB ? 1 : 0;
  });
  return { inputs, targets, count: sourceIndices.length, inputSize: pixels, targetSize: 1 };
}

/** The number of labels a noise fraction flips among `count`: round(fraction · count), within [0, count]. */
export function flippedCount(count: number, fraction: number): number {
  if (!(fraction > 0)) return 0;
  return Math.min(count, Math.round(fraction * count));
}

/**
 * Label noise: a copy of binary `targets` (0/1) with exactly flippedCount(n, fraction) of them flipped,
 * t ← 1 − t, at positions drawn without replacement by a generator seeded with `seed` (same seed, same
 * flips). Returns the new targets and the flipped positions (ascending).
 */
export function flipLabels(targets: Float32Array, fraction: number, seed: number): { targets: Float32Array; flipped: Int32Array } {
  const count = flippedCount(targets.length, fraction);
  const noisy = Float32Array.from(targets);
  const positions = Int32Array.from({ length: targets.length }, (_, i) => i);
  const flipped = Int32Array.from(sampleInPlace(positions, count, createSeededRandom((seed ^ 0x68e31da4) >>> 0))).sort();
  flipped.forEach((i) => (noisy[i] = 1 - noisy[i]));
  return { targets: noisy, flipped };
}

/** The training data with noisy labels: the subset's images, `targets` replaced. */
export function withTargets(data: LabelledData, targets: Float32Array): LabelledData {
  return { ...data, targets };
}

/** Which of the three runs: one example per step, the learner's minibatch, or the whole subset. */
export type RunKind = 'single' | 'minibatch' | 'full';
export const RUN_KINDS: readonly RunKind[] = ['single', 'minibatch', 'full'];

/** The three batch sizes: [1, the minibatch clamped to 1..subset size, the subset size]. */
export function runBatchSizes(subsetSize: number, minibatch: number): Record<RunKind, number> {
  const full = Math.max(1, Math.floor(subsetSize));
  return { single: 1, minibatch: Math.min(full, Math.max(1, Math.floor(minibatch))), full };
}

/** Validation is measured every this many examples seen, whatever the batch size (so the three runs are measured at the same points on the examples axis). */
export const VALIDATE_EVERY_EXAMPLES = 256;

/** Steps between validations for a batch size: max(1, round(VALIDATE_EVERY_EXAMPLES / batchSize)). */
export function validationInterval(batchSize: number): number {
  return Math.max(1, Math.round(VALIDATE_EVERY_EXAMPLES / batchSize));
}

/**
 * One run's training config: logistic regression, logit z = wᵀx + b with x the 784 pixels / 255 and
 * w ~ N(0, 0.01²) drawn from `seed` (b = 0), minimising the mean sigmoid cross entropy of a batch,
 * L = mean[max(z, 0) − z·t + log(1 + e^(−|z|))], with plain SGD: θ ← θ − η ∇L. Every loss is recorded; validation
 * every validationInterval(batchSize) steps. Configs of the three runs differ only in `batchSize` (and the
 * validation interval that follows from it).
 */
export function batchSizeLabConfig(learningRate: number, batchSize: number, seed: number): TrainingSessionConfig {
  return {
    network: { inputShape: [784], layers: [{ kind: 'dense', units: 1, activation: 'linear' }], initialization: { kind: 'normal', std: 0.01 } },
    loss: 'sigmoid-cross-entropy',
    learningRate,
    batchSize,
    seed,
    recordEvery: 1,
    evaluateEvery: validationInterval(batchSize),
  };
}

/** The three runs' configs, by kind. */
export function runConfigs(settings: Pick<BatchSizeLabSettings, 'learningRate' | 'batchSize' | 'seed'>, subsetSize: number): Record<RunKind, TrainingSessionConfig> {
  const sizes = runBatchSizes(subsetSize, settings.batchSize);
  return {
    single: batchSizeLabConfig(settings.learningRate, sizes.single, settings.seed),
    minibatch: batchSizeLabConfig(settings.learningRate, sizes.minibatch, settings.seed),
    full: batchSizeLabConfig(settings.learningRate, sizes.full, settings.seed),
  };
}

/** Examples seen after each step: step × batch size (a step averages over `batchSize` examples). */
export function examplesSeen(steps: readonly number[], batchSize: number): number[] {
  return steps.map((step) => step * batchSize);
}

/** Steps the smoothed curve averages over for a batch size: the steps of the last VALIDATE_EVERY_EXAMPLES examples, max(1, round(256 / b)). */
export function smoothingWindowSteps(batchSize: number): number {
  return validationInterval(batchSize);
}

/**
 * Trailing mean of a recorded curve: at point i, the mean of every value whose step lies in
 * (steps[i] − windowSteps, steps[i]]. `steps` ascending (they may have gaps where a long curve was thinned).
 * With windowSteps = 1 the curve is returned as is. Non-finite values are averaged like others (a diverged
 * run shows as NaN).
 */
export function trailingMean(steps: readonly number[], values: readonly number[], windowSteps: number): number[] {
  const result = new Array<number>(values.length);
  let start = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    while (steps[start] <= steps[i] - windowSteps) sum -= values[start++];
    result[i] = sum / (i - start + 1);
  }
  return result;
}

/**
 * Loss the read-out table shows for a run: the mean of the recorded losses of its newest
 * smoothingWindowSteps(batchSize) steps (about the last 256 examples), or null before any step.
 */
export function recentTrainingLoss(curve: { steps: readonly number[]; values: readonly number[] }, batchSize: number): number | null {
  const n = curve.values.length;
  if (n === 0) return null;
  const lastStep = curve.steps[n - 1];
  const window = smoothingWindowSteps(batchSize);
  let sum = 0;
  let count = 0;
  for (let i = n - 1; i >= 0 && curve.steps[i] > lastStep - window; i--) {
    sum += curve.values[i];
    count++;
  }
  return sum / count;
}

/** One observation of a run while it trains: when (ms, any clock) it had taken how many steps. */
export interface StepSample {
  ms: number;
  step: number;
}

/**
 * Wall-clock milliseconds per optimizer step over the newest `windowMs` of samples: Δt ÷ Δsteps from the
 * oldest sample inside the window to the newest. Null until two samples in the window are at least 250 ms
 * apart with at least one step between them.
 */
export function millisecondsPerStep(samples: readonly StepSample[], windowMs = 3000): number | null {
  if (samples.length < 2) return null;
  const newest = samples[samples.length - 1];
  const oldest = samples.find((sample) => newest.ms - sample.ms <= windowMs) ?? newest;
  const elapsed = newest.ms - oldest.ms;
  const steps = newest.step - oldest.step;
  if (elapsed < 250 || steps <= 0) return null;
  return elapsed / steps;
}

/**
 * The widget's one public state from its three runs: an error or loading anywhere wins; then training while
 * any run trains; then diverged when one diverged; then paused when any has stepped; else ready.
 */
export function combinedStatus(statuses: readonly WidgetState[]): WidgetState {
  for (const status of ['error', 'loading', 'training', 'diverged', 'paused'] as const) if (statuses.includes(status)) return status;
  return 'ready';
}

/** The effective size of the subset: what was asked for, at most what the split holds of the two digits. */
export function effectiveSubsetSize(requested: number, available: readonly [number, number]): number {
  return Math.max(2, Math.min(Math.floor(requested), available[0] + available[1]));
}

/** Human names of the runs, for the column headings, legends and text alternatives. */
export function runLabel(kind: RunKind, batchSize: number): string {
  if (kind === 'single') return '1 example per step';
  if (kind === 'full') return `Full batch (${batchSize})`;
  return `Minibatch of ${batchSize}`;
}

const COUNT_FORMAT = new Intl.NumberFormat('en-US');

/** Short names of the runs for the read-out table's column headings (narrow screens). */
export function runShortLabel(kind: RunKind, batchSize: number): string {
  return kind === 'full' ? `Full batch, ${COUNT_FORMAT.format(batchSize)}` : `Batch of ${COUNT_FORMAT.format(batchSize)}`;
}

/**
 * The horizontal range every curve has reached: the smallest of their last x values (curves with no point
 * are ignored); null when no curve has a point. Cropping all curves to it compares them where all have data.
 */
export function commonRangeLimit(curves: ReadonlyArray<ArrayLike<number>>): number | null {
  let limit: number | null = null;
  for (const X of curves) if (X.length > 0) limit = limit === null ? X[X.length - 1] : Math.min(limit, X[X.length - 1]);
  return limit;
}

/** The leading points of a curve whose x is at most `limit` (X ascending); the curve itself when limit is null. */
export function cropCurve(X: readonly number[], Y: readonly number[], limit: number | null): { X: number[]; Y: number[] } {
  if (limit === null) return { X: X as number[], Y: Y as number[] };
  let end = 0;
  while (end < X.length && X[end] <= limit) end++;
  return end === X.length ? { X: X as number[], Y: Y as number[] } : { X: X.slice(0, end), Y: Y.slice(0, end) };
}
