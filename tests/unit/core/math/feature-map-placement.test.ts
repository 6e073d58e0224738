import { describe, expect, it } from 'vitest';
import { unitGrid, upsampleAligned, upsampleBilinear } from '../../../../src/core/math/feature-map-placement';

describe('unitGrid', () => {
  it('places a layer’s units in the image by the receptive-field arithmetic', () => {
    const conv = (kernelSize: number, padding: 'same' | 'valid') => ({ kind: 'conv2d' as const, filters: 4, kernelSize, padding, activation: 'relu' as const });
    const pool = { kind: 'max-pool' as const, size: 2 };
    // LeNet-5: conv 5×5 same, pool 2, conv 5×5 valid → unit 0 centred on (0 + 0.5) + 2·2 = 4.5, units 2 px apart.
    expect(unitGrid({ inputShape: [28, 28, 1], layers: [conv(5, 'same'), pool, conv(5, 'valid')] } as never, 2)).toEqual({ first: 4.5, jump: 2 });
    // The Fashion CNN: conv 3×3 same, pool 2, conv 3×3 same → 0.5 and 2.
    expect(unitGrid({ inputShape: [28, 28, 1], layers: [conv(3, 'same'), pool, conv(3, 'same')] } as never, 2)).toEqual({ first: 0.5, jump: 2 });
  });
});

describe('upsampleBilinear', () => {
  it('upsamples bilinearly at pixel centres: a 2×2 map to 4×4 keeps the corners and blends in between', () => {
    const up = upsampleBilinear([0, 4, 8, 12], 2, 2, 4);
    // Row 0: x = −0.25 → clamped 0, 0.25, 0.75, 1.25 → clamped 1: 0, 1, 3, 4.
    expect(Array.from(up.slice(0, 4))).toEqual([0, 1, 3, 4]);
    expect(Array.from(up.slice(12, 16))).toEqual([8, 9, 11, 12]);
    expect(() => upsampleBilinear([1, 2, 3], 2, 2, 4)).toThrow('expected 2×2');
  });

  it('keeps a constant map constant and interpolates a 2×2 map at pixel centres', () => {
    expect([...upsampleBilinear([3, 3, 3, 3], 2, 2, 4)].every((v) => v === 3)).toBe(true);
    // 1×2 map [0, 1] → 4 wide: centres at x = −0.25, 0.25, 0.75, 1.25 → clamped 0, 0.25, 0.75, 1.
    const out = upsampleBilinear([0, 1, 0, 1], 2, 2, 4);
    expect([...out.slice(0, 4)]).toEqual([0, 0.25, 0.75, 1]);
  });
  it('refuses a map of the wrong size', () => {
    expect(() => upsampleBilinear([1, 2, 3], 2, 2, 4)).toThrow(/expected 2×2/);
  });
});

describe('upsampleAligned', () => {
  it('reads unit i at pixel first + i·jump and interpolates between', () => {
    // A 1-D ramp of 3 units [0, 1, 2] centred on pixels 1, 3, 5 of a 6-wide image.
    const out = upsampleAligned([0, 1, 2, 0, 1, 2, 0, 1, 2], 3, 3, 6, 1, 2);
    expect([...out.slice(0, 6)]).toEqual([0, 0, 0.5, 1, 1.5, 2]);
  });
  it('equals the plain stretch when the units tile the image', () => {
    const map = [1, 5, 2, 7];
    expect([...upsampleAligned(map, 2, 2, 8, 1.5, 4)]).toEqual([...upsampleBilinear(map, 2, 2, 8)]);
  });
});

describe('placement, more precisely', () => {
  it('counts average pooling and strided convolutions in the grid, and ignores the layers after `layer`', () => {
    const network = {
      inputShape: [32, 32, 1],
      layers: [
        { kind: 'conv2d', filters: 4, kernelSize: 3, stride: 2, padding: 'valid' },
        { kind: 'avg-pool', size: 2 },
        { kind: 'conv2d', filters: 4, kernelSize: 3, padding: 'valid' },
      ],
    } as never;
    // conv 3×3 stride 2 valid: first 1, jump 2; avg-pool 2: first 1 + 0.5·2 = 2, jump 4.
    expect(unitGrid(network, 1)).toEqual({ first: 2, jump: 4 });
    expect(unitGrid(network, 0)).toEqual({ first: 1, jump: 2 });
  });

  it('reads a wide map (2×3) row by row: each output pixel from its own row and column', () => {
    // Units on pixels 0, 1, 2 across and 0, 1 down (first 0, jump 1); row 2 of the output clamps to the map's last row.
    const out = upsampleAligned([1, 2, 3, 4, 5, 6], 2, 3, 3, 0, 1);
    expect([...out]).toEqual([1, 2, 3, 4, 5, 6, 4, 5, 6]);
    // Half-way between rows and columns: pixel (0.5, 0.5) of a 2×2 map [1, 2; 3, 4] reads 2.5.
    expect(upsampleAligned([1, 2, 3, 4], 2, 2, 2, -0.5, 1)[0]).toBe(2.5);
    expect(() => upsampleAligned([1], 1, 1, 2, 0, 0)).toThrow('The jump must be positive, got 0');
    expect(() => upsampleAligned([1, 2], 1, 1, 2, 0, 1)).toThrow('expected 1×1');
  });
});
