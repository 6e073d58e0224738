import * as d3 from 'd3';
import { describe, expect, it } from 'vitest';
import {
  LUT_SIZE,
  NON_FINITE_RGB,
  buildColorLut,
  computeColorDomain,
  describeGrid,
  describeImage,
  getColorLut,
  lutIndex,
  paintPixels,
  summarizeValues,
  valueToRgb,
} from '../../../src/charts/image-grid-model';

const entry = (lut: Uint8ClampedArray, i: number) => [lut[3 * i], lut[3 * i + 1], lut[3 * i + 2]];

describe('colour lookup tables', () => {
  it('grayscale runs from black to white through mid gray', () => {
    const lut = buildColorLut('grayscale');
    expect(lut).toHaveLength(LUT_SIZE * 3);
    expect(entry(lut, 0)).toEqual([0, 0, 0]);
    expect(entry(lut, 255)).toEqual([255, 255, 255]);
    expect(entry(lut, 128)).toEqual([128, 128, 128]);
  });

  it('diverging runs from blue through near-white to red', () => {
    const lut = buildColorLut('diverging');
    const [r0, g0, b0] = entry(lut, 0);
    const [r1, g1, b1] = entry(lut, 255);
    expect(b0).toBeGreaterThan(r0 + 50);
    expect(r1).toBeGreaterThan(b1 + 50);
    expect(g0).toBeLessThan(100);
    expect(g1).toBeLessThan(100);
    const middle = entry(lut, lutIndex(0, [-1, 1]));
    const neutral = d3.rgb(d3.interpolateRdBu(0.5));
    expect(Math.min(...middle)).toBeGreaterThan(230);
    expect(Math.abs(middle[0] - neutral.r)).toBeLessThanOrEqual(2);
    expect(Math.abs(middle[2] - neutral.b)).toBeLessThanOrEqual(2);
  });

  it('is built once per mode', () => {
    expect(getColorLut('diverging')).toBe(getColorLut('diverging'));
    expect(getColorLut('grayscale')).not.toBe(getColorLut('diverging'));
  });
});

describe('lutIndex and valueToRgb', () => {
  it('maps the domain linearly and clamps outside it', () => {
    expect(lutIndex(0, [0, 1])).toBe(0);
    expect(lutIndex(1, [0, 1])).toBe(255);
    expect(lutIndex(0.5, [0, 1])).toBe(128);
    expect(lutIndex(-3, [0, 1])).toBe(0);
    expect(lutIndex(7, [0, 1])).toBe(255);
    expect(lutIndex(2, [2, 2])).toBe(128);
  });

  it('sends NaN and infinities to the non-finite colour', () => {
    const lut = getColorLut('grayscale');
    expect(lutIndex(NaN, [0, 1])).toBe(-1);
    expect(valueToRgb(NaN, [0, 1], lut)).toEqual([...NON_FINITE_RGB]);
    expect(valueToRgb(Infinity, [0, 1], lut)).toEqual([255, 0, 255]);
    expect(valueToRgb(1, [0, 1], lut)).toEqual([255, 255, 255]);
  });
});

describe('computeColorDomain', () => {
  const images = [{ values: [0.2, -0.42, 0.1] }, { values: [0.51, NaN, 0] }];

  it('is symmetric around 0 for diverging, from the largest magnitude', () => {
    expect(computeColorDomain(images, 'diverging')).toEqual([-0.51, 0.51]);
    expect(computeColorDomain([{ values: [-3, 1] }], 'diverging')).toEqual([-3, 3]);
    expect(computeColorDomain(images, 'diverging', [-0.1, 2])).toEqual([-2, 2]);
  });

  it('falls back to [-1, 1] for all-zero or all-NaN diverging data', () => {
    expect(computeColorDomain([{ values: [0, 0] }], 'diverging')).toEqual([-1, 1]);
    expect(computeColorDomain([{ values: [NaN] }], 'diverging')).toEqual([-1, 1]);
    expect(computeColorDomain([], 'diverging')).toEqual([-1, 1]);
  });

  it('is [0, 1] for grayscale data inside it, else the data range', () => {
    expect(computeColorDomain([{ values: [0.2, 0.9] }], 'grayscale')).toEqual([0, 1]);
    expect(computeColorDomain([{ values: [0, 255] }], 'grayscale')).toEqual([0, 255]);
    expect(computeColorDomain([{ values: [4, 4] }], 'grayscale')).toEqual([3.5, 4.5]);
    expect(computeColorDomain([{ values: [4] }], 'grayscale', [10, -10])).toEqual([-10, 10]);
  });
});

describe('paintPixels', () => {
  it('writes RGBA per pixel in row-major order and counts non-finite values', () => {
    const out = new Uint8ClampedArray(2 * 2 * 4);
    const nonFinite = paintPixels([0, 1, NaN, 0.5], 2, 2, [0, 1], getColorLut('grayscale'), out);
    expect(nonFinite).toBe(1);
    expect(Array.from(out)).toEqual([0, 0, 0, 255, 255, 255, 255, 255, 255, 0, 255, 255, 128, 128, 128, 255]);
  });

  it('leaves missing pixels transparent', () => {
    const out = new Uint8ClampedArray(3 * 4).fill(9);
    paintPixels([1], 3, 1, [0, 1], getColorLut('grayscale'), out);
    expect(Array.from(out.slice(4))).toEqual(new Array(8).fill(0));
  });

  it('paints 0 in the neutral colour of the diverging scale', () => {
    const out = new Uint8ClampedArray(4);
    const lut = getColorLut('diverging');
    paintPixels([0], 1, 1, computeColorDomain([{ values: [-2, 0, 1] }], 'diverging'), lut, out);
    expect(Array.from(out.slice(0, 3))).toEqual(entry(lut, 128));
  });
});

describe('text alternative', () => {
  it('describes one image with its extremes and its NaN values', () => {
    expect(describeImage('Weights of output 1', summarizeValues([0.1, -0.42, 0.51]))).toBe('Weights of output 1: min -0.42, max 0.51');
    expect(describeImage('Map', summarizeValues([1, NaN, 2, NaN]))).toBe('Map: min 1, max 2; 2 of 4 values are NaN or infinite (shown in magenta)');
    expect(describeImage('Map', summarizeValues([NaN]))).toBe('Map: all 1 values are NaN or infinite (shown in magenta)');
    expect(describeImage('Map', summarizeValues([]))).toBe('Map: no values');
  });

  it('summarizes the grid', () => {
    const images = [
      { values: [-1, 1, 0, 0], width: 2, height: 2 },
      { values: [NaN, 3, 0, 0], width: 2, height: 2 },
    ];
    const stats = images.map((im) => summarizeValues(im.values));
    const text = describeGrid(images, stats, 'diverging', [-3, 3]);
    expect(text).toContain('2 images of 2 by 2 pixels.');
    expect(text).toContain('Colour scale from -3 (blue) through 0 (white) to 3 (red).');
    expect(text).toContain('Values range from -1 to 3.');
    expect(text).toContain('1 image contains NaN or infinite values, shown in magenta.');
    expect(describeGrid([], [], 'grayscale', [0, 1])).toBe('No images.');
  });
});
