import { describe, expect, it } from 'vitest';
import {
  DISCRETE_STRENGTH,
  HEATMAP_STRENGTH,
  classShares,
  paintActivation,
  paintClasses,
  paintSigned,
  parseColor,
  softmaxRows,
  type HeatmapPalette,
} from '../../../../src/widgets/mlp-playground/mlp-heatmap';

const palette: HeatmapPalette = {
  negative: [200, 100, 0],
  positive: [0, 100, 200],
  neutral: [250, 250, 250],
  classes: [
    [200, 100, 0],
    [0, 100, 200],
    [0, 200, 0],
    [150, 0, 150],
  ],
};
const pixel = (out: Uint8ClampedArray, i: number) => Array.from(out.slice(4 * i, 4 * i + 4));
/** neutral + t·(target − neutral) per channel, rounded as a Uint8ClampedArray rounds (half to even). */
const mix = (from: readonly number[], to: readonly number[], t: number) => [...Uint8ClampedArray.from(from, (v, i) => v + (to[i] - v) * t), 255];

describe('heatmap colours', () => {
  it('reads #rgb, #rrggbb and rgb() colours', () => {
    expect(parseColor('#0b63c5', [0, 0, 0])).toEqual([11, 99, 197]);
    expect(parseColor(' #fff ', [0, 0, 0])).toEqual([255, 255, 255]);
    expect(parseColor('rgb(1, 2, 3)', [0, 0, 0])).toEqual([1, 2, 3]);
    expect(parseColor('var(--x)', [9, 9, 9])).toEqual([9, 9, 9]);
  });

  it('signed values: 0 neutral, −1 orange and +1 blue at HEATMAP_STRENGTH, clipped beyond the scale, NaN neutral', () => {
    const out = new Uint8ClampedArray(5 * 4);
    paintSigned([0, -1, 0.5, 3, Number.NaN], 5, 1, palette, out);
    expect(pixel(out, 0)).toEqual([250, 250, 250, 255]);
    expect(pixel(out, 1)).toEqual(mix(palette.neutral, palette.negative, HEATMAP_STRENGTH));
    expect(pixel(out, 2)).toEqual(mix(palette.neutral, palette.positive, 0.5 * HEATMAP_STRENGTH));
    expect(pixel(out, 3)).toEqual(mix(palette.neutral, palette.positive, HEATMAP_STRENGTH));
    expect(pixel(out, 4)).toEqual([250, 250, 250, 255]);
  });

  it('discretized: each side in its full decided colour', () => {
    const out = new Uint8ClampedArray(2 * 4);
    paintSigned([-0.01, 0.2], 2, 1, palette, out, { discretize: true });
    expect(pixel(out, 0)).toEqual(mix(palette.neutral, palette.negative, DISCRETE_STRENGTH));
    expect(pixel(out, 1)).toEqual(mix(palette.neutral, palette.positive, DISCRETE_STRENGTH));
  });

  it('one column of [n, stride] values; ReLU scaled by its own largest value, sigmoid centred on 0.5', () => {
    const values = [0, 4, 1, 2];
    const relu = new Uint8ClampedArray(2 * 4);
    paintActivation(values, 2, 2, 1, 'relu', palette, relu);
    expect(pixel(relu, 0)).toEqual(mix(palette.neutral, palette.positive, HEATMAP_STRENGTH));
    expect(pixel(relu, 1)).toEqual(mix(palette.neutral, palette.positive, 0.5 * HEATMAP_STRENGTH));
    const sigmoid = new Uint8ClampedArray(2 * 4);
    paintActivation([0.5, 0], 2, 1, 0, 'sigmoid', palette, sigmoid);
    expect(pixel(sigmoid, 0)).toEqual([250, 250, 250, 255]);
    expect(pixel(sigmoid, 1)).toEqual(mix(palette.neutral, palette.negative, HEATMAP_STRENGTH));
  });

  it('softmax of rows, stable for large logits', () => {
    const p = softmaxRows([0, Math.log(3), 1000, 1000], 2);
    expect(p[0]).toBeCloseTo(0.25, 6);
    expect(p[1]).toBeCloseTo(0.75, 6);
    expect(p[2]).toBeCloseTo(0.5, 6);
  });

  it('K classes: the winner’s colour, as strong as its confidence beyond 1/K', () => {
    const out = new Uint8ClampedArray(2 * 4);
    // Row 0: class 2 wins with 0.6 of 3 → confidence (0.6 − 1/3)/(2/3) = 0.4. Row 1: a tie at 1/3 → neutral.
    paintClasses([0.2, 0.2, 0.6, 1 / 3, 1 / 3, 1 / 3], 3, palette, out);
    expect(pixel(out, 0)).toEqual(mix(palette.neutral, palette.classes[2], 0.4 * HEATMAP_STRENGTH));
    expect(pixel(out, 1)).toEqual([250, 250, 250, 255]);
  });

  it('the share of the plane each class wins', () => {
    expect(classShares([-1, 0.5, 0.2, -0.1], 2, true)).toEqual([0.5, 0.5]);
    expect(classShares([0.1, 0.9, 0.8, 0.2, 0.3, 0.7], 2, false)).toEqual([1 / 3, 2 / 3]);
  });
});
