import { tf } from '../../tf/tf-core';
import type { Optimizer } from './optimizer';
import type { ResolvedOptimizerConfig } from './optimizer-config';
import { createRuleBasedOptimizer } from './rule-based-optimizer';

/**
 * RMSProp: divides each gradient by a running root-mean-square of its recent values,
 * s ← ρ s + (1 − ρ) g²;  w ← w − η g / (√s + ε),  with s = 0 before the first step,
 * ρ = `decay` (default 0.9), ε = `epsilon` (default 1e-7). (TF.js's `tf.train.rmsprop` puts ε inside the
 * square root instead, √(s + ε); Keras and PyTorch add it outside, as here.)
 * With λ > 0, decoupled weight decay on the parameters that decay: w ← w − η g / (√s + ε) − η λ w.
 * State: s per variable.
 */
export function createRmspropOptimizer(config: ResolvedOptimizerConfig<'rmsprop'>): Optimizer {
  const { decay, epsilon } = config;
  return createRuleBasedOptimizer(config, {
    slotCount: 1,
    computeStep: (gradient, [meanSquare]) => {
      const newMeanSquare = tf.add(tf.mul(meanSquare, decay), tf.mul(tf.square(gradient), 1 - decay));
      return { direction: tf.div(gradient, tf.add(tf.sqrt(newMeanSquare), epsilon)), slots: [newMeanSquare] };
    },
  });
}
