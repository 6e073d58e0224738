import { describe, expect, it } from 'vitest';
import {
  conv2d,
  conv2dSingle,
  convolutionGeometry,
  convolutionOutputSize,
  convolutionProblem,
  effectiveKernelSize,
  outputCellTerms,
  resolvePadding,
  type ConvolutionPadding,
} from '../../../../src/core/math/convolution';
import { tf } from '../../../../src/core/tf/tf-core';
import { createSeededRandom } from '../../../../src/core/random/seeded-random';

/** A 4×4 image 1..16, row by row. */
const ramp = { values: Array.from({ length: 16 }, (_, i) => i + 1), height: 4, width: 4 };

describe('output size O = ⌊(I + 2P − D·(K − 1) − 1) / S⌋ + 1', () => {
  it('gives the textbook cases', () => {
    expect(convolutionOutputSize(28, 3)).toBe(26); // valid, stride 1
    expect(convolutionOutputSize(28, 3, { padding: 1 })).toBe(28);
    expect(convolutionOutputSize(28, 5, { padding: 2, stride: 2 })).toBe(14); // ⌊(28 + 4 − 4 − 1)/2⌋ + 1
    expect(convolutionOutputSize(7, 3, { stride: 2 })).toBe(3);
    expect(convolutionOutputSize(8, 3, { stride: 2 })).toBe(3); // the last column is never the centre
    expect(convolutionOutputSize(28, 3, { dilation: 2 })).toBe(24); // spans 5 pixels
    expect(convolutionOutputSize(224, 11, { stride: 4, padding: 2 })).toBe(55); // AlexNet's first layer
    expect(convolutionOutputSize(28, 28)).toBe(1); // kernel as large as the image
  });

  it("'same' keeps ⌈I/S⌉ cells and puts an odd zero after", () => {
    expect(convolutionOutputSize(28, 3, { padding: 'same' })).toBe(28);
    expect(convolutionOutputSize(28, 5, { padding: 'same', stride: 2 })).toBe(14);
    expect(convolutionOutputSize(7, 4, { padding: 'same', stride: 3 })).toBe(3);
    expect(resolvePadding(28, 3, { padding: 'same' })).toEqual({ before: 1, after: 1 });
    expect(resolvePadding(28, 4, { padding: 'same' })).toEqual({ before: 1, after: 2 });
    expect(resolvePadding(28, 3, { padding: 'same', dilation: 2 })).toEqual({ before: 2, after: 2 });
    expect(resolvePadding(28, 3, { padding: 'valid' })).toEqual({ before: 0, after: 0 });
  });

  it('effective kernel span is D·(K − 1) + 1', () => {
    expect(effectiveKernelSize(3, 1)).toBe(3);
    expect(effectiveKernelSize(3, 2)).toBe(5);
    expect(effectiveKernelSize(5, 3)).toBe(13);
  });

  it('names impossible settings in words, and the geometry refuses them', () => {
    expect(convolutionProblem(8, 8, 5, 5, { dilation: 3 })).toMatch(/spans 13×13 pixels, more than the 8×8 padded input/);
    expect(convolutionProblem(8, 8, 5, 5, { dilation: 3, padding: 3 })).toBeNull();
    expect(convolutionProblem(8, 8, 3, 3, { stride: 0 })).toMatch(/stride/);
    expect(convolutionProblem(8, 8, 3, 3, { stride: 1.5 })).toMatch(/stride/);
    expect(convolutionProblem(8, 8, 3, 3, { dilation: 0 })).toMatch(/dilation/);
    expect(convolutionProblem(8, 8, 3, 3, { padding: -1 })).toMatch(/padding/);
    expect(() => convolutionGeometry(2, 2, 3, 3)).toThrow(/no position for the window/);
    expect(convolutionGeometry(5, 6, 3, 3, { padding: 'same', stride: 2 })).toMatchObject({ outputHeight: 3, outputWidth: 3, padTop: 1, padBottom: 1, padLeft: 0, padRight: 1 });
  });
});

