/**
 * Pure math for image grids: colour lookup tables, colour domains, painting values into RGBA pixels,
 * and the text alternative. No React, no DOM; runs under Node in unit tests.
 */
import * as d3 from 'd3';
import { formatNumber } from './line-chart-model';

/** `'grayscale'`: black (low) to white (high). `'diverging'`: blue (negative), white (0), red (positive). */
export type ColorMode = 'grayscale' | 'diverging';

/** One image: row-major values, `values[row * width + column]`, one value per pixel. */
export interface GridImage {
  values: ArrayLike<number>;
  width: number;
  height: number;
  label?: string;
}

/** Entries in a colour lookup table. */
export const LUT_SIZE = 256;

/** Colour of NaN and infinite values: magenta, which neither colour scale uses. */
export const NON_FINITE_RGB: readonly [number, number, number] = [255, 0, 255];

/** What one image holds: extremes over finite values, and how many values are not finite. */
export interface ImageStats {
  /** Smallest finite value (NaN when there is none). */
  min: number;
  /** Largest finite value (NaN when there is none). */
  max: number;
  /** Values that are NaN or ±Infinity. */
  nonFiniteCount: number;
  count: number;
}

/**
 * Builds a colour lookup table: `LUT_SIZE` RGB triples, entry `i` for position `t = i / 255` on the
 * scale, stored flat as `[r0, g0, b0, r1, g1, b1, ...]`. Grayscale: `(255 t, 255 t, 255 t)`.
 * Diverging: `d3.interpolateRdBu(1 - t)`, so `t = 0` is dark blue, `t = 0.5` near-white, `t = 1` dark red.
 */
export function buildColorLut(mode: ColorMode): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(LUT_SIZE * 3);
  for (let i = 0; i < LUT_SIZE; i++) {
    const t = i / (LUT_SIZE - 1);
    if (mode === 'grayscale') {
      lut[3 * i] = lut[3 * i + 1] = lut[3 * i + 2] = Math.round(255 * t);
    } else {
      const { r, g, b } = d3.rgb(d3.interpolateRdBu(1 - t));
      lut[3 * i] = r;
      lut[3 * i + 1] = g;
      lut[3 * i + 2] = b;
    }
  }
  return lut;
}

const lutCache = new Map<ColorMode, Uint8ClampedArray>();

/** The lookup table for `mode`, built once and shared. Do not mutate it. */
export function getColorLut(mode: ColorMode): Uint8ClampedArray {
  let lut = lutCache.get(mode);
  if (!lut) {
    lut = buildColorLut(mode);
    lutCache.set(mode, lut);
  }
  return lut;
}

/**
 * Lookup-table entry of `value` on the linear map from `domain` to `[0, LUT_SIZE - 1]`:
 * `round((value - lo) / (hi - lo) * 255)`, clamped; the middle entry when `lo === hi`;
 * -1 for NaN and ±Infinity (drawn as {@link NON_FINITE_RGB}).
 */
export function lutIndex(value: number, [lo, hi]: readonly [number, number]): number {
  if (!Number.isFinite(value)) return -1;
  if (!(hi > lo)) return LUT_SIZE >> 1;
  const t = (value - lo) / (hi - lo);
  if (t <= 0) return 0;
  if (t >= 1) return LUT_SIZE - 1;
  return Math.round(t * (LUT_SIZE - 1));
}

/** The `[r, g, b]` colour of `value` (see {@link lutIndex}). */
export function valueToRgb(value: number, domain: readonly [number, number], lut: Uint8ClampedArray): [number, number, number] {
  const i = lutIndex(value, domain);
  if (i < 0) return [...NON_FINITE_RGB];
  return [lut[3 * i], lut[3 * i + 1], lut[3 * i + 2]];
}

/** Extremes and non-finite count of `values`. */
export function summarizeValues(values: ArrayLike<number>): ImageStats {
  let min = Infinity;
  let max = -Infinity;
  let nonFiniteCount = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      nonFiniteCount++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return { min: NaN, max: NaN, nonFiniteCount, count: values.length };
  return { min, max, nonFiniteCount, count: values.length };
}

/**
 * The colour domain actually used.
 * - `'diverging'`: always symmetric, `[-m, m]`, so that 0 is the neutral colour and equal magnitudes
 *   get equal intensity. `m = max(|lo|, |hi|)` of `fixed` when given, else the largest finite `|value|`
 *   over all images; `[-1, 1]` when `m` is 0 or there is no finite value.
 * - `'grayscale'`: `fixed` when given; else `[0, 1]` when every finite value lies in it; else the
 *   data's `[min, max]` (widened by 0.5 each way when all values are equal).
 */
