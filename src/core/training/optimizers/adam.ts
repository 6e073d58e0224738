import { tf } from '../../tf/tf-core';
import type { Optimizer } from './optimizer';
import type { ResolvedOptimizerConfig } from './optimizer-config';
import { createRuleBasedOptimizer, type UpdateRule } from './rule-based-optimizer';

/** Adam's direction m̂ / (√v̂ + ε) with its two moments per variable; shared by Adam and AdamW. */
export function createAdamUpdateRule(beta1: number, beta2: number, epsilon: number): UpdateRule {
  return {
    slotCount: 2,
    computeStep: (gradient, [firstMoment, secondMoment], step) => {
      const newFirstMoment = tf.add(tf.mul(firstMoment, beta1), tf.mul(gradient, 1 - beta1));
      const newSecondMoment = tf.add(tf.mul(secondMoment, beta2), tf.mul(tf.square(gradient), 1 - beta2));
      const correctedFirst = tf.div(newFirstMoment, 1 - beta1 ** step);
      const correctedSecond = tf.div(newSecondMoment, 1 - beta2 ** step);
      return {
        direction: tf.div(correctedFirst, tf.add(tf.sqrt(correctedSecond), epsilon)),
        slots: [newFirstMoment, newSecondMoment],
      };
    },
  };
}

/**
 * Adam (Kingma & Ba), at step t = 1, 2, … of this optimizer:
 * m ← β₁ m + (1 − β₁) g;  v ← β₂ v + (1 − β₂) g²;
 * m̂ = m / (1 − β₁ᵗ);  v̂ = v / (1 − β₂ᵗ);  w ← w − η m̂ / (√v̂ + ε),
 * with m = v = 0 before the first step; defaults β₁ 0.9, β₂ 0.999, ε 1e-7 (as `tf.train.adam`).
 * With λ > 0 (default 0), decoupled weight decay on the parameters that decay, w ← … − η λ w:
 * then this is exactly AdamW; the two kinds differ only in the default λ.
 * State: m and v per variable.
 */
export function createAdamOptimizer(config: ResolvedOptimizerConfig<'adam'>): Optimizer {
  return createRuleBasedOptimizer(config, createAdamUpdateRule(config.beta1, config.beta2, config.epsilon));
}
