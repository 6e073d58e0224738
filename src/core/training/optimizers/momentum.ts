import { tf } from '../../tf/tf-core';
import type { Optimizer } from './optimizer';
import type { ResolvedOptimizerConfig } from './optimizer-config';
import { createRuleBasedOptimizer } from './rule-based-optimizer';

/**
 * Heavy-ball momentum in the TF/PyTorch form (the velocity sums gradients; η scales the step):
 * v ← μ v + g;  w ← w − η v,  with v = 0 before the first step and μ = `momentum` (default 0.9).
 * With λ > 0, decoupled weight decay on the parameters that decay: w ← w − η v − η λ w.
 * State: v per variable.
 */
export function createMomentumOptimizer(config: ResolvedOptimizerConfig<'momentum'>): Optimizer {
  const { momentum } = config;
  return createRuleBasedOptimizer(config, {
    slotCount: 1,
    computeStep: (gradient, [velocity]) => {
      const newVelocity = tf.add(tf.mul(velocity, momentum), gradient);
      return { direction: newVelocity, slots: [newVelocity] };
    },
  });
}
