import { tf, type Tensor, type Variable } from '../../tf/tf-core';
import type { Optimizer, ParameterUpdate } from './optimizer';
import type { ResolvedOptimizerConfig } from './optimizer-config';

/** The kind-specific part of an optimizer: how state and gradient give the step direction d in w ← w − η d. */
export interface UpdateRule {
  /** State tensors per variable (0 for SGD, 1 for momentum, 2 for Adam), each the variable's shape, zeros at first. */
  readonly slotCount: number;
  /**
   * Called inside `tf.tidy`: the direction d and the new value of every state tensor (in `slots` order).
   * `step` is t, the optimizer's step counter including this step (1 on the first step).
   */
  computeStep(gradient: Tensor, slots: readonly Tensor[], step: number): { direction: Tensor; slots: Tensor[] };
}

/**
 * An `Optimizer` from an update rule: w ← w − η d − η λ w, where d comes from the rule and the last term
 * (decoupled weight decay) applies only when λ > 0 and the update `decays`. The decay uses w before this
 * step's update and the same η as the step, so a schedule that lowers η lowers the decay too (PyTorch's
 * AdamW does the same); whether it is applied before or after the rule's step does not matter since d
 * does not depend on w.
 *
 * Ownership: state tensors are non-trainable variables kept until `dispose()`; every other tensor lives
 * inside a `tf.tidy` per parameter.
 */
export function createRuleBasedOptimizer(config: ResolvedOptimizerConfig, rule: UpdateRule): Optimizer {
  const state = new Map<Variable, Variable[]>();
  const weightDecay = config.weightDecay;
  let step = 0;
  let disposed = false;

  function slotsFor(variable: Variable): Variable[] {
    let slots = state.get(variable);
    if (!slots) {
      slots = Array.from({ length: rule.slotCount }, () => tf.tidy(() => tf.zerosLike(variable).variable(false)));
      state.set(variable, slots);
    }
    return slots;
  }

  function check(updates: readonly ParameterUpdate[], learningRate: number): void {
    if (disposed) throw new Error('This optimizer has been disposed.');
    if (typeof learningRate !== 'number' || !Number.isFinite(learningRate) || learningRate < 0) {
      throw new Error(`The learning rate must be a finite number ≥ 0, got ${String(learningRate)}`);
    }
    const seen = new Set<Variable>();
    for (const { variable, gradient } of updates) {
      if (seen.has(variable)) throw new Error(`Variable ${variable.name} is listed twice in one optimizer step.`);
      seen.add(variable);
      if (variable.isDisposed) throw new Error(`Variable ${variable.name} has been disposed.`);
      if (gradient.isDisposed) throw new Error(`The gradient of ${variable.name} has been disposed.`);
      if (!tf.util.arraysEqual(variable.shape, gradient.shape)) {
        throw new Error(`The gradient of ${variable.name} has shape [${gradient.shape.join(', ')}], the variable [${variable.shape.join(', ')}].`);
      }
    }
  }

  return {
    config,
    applyGradients(updates, learningRate) {
      check(updates, learningRate);
      step++;
      const slotsOf = updates.map(({ variable }) => slotsFor(variable));
      // One scope and one η tensor for the whole step: tiny networks are dominated by per-op overhead.
      tf.tidy(() => {
        const eta = tf.scalar(learningRate);
        updates.forEach(({ variable, gradient, decays }, u) => {
          const slots = slotsOf[u];
          const result = rule.computeStep(gradient, slots, step);
          result.slots.forEach((value, i) => slots[i].assign(value));
          const decayFactor = decays && weightDecay > 0 ? 1 - learningRate * weightDecay : 1;
          const kept = decayFactor === 1 ? variable : tf.mul(variable, decayFactor);
          variable.assign(tf.sub(kept, tf.mul(result.direction, eta)));
        });
      });
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const slots of state.values()) tf.dispose(slots);
      state.clear();
    },
  };
}
