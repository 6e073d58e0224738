import { describe, expect, it } from 'vitest';
import { gradCam } from '../../../../src/core/math/grad-cam';

describe('gradCam', () => {
  it('weights each channel by its mean gradient and keeps the positive part of the weighted sum', () => {
    // 1×2 positions, 2 channels. Gradients: channel 0 → (1, 3) mean 2; channel 1 → (−1, −1) mean −1.
    const activations = [1, 2, 3, 1]; // position 0: (1, 2), position 1: (3, 1)
    const gradient = [1, -1, 3, -1];
    const { map, weights } = gradCam(activations, gradient, 1, 2, 2);
    expect(Array.from(weights)).toEqual([2, -1]);
    // position 0: 2·1 − 1·2 = 0; position 1: 2·3 − 1·1 = 5.
    expect(Array.from(map)).toEqual([0, 5]);
  });

  it('clips negative evidence to zero', () => {
    expect(Array.from(gradCam([1, 1], [-1, -1], 1, 2, 1).map)).toEqual([0, 0]);
  });

  it('rejects arrays whose length does not match the shape', () => {
    expect(() => gradCam([1, 2, 3], [1, 2, 3], 1, 2, 2)).toThrow('needs 4 activations');
    expect(() => gradCam([1, 2, 3, 4], [1, 2, 3], 1, 2, 2)).toThrow('needs 4 activations');
    expect(() => gradCam([1, 2, 3], [1, 2, 3, 4], 1, 2, 2)).toThrow('needs 4 activations');
  });
});
