import { describe, expect, it } from 'vitest';
import { conv2d } from '../../../../src/core/math/convolution';
import {
  compareFullKernel,
  denseForward,
  downscale,
  filtersAsDenseWeights,
  formatCount,
  formatDifference,
  randomFilters,
  sharedWeights,
} from '../../../../src/widgets/conv-neuron-vs-perceptron/conv-neuron-vs-perceptron-state';
import { tf } from '../../../../src/core/tf/tf-core';

/** A 28×28 test image: value (row + column) / 54. */
const image28 = Float64Array.from({ length: 784 }, (_, i) => (Math.floor(i / 28) + (i % 28)) / 54);

describe('downscale', () => {
  it('averages blocks: 28 → 14 in 2×2, 28 → 7 in 4×4, 28 stays', () => {
    const small = downscale(image28, 14);
    expect(small).toHaveLength(196);
    expect(small[0]).toBeCloseTo((0 + 1 + 1 + 2) / 4 / 54, 12);
    expect(downscale(image28, 7)[0]).toBeCloseTo(3 / 54, 12); // mean of r + c over a 4×4 block is 3
    expect(Array.from(downscale(image28, 28))).toEqual(Array.from(image28));
  });
});

describe('a kernel as large as the image is a fully connected layer', () => {
  it('the same numbers: HWIO kernel read as a [K·K, F] matrix', () => {
    const { filters } = randomFilters(3, 2, 1);
    const w = filtersAsDenseWeights(filters);
    expect(Array.from(w)).toEqual(Array.from(filters.values));
  });

  it('a hand-worked 2×2 case: conv output = x·W + b', () => {
    const x = [1, 2, 3, 4];
    const filters = { values: [1, 0, 0, 1, 1, 0, 0, -1], height: 2, width: 2, inChannels: 1, outChannels: 2 }; // W rows: [1,0],[0,1],[1,0],[0,−1]
    const conv = conv2d({ values: x, height: 2, width: 2, channels: 1 }, filters, { padding: 'valid' }, [0.5, 0]);
    expect(Array.from(conv.values)).toEqual([4.5, -2]); // 1 + 3 + 0.5, 2 − 4
    expect(Array.from(denseForward(x, filtersAsDenseWeights(filters), 4, 2, [0.5, 0]))).toEqual([4.5, -2]);
  });

  it.each([7, 14, 28] as const)('for a %i×%i image the two agree exactly, with equal parameter counts', (size) => {
    const result = compareFullKernel(downscale(image28, size), size, 5, 3);
    expect(result.outputShape).toEqual([1, 1, 5]);
    expect(result.maxDifference).toBe(0);
    expect(result.convParameters).toBe(size * size * 5 + 5);
    expect(result.denseParameters).toBe(result.convParameters);
  });

  it('and TF.js agrees: tf.conv2d with the kernel vs tf.matMul with the reshaped matrix, within float32 rounding', () => {
    const size = 14;
    const x = downscale(image28, size);
    const { filters } = randomFilters(size, 4, 3);
    const [convOut, denseOut] = tf.tidy(() => [
      tf.conv2d(tf.tensor4d(Float32Array.from(x), [1, size, size, 1]), tf.tensor4d(Float32Array.from(filters.values), [size, size, 1, 4]), 1, 'valid').dataSync(),
      tf.matMul(tf.tensor2d(Float32Array.from(x), [1, size * size]), tf.tensor2d(Float32Array.from(filtersAsDenseWeights(filters)), [size * size, 4])).dataSync(),
    ]);
    for (let f = 0; f < 4; f++) expect(Math.abs(convOut[f] - denseOut[f])).toBeLessThan(1e-5);
    const ours = compareFullKernel(x, size, 4, 3);
    const { bias } = randomFilters(size, 4, 3);
    for (let f = 0; f < 4; f++) expect(Math.abs(convOut[f] + bias[f] - ours.conv[f])).toBeLessThan(1e-5);
  });

  it('the weights come from the seed', () => {
    expect(randomFilters(5, 3, 3).filters.values).toEqual(randomFilters(5, 3, 3).filters.values);
    expect(randomFilters(5, 3, 4).filters.values).not.toEqual(randomFilters(5, 3, 3).filters.values);
  });
});

describe('weight sharing with a smaller kernel', () => {
  it('counts outputs and parameters: 28×28 image, 3×3 kernel, 4 filters', () => {
    const summary = sharedWeights(image28, 28, 3, 4, 3);
    expect(summary.outputSize).toBe(26);
    expect(summary.outputs).toBe(26 * 26 * 4);
    expect(summary.convParameters).toBe(3 * 3 * 4 + 4);
    expect(summary.denseParameters).toBe(784 * 2704 + 2704);
    expect(summary.equivalentNonzeros).toBe(9 * 2704);
    expect(summary.firstMap).toHaveLength(676);
  });

  it("the first map is filter 1's channel of the full convolution", () => {
    const { filters, bias } = randomFilters(5, 2, 9);
    const full = conv2d({ values: image28, height: 28, width: 28, channels: 1 }, filters, {}, bias);
    const summary = sharedWeights(image28, 28, 5, 2, 9);
    expect(summary.firstMap[100]).toBe(full.values[200]);
  });
});

describe('formatting', () => {
  it('counts with thin spaces, differences in scientific notation', () => {
    expect(formatCount(2_122_688)).toBe('2\u2009122\u2009688');
    expect(formatCount(40)).toBe('40');
    expect(formatDifference(0)).toBe('0');
    expect(formatDifference(2.4e-16)).toBe('2.4e−16');
  });
});
