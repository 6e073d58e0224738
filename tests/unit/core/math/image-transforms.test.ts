import { describe, expect, it } from 'vitest';
import { IDENTITY_NUISANCES, applyNuisances, elasticField, patchRectangle, sampleBilinear, warpImage, type Nuisances } from '../../../../src/core/math/image-transforms';

const SIZE = 28;
const at = (image: Float32Array, col: number, row: number) => image[row * SIZE + col];

/** A 28×28 image with one bright pixel. */
function dot(col: number, row: number): Float32Array {
  const image = new Float32Array(SIZE * SIZE);
  image[row * SIZE + col] = 1;
  return image;
}

const brightest = (image: Float32Array) => {
  let best = 0;
  for (let i = 1; i < image.length; i++) if (image[i] > image[best]) best = i;
  return { col: best % SIZE, row: Math.floor(best / SIZE) };
};

const withNuisances = (changes: Partial<Nuisances>): Nuisances => ({ ...IDENTITY_NUISANCES, ...changes });

describe('applyNuisances', () => {
  it('leaves the image unchanged with the identity settings (and returns a copy)', () => {
    const image = Float32Array.from({ length: SIZE * SIZE }, (_, i) => (i % 7) / 6);
    const out = applyNuisances(image, SIZE, IDENTITY_NUISANCES, null);
    expect(out).not.toBe(image);
    expect(Array.from(out)).toEqual(Array.from(image));
  });

  it('rejects an image of the wrong size', () => {
    expect(() => applyNuisances(new Float32Array(10), SIZE, IDENTITY_NUISANCES, null)).toThrow('expected 784 pixels, got 10');
  });

  it('rotates counter-clockwise on screen: a dot right of centre moves above it by 90°', () => {
    // Centre c = (13.5, 13.5). Pixel (21, 13) is at (7.5, −0.5) from c; a quarter turn counter-clockwise on screen
    // (y down) takes (x, y) to (y, −x) = (−0.5, −7.5) ⇒ pixel (13, 6).
    const out = applyNuisances(dot(21, 13), SIZE, withNuisances({ rotationDegrees: 90 }), null);
    expect(brightest(out)).toEqual({ col: 13, row: 6 });
    expect(at(out, 13, 6)).toBeCloseTo(1, 5);
    // Four quarter turns come back.
    let image = dot(21, 13);
    for (let i = 0; i < 4; i++) image = applyNuisances(image, SIZE, withNuisances({ rotationDegrees: 90 }), null);
    expect(at(image, 21, 13)).toBeCloseTo(1, 5);
  });

  it('scales about the centre: ×2 moves a dot twice as far from the centre and spreads it', () => {
    // Pixel (15, 13) is at (1.5, −0.5) from the centre ⇒ ×2 ⇒ (3, −1) ⇒ (16.5, 12.5), between pixels 16 and 17.
    const out = applyNuisances(dot(15, 13), SIZE, withNuisances({ scale: 2 }), null);
    // The four pixels around (16.5, 12.5) sample the dot at quarter … full weight; the total ink is ≈ scale² = 4× spread.
    const total = out.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(2);
    expect(brightest(out).col).toBeGreaterThanOrEqual(16);
    expect(brightest(out).col).toBeLessThanOrEqual(17);
    const half = applyNuisances(
      Float32Array.from({ length: SIZE * SIZE }, () => 1),
      SIZE,
      withNuisances({ scale: 0.5 }),
      null,
    );
    expect(at(half, 0, 0)).toBe(0); // the corner now samples outside the image
    expect(at(half, 14, 14)).toBe(1);
  });

  it('fills the occluding patch (clipped to the image) with black, gray or white', () => {
    const ones = new Float32Array(SIZE * SIZE).fill(1);
    const out = applyNuisances(ones, SIZE, withNuisances({ patchX: 10, patchY: 20, patchSize: 4, patchFill: 'gray' }), null);
    expect(patchRectangle(SIZE, { patchX: 10, patchY: 20, patchSize: 4 })).toEqual({ left: 8, top: 18, right: 12, bottom: 22 });
    expect(out.filter((v) => v === 0.5)).toHaveLength(16);
    expect(at(out, 8, 18)).toBe(0.5);
    expect(at(out, 12, 18)).toBe(1);
    expect(patchRectangle(SIZE, { patchX: 27, patchY: 0, patchSize: 10 })).toEqual({ left: 22, top: 0, right: 28, bottom: 5 });
    expect(patchRectangle(SIZE, { patchX: 14, patchY: 14, patchSize: 0 })).toEqual({ left: 14, top: 14, right: 14, bottom: 14 });
    const white = applyNuisances(new Float32Array(SIZE * SIZE), SIZE, withNuisances({ patchSize: 2, patchFill: 'white' }), null);
    expect(white.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('applies contrast about mid gray, then brightness, clamped to [0, 1]', () => {
    const image = Float32Array.from([0, 0.25, 0.5, 1]);
    const lit = applyNuisances(image, 2, withNuisances({ contrast: 0.5, brightness: 0.1 }), null);
    // 0.5 + 0.5·(v − 0.5) + 0.1: 0 ↦ 0.35, 0.25 ↦ 0.475, 0.5 ↦ 0.6, 1 ↦ 0.85
    [0.35, 0.475, 0.6, 0.85].forEach((v, i) => expect(lit[i]).toBeCloseTo(v, 6));
    const harsh = applyNuisances(image, 2, withNuisances({ contrast: 3, brightness: -0.2 }), null);
    // 0.5 + 3·(v − 0.5) − 0.2: 0 ↦ −1.2 → 0, 0.25 ↦ −0.45 → 0, 0.5 ↦ 0.3, 1 ↦ 1.8 → 1
    [0, 0, 0.3, 1].forEach((v, i) => expect(harsh[i]).toBeCloseTo(v, 6));
  });
});

describe('elasticField and the warp', () => {
  it('is reproducible from its seed, differs between seeds, and has unit RMS length', () => {
    const a = elasticField(SIZE, 4, 7);
    const b = elasticField(SIZE, 4, 7);
    const c = elasticField(SIZE, 4, 8);
    expect(Array.from(a.dx)).toEqual(Array.from(b.dx));
    expect(Array.from(a.dx)).not.toEqual(Array.from(c.dx));
    const meanSquare = a.dx.reduce((s, v, i) => s + v * v + a.dy[i] * a.dy[i], 0) / a.dx.length;
    expect(meanSquare).toBeCloseTo(1, 4);
  });

  it('is smoother with a larger smoothness: neighbouring displacements differ less', () => {
    const roughness = (smoothness: number) => {
      const { dx } = elasticField(SIZE, smoothness, 3);
      let sum = 0;
      for (let row = 0; row < SIZE; row++) for (let col = 1; col < SIZE; col++) sum += Math.abs(dx[row * SIZE + col] - dx[row * SIZE + col - 1]);
      return sum;
    };
    expect(roughness(6)).toBeLessThan(roughness(2) / 2);
  });

  it('moves pixels by about the strength, and strength 0 changes nothing', () => {
    const field = elasticField(SIZE, 4, 1);
    const image = Float32Array.from({ length: SIZE * SIZE }, (_, i) => (i % SIZE) / SIZE); // a horizontal ramp: value = column / 28
    const none = applyNuisances(image, SIZE, withNuisances({ warpStrength: 0 }), field);
    expect(Array.from(none)).toEqual(Array.from(image));
    const warped = warpImage(image, SIZE, { scale: 1, rotationDegrees: 0, warpStrength: 2 }, field);
    // Away from the edges, the ramp's value shifts by dx·2/28 exactly (bilinear sampling of a linear ramp).
    const index = 14 * SIZE + 14;
    expect(warped[index]).toBeCloseTo((14 + 2 * field.dx[index]) / SIZE, 5);
    expect(warped).not.toEqual(image);
  });

  it('sampleBilinear interpolates and is 0 outside', () => {
    const image = Float32Array.from([0, 1, 2, 3]); // [[0, 1], [2, 3]]
    expect(sampleBilinear(image, 2, 0.5, 0.5)).toBeCloseTo(1.5, 6);
    expect(sampleBilinear(image, 2, 1, 0)).toBe(1);
    expect(sampleBilinear(image, 2, -1, 0)).toBe(0);
  });
});
