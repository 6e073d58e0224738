import { describe, expect, it } from 'vitest';
import { convolutionStackCounts, convolutionStackOnImage, stackDepthFor, stackLayers } from '../../../../src/core/math/stacked-convolutions';
import { receptiveFieldTable } from '../../../../src/core/math/receptive-field';

describe('stacked 3×3 convolutions against one large kernel', () => {
  it('needs (K − 1)/2 stacked 3×3 layers for a K×K receptive field', () => {
    expect(stackDepthFor(5)).toBe(2);
    expect(stackDepthFor(7)).toBe(3);
    expect(() => stackDepthFor(4)).toThrow(RangeError);
    expect(() => stackDepthFor(1)).toThrow(RangeError);
    // r = 1 + Σ (k − 1): two 3×3 layers reach 5, three reach 7.
    expect(receptiveFieldTable(32, stackLayers(2, 3)).map((row) => row.receptiveField)).toEqual([3, 5]);
    expect(receptiveFieldTable(32, stackLayers(3, 3)).map((row) => row.receptiveField)).toEqual([3, 5, 7]);
  });

  it('counts 25C² against 18C² weights for C = 64: 102,400 against 73,728', () => {
    const single = convolutionStackCounts(1, 5, 64);
    const stack = convolutionStackCounts(2, 3, 64);
    expect(single.weights).toBe(102_400n); // 25 · 4,096
    expect(stack.weights).toBe(73_728n); // 18 · 4,096
    expect(single.biases).toBe(64n);
    expect(stack.biases).toBe(128n);
    expect(single.parameters).toBe(102_464n);
    expect(stack.parameters).toBe(73_856n);
    expect(single.nonLinearities).toBe(1);
    expect(stack.nonLinearities).toBe(2);
    expect(single.receptiveField).toBe(5);
    expect(stack.receptiveField).toBe(5);
  });

  it('counts 49C² against 27C² weights for C = 64: 200,704 against 110,592', () => {
    const single = convolutionStackCounts(1, 7, 64);
    const stack = convolutionStackCounts(3, 3, 64);
    expect(single.weights).toBe(200_704n); // 49 · 4,096
    expect(stack.weights).toBe(110_592n); // 27 · 4,096
    expect(stack.biases).toBe(192n);
    expect(stack.nonLinearities).toBe(3);
    expect(stack.receptiveField).toBe(7);
  });

  it('computes one output position with k²C² multiply–adds per layer', () => {
    // C = 2: one 5×5 needs 25 · 2 · 2 = 100; two 3×3 need 2 · 9 · 2 · 2 = 72.
    expect(convolutionStackCounts(1, 5, 2).multiplyAddsPerPosition).toBe(100n);
    expect(convolutionStackCounts(2, 3, 2).multiplyAddsPerPosition).toBe(72n);
    // C = 1: the weights are just the taps.
    expect(convolutionStackCounts(3, 3, 1).weights).toBe(27n);
  });

  it('gives the same output size without padding, and counts the larger maps of the early stack layers', () => {
    // 32×32, C = 1: one 5×5 → 28×28, 28² · 25 = 19,600. Two 3×3 → 30×30 then 28×28: (900 + 784) · 9 = 15,156.
    const single = convolutionStackOnImage(1, 5, 1, 32);
    const stack = convolutionStackOnImage(2, 3, 1, 32);
    expect(single.validOutputSize).toBe(28);
    expect(stack.validOutputSize).toBe(28);
    expect(single.validMultiplyAdds).toBe(19_600n);
    expect(stack.validMultiplyAdds).toBe(15_156n);
    // 'same' padding keeps 32×32: 1,024 · 25 against 2 · 1,024 · 9.
    expect(single.sameMultiplyAdds).toBe(25_600n);
    expect(stack.sameMultiplyAdds).toBe(18_432n);
    expect(stack.sameOutputSize).toBe(32);
  });

  it('reports no output when the input is smaller than the receptive field', () => {
    const stack = convolutionStackOnImage(3, 3, 4, 5);
    expect(stack.validOutputSize).toBe(0);
    // 5 → 3 → 1 → none: (3² + 1² + 0) output positions · 9 · 16 = 1,440.
    expect(stack.validMultiplyAdds).toBe(BigInt((9 + 1) * 9 * 16));
  });
});