describe('single-channel convolution, worked by hand', () => {
  it('sums the window under the kernel without flipping it (cross-correlation)', () => {
    // Kernel [[1, 0], [0, −1]] on the ramp: y = x[r, c] − x[r+1, c+1] = −5 everywhere.
    const y = conv2dSingle(ramp, { values: [1, 0, 0, -1], height: 2, width: 2 });
    expect([y.height, y.width]).toEqual([3, 3]);
    expect(Array.from(y.values)).toEqual(Array(9).fill(-5));
    // A true convolution would flip the kernel and give +5; this is the deep-learning "convolution".
  });

  it('a 3×3 box sum with stride 1 and with stride 2, plus a bias', () => {
    const box = { values: Array(9).fill(1), height: 3, width: 3 };
    // Windows of the ramp: top-left 1+2+3+5+6+7+9+10+11 = 54, then +9 per column, +36 per row.
    expect(Array.from(conv2dSingle(ramp, box).values)).toEqual([54, 63, 90, 99]);
    expect(Array.from(conv2dSingle(ramp, box, { stride: 2 }).values)).toEqual([54]);
    expect(Array.from(conv2dSingle(ramp, box, {}, 0.5).values)).toEqual([54.5, 63.5, 90.5, 99.5]);
  });

  it('zero padding reads zeros outside the image', () => {
    const box = { values: Array(9).fill(1), height: 3, width: 3 };
    const y = conv2dSingle(ramp, box, { padding: 1 });
    expect([y.height, y.width]).toEqual([4, 4]);
    expect(y.values[0]).toBe(1 + 2 + 5 + 6); // corner: four real pixels
    expect(y.values[1]).toBe(1 + 2 + 3 + 5 + 6 + 7); // top edge: six
    expect(y.values[5]).toBe(54);
  });

  it('dilation 2 spreads the taps one pixel apart', () => {
    // 2×2 kernel of ones, dilation 2 on the ramp: x[r, c] + x[r, c+2] + x[r+2, c] + x[r+2, c+2].
    const y = conv2dSingle(ramp, { values: [1, 1, 1, 1], height: 2, width: 2 }, { dilation: 2 });
    expect([y.height, y.width]).toEqual([2, 2]);
    expect(Array.from(y.values)).toEqual([1 + 3 + 9 + 11, 2 + 4 + 10 + 12, 5 + 7 + 13 + 15, 6 + 8 + 14 + 16]);
  });
});

describe('the terms of one output cell', () => {
  it('lists input × kernel in kernel order, marks padding, and adds up to the output', () => {
    const kernel = { values: [0, -1, 0, -1, 4, -1, 0, -1, 0], height: 3, width: 3 };
    const cell = outputCellTerms(ramp, kernel, { padding: 1 }, 0, 0, 2);
    expect(cell.terms).toHaveLength(9);
    expect(cell.terms[0]).toMatchObject({ kernelRow: 0, kernelColumn: 0, inputRow: -1, inputColumn: -1, inPadding: true, inputValue: 0, product: 0 });
    expect(cell.terms[4]).toMatchObject({ inputRow: 0, inputColumn: 0, inPadding: false, inputValue: 1, kernelValue: 4, product: 4 });
    // 4·1 − 2 − 5 + bias 2 = −1
    expect(cell.value).toBe(-1);
    const full = conv2dSingle(ramp, kernel, { padding: 1 }, 2);
    for (let r = 0; r < full.height; r++) {
      for (let c = 0; c < full.width; c++) expect(outputCellTerms(ramp, kernel, { padding: 1 }, r, c, 2).value).toBeCloseTo(full.values[r * full.width + c], 12);
    }
  });

  it('follows stride and dilation', () => {
    const kernel = { values: [1, 1, 1, 1], height: 2, width: 2 };
    const cell = outputCellTerms(ramp, kernel, { stride: 2, dilation: 1 }, 1, 1);
    expect(cell.terms.map((t) => [t.inputRow, t.inputColumn])).toEqual([
      [2, 2],
      [2, 3],
      [3, 2],
      [3, 3],
    ]);
    expect(cell.value).toBe(11 + 12 + 15 + 16);
    expect(() => outputCellTerms(ramp, kernel, { stride: 2 }, 2, 0)).toThrow(/outside the 2×2 output/);
  });
});

