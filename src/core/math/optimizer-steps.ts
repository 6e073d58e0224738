/**
 * The engine's update rules (src/core/training/optimizers/*) on plain number vectors, for drawing an
 * optimizer's path on a 2-D surface without TF.js. Same conventions, same defaults, same order of
 * operations; in double precision where the engine computes in float32 (unit tests compare the two).
 *
 * Every rule is w ← w − η d − η λ w, where the direction d comes from the kind (below) and the last term is
 * decoupled weight decay (λ = `weightDecay`, applied to every coordinate; w on the right is the value before
 * the step).
 */
import { resolveOptimizerConfig, type OptimizerConfig, type OptimizerKind, type ResolvedOptimizerConfig } from '../training/optimizers/optimizer-config';

/** An optimizer's memory between steps: t (steps taken) and its state vectors, each the length of w. */
export interface OptimizerMemory {
  /** Steps taken so far (Adam's bias correction uses t + 1 on the next step). */
  step: number;
  /** Momentum / Nesterov: [v]; RMSProp: [s]; Adam / AdamW: [m, v]; SGD: []. */
  slots: number[][];
}

const SLOT_COUNTS: Readonly<Record<OptimizerKind, number>> = { sgd: 0, momentum: 1, nesterov: 1, rmsprop: 1, adam: 2, adamw: 2 };

/** The memory before the first step: t = 0 and every state vector zero. */
export function createOptimizerMemory(kind: OptimizerKind, size: number): OptimizerMemory {
  return { step: 0, slots: Array.from({ length: SLOT_COUNTS[kind] }, () => new Array<number>(size).fill(0)) };
}

/** The result of one step: the new parameters and the new memory (the inputs are not changed). */
export interface OptimizerStepResult {
  parameters: number[];
  memory: OptimizerMemory;
}

/**
 * One update of `parameters` with gradient g and learning rate η, by the config's rule (omitted
 * hyper-parameters from `OPTIMIZER_DEFAULTS`):
 * - sgd:       d = g
 * - momentum:  v ← μ v + g;  d = v
 * - nesterov:  v ← μ v + g;  d = g + μ v
 * - rmsprop:   s ← ρ s + (1 − ρ) g²;  d = g / (√s + ε)
 * - adam/adamw: m ← β₁ m + (1 − β₁) g;  v ← β₂ v + (1 − β₂) g²;  d = m̂ / (√v̂ + ε),
 *              m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ), t counting this step from 1;
 * then w ← w − η d − η λ w.
 */
export function applyOptimizerStep(
  config: OptimizerConfig,
  memory: OptimizerMemory,
  parameters: readonly number[],
  gradient: readonly number[],
  learningRate: number,
): OptimizerStepResult {
  const resolved: ResolvedOptimizerConfig = resolveOptimizerConfig(config);
  const step = memory.step + 1;
  const slots = memory.slots.map((slot) => [...slot]);
  const decay = 1 - learningRate * resolved.weightDecay;
  const next = parameters.map((w, i) => {
    const g = gradient[i];
    let direction: number;
    switch (resolved.kind) {
      case 'sgd':
        direction = g;
        break;
      case 'momentum':
        slots[0][i] = resolved.momentum * slots[0][i] + g;
        direction = slots[0][i];
        break;
      case 'nesterov':
        slots[0][i] = resolved.momentum * slots[0][i] + g;
        direction = g + resolved.momentum * slots[0][i];
        break;
      case 'rmsprop':
        slots[0][i] = resolved.decay * slots[0][i] + (1 - resolved.decay) * g * g;
        direction = g / (Math.sqrt(slots[0][i]) + resolved.epsilon);
        break;
      case 'adam':
      case 'adamw': {
        slots[0][i] = resolved.beta1 * slots[0][i] + (1 - resolved.beta1) * g;
        slots[1][i] = resolved.beta2 * slots[1][i] + (1 - resolved.beta2) * g * g;
        const firstCorrected = slots[0][i] / (1 - resolved.beta1 ** step);
        const secondCorrected = slots[1][i] / (1 - resolved.beta2 ** step);
        direction = firstCorrected / (Math.sqrt(secondCorrected) + resolved.epsilon);
        break;
      }
    }
    return (resolved.weightDecay > 0 ? decay * w : w) - learningRate * direction;
  });
  return { parameters: next, memory: { step, slots } };
}
