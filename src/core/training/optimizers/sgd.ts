import type { Optimizer } from './optimizer';
import type { ResolvedOptimizerConfig } from './optimizer-config';
import { createRuleBasedOptimizer } from './rule-based-optimizer';

/**
 * Plain (stochastic) gradient descent: w ← w − η g. No state.
 * With λ > 0, decoupled weight decay on the parameters that decay: w ← w − η g − η λ w.
 */
export function createSgdOptimizer(config: ResolvedOptimizerConfig<'sgd'>): Optimizer {
  return createRuleBasedOptimizer(config, {
    slotCount: 0,
    computeStep: (gradient) => ({ direction: gradient, slots: [] }),
  });
}
