import type { DatasetSplit } from '../../core/data/load-dataset';
import { labelledImages } from '../../core/data/labelled-images';
import type { Histogram } from '../../core/math/histogram';
import { initializerStd } from '../../core/nn/initializers';
import type { Initializer, LayerSpec, NetworkSpec } from '../../core/nn/layers/layer-spec';
import type { LabelledData } from '../../core/training/labelled-data';
import type { LayerHistogram, ReadoutRequests, ReadoutValue } from '../../core/training/readouts';
import type { TrainingSessionConfig } from '../../core/training/training-config';
import { choiceSetting, numberSetting, type SettingsSchema } from '../../core/url/shared-settings';
import type { WidgetState } from '../../ui/widget-frame';

/*
 * Initialization lab: a ten-layer MLP on MNIST started four ways (N(0, 0.01²), N(0, 1), Xavier/Glorot, He) with
 * tanh or ReLU hidden units. Per-layer histograms of the activations at the start show the signal collapse, saturate
 * or survive with depth; the four starts are then trained on the same images in the same order and their curves
 * overlaid. Everything here is pure and runs under Node.
 */

/** The four starting points compared, in the order of the charts and tables. */
export const INIT_KINDS = ['small', 'unit', 'xavier', 'he'] as const;
export type InitKind = (typeof INIT_KINDS)[number];

export const INIT_LABELS: Record<InitKind, string> = { small: 'N(0, 0.01²)', unit: 'N(0, 1)', xavier: 'Xavier / Glorot', he: 'He' };

/** Line styles of the overlaid curves, so the four stay apart without colour too. */
export const INIT_DASHED: Record<InitKind, boolean> = { small: true, unit: true, xavier: false, he: false };

/** The engine's initializer of each choice (biases start at 0 whatever the choice). */
export const INITIALIZERS: Record<InitKind, Initializer> = {
  small: { kind: 'normal', std: 0.01 },
  unit: { kind: 'normal', std: 1 },
  xavier: { kind: 'glorot-normal' },
  he: { kind: 'he-normal' },
};

export const HIDDEN_ACTIVATIONS = ['tanh', 'relu'] as const;
export type HiddenActivation = (typeof HIDDEN_ACTIVATIONS)[number];
export const ACTIVATION_LABELS: Record<HiddenActivation, string> = { tanh: 'tanh', relu: 'ReLU' };

/** Hidden dense layers of the network (fixed: the lesson's point is depth). */
export const HIDDEN_LAYERS = 10;
/** MNIST: 28 × 28 pixels in, ten classes out. */
export const INPUT_SIZE = 784;
export const CLASSES = 10;

/** Which histograms are drawn: those of the starting weights (and the first gradients), or of the newest step. */
export const HISTOGRAM_TIMES = ['start', 'now'] as const;
export type HistogramTime = (typeof HISTOGRAM_TIMES)[number];

/** What the learner sets; all of it is kept in the share link. */
export interface InitializationSettings {
  activation: HiddenActivation;
  /** The start whose histograms are drawn. */
  inspect: InitKind;
  /** At initialization, or at the newest step. */
  when: HistogramTime;
  /** Units in each of the ten hidden layers. */
  width: number;
  /** η of SGD with momentum 0.9, the same for the four runs. */
  learningRate: number;
  /** Train stops after this many steps. */
  steps: number;
  /** Seeds the weights (the same draw, scaled, for every start) and the order of the training images. */
  seed: number;
}

export const WIDTH_RULE = { label: 'Units per hidden layer', min: 10, max: 256, integer: true } as const;
export const LEARNING_RATE_RULE = { label: 'Learning rate', min: 0.0001, max: 1 } as const;
export const STEPS_RULE = { label: 'Training steps', min: 10, max: 5000, integer: true } as const;
export const SEED_RULE = { label: 'Seed', min: 0, max: 999_999, integer: true } as const;

