import { describe, expect, it } from 'vitest';
import { tf } from '../../../../src/core/tf/tf-core';
import { assertLabelledDataShape, uploadInputs, type LabelledData } from '../../../../src/core/training/labelled-data';

const data = (overrides: Partial<LabelledData> = {}): LabelledData => ({
  inputs: new Float32Array(6),
  targets: new Float32Array(4),
  count: 2,
  inputSize: 3,
  targetSize: 2,
  ...overrides,
});

describe('assertLabelledDataShape', () => {
  it('accepts arrays that match [count, inputSize] and [count, targetSize], one example being enough', () => {
    expect(() => assertLabelledDataShape(data(), 'training data')).not.toThrow();
    expect(() => assertLabelledDataShape(data({ inputs: new Float32Array(3), targets: new Float32Array(2), count: 1 }), 'x')).not.toThrow();
  });

  it('needs a whole number of examples ≥ 1', () => {
    expect(() => assertLabelledDataShape(data({ count: 0 }), 'training data')).toThrow('training data: needs at least one example (count = 0)');
    expect(() => assertLabelledDataShape(data({ count: 1.5 }), 'validation data')).toThrow('validation data: needs at least one example (count = 1.5)');
  });

  it('names the array whose length disagrees', () => {
    expect(() => assertLabelledDataShape(data({ inputs: new Float32Array(5) }), 'training data')).toThrow('training data: inputs hold 5 numbers, expected 2 × 3');
    expect(() => assertLabelledDataShape(data({ targets: new Float32Array(5) }), 'validation data')).toThrow('validation data: targets hold 5 numbers, expected 2 × 2');
  });
});

describe('uploadInputs', () => {
  it('uploads float inputs unchanged as [count, inputSize]', () => {
    const tensor = uploadInputs(Float32Array.from([0.5, -1, 2, 3]), 2, 2);
    expect(tensor.shape).toEqual([2, 2]);
    expect(tensor.dtype).toBe('float32');
    expect(tensor.arraySync()).toEqual([
      [0.5, -1],
      [2, 3],
    ]);
    tensor.dispose();
  });

  it('scales uint8 pixels by 1/255 to float32 in [0, 1], leaving nothing else behind', () => {
    const before = tf.memory().numTensors;
    const tensor = uploadInputs(Uint8Array.from([0, 51, 255, 102]), 1, 4);
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(tensor.shape).toEqual([1, 4]);
    expect(tensor.dtype).toBe('float32');
    const values = Array.from(tensor.dataSync());
    [0, 0.2, 1, 0.4].forEach((expected, i) => expect(values[i]).toBeCloseTo(expected, 6));
    tensor.dispose();
  });
});
