import type { Optimizer } from './optimizer';
import { resolveOptimizerConfig, validateOptimizerConfig, type OptimizerConfig } from './optimizer-config';
import { createSgdOptimizer } from './sgd';
import { createMomentumOptimizer } from './momentum';
import { createNesterovOptimizer } from './nesterov';
import { createRmspropOptimizer } from './rmsprop';
import { createAdamOptimizer } from './adam';
import { createAdamwOptimizer } from './adamw';

export type { Optimizer } from './optimizer';

/**
 * The optimizer a config describes, omitted hyper-parameters taken from `OPTIMIZER_DEFAULTS`.
 * Throws an Error whose message is `validateOptimizerConfig`'s for an unusable config (unknown kind,
 * NaN, negative λ or ε, a momentum or β ≥ 1, …). The caller owns the result and calls `dispose()`.
 */
export function createOptimizer(config: OptimizerConfig): Optimizer {
  const problem = validateOptimizerConfig(config);
  if (problem !== null) throw new Error(problem);
  const resolved = resolveOptimizerConfig(config);
  switch (resolved.kind) {
    case 'sgd':
      return createSgdOptimizer(resolved);
    case 'momentum':
      return createMomentumOptimizer(resolved);
    case 'nesterov':
      return createNesterovOptimizer(resolved);
    case 'rmsprop':
      return createRmspropOptimizer(resolved);
    case 'adam':
      return createAdamOptimizer(resolved);
    case 'adamw':
      return createAdamwOptimizer(resolved);
  }
}
