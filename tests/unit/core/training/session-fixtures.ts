import type { LabelledData } from '../../../../src/core/training/labelled-data';
import type { TrainingSessionConfig } from '../../../../src/core/training/training-config';

/** Four features per example; class 1 when the first two sum above the last two (a learnable rule). Targets one-hot [n, 2]. */
export function fourFeatureData(count: number, offset = 0): LabelledData {
  const inputs = new Float32Array(count * 4);
  const targets = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < 4; j++) inputs[i * 4 + j] = Math.sin((i + offset) * 1.7 + j * 2.3);
    const positive = inputs[i * 4] + inputs[i * 4 + 1] > inputs[i * 4 + 2] + inputs[i * 4 + 3];
    targets[i * 2 + (positive ? 1 : 0)] = 1;
  }
  return { inputs, targets, count, inputSize: 4, targetSize: 2 };
}

/** A 4-8-2 classifier with a dropout and a batch-norm layer: layers 0 dense, 1 batch-norm, 2 activation, 3 dropout, 4 dense. */
export const smallClassifier: TrainingSessionConfig = {
  network: {
    inputShape: [4],
    layers: [{ kind: 'dense', units: 8 }, { kind: 'batch-norm' }, { kind: 'activation', activation: 'relu' }, { kind: 'dropout', rate: 0.25 }, { kind: 'dense', units: 2 }],
    initialization: { kind: 'he-normal' },
  },
  loss: 'softmax-cross-entropy',
  learningRate: 0.05,
  batchSize: 16,
  seed: 11,
  recordEvery: 1,
  evaluateEvery: 0,
};