/**
 * Defaults measured here (2-core machine, WASM, four workers at once, busy): at η 0.01 with momentum 0.9, tanh, seed 1,
 * Xavier and He pass 85 % validation accuracy by step ~100 while N(0, 0.01²) and N(0, 1) stay near chance (10–13 %);
 * 200 steps (~6 epochs of the 2,000 images) make the point in one to two minutes.
 */
export const DEFAULT_SETTINGS: InitializationSettings = { activation: 'tanh', inspect: 'small', when: 'start', width: 100, learningRate: 0.01, steps: 200, seed: 1 };

export const settingsSchema: SettingsSchema<InitializationSettings> = {
  activation: choiceSetting('Activation', HIDDEN_ACTIVATIONS),
  inspect: choiceSetting('Histograms of', INIT_KINDS),
  when: choiceSetting('Histograms at', HISTOGRAM_TIMES),
  width: numberSetting(WIDTH_RULE),
  learningRate: numberSetting(LEARNING_RATE_RULE),
  steps: numberSetting(STEPS_RULE),
  seed: numberSetting(SEED_RULE),
};

/** Training images: the first ones of the training split (its first downloaded chunk). */
export const TRAINING_IMAGES = 2000;
/** Validation accuracy is measured on the first images of the validation split (never trained on). */
export const VALIDATION_IMAGES = 1000;
/** The fixed batch the activation histograms are computed on: the first images of the validation split. */
export const PROBE_IMAGES = 500;
export const BATCH_SIZE = 64;
export const MOMENTUM = 0.9;
/** A validation point every this many steps. */
export const EVALUATE_EVERY = 25;
/** The histograms are recomputed at most every this many steps while training (and at every pause or step). */
export const HISTOGRAM_EVERY = 25;
export const HISTOGRAM_BINS = 48;

/**
 * The network: `HIDDEN_LAYERS` dense layers of `width` units with the chosen activation, then a dense layer of
 * ten logits (softmax cross entropy). Layers 0–9 are the hidden layers, layer 10 the output layer; every kernel,
 * the output layer's included, is drawn by the chosen initializer.
 */
export function networkSpec(init: InitKind, activation: HiddenActivation, width: number): NetworkSpec {
  const hidden: LayerSpec[] = Array.from({ length: HIDDEN_LAYERS }, (_, i) => ({ kind: 'dense', units: width, activation, name: `hidden ${i + 1}` }));
  return { inputShape: [INPUT_SIZE], layers: [...hidden, { kind: 'dense', units: CLASSES, activation: 'linear', name: 'output' }], initialization: INITIALIZERS[init] };
}

/**
 * One run of the comparison: the same data, batch size, optimizer (SGD with momentum 0.9), learning rate and seed
 * for the four starts, so only the initializer differs (the seed also fixes the order of the examples).
 */
export function trainingConfig(init: InitKind, settings: InitializationSettings): TrainingSessionConfig {
  return {
    network: networkSpec(init, settings.activation, settings.width),
    loss: 'softmax-cross-entropy',
    learningRate: settings.learningRate,
    optimizer: { kind: 'momentum', momentum: MOMENTUM },
    batchSize: BATCH_SIZE,
    seed: settings.seed,
    recordEvery: 1,
    evaluateEvery: EVALUATE_EVERY,
  };
}

/** The x range the activation histograms are binned over: tanh lives in [−1, 1]; ReLU's outputs are drawn over [0, RELU_RANGE]. */
export const RELU_RANGE = 2;

export function histogramRange(activation: HiddenActivation): [number, number] {
  return activation === 'tanh' ? [-1, 1] : [-RELU_RANGE, RELU_RANGE];
}

/** Layer indices of the hidden layers (0-based in the network; shown as 1–10). */
export const HIDDEN_LAYER_INDICES = Array.from({ length: HIDDEN_LAYERS }, (_, i) => i);

/**
 * The read-outs of the inspected run: histograms of the ten hidden layers' outputs on the probe images (one fixed
 * range per activation, so layers compare at a glance), and of the newest step's ∂L/∂W of every layer (each layer
 * over its own ±max, since gradients differ by many orders of magnitude).
 */
