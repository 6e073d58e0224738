import { describe, expect, it } from 'vitest';
import {
  convolutionLayerCounts,
  convolutionParameterCount,
  denseLayerCounts,
  describeMagnitude,
  formatCount,
  formatFloat32Bytes,
  log10BigInt,
  ratioOf,
  slidingWindowCount,
} from '../../../../src/core/math/layer-counts';

const image = { height: 224, width: 224, channels: 3, frames: 1 };

describe('layer counts', () => {
  it('counts a dense layer of 1,000 units on a 224×224×3 image by hand', () => {
    const dense = denseLayerCounts(image, 1000);
    expect(dense.inputs).toBe(150_528n);
    expect(dense.weights).toBe(150_528_000n);
    expect(dense.biases).toBe(1000n);
    expect(dense.parameters).toBe(150_529_000n);
    expect(dense.outputs).toBe(1000n);
    expect(dense.multiplyAdds).toBe(150_528_000n);
  });

  it('counts 64 filters of 3×3 on the same image: 1,792 parameters whatever the image size', () => {
    const conv = convolutionLayerCounts(image, { kernelSize: 3, filters: 64, stride: 1, padding: 'same' });
    expect(conv.weights).toBe(1728n);
    expect(conv.parameters).toBe(1792n);
    expect([conv.outputHeight, conv.outputWidth]).toEqual([224, 224]);
    expect(conv.outputs).toBe(224n * 224n * 64n);
    expect(conv.multiplyAdds).toBe(224n * 224n * 1728n);
    const big = convolutionLayerCounts({ ...image, height: 4000, width: 3000 }, { kernelSize: 3, filters: 64, stride: 1, padding: 'same' });
    expect(big.parameters).toBe(1792n);
    expect(convolutionParameterCount(3, 3, 64)).toBe(1792n);
    expect(convolutionParameterCount(5, 6, 16)).toBe(2416n);
  });

  it('uses valid padding and stride for the output grid', () => {
    expect(slidingWindowCount(32, 5, 1, 'valid')).toBe(28);
    expect(slidingWindowCount(224, 11, 4, 'valid')).toBe(54);
    expect(slidingWindowCount(224, 3, 2, 'same')).toBe(112);
    expect(slidingWindowCount(2, 3, 1, 'valid')).toBe(0);
    const conv = convolutionLayerCounts({ height: 32, width: 32, channels: 1, frames: 1 }, { kernelSize: 5, filters: 6, stride: 1, padding: 'valid' });
    expect(conv.parameters).toBe(156n);
    expect(conv.outputs).toBe(28n * 28n * 6n);
  });

  it('multiplies the dense input, not the convolution weights, by the number of video frames', () => {
    const clip = { ...image, frames: 16 };
    expect(denseLayerCounts(clip, 1000).weights).toBe(150_528n * 16n * 1000n);
    const conv = convolutionLayerCounts(clip, { kernelSize: 3, filters: 64, stride: 1, padding: 'same' });
    expect(conv.parameters).toBe(1792n);
    expect(conv.outputs).toBe(224n * 224n * 64n * 16n);
  });

  it('stays exact beyond 2^53', () => {
    const huge = denseLayerCounts({ height: 100_000, width: 100_000, channels: 10_000, frames: 10_000 }, 1_000_000);
    expect(huge.weights).toBe(10n ** 24n);
    expect(formatCount(huge.parameters)).toBe('1,000,000,000,000,000,001,000,000');
    expect(log10BigInt(huge.weights)).toBeCloseTo(24, 12);
    expect(describeMagnitude(huge.weights)).toBe('1.0 × 10^24');
  });

  it('formats counts, ratios and bytes', () => {
    expect(formatCount(0n)).toBe('0');
    expect(formatCount(999n)).toBe('999');
    expect(formatCount(1792n)).toBe('1,792');
    expect(formatCount(150_528n)).toBe('150,528');
    expect(describeMagnitude(150_529_000n)).toBe('150.5 million');
    expect(describeMagnitude(2_500_000_000_000n)).toBe('2.5 trillion');
    expect(ratioOf(150_529_000n, 1792n)).toBeCloseTo(84_000.5580357, 4);
    expect(ratioOf(10n ** 30n, 10n ** 3n)).toBeCloseTo(1e27, -14);
    expect(formatFloat32Bytes(1792n)).toBe('7.0 KB');
    expect(formatFloat32Bytes(150_529_000n)).toBe('574.2 MB');
    expect(formatFloat32Bytes(10n)).toBe('40 bytes');
  });
});
