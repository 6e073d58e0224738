import { describe, expect, it } from 'vitest';
import { centreOfMass, inkBounds, paintSegment, preprocessDigit, rasterizeStrokes, type GrayImage } from '../../../../src/core/math/digit-preprocess';

/** A width × height image with the rectangle [x0, x1) × [y0, y1) filled with `value`. */
function withRectangle(width: number, height: number, x0: number, y0: number, x1: number, y1: number, value = 1): GrayImage {
  const values = new Float32Array(width * height);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) values[y * width + x] = value;
  return { values, width, height };
}

const digit = (values: Float32Array): GrayImage => ({ values, width: 28, height: 28 });

function expectCentredByMass(values: Float32Array): void {
  const centre = centreOfMass(digit(values))!;
  expect(Math.abs(centre.x - 14)).toBeLessThanOrEqual(0.5);
  expect(Math.abs(centre.y - 14)).toBeLessThanOrEqual(0.5);
}

describe('inkBounds and centreOfMass', () => {
  it('find the inclusive box of the ink and its mass centre in index coordinates', () => {
    const image = withRectangle(10, 8, 2, 3, 5, 4); // columns 2..4, row 3
    expect(inkBounds(image)).toEqual({ left: 2, top: 3, right: 4, bottom: 3 });
    expect(centreOfMass(image)).toEqual({ x: 3, y: 3 });
    expect(inkBounds(withRectangle(4, 4, 0, 0, 0, 0))).toBeNull();
    expect(centreOfMass(withRectangle(4, 4, 0, 0, 0, 0))).toBeNull();
  });

  it('ignore faint noise (≤ 0.02) for the bounding box', () => {
    const image = withRectangle(10, 10, 4, 4, 6, 6);
    (image.values as Float32Array)[0] = 0.01;
    expect(inkBounds(image)).toEqual({ left: 4, top: 4, right: 5, bottom: 5 });
  });
});