export function histogramReadouts(activation: HiddenActivation, probe: LabelledData): ReadoutRequests {
  return {
    activations: {
      kind: 'activation-histograms',
      layers: HIDDEN_LAYER_INDICES,
      bins: HISTOGRAM_BINS,
      range: histogramRange(activation),
      inputs: probe.inputs,
      count: probe.count,
      everySteps: HISTOGRAM_EVERY,
    },
    gradients: { kind: 'gradient-histograms', bins: HISTOGRAM_BINS, everySteps: HISTOGRAM_EVERY },
  };
}

/** The data of the lab, from the training split's first images and the validation split's first images. */
export interface LabData {
  train: LabelledData;
  validation: LabelledData;
  probe: LabelledData;
}

/** Takes the lab's images once both splits hold enough of them (null before). */
export function labData(train: DatasetSplit | null, validation: DatasetSplit | null): LabData | null {
  if (!train || !validation || train.count < TRAINING_IMAGES || validation.count < VALIDATION_IMAGES) return null;
  return { train: labelledImages(train, 0, TRAINING_IMAGES), validation: labelledImages(validation, 0, VALIDATION_IMAGES), probe: labelledImages(validation, 0, PROBE_IMAGES) };
}

/** One layer's summary in the tables and the std chart (layer numbered from 1). */
export interface LayerSummary {
  layer: number;
  mean: number;
  std: number;
  /** Share of values exactly 0. */
  zeroFraction: number;
  /** Share of values in the outermost bins (|a| near the end of the axis: saturated tanh units, or ReLU values past it). */
  edgeFraction: number;
  min: number;
  max: number;
}

/** Share of a histogram's values in its two end bins (for ReLU, whose axis starts at 0, only the upper one). */
export function edgeFraction(histogram: Histogram, upperOnly = false): number {
  const { counts, total } = histogram;
  if (total === 0 || counts.length === 0) return 0;
  const upper = counts[counts.length - 1];
  return (upperOnly || counts.length === 1 ? upper : upper + counts[0]) / total;
}

/** Per-layer mean, std, exact-zero and edge shares of a histogram read-out, ordered by layer and numbered from 1. */
export function summarizeLayers(readout: ReadoutValue | undefined, activation: HiddenActivation = 'tanh'): LayerSummary[] {
  if (!readout || !('layers' in readout) || readout.kind !== 'activation-histograms') return [];
  return [...readout.layers]
    .sort((a, b) => a.layer - b.layer)
    .map(({ layer, histogram }) => ({
      layer: layer + 1,
      mean: histogram.mean,
      std: histogram.std,
      zeroFraction: histogram.zeroFraction,
      edgeFraction: edgeFraction(histogram, activation === 'relu'),
      min: histogram.min,
      max: histogram.max,
    }));
}

/** Gradient histograms, ordered by layer and numbered from 1 (the output layer last); empty before the first step. */
export function gradientLayers(readout: ReadoutValue | undefined): LayerHistogram[] {
  if (!readout || readout.kind !== 'gradient-histograms') return [];
  return [...readout.layers].sort((a, b) => a.layer - b.layer).map((entry) => ({ ...entry, layer: entry.layer + 1 }));
}

/**
 * Keeps the first histogram read-out of a run since its last (re)build: the newest one replaces the kept one when it
 * belongs to the same or an earlier step (a Reset or new settings start again at step 0), else the kept one stays.
 * A read-out without layers (gradients before any step) counts as none. Returns `previous` itself when unchanged.
 */
export function keepFirstReadout(previous: ReadoutValue | undefined, current: ReadoutValue | undefined): ReadoutValue | undefined {
  const usable = current && 'layers' in current && current.layers.length > 0 ? current : undefined;
  if (!usable) return undefined;
  if (!previous || usable.step <= previous.step) return usable;
  return previous;
}

