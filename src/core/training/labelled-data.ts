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

/**
 * A labelled dataset that grows by appending examples (a dataset streaming in chunk by chunk). Storage doubles when
 * full, so n examples appended in any number of pieces cost O(n) copying; `view()` returns the examples so far as
 * LabelledData whose arrays are views (valid until the next append), the first rows never changing.
 */
export class GrowableLabelledData {
  private inputs: Float32Array | Uint8Array;
  private targets: Float32Array;
  private count: number;

  constructor(first: LabelledData) {
    assertLabelledDataShape(first, 'training data');
    this.inputs = first.inputs.slice();
    this.targets = first.targets.slice();
    this.count = first.count;
    this.inputSize = first.inputSize;
    this.targetSize = first.targetSize;
  }

  readonly inputSize: number;
  readonly targetSize: number;

  /** Appends `more` (same input and target sizes, same input type); throws with the mismatch otherwise. */
  append(more: LabelledData): void {
    assertLabelledDataShape(more, 'appended data');
    if (more.inputSize !== this.inputSize || more.targetSize !== this.targetSize) {
      throw new Error(`appended data: ${more.inputSize} inputs and ${more.targetSize} targets per example, expected ${this.inputSize} and ${this.targetSize}`);
    }
    if (more.inputs instanceof Uint8Array !== this.inputs instanceof Uint8Array)
      throw new Error('appended data: inputs must have the same type (pixels or floats) as the first chunk');
    const needed = this.count + more.count;
    if (needed * this.inputSize > this.inputs.length) {
      const capacity = Math.max(needed, 2 * (this.inputs.length / this.inputSize));
      const inputs = this.inputs instanceof Uint8Array ? new Uint8Array(capacity * this.inputSize) : new Float32Array(capacity * this.inputSize);
      inputs.set(this.inputs.subarray(0, this.count * this.inputSize));
      const targets = new Float32Array(capacity * this.targetSize);
      targets.set(this.targets.subarray(0, this.count * this.targetSize));
      this.inputs = inputs;
      this.targets = targets;
    }
    this.inputs.set(more.inputs, this.count * this.inputSize);
    this.targets.set(more.targets, this.count * this.targetSize);
    this.count = needed;
  }

  /** The examples so far. */
  view(): LabelledData {
    return {
      inputs: this.inputs.subarray(0, this.count * this.inputSize),
      targets: this.targets.subarray(0, this.count * this.targetSize),
      count: this.count,
      inputSize: this.inputSize,
      targetSize: this.targetSize,
    };
  }
}
