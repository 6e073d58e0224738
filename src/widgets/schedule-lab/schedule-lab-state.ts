import { seededSample } from '../../core/random/seeded-sample';
import type { DatasetName, DatasetSplit } from '../../core/data/load-dataset';
import type { NetworkSpec } from '../../core/nn/network-spec';
import type { LabelledData } from '../../core/training/labelled-data';
import {
  LEARNING_RATE_SCHEDULE_KINDS,
  scheduleCurve,
  validateSchedule,
  type LearningRateSchedule,
  type LearningRateScheduleKind,
} from '../../core/training/learning-rate-schedule';
import { validateOptimizerConfig, type OptimizerConfig } from '../../core/training/optimizers/optimizer-config';
import type { TrainingSessionConfig } from '../../core/training/training-config';
import { choiceSetting, numberSetting, type SettingParser, type SettingsSchema } from '../../core/url/shared-settings';
import type { WidgetState } from '../../ui/widget-frame';

/*
 * Schedule lab: the five learning-rate schedules of the engine (constant, step decay, exponential, cosine and a
 * linear warm-up followed by one of the others), drawn against the step and then used to train one small network on
 * the same images with the same optimizer and seed, so the curves differ only by how η changes. Pure and Node-tested.
 */

/** The schedules compared (one run each), in the order they are listed, drawn and tabulated. */
export const SCHEDULE_KINDS: readonly LearningRateScheduleKind[] = LEARNING_RATE_SCHEDULE_KINDS;
/** What a warm-up can hand over to. */
export type AfterWarmupKind = Exclude<LearningRateScheduleKind, 'warmup'>;
export const AFTER_WARMUP_KINDS: readonly AfterWarmupKind[] = ['constant', 'step', 'exponential', 'cosine'];

export const SCHEDULE_LABELS: Readonly<Record<LearningRateScheduleKind, string>> = {
  constant: 'Constant',
  step: 'Step decay',
  exponential: 'Exponential',
  cosine: 'Cosine',
  warmup: 'Warm-up',
};

/** Stroke patterns that tell the curves apart without colour (colours: `--schedule-<kind>` in schedule-lab.css). */
export const SCHEDULE_DASHES: Readonly<Record<LearningRateScheduleKind, boolean>> = {
  constant: false,
  step: true,
  exponential: false,
  cosine: true,
  warmup: false,
};

export type OptimizerChoice = 'momentum' | 'adam' | 'adamw';
export const OPTIMIZER_CHOICES: readonly OptimizerChoice[] = ['momentum', 'adam', 'adamw'];
export const OPTIMIZER_LABELS: Readonly<Record<OptimizerChoice, string>> = { momentum: 'SGD + momentum', adam: 'Adam', adamw: 'AdamW' };
/** η₀ loaded when the learner picks an optimizer (each update rule has its own sensible scale for η). */
export const SUGGESTED_LEARNING_RATES: Readonly<Record<OptimizerChoice, number>> = { momentum: 0.1, adam: 0.003, adamw: 0.003 };

export type TrainingImagesText = '500' | '1000' | '2000';
export const TRAINING_IMAGE_CHOICES: readonly TrainingImagesText[] = ['500', '1000', '2000'];
export const DATASETS: readonly DatasetName[] = ['mnist', 'fashion-mnist'];
export const DATASET_LABELS: Readonly<Record<DatasetName, string>> = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST' };

/** Numeric fields: labels and the ranges a typed value is clamped to (the schedule validator judges the rest). */
export const FIELDS = {
  learningRate: { label: 'Base learning rate η₀', min: 1e-5, max: 2 },
  momentum: { label: 'Momentum μ', min: 0, max: 0.99 },
  weightDecay: { label: 'Weight decay λ', min: 0, max: 1 },
  steps: { label: 'Steps per run', min: 50, max: 5000, integer: true },
  seed: { label: 'Seed', min: 0, max: 999_999, integer: true },
  atStep: { label: 'Read η at step', min: 0, max: 5000, integer: true },
  stepEvery: { label: 'Every s steps', min: 0, max: 100_000, integer: true },
  stepFactor: { label: 'Factor γ', min: 0, max: 1 },
  exponentialRate: { label: 'Decay rate r', min: 0, max: 1 },
  exponentialSteps: { label: 'Over s steps', min: 0, max: 100_000 },
  cosineSteps: { label: 'Length T (steps)', min: 0, max: 100_000, integer: true },
  cosineMin: { label: 'Floor η_min', min: 0, max: 2 },
  warmupSteps: { label: 'Warm-up W (steps)', min: 0, max: 100_000, integer: true },
} as const;