export function computeColorDomain(images: readonly Pick<GridImage, 'values'>[], mode: ColorMode, fixed?: readonly [number, number]): [number, number] {
  if (mode === 'diverging') {
    let m = 0;
    if (fixed) {
      m = Math.max(Math.abs(fixed[0]), Math.abs(fixed[1]));
    } else {
      for (const image of images) {
        const { min, max } = summarizeValues(image.values);
        if (Number.isFinite(min)) m = Math.max(m, Math.abs(min), Math.abs(max));
      }
    }
    if (!(m > 0) || !Number.isFinite(m)) m = 1;
    return [-m, m];
  }
  if (fixed) return fixed[0] <= fixed[1] ? [fixed[0], fixed[1]] : [fixed[1], fixed[0]];
  let lo = Infinity;
  let hi = -Infinity;
  for (const image of images) {
    const { min, max } = summarizeValues(image.values);
    if (!Number.isFinite(min)) continue;
    lo = Math.min(lo, min);
    hi = Math.max(hi, max);
  }
  if (lo > hi || (lo >= 0 && hi <= 1)) return [0, 1];
  if (lo === hi) return [lo - 0.5, hi + 0.5];
  return [lo, hi];
}

/**
 * Paints `values` (row-major, `width * height`) into `out`, an RGBA buffer of `width * height * 4`
 * bytes such as `ImageData.data`. Pixels with no value (short `values`) stay transparent; NaN and
 * ±Infinity are painted {@link NON_FINITE_RGB}. Returns the number of non-finite pixels.
 */
export function paintPixels(values: ArrayLike<number>, width: number, height: number, domain: readonly [number, number], lut: Uint8ClampedArray, out: Uint8ClampedArray): number {
  const pixels = Math.min(width * height, Math.floor(out.length / 4));
  const painted = Math.min(pixels, values.length);
  let nonFinite = 0;
  for (let p = 0; p < painted; p++) {
    const i = lutIndex(values[p], domain);
    const o = 4 * p;
    if (i < 0) {
      nonFinite++;
      out[o] = NON_FINITE_RGB[0];
      out[o + 1] = NON_FINITE_RGB[1];
      out[o + 2] = NON_FINITE_RGB[2];
    } else {
      out[o] = lut[3 * i];
      out[o + 1] = lut[3 * i + 1];
      out[o + 2] = lut[3 * i + 2];
    }
    out[o + 3] = 255;
  }
  out.fill(0, 4 * painted, 4 * pixels);
  return nonFinite;
}

/** Label of image `index` in a grid: its own label, else "Image {index + 1}". */
export function imageLabel(image: Pick<GridImage, 'label'>, index: number): string {
  return image.label ?? `Image ${index + 1}`;
}

/** Text alternative of one image, e.g. "Weights of output 1: min -0.42, max 0.51". */
export function describeImage(label: string, stats: ImageStats): string {
  if (stats.count === 0) return `${label}: no values`;
  if (stats.nonFiniteCount === stats.count) {
    return `${label}: all ${stats.count} values are NaN or infinite (shown in magenta)`;
  }
  const range = `${label}: min ${formatNumber(stats.min)}, max ${formatNumber(stats.max)}`;
  if (stats.nonFiniteCount === 0) return range;
  return `${range}; ${stats.nonFiniteCount} of ${stats.count} values are NaN or infinite (shown in magenta)`;
}

/** Words for the two ends (and middle) of the colour scale, e.g. "-0.5 (blue) through 0 (white) to 0.5 (red)". */
export function describeColorScale(mode: ColorMode, [lo, hi]: readonly [number, number]): string {
  if (mode === 'diverging') return `${formatNumber(lo)} (blue) through 0 (white) to ${formatNumber(hi)} (red)`;
  return `${formatNumber(lo)} (black) to ${formatNumber(hi)} (white)`;
}

/**
 * Text alternative of a whole grid: how many images and of what size, the colour scale, the overall
 * value range, and how many images hold NaN or infinite values.
 */
export function describeGrid(images: readonly GridImage[], stats: readonly ImageStats[], mode: ColorMode, domain: readonly [number, number]): string {
  if (images.length === 0) return 'No images.';
  const first = images[0];
  const sameSize = images.every((im) => im.width === first.width && im.height === first.height);
  const count = `${images.length} ${images.length === 1 ? 'image' : 'images'}`;
  const size = sameSize ? ` of ${first.width} by ${first.height} pixels` : ' of different sizes';
  const parts = [`${count}${size}.`, `Colour scale from ${describeColorScale(mode, domain)}.`];
  const finiteStats = stats.filter((s) => Number.isFinite(s.min));
  if (finiteStats.length > 0) {
    const min = Math.min(...finiteStats.map((s) => s.min));
    const max = Math.max(...finiteStats.map((s) => s.max));
    parts.push(`Values range from ${formatNumber(min)} to ${formatNumber(max)}.`);
  }
  const withNonFinite = stats.filter((s) => s.nonFiniteCount > 0).length;
  if (withNonFinite > 0) {
    parts.push(`${withNonFinite} ${withNonFinite === 1 ? 'image contains' : 'images contain'} NaN or infinite values, shown in magenta.`);
  }
  return parts.join(' ');
}
