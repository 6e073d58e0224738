import { describe, expect, it } from 'vitest';
import { tf } from '../../../../../src/core/tf/tf-core';
import { expectClose, GRADIENTS, runOptimizer, W0 } from './optimizer-test-helpers';

const RATES = [0.1, 0.1, 0.1];

/**
 * Plain-JS reference: m ← β₁ m + (1 − β₁) g; v ← β₂ v + (1 − β₂) g²; m̂ = m / (1 − β₁ᵗ); v̂ = v / (1 − β₂ᵗ);
 * w ← w − η m̂ / (√v̂ + ε) − η λ w.
 */
function reference(beta1: number, beta2: number, epsilon: number, rates: number[], weightDecay = 0): number[][] {
  const w = [...W0];
  const m = [0, 0];
  const v = [0, 0];
  return GRADIENTS.map((g, index) => {
    const t = index + 1;
    for (let i = 0; i < w.length; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i];
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
      const mHat = m[i] / (1 - beta1 ** t);
      const vHat = v[i] / (1 - beta2 ** t);
      w[i] = w[i] - (rates[index] * mHat) / (Math.sqrt(vHat) + epsilon) - rates[index] * weightDecay * w[i];
    }
    return [...w];
  });
}

describe('adam', () => {
  it('corrects the bias of both moments: the first step is η · g / (|g| + ε)', () => {
    const [first] = runOptimizer({ kind: 'adam' }, W0, GRADIENTS, RATES);
    // m1 = 0.1 g, v1 = 0.001 g²; m̂ = g, v̂ = g² → w1 = w0 − 0.1 · g / (|g| + 1e-7)
    expectClose(first, [1 - (0.1 * 0.5) / (0.5 + 1e-7), -2 - 0.1 / (1 + 1e-7)]);
    // Without the correction the step would be 0.1 · 0.1 g / (√0.001 |g| + ε) ≈ 0.316 per weight.
    expect(Math.abs(first[0] - (1 - (0.1 * 0.1) / Math.sqrt(0.001)))).toBeGreaterThan(0.1);
  });

  it('corrects with t = 2 on the second step', () => {
    const history = runOptimizer({ kind: 'adam' }, W0, GRADIENTS, RATES);
    // m2 = 0.9·0.1·g1 + 0.1·g2, v2 = 0.999·0.001·g1² + 0.001·g2², m̂ = m2 / (1 − 0.81), v̂ = v2 / (1 − 0.998001)
    const m2 = [0.09 * 0.5 + 0.1 * -1, 0.09 * 1 + 0.1 * 0.25];
    const v2 = [0.000999 * 0.25 + 0.001 * 1, 0.000999 * 1 + 0.001 * 0.0625];
    const expected = [0, 1].map((i) => history[0][i] - (0.1 * (m2[i] / 0.19)) / (Math.sqrt(v2[i] / 0.001999) + 1e-7));
    expectClose(history[1], expected);
    history.forEach((values, t) => expectClose(values, reference(0.9, 0.999, 1e-7, RATES)[t]));
  });

  it('uses the configured β₁, β₂ and ε', () => {
    const history = runOptimizer({ kind: 'adam', beta1: 0.5, beta2: 0.9, epsilon: 0.01 }, W0, GRADIENTS, RATES);
    history.forEach((values, t) => expectClose(values, reference(0.5, 0.9, 0.01, RATES)[t]));
  });

  // TF.js keeps β₁ᵗ and β₂ᵗ as float32 products (float32(0.999) makes 1 − β₂ off by 1.3e-5 relative);
  // we compute 1 − βᵗ in double precision, so the two agree to float32 noise, not bit for bit.
  it('agrees with tf.train.adam over three steps', () => {
    const ours = runOptimizer({ kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }, W0, GRADIENTS, RATES);
    const variable = tf.tidy(() => tf.variable(tf.tensor1d(W0), true, 'tfjs-adam-reference'));
    const optimizer = tf.train.adam(0.1, 0.9, 0.999, 1e-7);
    GRADIENTS.forEach((values, t) => {
      const gradient = tf.tensor1d(values);
      optimizer.applyGradients([{ name: variable.name, tensor: gradient }]);
      gradient.dispose();
      expectClose(ours[t], Array.from(variable.dataSync()), 1e-5);
    });
    optimizer.dispose();
    variable.dispose();
  });
});

describe('adamw: Adam plus decoupled decay − η λ w', () => {
  it('decays by 0.01 by default, on top of the Adam step', () => {
    const adamw = runOptimizer({ kind: 'adamw' }, W0, GRADIENTS, RATES);
    const adam = runOptimizer({ kind: 'adam' }, W0, GRADIENTS, RATES);
    // Step 1: the same Adam step, minus η λ w0 = 0.1 · 0.01 · w0.
    expectClose(adamw[0], [adam[0][0] - 0.001 * 1, adam[0][1] - 0.001 * -2]);
    adamw.forEach((values, t) => expectClose(values, reference(0.9, 0.999, 1e-7, RATES, 0.01)[t]));
  });

  it('differs from Adam only by the decay term', () => {
    const adamw = runOptimizer({ kind: 'adamw', weightDecay: 0.5 }, W0, GRADIENTS, RATES);
    adamw.forEach((values, t) => expectClose(values, reference(0.9, 0.999, 1e-7, RATES, 0.5)[t]));
    const undecayed = runOptimizer({ kind: 'adamw', weightDecay: 0 }, W0, GRADIENTS, RATES);
    const adam = runOptimizer({ kind: 'adam' }, W0, GRADIENTS, RATES);
    undecayed.forEach((values, t) => expectClose(values, adam[t], 0));
  });

  it('does not decay parameters with decays: false', () => {
    const adamw = runOptimizer({ kind: 'adamw', weightDecay: 0.5 }, W0, GRADIENTS, RATES, false);
    const adam = runOptimizer({ kind: 'adam' }, W0, GRADIENTS, RATES);
    adamw.forEach((values, t) => expectClose(values, adam[t], 0));
  });
});