/** Everything the learner sets; all of it is kept in the share link (plain strings and numbers). */
export interface ScheduleLabSettings {
  dataset: DatasetName;
  trainingImages: TrainingImagesText;
  optimizer: OptimizerChoice;
  learningRate: number;
  /** μ of SGD with momentum. */
  momentum: number;
  /** λ of AdamW's decoupled weight decay. */
  weightDecay: number;
  /** Optimizer steps each schedule trains for (Train stops by itself there). */
  steps: number;
  seed: number;
  /** The schedules that are drawn and trained, comma-separated in SCHEDULE_KINDS order ("none" for none). */
  on: string;
  /** The step at which η is read off every schedule. */
  atStep: number;
  stepEvery: number;
  stepFactor: number;
  exponentialRate: number;
  exponentialSteps: number;
  cosineSteps: number;
  cosineMin: number;
  warmupSteps: number;
  warmupThen: AfterWarmupKind;
}

export const DEFAULT_STEPS = 600;

export const DEFAULT_SETTINGS: ScheduleLabSettings = {
  dataset: 'fashion-mnist',
  trainingImages: '1000',
  optimizer: 'momentum',
  learningRate: SUGGESTED_LEARNING_RATES.momentum,
  momentum: 0.9,
  weightDecay: 0.01,
  steps: DEFAULT_STEPS,
  seed: 1,
  on: SCHEDULE_KINDS.join(','),
  atStep: 300,
  stepEvery: 200,
  stepFactor: 0.3,
  exponentialRate: 0.05,
  exponentialSteps: DEFAULT_STEPS,
  cosineSteps: DEFAULT_STEPS,
  cosineMin: 0,
  warmupSteps: 60,
  warmupThen: 'cosine',
};

/** The selected schedules from the `on` text, in SCHEDULE_KINDS order; a problem in words for text that is not a list of kinds. */
export function parseEnabled(text: string): { value: LearningRateScheduleKind[] } | { problem: string } {
  if (text === 'none') return { value: [] };
  const names = text.split(',');
  const unknown = names.find((name) => !(SCHEDULE_KINDS as readonly string[]).includes(name));
  if (unknown !== undefined) return { problem: `Schedule "${unknown}" in the link is not one of ${SCHEDULE_KINDS.join(', ')}` };
  return { value: SCHEDULE_KINDS.filter((kind) => names.includes(kind)) };
}

/** The selected schedules as `on` text: in SCHEDULE_KINDS order, "none" when empty. */
export function serializeEnabled(kinds: readonly LearningRateScheduleKind[]): string {
  const ordered = SCHEDULE_KINDS.filter((kind) => kinds.includes(kind));
  return ordered.length === 0 ? 'none' : ordered.join(',');
}

const enabledSetting: SettingParser<string> = (raw) => {
  const parsed = parseEnabled(raw);
  return 'problem' in parsed ? parsed : { value: serializeEnabled(parsed.value) };
};

export const settingsSchema: SettingsSchema<ScheduleLabSettings> = {
  dataset: choiceSetting('Dataset', DATASETS),
  trainingImages: choiceSetting('Training images', TRAINING_IMAGE_CHOICES),
  optimizer: choiceSetting('Optimizer', OPTIMIZER_CHOICES),
  learningRate: numberSetting(FIELDS.learningRate),
  momentum: numberSetting(FIELDS.momentum),
  weightDecay: numberSetting(FIELDS.weightDecay),
  steps: numberSetting(FIELDS.steps),
  seed: numberSetting(FIELDS.seed),
  on: enabledSetting,
  atStep: numberSetting(FIELDS.atStep),
  stepEvery: numberSetting(FIELDS.stepEvery),
  stepFactor: numberSetting(FIELDS.stepFactor),
  exponentialRate: numberSetting(FIELDS.exponentialRate),
  exponentialSteps: numberSetting(FIELDS.exponentialSteps),
  cosineSteps: numberSetting(FIELDS.cosineSteps),
  cosineMin: numberSetting(FIELDS.cosineMin),
  warmupSteps: numberSetting(FIELDS.warmupSteps),
  warmupThen: choiceSetting('Schedule after warm-up', AFTER_WARMUP_KINDS),
};

