import { tf, type Tensor2D } from '../tf/tf-core';

/**
 * A labelled dataset as plain arrays, the form it crosses the worker boundary in.
 * `inputs` has layout [count, inputSize] row-major; Uint8Array inputs are pixels 0..255 and are scaled
 * by 1/255 when uploaded. `targets` has layout [count, targetSize] (one-hot rows, or one value per row).
 */
export interface LabelledData {
  inputs: Float32Array | Uint8Array;
  targets: Float32Array;
  count: number;
  inputSize: number;
  targetSize: number;
}

/** Throws with a precise message when array lengths disagree with the declared shape. */
export function assertLabelledDataShape(data: LabelledData, name: string): void {
  if (!Number.isInteger(data.count) || data.count < 1) throw new Error(`${name}: needs at least one example (count = ${data.count})`);
  if (data.inputs.length !== data.count * data.inputSize) {
    throw new Error(`${name}: inputs hold ${data.inputs.length} numbers, expected ${data.count} × ${data.inputSize}`);
  }
  if (data.targets.length !== data.count * data.targetSize) {
    throw new Error(`${name}: targets hold ${data.targets.length} numbers, expected ${data.count} × ${data.targetSize}`);
  }
}

/** Uploads inputs [count, inputSize] as a float32 tensor the caller owns; uint8 pixels are scaled to [0, 1]. */
export function uploadInputs(inputs: Float32Array | Uint8Array, count: number, inputSize: number): Tensor2D {
  if (inputs instanceof Uint8Array) {
    return tf.tidy(() => tf.div(tf.cast(tf.tensor2d(inputs, [count, inputSize], 'int32'), 'float32'), 255)) as Tensor2D;
  }
  return tf.tensor2d(inputs, [count, inputSize]);
}
