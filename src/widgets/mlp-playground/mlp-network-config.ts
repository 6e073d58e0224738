import type { LayerSpec } from '../../core/nn/network-spec';
import type { LabelledData } from '../../core/training/labelled-data';
import type { ReadoutRequests } from '../../core/training/readouts';
import type { TrainingSessionConfig } from '../../core/training/training-config';
import type { OptimizerKind } from '../../core/training/optimizers/optimizer-config';
import type { DataPoint, ProblemType } from './mlp-datasets';
import { featureInputs, gridPoints, type FeatureId } from './mlp-features';
import type { HiddenActivation, Regularization } from './mlp-settings';

/*
 * From the playground's settings to what the engine trains: the network, its loss, the training data as
 * engine arrays, and the read-outs the pictures are drawn from.
 */

/** Side of the grid the output heatmap is computed on (resolution², in the plane [-6, 6]²). */
export const BOUNDARY_RESOLUTION = 50;
/** Side of the coarser grid each neuron's small heatmap is computed on. */
export const NEURON_RESOLUTION = 20;

/** How the output layer reads: one tanh unit (two classes, targets ±1), K logits (softmax), or one linear unit. */
export type OutputKind = 'binary' | 'softmax' | 'regression';

/** The output a problem needs: TF Playground's tanh unit for two classes, softmax over K > 2 classes, linear for regression. */
export function outputKind(problem: ProblemType, classCount: number): OutputKind {
  if (problem === 'regression') return 'regression';
  return classCount > 2 ? 'softmax' : 'binary';
}

/** Units of the output layer. */
export function outputUnits(kind: OutputKind, classCount: number): number {
  return kind === 'softmax' ? classCount : 1;
}

export interface PlaygroundNetworkOptions {
  inputSize: number;
  hiddenLayers: readonly number[];
  activation: HiddenActivation;
  problem: ProblemType;
  classCount: number;
  learningRate: number;
  batchSize: number;
  regularization: Regularization;
  regularizationRate: number;
  optimizer: OptimizerKind;
  seed: number;
  /** Training points: a loss point and a test evaluation are recorded once per epoch (⌈points / batch⌉ steps). */
  trainCount: number;
  /** Whether there are test points to evaluate. */
  hasTest: boolean;
}

/** Optimizer steps in one pass over the training points: ⌈points / batch⌉ (1 when the batch holds them all). */
export function stepsPerEpoch(trainCount: number, batchSize: number): number {
  return Math.max(1, Math.ceil(trainCount / Math.max(1, batchSize)));
}

/**
 * The engine's config: dense hidden layers with the chosen activation, weights drawn from N(0, 0.3²) (about TF
 * Playground's U(−0.5, 0.5)), then the output layer:
 * - binary: 1 tanh unit, targets ±1, loss ½·mean (y − t)² (TF Playground's);
 * - softmax: K linear units (logits), loss −mean Σ_k t_k log softmax(z)_k;
 * - regression: 1 linear unit, loss ½·mean (y − t)².
 * L1 adds λ Σ|W| and L2 adds ½ λ Σ W² over the kernels (not the biases) to the loss that is differentiated.
 */
export function playgroundConfig(options: PlaygroundNetworkOptions): TrainingSessionConfig {
  const kind = outputKind(options.problem, options.classCount);
  const hidden: LayerSpec[] = options.hiddenLayers.map((units) => ({ kind: 'dense', units, activation: options.activation }));
  const output: LayerSpec = { kind: 'dense', units: outputUnits(kind, options.classCount), activation: kind === 'binary' ? 'tanh' : 'linear' };
  const epochSteps = stepsPerEpoch(options.trainCount, options.batchSize);
  const rate = options.regularizationRate;
  return {
    network: { inputShape: [options.inputSize], layers: [...hidden, output], initialization: { kind: 'normal', std: 0.3 } },
    loss: kind === 'softmax' ? 'softmax-cross-entropy' : 'half-squared-error',
    learningRate: options.learningRate,
    batchSize: options.batchSize,
    seed: options.seed,
    recordEvery: epochSteps,
    evaluateEvery: options.hasTest ? epochSteps : 0,
    optimizer: { kind: options.optimizer },
    ...(options.regularization === 'l1' && rate > 0 ? { l1Penalty: rate } : {}),
    ...(options.regularization === 'l2' && rate > 0 ? { l2Penalty: rate } : {}),
  };
}

/** The targets of points for an output kind: ±1 (binary: class 1 → +1), one-hot rows of K (softmax), or the value (regression). */
export function encodeTargets(points: readonly DataPoint[], kind: OutputKind, classCount: number): Float32Array {
  if (kind === 'softmax') {
    const targets = new Float32Array(points.length * classCount);
    points.forEach((point, n) => (targets[n * classCount + Math.round(point.label)] = 1));
    return targets;
  }
  if (kind === 'binary') return Float32Array.from(points, (point) => (point.label >= 1 ? 1 : -1));
  return Float32Array.from(points, (point) => point.label);
}

/** Points as engine data: the chosen features as inputs [n, features], targets [n, outputs]. Null without points. */
export function toLabelledData(points: readonly DataPoint[], features: readonly FeatureId[], kind: OutputKind, classCount: number): LabelledData | null {
  if (points.length === 0) return null;
  return {
    inputs: featureInputs(points, features),
    targets: encodeTargets(points, kind, classCount),
    count: points.length,
    inputSize: features.length,
    targetSize: outputUnits(kind, classCount),
  };
}

/** The probe inputs of a resolution² grid over the plane, as features (what the heatmaps evaluate the network on). */
export function gridFeatureInputs(features: readonly FeatureId[], resolution: number): Float32Array {
  return featureInputs(gridPoints(resolution), features);
}

/**
 * What the pictures need from the engine, at most once per `everySteps` steps while training (always on pause
 * and step): `boundary`, the network's outputs over the BOUNDARY_RESOLUTION² grid; `neurons`, every hidden layer's
 * activations over the NEURON_RESOLUTION² grid (absent without hidden layers); `weights`, every parameter.
 */
export function playgroundReadouts(boundaryInputs: Float32Array, neuronInputs: Float32Array, hiddenLayerCount: number, everySteps: number): ReadoutRequests {
  const requests: ReadoutRequests = {
    boundary: { kind: 'outputs', inputs: boundaryInputs, count: BOUNDARY_RESOLUTION * BOUNDARY_RESOLUTION, everySteps },
    weights: { kind: 'parameters', everySteps },
  };
  if (hiddenLayerCount > 0) {
    requests.neurons = {
      kind: 'activations',
      layers: Array.from({ length: hiddenLayerCount }, (_, i) => i),
      inputs: neuronInputs,
      count: NEURON_RESOLUTION * NEURON_RESOLUTION,
      everySteps,
    };
  }
  return requests;
}

/**
 * How many steps may pass between two read-outs so that pictures arrive about `perSecond` times a second at
 * `stepsPerSecond`: a power of two (so the read-outs change rarely as the speed wobbles), at least 1.
 */
export function readoutInterval(stepsPerSecond: number, perSecond = 15): number {
  if (!(Number.isFinite(stepsPerSecond) && stepsPerSecond > 0)) return 1;
  const ideal = stepsPerSecond / perSecond;
  return ideal <= 1 ? 1 : 2 ** Math.floor(Math.log2(ideal));
}
