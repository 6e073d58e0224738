import { describe, it } from 'vitest';
import { expectClose, GRADIENTS, runOptimizer, W0 } from './optimizer-test-helpers';

describe('sgd: w ← w − η g', () => {
  it('takes plain gradient steps', () => {
    const history = runOptimizer({ kind: 'sgd' }, W0, GRADIENTS, [0.1, 0.1, 0.1]);
    // w1 = [1 − 0.1·0.5, −2 − 0.1·1]; w2 = w1 − 0.1·[−1, 0.25]; w3 = w2 − 0.1·[0.2, 0.2]
    expectClose(history[0], [0.95, -2.1]);
    expectClose(history[1], [1.05, -2.125]);
    expectClose(history[2], [1.03, -2.145]);
  });

  it('uses the learning rate passed at each step', () => {
    const history = runOptimizer({ kind: 'sgd' }, W0, GRADIENTS.slice(0, 2), [0.1, 0.4]);
    expectClose(history[1], [0.95 + 0.4, -2.1 - 0.4 * 0.25]);
  });

  it('decays with w ← w − η g − η λ w (w before the step), only where decays is true', () => {
    const decayed = runOptimizer({ kind: 'sgd', weightDecay: 0.5 }, W0, GRADIENTS.slice(0, 2), [0.1, 0.1]);
    // w1 = [1 − 0.05 − 0.1·0.5·1, −2 − 0.1 − 0.1·0.5·(−2)] = [0.9, −2]
    expectClose(decayed[0], [0.9, -2]);
    // w2 = [0.9 + 0.1 − 0.05·0.9, −2 − 0.025 − 0.05·(−2)]
    expectClose(decayed[1], [0.955, -1.925]);
    const notDecayed = runOptimizer({ kind: 'sgd', weightDecay: 0.5 }, W0, GRADIENTS.slice(0, 2), [0.1, 0.1], false);
    expectClose(notDecayed[1], [1.05, -2.125]);
  });
});
