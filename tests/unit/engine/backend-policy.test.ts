import { describe, expect, it } from 'vitest';
import { CPU_MULTIPLY_ADDS_LIMIT, recommendBackend } from '../../../src/engine/backend-policy';
import { lenet5 } from '../../../src/core/nn/architectures/lenet5';

const playgroundMlp = {
  inputShape: [2],
  layers: [
    { kind: 'dense' as const, units: 8, activation: 'tanh' as const },
    { kind: 'dense' as const, units: 8, activation: 'tanh' as const },
    { kind: 'dense' as const, units: 1, activation: 'tanh' as const },
  ],
  initialization: { kind: 'glorot-normal' as const },
};

describe('recommendBackend', () => {
  it('keeps the playground MLP (2-8-8-1, batch 10) on the CPU', () => {
    const choice = recommendBackend(playgroundMlp, 10);
    expect(choice.backend).toBe('cpu');
    expect(choice.multiplyAddsPerStep).toBe((2 * 8 + 8 * 8 + 8) * 10);
    expect(choice.reason).toMatch(/880 multiply–adds per step/);
  });

  it('sends LeNet-5 to the GPU because it convolves', () => {
    expect(recommendBackend(lenet5, 64)).toMatchObject({ backend: 'webgl', reason: expect.stringMatching(/convolutions/) });
  });

  it('sends a large fully connected network to the GPU', () => {
    const wide = { ...playgroundMlp, inputShape: [784], layers: [{ kind: 'dense' as const, units: 512, activation: 'relu' as const }] };
    expect(784 * 512 * 64).toBeGreaterThan(CPU_MULTIPLY_ADDS_LIMIT);
    expect(recommendBackend(wide, 64).backend).toBe('webgl');
    expect(recommendBackend(wide, 1).backend).toBe('cpu');
  });
});
