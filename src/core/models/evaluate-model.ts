import { tf, type Tensor2D } from '../tf/tf-core';
import { Network } from '../nn/network';
import type { NetworkParameters, NetworkSpec } from '../nn/network-spec';
import { uploadInputs } from '../training/labelled-data';

/** What a classifier got right on a set of labelled images. */
export interface AccuracyReport {
  /** correct / count. */
  accuracy: number;
  correct: number;
  count: number;
  /** The predicted class (arg max of the outputs) of every image, [count]. */
  predictions: Uint8Array;
}

/**
 * Runs a network in inference mode on the first `count` images (uint8 pixels [count, inputSize], scaled by 1/255 as
 * in training) in batches on the current TF.js backend, and compares arg max of its outputs with `labels`.
 * Frees everything it creates.
 */
export async function evaluateAccuracy(
  network: NetworkSpec,
  parameters: NetworkParameters,
  images: Uint8Array,
  labels: Uint8Array,
  count: number,
  batchSize = 500,
): Promise<AccuracyReport> {
  const model = new Network(network, parameters);
  const inputSize = model.inputSize;
  if (images.length < count * inputSize || labels.length < count)
    throw new Error(`evaluateAccuracy: ${count} images asked for, ${Math.min(images.length / inputSize, labels.length)} given`);
  const predictions = new Uint8Array(count);
  try {
    for (let start = 0; start < count; start += batchSize) {
      const size = Math.min(batchSize, count - start);
      const predicted = tf.tidy(() => {
        const inputs = uploadInputs(images.subarray(start * inputSize, (start + size) * inputSize), size, inputSize) as Tensor2D;
        return tf.argMax(model.apply(inputs, { training: false }), 1);
      });
      predictions.set(await predicted.data(), start);
      predicted.dispose();
    }
  } finally {
    model.dispose();
  }
  let correct = 0;
  for (let i = 0; i < count; i++) if (predictions[i] === labels[i]) correct++;
  return { accuracy: correct / count, correct, count, predictions };
}