/** The bars to draw of one histogram: all bins, or for ReLU only x ≥ 0 with the exact zeros taken out of the first bar. */
export interface DisplayBins {
  lo: number;
  hi: number;
  /** Shares of all values (0–1), one per bar. */
  shares: number[];
  /** Share of values exactly 0, drawn apart (ReLU), else 0. */
  zeroShare: number;
}

/**
 * What a histogram panel draws. tanh: every bin as a share of the values. ReLU (outputs ≥ 0, binned symmetrically
 * around 0): only the upper half, [0, hi]; the values exactly 0 (units that are off) are removed from its first
 * bin and returned apart, so that the bars show the units that fire.
 */
export function displayBins(histogram: Histogram, activation: HiddenActivation): DisplayBins {
  const { counts, total } = histogram;
  const share = (count: number) => (total > 0 ? count / total : 0);
  if (activation === 'tanh' || counts.length % 2 !== 0) return { lo: histogram.lo, hi: histogram.hi, shares: counts.map(share), zeroShare: 0 };
  const upper = counts.slice(counts.length / 2);
  const zeros = Math.round(histogram.zeroFraction * total);
  upper[0] = Math.max(0, upper[0] - zeros);
  return { lo: (histogram.lo + histogram.hi) / 2, hi: histogram.hi, shares: upper.map(share), zeroShare: share(zeros) };
}

/** Fan-in, fan-out and each scheme's σ for one kind of layer of the network. */
export interface FanRow {
  /** Which layers: "Layer 1", "Layers 2–10", "Output". */
  layers: string;
  fanIn: number;
  fanOut: number;
  /** σ of the weights under each start. */
  std: Record<InitKind, number>;
}

/**
 * σ of each start for the three kinds of layer: layer 1 (784 → width), layers 2–10 (width → width) and the output
 * layer (width → 10). N(0, 0.01²) and N(0, 1) ignore the fans; Xavier: σ = √(2 / (fanIn + fanOut)); He: σ = √(2 / fanIn).
 */
export function fanTable(width: number): FanRow[] {
  const row = (layers: string, fanIn: number, fanOut: number): FanRow => ({
    layers,
    fanIn,
    fanOut,
    std: Object.fromEntries(INIT_KINDS.map((kind) => [kind, initializerStd(INITIALIZERS[kind], [fanIn, fanOut])])) as Record<InitKind, number>,
  });
  return [row('Layer 1', INPUT_SIZE, width), row(`Layers 2–${HIDDEN_LAYERS}`, width, width), row('Output', width, CLASSES)];
}

/**
 * The variance that the pre-activation z = Σᵢ wᵢ xᵢ of a hidden layer gets per unit of the input's mean square,
 * fanIn · σ² (Var z = fanIn · σ² · E[x²] for independent zero-mean weights): 1 keeps a linear (tanh near 0) signal's
 * size, 2 keeps a ReLU signal's size (ReLU passes half of E[z²]).
 */
export function varianceGain(init: InitKind, width: number): number {
  const std = initializerStd(INITIALIZERS[init], [width, width]);
  return width * std * std;
}

/** KaTeX source of each scheme's rule. */
export const SCHEME_TEX: Record<InitKind, string> = {
  small: 'w \\sim \\mathcal{N}(0,\\ 0.01^2)',
  unit: 'w \\sim \\mathcal{N}(0,\\ 1)',
  xavier: 'w \\sim \\mathcal{N}\\!\\left(0,\\ \\frac{2}{n_\\text{in} + n_\\text{out}}\\right)',
  he: 'w \\sim \\mathcal{N}\\!\\left(0,\\ \\frac{2}{n_\\text{in}}\\right)',
};

/** KaTeX source of the variance argument behind Xavier and He. */
export const VARIANCE_TEX = '\\operatorname{Var}(z) = n_\\text{in}\\,\\sigma_w^2\\,\\mathbb{E}[x^2]';

