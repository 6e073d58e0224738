import type { DatasetSplit } from '../../core/data/load-dataset';
import { labelledImages } from '../../core/data/labelled-images';
import { lenet5 } from '../../core/nn/architectures/lenet5';
import type { LabelledData } from '../../core/training/labelled-data';
import type { TrainingSessionConfig } from '../../core/training/training-session';

/** The first `limit` images of a split (all by default) with their labels as one-hot rows: inputs [n, 784] uint8 pixels, targets [n, 10]. */
export function digitClassification(split: DatasetSplit, limit = split.count): LabelledData {
  return labelledImages(split, 0, limit);
}

/** LeNet-5 with softmax cross entropy and plain minibatch SGD; validation accuracy every 25 steps. */
export function lenetSpeedCheckConfig(learningRate: number, batchSize: number, seed: number): TrainingSessionConfig {
  return { network: lenet5, loss: 'softmax-cross-entropy', learningRate, batchSize, seed, recordEvery: 5, evaluateEvery: 25 };
}

/** One observation of a running model: when (ms, any clock) it had taken how many steps. */
export interface StepSample {
  ms: number;
  step: number;
}

/**
 * Examples per second over the newest `windowMs` of samples: (Δsteps × batch size) ÷ Δt, from the oldest
 * sample inside the window to the newest. Null until the window holds two samples at least 250 ms apart.
 */
export function examplesPerSecond(samples: readonly StepSample[], batchSize: number, windowMs = 3000): number | null {
  if (samples.length < 2) return null;
  const newest = samples[samples.length - 1];
  const oldest = samples.find((sample) => newest.ms - sample.ms <= windowMs) ?? newest;
  const elapsed = newest.ms - oldest.ms;
  if (elapsed < 250) return null;
  return ((newest.step - oldest.step) * batchSize * 1000) / elapsed;
}
