import { describe, expect, it } from 'vitest';
import { tf } from '../../../../../src/core/tf/tf-core';
import { expectClose, GRADIENTS, runOptimizer, W0 } from './optimizer-test-helpers';

const RATES = [0.1, 0.1, 0.1];

/** Plain-JS reference for momentum (v ← μ v + g; w ← w − η v) or Nesterov (w ← w − η (g + μ v)). */
function reference(nesterov: boolean, mu: number, rates: number[], weightDecay = 0): number[][] {
  const w = [...W0];
  const v = [0, 0];
  return GRADIENTS.map((g, t) => {
    for (let i = 0; i < w.length; i++) {
      v[i] = mu * v[i] + g[i];
      const direction = nesterov ? g[i] + mu * v[i] : v[i];
      w[i] = w[i] - rates[t] * direction - rates[t] * weightDecay * w[i];
    }
    return [...w];
  });
}

/** tf.train.momentum on the same problem, for comparison. */
function tfjsMomentum(nesterov: boolean): number[][] {
  const variable = tf.tidy(() => tf.variable(tf.tensor1d(W0), true, `tfjs-momentum-${nesterov}`));
  const optimizer = tf.train.momentum(0.1, 0.9, nesterov);
  const history = GRADIENTS.map((values) => {
    const gradient = tf.tensor1d(values);
    optimizer.applyGradients([{ name: variable.name, tensor: gradient }]);
    gradient.dispose();
    return Array.from(variable.dataSync());
  });
  optimizer.dispose();
  variable.dispose();
  return history;
}

describe('momentum: v ← μ v + g; w ← w − η v', () => {
  it('matches hand-worked values for three steps', () => {
    const history = runOptimizer({ kind: 'momentum' }, W0, GRADIENTS, RATES);
    // v1 = [0.5, 1], w1 = [0.95, −2.1]
    expectClose(history[0], [0.95, -2.1]);
    // v2 = 0.9·[0.5, 1] + [−1, 0.25] = [−0.55, 1.15], w2 = w1 − 0.1·v2
    expectClose(history[1], [1.005, -2.215]);
    // v3 = 0.9·v2 + [0.2, 0.2] = [−0.295, 1.235], w3 = w2 − 0.1·v3
    expectClose(history[2], [1.0345, -2.3385]);
    history.forEach((values, t) => expectClose(values, reference(false, 0.9, RATES)[t]));
  });

  it('uses the configured μ', () => {
    const history = runOptimizer({ kind: 'momentum', momentum: 0.5 }, W0, GRADIENTS, RATES);
    history.forEach((values, t) => expectClose(values, reference(false, 0.5, RATES)[t]));
  });

  it('agrees with tf.train.momentum over three steps', () => {
    const ours = runOptimizer({ kind: 'momentum', momentum: 0.9 }, W0, GRADIENTS, RATES);
    tfjsMomentum(false).forEach((values, t) => expectClose(ours[t], values));
  });

  it('decays decoupled: w ← w − η v − η λ w', () => {
    const history = runOptimizer({ kind: 'momentum', weightDecay: 0.2 }, W0, GRADIENTS, RATES);
    history.forEach((values, t) => expectClose(values, reference(false, 0.9, RATES, 0.2)[t]));
  });
});

describe('nesterov: v ← μ v + g; w ← w − η (g + μ v)', () => {
  it('matches hand-worked values for three steps', () => {
    const history = runOptimizer({ kind: 'nesterov' }, W0, GRADIENTS, RATES);
    // v1 = [0.5, 1], d1 = g1 + 0.9·v1 = [0.95, 1.9]
    expectClose(history[0], [0.905, -2.19]);
    // v2 = [−0.55, 1.15], d2 = [−1 − 0.495, 0.25 + 1.035]
    expectClose(history[1], [1.0545, -2.3185]);
    // v3 = [−0.295, 1.235], d3 = [0.2 − 0.2655, 0.2 + 1.1115]
    expectClose(history[2], [1.06105, -2.44965]);
    history.forEach((values, t) => expectClose(values, reference(true, 0.9, RATES)[t]));
  });

  it('differs from plain momentum', () => {
    const nesterov = runOptimizer({ kind: 'nesterov' }, W0, GRADIENTS, RATES);
    const momentum = runOptimizer({ kind: 'momentum' }, W0, GRADIENTS, RATES);
    expect(Math.abs(nesterov[0][0] - momentum[0][0])).toBeGreaterThan(1e-3);
  });

  it('agrees with tf.train.momentum(η, μ, useNesterov = true) over three steps', () => {
    const ours = runOptimizer({ kind: 'nesterov', momentum: 0.9 }, W0, GRADIENTS, RATES);
    tfjsMomentum(true).forEach((values, t) => expectClose(ours[t], values));
  });
});
