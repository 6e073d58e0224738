import type { Optimizer } from './optimizer';
import type { ResolvedOptimizerConfig } from './optimizer-config';
import { createAdamUpdateRule } from './adam';
import { createRuleBasedOptimizer } from './rule-based-optimizer';

/**
 * AdamW (Loshchilov & Hutter): Adam's update plus decoupled weight decay on the parameters that decay,
 * m ← β₁ m + (1 − β₁) g;  v ← β₂ v + (1 − β₂) g²;  m̂ = m / (1 − β₁ᵗ);  v̂ = v / (1 − β₂ᵗ);
 * w ← w − η m̂ / (√v̂ + ε) − η λ w   (w on the right is the value before this step),
 * with defaults β₁ 0.9, β₂ 0.999, ε 1e-7, λ 0.01. Unlike L2 regularisation (adding λ w to g), the decay
 * does not pass through the adaptive scaling, so every weight shrinks by the same fraction η λ.
 * State: m and v per variable.
 */
export function createAdamwOptimizer(config: ResolvedOptimizerConfig<'adamw'>): Optimizer {
  return createRuleBasedOptimizer(config, createAdamUpdateRule(config.beta1, config.beta2, config.epsilon));
}
