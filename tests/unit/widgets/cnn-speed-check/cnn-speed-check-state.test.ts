import { describe, expect, it } from 'vitest';
import { digitClassification, examplesPerSecond, lenetSpeedCheckConfig } from '../../../../src/widgets/cnn-speed-check/cnn-speed-check-state';
import type { DatasetSplit } from '../../../../src/core/data/load-dataset';
import { lenet5 } from '../../../../src/core/nn/architectures/lenet5';

describe('examplesPerSecond', () => {
  it('divides the steps taken, times the batch size, by the time they took', () => {
    // 10 steps of 64 examples in 2 s.
    expect(
      examplesPerSecond(
        [
          { ms: 1000, step: 5 },
          { ms: 2000, step: 10 },
          { ms: 3000, step: 15 },
        ],
        64,
      ),
    ).toBe(320);
  });

  it('looks only at the newest window of samples', () => {
    const samples = [
      { ms: 0, step: 0 },
      { ms: 10_000, step: 1 }, // a slow start, outside the 3 s window
      { ms: 11_000, step: 11 },
      { ms: 13_000, step: 31 },
    ];
    expect(examplesPerSecond(samples, 1, 3000)).toBe(((31 - 1) * 1000) / 3000);
  });

  it('counts a sample exactly windowMs old as inside the window', () => {
    expect(
      examplesPerSecond(
        [
          { ms: 0, step: 0 },
          { ms: 500, step: 1 },
          { ms: 3000, step: 30 },
        ],
        1,
        3000,
      ),
    ).toBe(10);
  });

  it('has no figure yet with fewer than two samples or less than a quarter second between them', () => {
    expect(examplesPerSecond([], 64)).toBeNull();
    expect(examplesPerSecond([{ ms: 0, step: 0 }], 64)).toBeNull();
    expect(
      examplesPerSecond(
        [
          { ms: 0, step: 0 },
          { ms: 100, step: 3 },
        ],
        64,
      ),
    ).toBeNull();
    expect(
      examplesPerSecond(
        [
          { ms: 0, step: 0 },
          { ms: 250, step: 3 },
        ],
        64,
      ),
    ).toBe(768);
  });
});

describe('digitClassification', () => {
  it('keeps the pixels and writes each label as a one-hot row of ten', () => {
    const split: DatasetSplit = {
      name: 'mnist',
      split: 'train',
      totalCount: 2,
      classNames: Array.from({ length: 10 }, (_, i) => String(i)),
      images: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]),
      labels: new Uint8Array([3, 9]),
      count: 2,
      imageWidth: 2,
      imageHeight: 2,
    };
    const data = digitClassification(split);
    expect(data).toMatchObject({ count: 2, inputSize: 4, targetSize: 10, inputs: split.images });
    expect([...data.targets]).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    const first = digitClassification(split, 1);
    expect(first).toMatchObject({ count: 1, inputSize: 4, targetSize: 10 });
    expect([...first.inputs]).toEqual([1, 2, 3, 4]);
    expect([...first.targets]).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
  });
});

describe('lenetSpeedCheckConfig', () => {
  it('trains LeNet-5 with softmax cross entropy at the given rate and batch size', () => {
    expect(lenetSpeedCheckConfig(0.05, 64, 1)).toMatchObject({ network: lenet5, loss: 'softmax-cross-entropy', learningRate: 0.05, batchSize: 64, seed: 1 });
  });
});