describe('multi-channel convolution', () => {
  it('sums over input channels, one output channel per filter, with a bias per filter', () => {
    // 2×2 image with 2 channels; a 1×1 kernel is a per-pixel dense layer over the channels.
    const input = { values: [1, 10, 2, 20, 3, 30, 4, 40], height: 2, width: 2, channels: 2 };
    const filters = { values: [1, 0, 0.5, 1], height: 1, width: 1, inChannels: 2, outChannels: 2 }; // w[ch][f]
    const y = conv2d(input, filters, {}, [0, 100]);
    // f0 = x0 + 0.5·x1; f1 = x1 + 100
    expect(Array.from(y.values)).toEqual([6, 110, 12, 120, 18, 130, 24, 140]);
    expect(() => conv2d(input, { ...filters, inChannels: 3 })).toThrow(/3 input channels/);
  });
});

describe('agrees with tf.conv2d', () => {
  interface Case {
    size: [number, number];
    kernel: number;
    inChannels: number;
    outChannels: number;
    stride: number;
    padding: ConvolutionPadding;
    dilation: number;
  }
  const cases: Case[] = [
    { size: [7, 7], kernel: 3, inChannels: 1, outChannels: 1, stride: 1, padding: 'valid', dilation: 1 },
    { size: [7, 7], kernel: 3, inChannels: 1, outChannels: 1, stride: 1, padding: 'same', dilation: 1 },
    { size: [8, 9], kernel: 3, inChannels: 2, outChannels: 3, stride: 2, padding: 'same', dilation: 1 },
    { size: [9, 8], kernel: 5, inChannels: 1, outChannels: 2, stride: 2, padding: 'valid', dilation: 1 },
    { size: [10, 10], kernel: 3, inChannels: 3, outChannels: 2, stride: 1, padding: 'valid', dilation: 2 },
    { size: [10, 11], kernel: 3, inChannels: 1, outChannels: 1, stride: 1, padding: 'same', dilation: 3 },
    { size: [8, 8], kernel: 4, inChannels: 1, outChannels: 1, stride: 3, padding: 'same', dilation: 1 },
    { size: [9, 9], kernel: 3, inChannels: 2, outChannels: 2, stride: 2, padding: 2, dilation: 1 },
    { size: [12, 12], kernel: 5, inChannels: 1, outChannels: 4, stride: 1, padding: 1, dilation: 2 },
    { size: [6, 6], kernel: 6, inChannels: 1, outChannels: 5, stride: 1, padding: 'valid', dilation: 1 },
  ];

  it.each(cases)('%o', (c) => {
    const random = createSeededRandom(c.kernel * 100 + c.stride * 10 + c.dilation);
    const [h, w] = c.size;
    const x = Float32Array.from({ length: h * w * c.inChannels }, () => random() * 2 - 1);
    const k = Float32Array.from({ length: c.kernel * c.kernel * c.inChannels * c.outChannels }, () => random() * 2 - 1);
    const options = { stride: c.stride, padding: c.padding, dilation: c.dilation };
    const ours = conv2d(
      { values: x, height: h, width: w, channels: c.inChannels },
      { values: k, height: c.kernel, width: c.kernel, inChannels: c.inChannels, outChannels: c.outChannels },
      options,
    );
    const pad: 'valid' | 'same' | [[0, 0], [number, number], [number, number], [0, 0]] =
      typeof c.padding === 'number'
        ? [
            [0, 0],
            [c.padding, c.padding],
            [c.padding, c.padding],
            [0, 0],
          ]
        : c.padding;
    const theirs = tf.tidy(() =>
      tf.conv2d(tf.tensor4d(x, [1, h, w, c.inChannels]), tf.tensor4d(k, [c.kernel, c.kernel, c.inChannels, c.outChannels]), c.stride, pad, 'NHWC', c.dilation),
    );
    expect(theirs.shape).toEqual([1, ours.height, ours.width, ours.channels]);
    const expected = theirs.dataSync();
    theirs.dispose();
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(expected[i] - ours.values[i]));
    expect(worst).toBeLessThan(1e-5);
  });
});
