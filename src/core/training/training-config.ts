import type { NetworkParameters, NetworkSpec } from '../nn/network-spec';
import type { LossName } from '../nn/losses';
import type { OptimizerConfig } from './optimizers/optimizer-config';
import { validateSchedule, type LearningRateSchedule } from './learning-rate-schedule';
import { validateEarlyStopping, type EarlyStoppingConfig } from './early-stopping';

/**
 * Everything that defines a training run, as plain data; the same config and seed give the same loss curve.
 * Optional fields default to plain minibatch SGD at a constant learning rate with no regularization.
 */
export interface TrainingSessionConfig {
  network: NetworkSpec;
  loss: LossName;
  /** η₀: the base learning rate (the schedule scales it step by step; it may be changed while training). */
  learningRate: number;
  /** Examples per optimizer step; a value ≥ the training-set size means full-batch gradient descent. */
  batchSize: number;
  /** Seeds the initial weights, the order of examples and the dropout masks. */
  seed: number;
  /** A loss-curve point every this many steps (1 = every step). */
  recordEvery: number;
  /** Validation loss and accuracy every this many steps (0 = never). */
  evaluateEvery: number;
  /** The update rule (default plain SGD). */
  optimizer?: OptimizerConfig;
  /** How η changes with the step (default constant). */
  schedule?: LearningRateSchedule;
  /** λ of an L2 penalty ½ λ Σ‖W‖² over the kernels, added to the loss that is differentiated (the recorded loss excludes it). */
  l2Penalty?: number;
  /** λ of an L1 penalty λ Σ|W| over the kernels (drives small weights to exactly 0), added like the L2 penalty. */
  l1Penalty?: number;
  /** When set, gradients are scaled so their global L2 norm is at most this: g ← g · min(1, c / ‖g‖). */
  gradientClipNorm?: number;
  /** Indices (in `network.layers`) of layers whose parameters stay fixed; their batch-norm layers run in inference mode. */
  frozenLayers?: number[];
  /** Start from these parameters instead of seeded random ones (pretrained models, finetuning, restored runs). */
  initialParameters?: NetworkParameters;
  /** Count steps from here (a run resumed from a snapshot goes on at the snapshot's step). Default 0. */
  startStep?: number;
  /**
   * Track the best validation evaluation, keep its weights, and stop after `patience` evaluations without
   * improvement (see early-stopping.ts). Needs validation data and `evaluateEvery` > 0.
   */
  earlyStopping?: EarlyStoppingConfig;
}

const isNonNegative = (value: number | undefined) => value === undefined || (Number.isFinite(value) && value >= 0);

/** The first problem with a config, in words a learner can act on, or null. */
export function validateTrainingConfig(config: TrainingSessionConfig): string | null {
  if (!(Number.isFinite(config.learningRate) && config.learningRate > 0)) return `The learning rate must be a positive number, got ${config.learningRate}`;
  if (!(Number.isInteger(config.batchSize) && config.batchSize >= 1)) return `The batch size must be a whole number ≥ 1, got ${config.batchSize}`;
  if (!(Number.isInteger(config.recordEvery) && config.recordEvery >= 1)) return `recordEvery must be a whole number ≥ 1, got ${config.recordEvery}`;
  if (!(Number.isInteger(config.evaluateEvery) && config.evaluateEvery >= 0)) return `evaluateEvery must be a whole number ≥ 0, got ${config.evaluateEvery}`;
  if (!isNonNegative(config.l2Penalty)) return `The L2 penalty must be ≥ 0, got ${config.l2Penalty}`;
  if (!isNonNegative(config.l1Penalty)) return `The L1 penalty must be ≥ 0, got ${config.l1Penalty}`;
  if (config.gradientClipNorm !== undefined && !(Number.isFinite(config.gradientClipNorm) && config.gradientClipNorm > 0)) {
    return `The gradient clipping norm must be a positive number, got ${config.gradientClipNorm}`;
  }
  if (config.startStep !== undefined && !(Number.isInteger(config.startStep) && config.startStep >= 0)) return `startStep must be a whole number ≥ 0, got ${config.startStep}`;
  if (config.earlyStopping) {
    const problem = validateEarlyStopping(config.earlyStopping);
    if (problem) return problem;
    if (config.evaluateEvery <= 0) return 'Early stopping needs validation evaluations: set evaluateEvery to a whole number ≥ 1';
  }
  const scheduleProblem = config.schedule ? validateSchedule(config.schedule, config.learningRate) : null;
  if (scheduleProblem) return scheduleProblem;
  const layerCount = config.network.layers.length;
  const badLayer = (config.frozenLayers ?? []).find((layer) => !Number.isInteger(layer) || layer < 0 || layer >= layerCount);
  if (badLayer !== undefined) return `Cannot freeze layer ${badLayer}: the network has layers 0–${layerCount - 1}`;
  return null;
}
