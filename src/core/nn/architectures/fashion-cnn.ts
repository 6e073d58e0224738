import type { NetworkSpec } from '../network-spec';

/**
 * The course's small Fashion-MNIST CNN: conv 16@3×3 → 2×2 max pool → conv 32@3×3 → 2×2 max pool → dense 64 → 10,
 * "same" padding and ReLU throughout, He-normal initialization: 105,866 parameters. Twice LeNet-5's filters at a
 * third of its kernel area: garments differ in texture more than in stroke shape. The last layer outputs logits.
 */
export const fashionCnn: NetworkSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { kind: 'conv2d', filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' },
    { kind: 'max-pool', size: 2 },
    { kind: 'conv2d', filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' },
    { kind: 'max-pool', size: 2 },
    { kind: 'flatten' },
    { kind: 'dense', units: 64, activation: 'relu' },
    { kind: 'dense', units: 10, activation: 'linear' },
  ],
  initialization: { kind: 'he-normal' },
};