/** Which numeric settings belong to each schedule (the fields on its card). */
export const SCHEDULE_FIELDS: Readonly<Record<LearningRateScheduleKind, readonly (keyof typeof FIELDS & keyof ScheduleLabSettings)[]>> = {
  constant: [],
  step: ['stepEvery', 'stepFactor'],
  exponential: ['exponentialRate', 'exponentialSteps'],
  cosine: ['cosineSteps', 'cosineMin'],
  warmup: ['warmupSteps'],
};

/**
 * The engine's schedule for one kind from the settings. A warm-up hands over to `warmupThen` built from that
 * schedule's own fields (its steps counted from the end of the warm-up).
 */
export function buildSchedule(kind: LearningRateScheduleKind, settings: ScheduleLabSettings): LearningRateSchedule {
  switch (kind) {
    case 'constant':
      return { kind: 'constant' };
    case 'step':
      return { kind: 'step', everySteps: settings.stepEvery, factor: settings.stepFactor };
    case 'exponential':
      return { kind: 'exponential', decayRate: settings.exponentialRate, decaySteps: settings.exponentialSteps };
    case 'cosine':
      return { kind: 'cosine', totalSteps: settings.cosineSteps, minLearningRate: settings.cosineMin };
    case 'warmup':
      return { kind: 'warmup', warmupSteps: settings.warmupSteps, then: buildSchedule(settings.warmupThen, settings) };
  }
}

/** The validator's message for a schedule built from the settings (against η₀), or null when it is usable. */
export function scheduleProblem(kind: LearningRateScheduleKind, settings: ScheduleLabSettings): string | null {
  return validateSchedule(buildSchedule(kind, settings), settings.learningRate);
}

/** Each schedule's rule in TeX, in symbols (t = steps taken so far, 0 for the first step; the cosine holds η_min after T). */
export const SCHEDULE_TEX: Readonly<Record<LearningRateScheduleKind, string>> = {
  constant: '\\eta_t = \\eta_0',
  step: '\\eta_t = \\eta_0\\,\\gamma^{\\lfloor t / s \\rfloor}',
  exponential: '\\eta_t = \\eta_0\\, r^{\\,t / s}',
  cosine: '\\eta_t = \\eta_{\\min} + \\tfrac{1}{2}(\\eta_0 - \\eta_{\\min})\\bigl(1 + \\cos\\tfrac{\\pi t}{T}\\bigr)',
  warmup: '\\eta_t = \\begin{cases} \\eta_0\\,\\dfrac{t + 1}{W} & t < W \\\\[4pt] \\eta^{\\text{after}}_{t - W} & t \\ge W \\end{cases}',
};

/** A number for TeX: up to 4 significant digits, exponents as × 10^k. */
export function texNumber(value: number): string {
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5)) {
    const [mantissa, exponent] = value.toExponential(2).split('e');
    return `${Number(mantissa)} \\times 10^{${Number(exponent)}}`;
  }
  return String(Number(value.toPrecision(4)));
}

