import { describe, it } from 'vitest';
import { expectClose, GRADIENTS, runOptimizer, W0 } from './optimizer-test-helpers';

const RATES = [0.1, 0.1, 0.1];

/** Plain-JS reference: s ← ρ s + (1 − ρ) g²; w ← w − η g / (√s + ε) − η λ w. */
function reference(rho: number, epsilon: number, rates: number[], weightDecay = 0): number[][] {
  const w = [...W0];
  const s = [0, 0];
  return GRADIENTS.map((g, t) => {
    for (let i = 0; i < w.length; i++) {
      s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
      w[i] = w[i] - (rates[t] * g[i]) / (Math.sqrt(s[i]) + epsilon) - rates[t] * weightDecay * w[i];
    }
    return [...w];
  });
}

describe('rmsprop: s ← ρ s + (1 − ρ) g²; w ← w − η g / (√s + ε)', () => {
  it('matches hand-worked values for three steps', () => {
    const history = runOptimizer({ kind: 'rmsprop' }, W0, GRADIENTS, RATES);
    // s1 = 0.1·g1² = [0.025, 0.1]; w1 = w0 − 0.1·g1 / (√s1 + 1e-7)
    expectClose(history[0], [1 - (0.1 * 0.5) / (Math.sqrt(0.025) + 1e-7), -2 - 0.1 / (Math.sqrt(0.1) + 1e-7)]);
    // s2 = 0.9·s1 + 0.1·g2² = [0.0225 + 0.1, 0.09 + 0.00625]
    expectClose(history[1], [history[0][0] + 0.1 / (Math.sqrt(0.1225) + 1e-7), history[0][1] - (0.1 * 0.25) / (Math.sqrt(0.09625) + 1e-7)]);
    history.forEach((values, t) => expectClose(values, reference(0.9, 1e-7, RATES)[t]));
  });

  it('uses the configured ρ and ε', () => {
    const history = runOptimizer({ kind: 'rmsprop', decay: 0.5, epsilon: 0.01 }, W0, GRADIENTS, RATES);
    history.forEach((values, t) => expectClose(values, reference(0.5, 0.01, RATES)[t]));
  });

  it('decays decoupled: w ← … − η λ w', () => {
    const history = runOptimizer({ kind: 'rmsprop', weightDecay: 0.3 }, W0, GRADIENTS, RATES);
    history.forEach((values, t) => expectClose(values, reference(0.9, 1e-7, RATES, 0.3)[t]));
  });
});