describe('preprocessDigit (MNIST-style: box to 20 px, centred by mass in 28×28)', () => {
  it('returns null when nothing is drawn', () => {
    expect(preprocessDigit(withRectangle(100, 100, 0, 0, 0, 0))).toBeNull();
  });

  it('rejects a value count that does not match the size', () => {
    expect(() => preprocessDigit({ values: new Float32Array(5), width: 2, height: 2 })).toThrow('expected 4 values, got 5');
  });

  it('scales a vertical bar (10 × 100 px) to 20 px tall and 2 px wide, anti-aliased exactly, centred by mass', () => {
    const result = preprocessDigit(withRectangle(200, 200, 30, 50, 40, 150))!;
    expect(result).toHaveLength(784);
    const bounds = inkBounds(digit(result))!;
    expect(bounds.bottom - bounds.top + 1).toBe(20);
    expect(bounds.right - bounds.left + 1).toBe(2);
    // scale 0.2: each output pixel averages exactly 5 × 5 full-ink pixels.
    expect(Math.min(...Array.from(result).filter((v) => v > 0))).toBeCloseTo(1, 6);
    expectCentredByMass(result);
    // Mass centre of a 2 × 20 block is (0.5, 9.5) within it ⇒ shifts round(13.5) = 14 and round(4.5) = 5: the
    // half-pixel tie rounds up (Math.round) ⇒ columns 14..15, rows 5..24 (mass centre at 14.5, 14.5).
    expect(bounds).toEqual({ left: 14, top: 5, right: 15, bottom: 24 });
  });

  it('keeps the aspect ratio of a wide stroke: 60 × 15 px becomes 20 × 5', () => {
    const result = preprocessDigit(withRectangle(90, 90, 10, 70, 70, 85))!;
    const bounds = inkBounds(digit(result))!;
    expect(bounds.right - bounds.left + 1).toBe(20);
    expect(bounds.bottom - bounds.top + 1).toBe(5);
  });

  it('anti-aliases when shrinking: a 3-px line scaled by 1/3 becomes one full pixel wide, a 1-px line a faint one', () => {
    // 60 px tall, 3 px wide ⇒ scale 1/3 ⇒ 20 × 1, every pixel the mean of 3 × 3 ones = 1.
    const thick = preprocessDigit(withRectangle(100, 100, 20, 20, 23, 80))!;
    expect(Math.max(...thick)).toBeCloseTo(1, 6);
    // A 60 × 60 square outline of 1-px lines: its edges average over 3 px ⇒ ≈ 1/3, never dropped.
    const outline = withRectangle(100, 100, 20, 20, 80, 80);
    for (let y = 21; y < 79; y++) for (let x = 21; x < 79; x++) (outline.values as Float32Array)[y * 100 + x] = 0;
    const result = preprocessDigit(outline)!;
    const bounds = inkBounds(digit(result))!;
    expect(bounds.right - bounds.left + 1).toBe(20);
    const leftColumn = Array.from({ length: 18 }, (_, i) => result[(bounds.top + 1 + i) * 28 + bounds.left]);
    leftColumn.forEach((v) => expect(v).toBeCloseTo(1 / 3, 5));
  });

  it('scales a small dot up to a 20 × 20 blob, smooth (bilinear), centred', () => {
    const result = preprocessDigit(withRectangle(50, 50, 40, 5, 43, 8))!; // a 3 × 3 dot near a corner
    const bounds = inkBounds(digit(result))!;
    expect(bounds.right - bounds.left + 1).toBe(20);
    expect(bounds.bottom - bounds.top + 1).toBe(20);
    expectCentredByMass(result);
    // Bilinear enlargement gives intermediate grays at the edges, full ink inside.
    const values = Array.from(result).filter((v) => v > 0);
    expect(Math.max(...values)).toBeCloseTo(1, 6);
    expect(values.some((v) => v > 0.1 && v < 0.9)).toBe(true);
    expect(values.every((v) => v <= 1)).toBe(true);
  });

  it('centres an off-centre stroke: the same shape drawn in two places gives the same image', () => {
    const stroke = (dx: number, dy: number) =>
      rasterizeStrokes(
        [
          [
            { x: 0.1 + dx, y: 0.1 + dy },
            { x: 0.2 + dx, y: 0.25 + dy },
            { x: 0.12 + dx, y: 0.35 + dy },
          ],
        ],
        120,
      );
    const corner = preprocessDigit({ values: stroke(0, 0), width: 120, height: 120 })!;
    const moved = preprocessDigit({ values: stroke(0.5, 0.5), width: 120, height: 120 })!;
    expectCentredByMass(corner);
    for (let i = 0; i < 784; i++) expect(corner[i]).toBeCloseTo(moved[i], 4);
  });

  it('centres by mass, not by box: a "7"-like shape with a heavy top bar sits lower than its box centre', () => {
    const image = withRectangle(100, 100, 20, 20, 80, 35); // heavy bar 60 × 15
    for (let y = 35; y < 80; y++) for (let x = 70; x < 75; x++) (image.values as Float32Array)[y * 100 + x] = 1; // thin stem
    const result = preprocessDigit(image)!;
    expectCentredByMass(result);
    const bounds = inkBounds(digit(result))!;
    // The box is 20 tall; centring its mass (near the top) pushes the box down, past the box-centred rows 4..23.
    expect(bounds.top).toBeGreaterThan(4);
  });
});

describe('rasterizeStrokes and paintSegment (soft round brush)', () => {
  it('paints full ink on the stroke, soft edges, nothing far away', () => {
    const raster = rasterizeStrokes(
      [
        [
          { x: 0.2, y: 0.5 },
          { x: 0.8, y: 0.5 },
        ],
      ],
      100,
      { radius: 0.03, softness: 0.02 },
    );
    expect(raster[50 * 100 + 50]).toBe(1); // on the line (pixel centre 0.5 px away)
    const edge = raster[54 * 100 + 50]; // 4.5 px away: between radius 3 and radius + softness 5
    expect(edge).toBeGreaterThan(0);
    expect(edge).toBeLessThan(1);
    expect(raster[60 * 100 + 50]).toBe(0);
    expect(raster[50 * 100 + 5]).toBe(0); // beyond the line's end
  });

  it('a single point is a round dot; painting keeps the maximum', () => {
    const raster = new Float32Array(400);
    paintSegment(raster, 20, { x: 0.5, y: 0.5 }, { x: 0.5, y: 0.5 }, { radius: 0.1, softness: 0.1 });
    expect(raster[10 * 20 + 10]).toBe(1);
    expect(raster[10 * 20 + 10 + 3]).toBeGreaterThan(0); // 3.5 px away, within radius + softness = 4
    expect(raster[0]).toBe(0);
    const before = raster.slice();
    paintSegment(raster, 20, { x: 0.5, y: 0.5 }, { x: 0.5, y: 0.5 }, { radius: 0.01, softness: 0.01 });
    expect(raster).toEqual(before);
  });
});
