import type { NetworkSpec } from '../network-spec';

/**
 * LeNet-5 (LeCun et al., 1998) in its common modern form for 28×28 MNIST: conv 6@5×5 ("same", so the
 * 28×28 input stands in for the original padded 32×32) → 2×2 max pool → conv 16@5×5 → 2×2 max pool →
 * 120 → 84 → 10, ReLU activations, 61,706 parameters. The last layer outputs logits for softmax.
 */
export const lenet5: NetworkSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { kind: 'conv2d', filters: 6, kernelSize: 5, padding: 'same', activation: 'relu' },
    { kind: 'max-pool', size: 2 },
    { kind: 'conv2d', filters: 16, kernelSize: 5, padding: 'valid', activation: 'relu' },
    { kind: 'max-pool', size: 2 },
    { kind: 'flatten' },
    { kind: 'dense', units: 120, activation: 'relu' },
    { kind: 'dense', units: 84, activation: 'relu' },
    { kind: 'dense', units: 10, activation: 'linear' },
  ],
  initialization: { kind: 'he-normal' },
};