/** The rule with the learner's numbers put in (for the warm-up, its ramp; the card names the schedule after it). */
export function scheduleTexWithValues(kind: LearningRateScheduleKind, settings: ScheduleLabSettings): string {
  const eta = texNumber(settings.learningRate);
  switch (kind) {
    case 'constant':
      return `\\eta_t = ${eta}`;
    case 'step':
      return `\\eta_t = ${eta} \\cdot ${texNumber(settings.stepFactor)}^{\\lfloor t / ${settings.stepEvery} \\rfloor}`;
    case 'exponential':
      return `\\eta_t = ${eta} \\cdot ${texNumber(settings.exponentialRate)}^{\\,t / ${texNumber(settings.exponentialSteps)}}`;
    case 'cosine': {
      const floor = texNumber(settings.cosineMin);
      const half = texNumber((settings.learningRate - settings.cosineMin) / 2);
      return `\\eta_t = ${floor} + ${half}\\bigl(1 + \\cos\\tfrac{\\pi t}{${settings.cosineSteps}}\\bigr)`;
    }
    case 'warmup':
      return `\\eta_t = ${eta} \\cdot \\tfrac{t + 1}{${settings.warmupSteps}} \\;\\; (t < ${settings.warmupSteps})`;
  }
}

/** Points per schedule curve in the η chart (every step for runs up to this long). */
export const CURVE_POINTS = 400;

/**
 * η against the step for each listed schedule that is valid, steps 0 … `steps` (scheduleCurve), as chart series;
 * invalid schedules are left out (their cards show why).
 */
export function scheduleSeries(kinds: readonly LearningRateScheduleKind[], settings: ScheduleLabSettings): Array<{ kind: LearningRateScheduleKind; X: number[]; Y: number[] }> {
  return kinds
    .filter((kind) => scheduleProblem(kind, settings) === null)
    .map((kind) => {
      const curve = scheduleCurve(buildSchedule(kind, settings), settings.learningRate, settings.steps, CURVE_POINTS);
      return { kind, X: curve.steps, Y: curve.values };
    });
}

/** The engine's optimizer config for the choice (η is the run's, not part of it). */
export function optimizerConfig(settings: Pick<ScheduleLabSettings, 'optimizer' | 'momentum' | 'weightDecay'>): OptimizerConfig {
  switch (settings.optimizer) {
    case 'momentum':
      return { kind: 'momentum', momentum: settings.momentum };
    case 'adam':
      return { kind: 'adam' };
    case 'adamw':
      return { kind: 'adamw', weightDecay: settings.weightDecay };
  }
}

/** The optimizer's update in TeX, as the engine applies it (g = the minibatch gradient, η_t from the schedule). */
export const OPTIMIZER_TEX: Readonly<Record<OptimizerChoice, string>> = {
  momentum: 'v \\leftarrow \\mu v + g,\\quad w \\leftarrow w - \\eta_t v',
  adam: 'w \\leftarrow w - \\eta_t\\, \\frac{\\hat m}{\\sqrt{\\hat v} + \\epsilon}',
  adamw: 'w \\leftarrow w - \\eta_t \\left(\\frac{\\hat m}{\\sqrt{\\hat v} + \\epsilon} + \\lambda w\\right)',
};

/** The first problem with the optimizer settings (the engine's validator), or null. */
export function optimizerProblem(settings: ScheduleLabSettings): string | null {
  return validateOptimizerConfig(optimizerConfig(settings));
}

/** Examples per optimizer step. */
export const BATCH_SIZE = 32;
/** Validation images: the first ones of the validation split (a seeded random draw, never trained on). */
export const VALIDATION_IMAGES = 1000;
/** The training images are drawn from the first this many images of the training split (its first chunk). */
export const TRAINING_POOL = 2000;
/** A training-loss point every this many steps. */
export const RECORD_EVERY = 5;

/**
 * The model every schedule trains: 784 → dense 64 (ReLU) → dense 10 (logits), He-normal weights, 50,890
 * parameters; input [784] pixels scaled to 0..1 by the engine.
 */
export const NETWORK: NetworkSpec = {
  inputShape: [784],
  layers: [
    { kind: 'dense', units: 64, activation: 'relu' },
    { kind: 'dense', units: 10, activation: 'linear' },
  ],
  initialization: { kind: 'he-normal' },
};

/** Steps between two validation evaluations: about 24 per run, and at least 5. */
export function evaluationInterval(steps: number): number {
  return Math.max(5, Math.round(steps / 24));
}

/**
 * One schedule's training config: the same network, seed, optimizer, batch and η₀ for every schedule, so the runs
 * start from identical weights, see the examples in the same order, and differ only by η_t.
 */
