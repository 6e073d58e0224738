/**
 * Early stopping as a pure state machine over the validation curve: remember the best evaluation so far, count
 * the evaluations since, and stop once `patience` of them in a row brought no improvement. The training session
 * feeds it every validation point and keeps the weights of the best one (see TrainingSession).
 */

/** Which validation number decides, and how patient to be. */
export interface EarlyStoppingConfig {
  /** Evaluations (one every `evaluateEvery` steps) in a row without improvement before stopping; a whole number ≥ 1. */
  patience: number;
  /** 'validation-loss' (default: lower is better) or 'validation-accuracy' (higher is better). */
  monitor?: 'validation-loss' | 'validation-accuracy';
  /** The smallest change that counts as an improvement (default 0: any strict improvement). */
  minDelta?: number;
  /** True (default): training stops when patience runs out. False: it goes on, and the status marks where it would have stopped. */
  stopTraining?: boolean;
  /** True (default): when training stops early, the weights of the best evaluation are put back. */
  restoreBestWeights?: boolean;
}

/** Where early stopping stands after the evaluations so far (plain numbers, reported with every progress). */
export interface EarlyStoppingStatus {
  /** Step of the best evaluation so far, or null before the first. */
  bestStep: number | null;
  /** The monitored value at `bestStep`. */
  bestValue: number | null;
  /** Evaluations since the best one (0 right after an improvement). */
  evaluationsSinceBest: number;
  /** Step of the evaluation at which patience ran out, or null while it has not. */
  stoppedAtStep: number | null;
  /** The step whose weights were put back into the model by the latest restore, or null when none was. */
  restoredStep: number | null;
}

export const INITIAL_EARLY_STOPPING_STATUS: EarlyStoppingStatus = { bestStep: null, bestValue: null, evaluationsSinceBest: 0, stoppedAtStep: null, restoredStep: null };

/** The first problem with an early-stopping config, in words a learner can act on, or null. */
export function validateEarlyStopping(config: EarlyStoppingConfig): string | null {
  if (!(Number.isInteger(config.patience) && config.patience >= 1)) return `Early stopping's patience must be a whole number of evaluations ≥ 1, got ${config.patience}`;
  if (config.monitor !== undefined && config.monitor !== 'validation-loss' && config.monitor !== 'validation-accuracy') {
    return `Early stopping can watch 'validation-loss' or 'validation-accuracy', not ${JSON.stringify(config.monitor)}`;
  }
  if (config.minDelta !== undefined && !(Number.isFinite(config.minDelta) && config.minDelta >= 0))
    return `Early stopping's minimum improvement must be a number ≥ 0, got ${config.minDelta}`;
  return null;
}

/** True when `value` beats `best` by more than `minDelta` in the monitored direction (any finite value beats none). */
export function isImprovement(config: EarlyStoppingConfig, value: number, best: number | null): boolean {
  if (!Number.isFinite(value)) return false;
  if (best === null) return true;
  const minDelta = config.minDelta ?? 0;
  return config.monitor === 'validation-accuracy' ? value > best + minDelta : value < best - minDelta;
}

/**
 * The status after one more evaluation at `step` with validation loss `loss` and accuracy `accuracy`. Once patience
 * has run out the status no longer changes (later evaluations neither improve nor count). `improved` says whether
 * this evaluation became the new best (its weights are the ones to keep).
 */
export function observeEvaluation(
  config: EarlyStoppingConfig,
  status: EarlyStoppingStatus,
  step: number,
  loss: number,
  accuracy: number,
): { status: EarlyStoppingStatus; improved: boolean } {
  if (status.stoppedAtStep !== null) return { status, improved: false };
  const value = config.monitor === 'validation-accuracy' ? accuracy : loss;
  if (isImprovement(config, value, status.bestValue)) {
    return { status: { ...status, bestStep: step, bestValue: value, evaluationsSinceBest: 0 }, improved: true };
  }
  const evaluationsSinceBest = status.evaluationsSinceBest + 1;
  return { status: { ...status, evaluationsSinceBest, stoppedAtStep: evaluationsSinceBest >= config.patience ? step : null }, improved: false };
}
