import type { DatasetName } from '../../core/data/load-dataset';
import { lenet5 } from '../../core/nn/architectures/lenet5';
import { miniVgg } from '../../core/nn/architectures/mini-vgg';
import { initializeParameters, summarizeNetwork, type LayerSummary, type NetworkParameters, type NetworkSpec } from '../../core/nn/network-spec';
import type { TrainingSessionConfig } from '../../core/training/training-config';
import { numberSetting, type SettingsSchema } from '../../core/url/shared-settings';

/*
 * The classic-architecture trainer's state as plain data: which classic network, its recipe (settings and the
 * engine config), its layer table, the plateau rule that divides the learning rate by 10, and the "train a shallower
 * net first" initialization of mini-VGG.
 */

export const CLASSIC_MODELS = ['lenet5', 'mini-vgg'] as const;
export type ClassicModel = (typeof CLASSIC_MODELS)[number];

export const LEARNING_RATE_RULE = { label: 'Learning rate', min: 0.00001, max: 1 };
export const BATCH_SIZE_RULE = { label: 'Batch size', min: 8, max: 256, integer: true };
export const STEPS_RULE = { label: 'Steps', min: 10, max: 20_000, integer: true };
export const SEED_RULE = { label: 'Seed', min: 0, max: 999_999, integer: true };
export const L2_RULE = { label: 'Weight decay λ', min: 0, max: 0.01 };
export const PATIENCE_RULE = { label: 'Patience', min: 1, max: 20, integer: true };
export const SHALLOW_STEPS_RULE = { label: 'Shallow net steps', min: 10, max: 5_000, integer: true };
export const COMPARE_STEPS_RULE = { label: 'Deep net steps', min: 10, max: 5_000, integer: true };

/** Every setting; flat, so each is one share-link parameter. LeNet-5 ignores the last four (its recipe has none). */
export interface ClassicTrainerSettings {
  learningRate: number;
  batchSize: number;
  /** Optimizer steps of one press of Train (the default run). */
  steps: number;
  seed: number;
  /** λ of the L2 penalty ½λΣ‖W‖² on the kernels (coupled, as in VGG: its gradient λW goes through momentum). */
  l2: number;
  /** Validation evaluations without a new best before the learning rate is divided by 10. */
  patience: number;
  /** Steps of the shallow net, then of each deep net, in the shallow-first comparison. */
  shallowSteps: number;
  compareSteps: number;
}

export const SETTINGS_SCHEMA: SettingsSchema<ClassicTrainerSettings> = {
  learningRate: numberSetting(LEARNING_RATE_RULE),
  batchSize: numberSetting(BATCH_SIZE_RULE),
  steps: numberSetting(STEPS_RULE),
  seed: numberSetting(SEED_RULE),
  l2: numberSetting(L2_RULE),
  patience: numberSetting(PATIENCE_RULE),
  shallowSteps: numberSetting(SHALLOW_STEPS_RULE),
  compareSteps: numberSetting(COMPARE_STEPS_RULE),
};

/** One classic network with its dataset, its recipe and its defaults. */
export interface ClassicSetup {
  model: ClassicModel;
  name: string;
  dataset: DatasetName;
  datasetName: string;
  network: NetworkSpec;
  optimizer: TrainingSessionConfig['optimizer'];
  /** What the recipe is, in one sentence. */
  recipe: string;
  defaults: ClassicTrainerSettings;
  /** True when the recipe divides η by 10 on a plateau (and has weight decay and the shallow-first comparison). */
  vggRecipe: boolean;
}

/**
 * LeNet-5: Adam at η = 2·10⁻³, batches of 32 (measured: 97 % of 1,000 MNIST validation images after ~550 steps,
 * ~18 s in Node on WebAssembly); 900 steps (measured in Chromium on this 2-core machine, WebAssembly: 97.7 % of
 * 1,000 validation images in 33.5 s).
 * Mini-VGG: VGG's recipe (minibatch SGD, momentum 0.9, L2 5·10⁻⁴, dropout 0.5 on the first two dense layers,
 * η ÷ 10 when validation accuracy stalls for 5 evaluations) at η = 0.02, batches of 32, 1,200 steps (measured in
 * Chromium on this 2-core machine, WebAssembly: 82.6 % of 1,000 validation images in 1 min 55 s; η = 0.05 did worse,
 * 78.0 % after 1,000 steps).
 */