export function trainingConfig(kind: LearningRateScheduleKind, settings: ScheduleLabSettings): TrainingSessionConfig {
  return {
    network: NETWORK,
    loss: 'softmax-cross-entropy',
    learningRate: settings.learningRate,
    batchSize: BATCH_SIZE,
    seed: settings.seed,
    recordEvery: RECORD_EVERY,
    evaluateEvery: evaluationInterval(settings.steps),
    optimizer: optimizerConfig(settings),
    schedule: buildSchedule(kind, settings),
  };
}

/** `count` indices of 0 … available−1 drawn without replacement by a generator seeded with `seed` (partial Fisher–Yates), in draw order. */
export function selectTrainingIndices(available: number, count: number, seed: number): Int32Array {
  return seededSample(available, count, seed ^ 0x2545f491);
}

/** The images at `indices` of a split as labelled data: inputs [n, 784] uint8, targets [n, classes] one-hot. */
export function gatherLabelledImages(split: DatasetSplit, indices: ArrayLike<number>): LabelledData {
  const pixels = split.imageWidth * split.imageHeight;
  const classes = split.classNames.length;
  const inputs = new Uint8Array(indices.length * pixels);
  const targets = new Float32Array(indices.length * classes);
  for (let i = 0; i < indices.length; i++) {
    const source = indices[i];
    inputs.set(split.images.subarray(source * pixels, (source + 1) * pixels), i * pixels);
    targets[i * classes + split.labels[source]] = 1;
  }
  return { inputs, targets, count: indices.length, inputSize: pixels, targetSize: classes };
}

/** One row of the results table. */
export interface RunSummary {
  /** Validation accuracy (0..1) at the newest evaluation, and its step; null before the first. */
  latest: { accuracy: number; step: number } | null;
  /** Highest validation accuracy so far and the (first) step it was reached; null before the first evaluation. */
  best: { accuracy: number; step: number } | null;
  /** Mean training loss of the newest `window` recorded points (the batch losses are noisy); null before any. */
  recentLoss: number | null;
}

/** The table's numbers for one run from its curves (never the test split: these are validation images). */
export function summarizeRun(validation: { steps: number[]; accuracy: number[] }, trainLoss: { values: number[] }, window = 10): RunSummary {
  const n = validation.accuracy.length;
  let best: RunSummary['best'] = null;
  for (let i = 0; i < n; i++) {
    if (best === null || validation.accuracy[i] > best.accuracy) best = { accuracy: validation.accuracy[i], step: validation.steps[i] };
  }
  const recent = trainLoss.values.slice(-window).filter((value) => Number.isFinite(value));
  return {
    latest: n === 0 ? null : { accuracy: validation.accuracy[n - 1], step: validation.steps[n - 1] },
    best,
    recentLoss: recent.length === 0 ? null : recent.reduce((sum, value) => sum + value, 0) / recent.length,
  };
}

/** The schedules whose run has the highest finished validation accuracy (ties share it); empty before any run has finished. */
export function leaders(summaries: ReadonlyArray<{ kind: LearningRateScheduleKind; summary: RunSummary; finished: boolean }>): LearningRateScheduleKind[] {
  const finished = summaries.filter((entry) => entry.finished && entry.summary.latest !== null);
  if (finished.length === 0) return [];
  const top = Math.max(...finished.map((entry) => entry.summary.latest!.accuracy));
  return finished.filter((entry) => entry.summary.latest!.accuracy === top).map((entry) => entry.kind);
}

/**
 * The widget's one public state from its runs: an error or loading anywhere wins; then training while any trains;
 * then diverged when every run diverged; then paused when any has stepped (or diverged); else ready.
 */
export function combinedStatus(statuses: readonly WidgetState[]): WidgetState {
  if (statuses.length === 0) return 'loading';
  for (const status of ['error', 'loading', 'training'] as const) if (statuses.includes(status)) return status;
  if (statuses.every((status) => status === 'diverged')) return 'diverged';
  if (statuses.includes('paused') || statuses.includes('diverged')) return 'paused';
  return 'ready';
}

/** η formatted for read-outs: 4 significant digits, exponent form below 10⁻³. */
export function formatRate(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  if (value !== 0 && Math.abs(value) < 1e-3) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}
