import type { DatasetSplit } from '../../core/data/load-dataset';
import { findParameter, type NetworkParameters } from '../../core/nn/network-spec';
import type { LabelledData } from '../../core/training/labelled-data';
import type { TrainingSessionConfig } from '../../core/training/training-session';

export const DIGIT_OPTIONS = Array.from({ length: 10 }, (_, digit) => ({ value: String(digit) as DigitText, label: String(digit) }));
export type DigitText = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';

/**
 * The examples of two classes from a dataset split, as a binary problem for one sigmoid unit:
 * inputs [n, 784] uint8 pixels (scaled to [0, 1] by the engine), target 0 for `classA`, 1 for `classB`.
 * Returns null when the split has no example of either class.
 */
export function twoClassData(split: DatasetSplit, classA: number, classB: number): LabelledData | null {
  const pixels = split.imageWidth * split.imageHeight;
  const picked: number[] = [];
  split.labels.forEach((label, i) => {
    if (label === classA || label === classB) picked.push(i);
  });
  if (picked.length === 0) return null;
  const inputs = new Uint8Array(picked.length * pixels);
  const targets = new Float32Array(picked.length);
  picked.forEach((source, i) => {
    inputs.set(split.images.subarray(source * pixels, (source + 1) * pixels), i * pixels);
    targets[i] = split.labels[source] === classB ? 1 : 0;
  });
  return { inputs, targets, count: picked.length, inputSize: pixels, targetSize: 1 };
}

/** y = σ(wᵀx + b) with 784 weights starting at 0, minibatch SGD on ½·mean (y − t)²; validation every 10 steps. */
export function imagePerceptronConfig(learningRate: number, batchSize: number, seed: number): TrainingSessionConfig {
  return {
    network: { inputShape: [784], layers: [{ kind: 'dense', units: 1, activation: 'sigmoid' }], initialization: { kind: 'zeros' } },
    loss: 'half-squared-error',
    learningRate,
    batchSize,
    seed,
    recordEvery: 1,
    evaluateEvery: 10,
  };
}

/**
 * The neuron's output for one image of the data: σ(Σ_i w_i x_i / 255 + b).
 * `index` selects the image in `data.inputs` ([count, 784] uint8).
 */
export function predictProbability(parameters: NetworkParameters, data: LabelledData, index: number): number {
  const weights = findParameter(parameters, 0, 'kernel');
  const bias = findParameter(parameters, 0, 'bias');
  if (!weights || !bias) return 0.5;
  const size = data.inputSize;
  let sum = bias[0];
  for (let i = 0; i < size; i++) sum += (weights[i] * data.inputs[index * size + i]) / 255;
  return 1 / (1 + Math.exp(-sum));
}

/** Evenly spaced example indices (at most `count`) so the sample gallery shows both classes. */
export function sampleIndices(total: number, count: number): number[] {
  if (total <= 0) return [];
  const n = Math.min(total, count);
  return Array.from({ length: n }, (_, i) => Math.floor((i * total) / n));
}