export const CLASSIC_SETUPS: Record<ClassicModel, ClassicSetup> = {
  lenet5: {
    model: 'lenet5',
    name: 'LeNet-5',
    dataset: 'mnist',
    datasetName: 'MNIST',
    network: lenet5,
    optimizer: { kind: 'adam' },
    recipe: 'Softmax cross entropy, ReLU and He-normal initialization: a modern stand-in for 1998’s scaled tanh units and hand-tuned SGD.',
    defaults: { learningRate: 0.002, batchSize: 32, steps: 900, seed: 1, l2: 0, patience: 3, shallowSteps: 150, compareSteps: 150 },
    vggRecipe: false,
  },
  'mini-vgg': {
    model: 'mini-vgg',
    name: 'Mini-VGG',
    dataset: 'fashion-mnist',
    datasetName: 'Fashion-MNIST',
    network: miniVgg,
    optimizer: { kind: 'momentum', momentum: 0.9 },
    recipe:
      'VGG’s recipe scaled down: minibatch SGD with momentum 0.9, an L2 penalty ½λΣ‖W‖² on the kernels (coupled, as in VGG: its gradient λW goes through the momentum), dropout 0.5 on the first two dense layers, and η divided by 10 when validation accuracy stalls.',
    defaults: { learningRate: 0.02, batchSize: 32, steps: 1200, seed: 1, l2: 0.0005, patience: 5, shallowSteps: 300, compareSteps: 150 },
    vggRecipe: true,
  },
};

/** Validation (1,000 images) every this many steps. */
export const EVALUATE_EVERY = 50;
/** Fixed validation subset scored while training. */
export const VALIDATION_SUBSET = 1000;

/** The engine config of a run: softmax cross entropy on the logits, the setup's optimizer, a loss point every 5 steps. */
export function classicConfig(
  setup: ClassicSetup,
  settings: ClassicTrainerSettings,
  options: { network?: NetworkSpec; learningRate?: number; initialParameters?: NetworkParameters } = {},
): TrainingSessionConfig {
  return {
    network: options.network ?? setup.network,
    loss: 'softmax-cross-entropy',
    learningRate: options.learningRate ?? settings.learningRate,
    batchSize: settings.batchSize,
    seed: settings.seed,
    recordEvery: 5,
    evaluateEvery: EVALUATE_EVERY,
    optimizer: setup.optimizer,
    ...(setup.vggRecipe && settings.l2 > 0 ? { l2Penalty: settings.l2 } : {}),
    ...(options.initialParameters ? { initialParameters: options.initialParameters } : {}),
  };
}

/** One row of the layer table. */
export interface LayerRow {
  name: string;
  description: string;
  outputShape: string;
  parameters: number;
  multiplyAdds: number;
}

/** "Conv 5×5, 6 filters, same", "Max pool 2×2", "Dense 120", "Dropout 0.5", "Output 10 (logits)". */
export function describeLayerSpec(summary: LayerSummary): string {
  const layer = summary.layer;
  switch (layer.kind) {
    case 'conv2d':
      return `Conv ${layer.kernelSize}×${layer.kernelSize}, ${layer.filters} filters, ${layer.padding ?? 'valid'}`;
    case 'max-pool':
      return `Max pool ${layer.size}×${layer.size}`;
    case 'flatten':
      return 'Flatten';
    case 'dense':
      return layer.activation === 'linear' ? `Output ${layer.units} (logits)` : `Dense ${layer.units}, ${layer.activation}`;
    case 'dropout':
      return `Dropout ${layer.rate}`;
    default:
      return layer.kind;
  }
}

/** The layer table: every layer's output shape (H×W×C), trainable parameters and forward multiply–adds per image. */
export function layerTable(network: NetworkSpec): { rows: LayerRow[]; parameters: number; multiplyAdds: number } {
  const rows = summarizeNetwork(network).map((summary) => ({
    name: summary.name,
    description: describeLayerSpec(summary),
    outputShape: summary.outputShape.join('×'),
    parameters: summary.parameterCount,
    multiplyAdds: summary.multiplyAdds,
  }));
  return { rows, parameters: rows.reduce((sum, row) => sum + row.parameters, 0), multiplyAdds: rows.reduce((sum, row) => sum + row.multiplyAdds, 0) };
}

/** One division of the learning rate: at the evaluation of `step`, η became `learningRate`. */
export interface LearningRateDrop {
  step: number;
  learningRate: number;
}

/** Where the plateau rule stands after a validation curve. */
export interface PlateauState {
  /** η of the next step: base ÷ factor^drops. */
  learningRate: number;
  drops: LearningRateDrop[];
  /** Best validation accuracy so far, and evaluations since it (reset to 0 by a drop). */
  best: number;
  sinceBest: number;
}

/**
 * "Reduce on plateau", as VGG trained: η starts at `base`; an evaluation is an improvement when its accuracy beats
 * the best so far by more than `minDelta`; after `patience` evaluations in a row without one, η ← η ÷ `factor` and the
 * count restarts (the best is kept). At most `maxDrops` divisions (VGG divided 3 times). Pure: a function of the curve,
 * so the widget recomputes it from the run's validation accuracies and a reset (empty curve) gives back `base`.
 */
