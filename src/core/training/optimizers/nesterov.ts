import { tf } from '../../tf/tf-core';
import type { Optimizer } from './optimizer';
import type { ResolvedOptimizerConfig } from './optimizer-config';
import { createRuleBasedOptimizer } from './rule-based-optimizer';

/**
 * Nesterov momentum (TF/PyTorch form): the step looks ahead along the updated velocity,
 * v ← μ v + g;  w ← w − η (g + μ v),  with v = 0 before the first step and μ = `momentum` (default 0.9).
 * With λ > 0, decoupled weight decay on the parameters that decay: w ← w − η (g + μ v) − η λ w.
 * State: v per variable.
 */
export function createNesterovOptimizer(config: ResolvedOptimizerConfig<'nesterov'>): Optimizer {
  const { momentum } = config;
  return createRuleBasedOptimizer(config, {
    slotCount: 1,
    computeStep: (gradient, [velocity]) => {
      const newVelocity = tf.add(tf.mul(velocity, momentum), gradient);
      return { direction: tf.add(gradient, tf.mul(newVelocity, momentum)), slots: [newVelocity] };
    },
  });
}
