import type { NetworkSpec } from '../network-spec';

/**
 * The course's mini-VGG for 28×28 Fashion-MNIST: VGG's recipe scaled down. Two blocks of two 3×3 "same"
 * convolutions followed by a 2×2 max pool (8 then 16 filters: 28 → 14 → 7), then dense 128 → dropout 0.5 →
 * dense 128 → dropout 0.5 → dense 10, as VGG puts dropout on its first two fully connected layers.
 * ReLU throughout, He-normal initialization, the last layer outputs logits: 122,434 parameters.
 *
 * Per layer: conv 8@3×3 on 1 channel 80, conv 8@3×3 584, conv 16@3×3 1,168, conv 16@3×3 2,320,
 * dense 7·7·16 = 784 → 128: 100,480, dense 128 → 128: 16,512, dense 128 → 10: 1,290.
 * About 1.24 M multiply-adds per image (the convolutions 1.19 M of them), narrow enough to train in about a
 * minute on a laptop CPU; VGG's widths (64 … 512 channels) would not.
 */
export const miniVgg: NetworkSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { kind: 'conv2d', filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', name: 'conv1-1' },
    { kind: 'conv2d', filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', name: 'conv1-2' },
    { kind: 'max-pool', size: 2, name: 'pool1' },
    { kind: 'conv2d', filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', name: 'conv2-1' },
    { kind: 'conv2d', filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', name: 'conv2-2' },
    { kind: 'max-pool', size: 2, name: 'pool2' },
    { kind: 'flatten', name: 'flatten' },
    { kind: 'dense', units: 128, activation: 'relu', name: 'fc1' },
    { kind: 'dropout', rate: 0.5, name: 'dropout1' },
    { kind: 'dense', units: 128, activation: 'relu', name: 'fc2' },
    { kind: 'dropout', rate: 0.5, name: 'dropout2' },
    { kind: 'dense', units: 10, activation: 'linear', name: 'fc3' },
  ],
  initialization: { kind: 'he-normal' },
};