export function plateauSchedule(
  validation: { steps: readonly number[]; accuracy: readonly number[] },
  base: number,
  patience: number,
  { factor = 10, minDelta = 0.002, maxDrops = 3 }: { factor?: number; minDelta?: number; maxDrops?: number } = {},
): PlateauState {
  let learningRate = base;
  let best = -Infinity;
  let sinceBest = 0;
  const drops: LearningRateDrop[] = [];
  validation.accuracy.forEach((accuracy, i) => {
    if (!Number.isFinite(accuracy)) return;
    if (accuracy > best + minDelta) {
      best = accuracy;
      sinceBest = 0;
      return;
    }
    best = Math.max(best, accuracy);
    sinceBest++;
    if (sinceBest >= patience && drops.length < maxDrops) {
      learningRate /= factor;
      drops.push({ step: validation.steps[i], learningRate });
      sinceBest = 0;
    }
  });
  return { learningRate, drops, best: Number.isFinite(best) ? best : NaN, sinceBest };
}

/**
 * The shallower mini-VGG of the shallow-first idea (VGG's net A against its deeper D/E): one 3×3 convolution per block
 * instead of two, the same pooling and dense head, so every layer but the blocks' second convolutions has a twin.
 */
export const shallowMiniVgg: NetworkSpec = {
  ...miniVgg,
  layers: miniVgg.layers.filter((layer) => layer.name !== 'conv1-2' && layer.name !== 'conv2-2'),
};

/** Which shallow layer initializes which deep layer: each block's first convolution and every dense layer. */
export const SHALLOW_TO_DEEP: ReadonlyArray<readonly [string, string]> = [
  ['conv1-1', 'conv1-1'],
  ['conv2-1', 'conv2-1'],
  ['fc1', 'fc1'],
  ['fc2', 'fc2'],
  ['fc3', 'fc3'],
];

/** The deep net's starting parameters, and which of its layers were copied or drawn fresh. */
export interface WarmStart {
  parameters: NetworkParameters;
  copied: string[];
  fresh: string[];
}

/**
 * Initializes `deep` from a trained `shallow` net: for each pair in `pairs`, every parameter of the shallow layer is
 * copied into the deep layer of that name when the shapes match; every other parameter (the blocks' second
 * convolutions, and anything whose shape differs) keeps the seeded random draw of `initializeParameters(deep, seed)`.
 */
export function warmStartFromShallow(
  shallow: NetworkSpec,
  shallowParameters: NetworkParameters,
  deep: NetworkSpec,
  seed: number,
  pairs: ReadonlyArray<readonly [string, string]> = SHALLOW_TO_DEEP,
): WarmStart {
  const shallowIndex = new Map(summarizeNetwork(shallow).map((summary) => [summary.name, summary.index]));
  const deepSummary = summarizeNetwork(deep);
  const fresh = initializeParameters(deep, seed);
  const copiedLayers = new Set<number>();
  const parameters = fresh.map((parameter) => {
    const deepName = deepSummary[parameter.layer].name;
    const pair = pairs.find(([, to]) => to === deepName);
    if (!pair) return parameter;
    const from = shallowIndex.get(pair[0]);
    const source = shallowParameters.find((p) => p.layer === from && p.name === parameter.name);
    if (!source || source.shape.join('×') !== parameter.shape.join('×')) return parameter;
    copiedLayers.add(parameter.layer);
    return { ...parameter, values: Float32Array.from(source.values) };
  });
  const withWeights = deepSummary.filter((summary) => summary.parameterCount > 0);
  return {
    parameters,
    copied: withWeights.filter((summary) => copiedLayers.has(summary.index)).map((summary) => summary.name),
    fresh: withWeights.filter((summary) => !copiedLayers.has(summary.index)).map((summary) => summary.name),
  };
}

/** The phases of the shallow-first comparison, run one after the other on one engine. */
export const COMPARISON_PHASES = ['shallow', 'deep-warm', 'deep-random'] as const;
export type ComparisonPhase = (typeof COMPARISON_PHASES)[number];

export const PHASE_LABELS: Record<ComparisonPhase, string> = {
  shallow: 'Shallow net (1 conv per block), random start',
  'deep-warm': 'Deep net, started from the shallow net',
  'deep-random': 'Deep net, random start',
};

/** A finished (or running) phase's curves. */
export interface PhaseCurves {
  trainLoss: { steps: number[]; values: number[] };
  validation: { steps: number[]; loss: number[]; accuracy: number[] };
}

/** The newest validation accuracy of a curve, or null. */
export function lastAccuracy(curves: Pick<PhaseCurves, 'validation'> | null | undefined): number | null {
  const accuracy = curves?.validation.accuracy;
  return accuracy && accuracy.length > 0 ? accuracy[accuracy.length - 1] : null;
}

/** Mean of the last `count` training-loss points (the batches are noisy), or null. */
export function recentLoss(curves: Pick<PhaseCurves, 'trainLoss'> | null | undefined, count = 10): number | null {
  const values = curves?.trainLoss.values ?? [];
  if (values.length === 0) return null;
  const tail = values.slice(-count);
  return tail.reduce((sum, value) => sum + value, 0) / tail.length;
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

/** "98.1 %" or "–". */
export const percent = (value: number | null | undefined, digits = 1): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '–' : `${(value * 100).toFixed(digits)} %`;