/** Final numbers of one run for the comparison table. */
export interface RunSummary {
  step: number;
  /** Mean training loss of the last (up to) `window` recorded steps, or null before any. */
  loss: number | null;
  /** The newest validation accuracy (0–1), or null before any. */
  accuracy: number | null;
  /** The best validation accuracy so far. */
  bestAccuracy: number | null;
}

/** Smooths out minibatch noise in the table's loss: the mean of the last `window` training-loss points. */
export function runSummary(step: number, trainLoss: { values: number[] }, validation: { accuracy: number[] }, window = 20): RunSummary {
  const recent = trainLoss.values.slice(-window).filter((value) => Number.isFinite(value));
  const loss = recent.length > 0 ? recent.reduce((a, b) => a + b, 0) / recent.length : trainLoss.values.length > 0 ? trainLoss.values[trainLoss.values.length - 1] : null;
  const accuracies = validation.accuracy.filter((value) => Number.isFinite(value));
  return {
    step,
    loss,
    accuracy: accuracies.length > 0 ? accuracies[accuracies.length - 1] : null,
    bestAccuracy: accuracies.length > 0 ? Math.max(...accuracies) : null,
  };
}

/**
 * The widget's one public state from its four runs: an error or loading anywhere wins; training while any run
 * trains; diverged only when all four did (N(0, 1) with ReLU may diverge alone); paused once any has trained.
 */
export function combinedStatus(statuses: readonly WidgetState[]): WidgetState {
  if (statuses.length === 0 || statuses.includes('loading')) return statuses.includes('error') ? 'error' : 'loading';
  if (statuses.includes('error')) return 'error';
  if (statuses.includes('training')) return 'training';
  if (statuses.every((status) => status === 'diverged')) return 'diverged';
  if (statuses.includes('paused')) return 'paused';
  return 'ready';
}

/** True when a run can take Train or Step (the others are skipped by the shared buttons). */
export const canTrain = (status: WidgetState) => status === 'ready' || status === 'paused';

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/**
 * A number for the tables with 2–3 significant digits: plain from 0.001 to 9999 ("0.0476", "0.63", "12.4"), else
 * "4.1×10⁻⁷"; "0", "–" for nothing yet, "∞" / "NaN".
 */
export function formatValue(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined) return '–';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 0.001 && magnitude < 10000) return String(Number(value.toPrecision(digits))).replace('-', '−');
  const [mantissa, exponent] = value.toExponential(Math.max(0, digits - 2)).split('e');
  const power = String(Number(exponent))
    .split('')
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join('');
  return `${String(Number(mantissa)).replace('-', '−')}×10${power}`;
}

/** "63.2%" or "–". */
export const formatPercent = (value: number | null | undefined) => (value === null || value === undefined || !Number.isFinite(value) ? '–' : `${(value * 100).toFixed(1)}%`);

/** One sentence per layer set, for the text alternative of the histograms: std at layers 1, 5 and 10 and what it means. */
export function describeActivations(init: InitKind, activation: HiddenActivation, layers: readonly LayerSummary[], step: number): string {
  if (layers.length === 0) return 'The activation histograms are being computed.';
  const at = (n: number) => layers.find((layer) => layer.layer === n);
  const picks = [1, 5, 10].map(at).filter((layer): layer is LayerSummary => layer !== undefined);
  const stds = picks.map((layer) => `layer ${layer.layer} std ${formatValue(layer.std)}`).join(', ');
  const last = layers[layers.length - 1];
  const edge =
    activation === 'tanh'
      ? `${formatPercent(last.edgeFraction)} of layer ${last.layer}'s values at ±1 (saturated)`
      : `${formatPercent(last.zeroFraction)} of layer ${last.layer}'s values exactly 0`;
  return `Activations of the ten hidden layers for ${INIT_LABELS[init]} with ${ACTIVATION_LABELS[activation]} on ${PROBE_IMAGES} validation images at step ${step}: ${stds}; ${edge}.`;
}
