import type { Tensor, Variable } from '../../tf/tf-core';
import type { OptimizerConfig } from './optimizer-config';

/** One parameter and its gradient for one optimizer step. */
export interface ParameterUpdate {
  /** Updated in place (`assign`); owned by the caller. */
  variable: Variable;
  /** ∂L/∂w, the same shape as `variable`; owned by the caller (the optimizer never disposes it). */
  gradient: Tensor;
  /** Whether decoupled weight decay applies: true for kernels, false for biases and batch-norm parameters. */
  decays: boolean;
}

/**
 * An update rule we implement ourselves (not `tf.train.*`), so that η is an argument of every step
 * (live changes and schedules work for every kind) and the caller sees, and may change, the gradients
 * before the update (clipping, freezing: leave a parameter out of the list).
 *
 * Ownership: the optimizer owns its state tensors (one set per variable, created as zeros the first
 * time that variable is updated) and frees them in `dispose()`; it never disposes variables or gradients.
 */
export interface Optimizer {
  readonly config: OptimizerConfig;
  /**
   * One update of every listed variable with learning rate η (this step's value, finite and ≥ 0).
   * Advances the optimizer's step counter t by one (Adam's bias correction uses t for every variable).
   * Throws, changing nothing, for an invalid η, a gradient whose shape differs from its variable's,
   * a variable listed twice or a disposed optimizer.
   */
  applyGradients(updates: readonly ParameterUpdate[], learningRate: number): void;
  /** Frees every state tensor; later calls of `applyGradients` throw. Calling it twice is harmless. */
  dispose(): void;
}
