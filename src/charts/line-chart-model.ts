/**
 * Pure math for the line chart: domains, scales, ticks, log-scale filtering, nearest-point lookup,
 * min/max downsampling and SVG path building. No React, no DOM; runs under Node in unit tests.
 */
import * as d3 from 'd3';

/** One curve: `Y[i]` is drawn at `X[i]`. `X` should be ascending (steps, epochs). */
export interface LineSeries {
  /** Stable key (React key and legend identity). */
  id: string;
  /** Human name, used in the legend, the read-out and the text alternative. */
  label: string;
  X: ArrayLike<number>;
  Y: ArrayLike<number>;
  /** Any CSS colour, including `var(--good)`; defaults to the chart palette. */
  color?: string;
  dashed?: boolean;
}

/** A continuous numeric scale: linear or logarithmic. */
export type NumericScale = d3.ScaleContinuousNumeric<number, number>;

/** One axis tick: its data value, its position in pixels, and its label ('' for an unlabelled minor tick). */
export interface Tick {
  value: number;
  position: number;
  label: string;
}

/** Downsampled copy of a series, in drawing order. */
export interface SampledSeries {
  X: Float64Array;
  Y: Float64Array;
}

/**
 * Series colours when a series sets none: theme variables that differ in hue in both themes.
 * Pair colour with `dashed` when two curves must be told apart without colour.
 */
export const SERIES_PALETTE: readonly string[] = ['var(--accent)', 'var(--class-a)', 'var(--good)', 'var(--warn)', 'var(--danger)', 'var(--text-muted)'];

/** Colour for series number `index`: its own `color`, else the palette entry (cycling). */
export function pickSeriesColor(series: Pick<LineSeries, 'color'>, index: number): string {
  return series.color ?? SERIES_PALETTE[index % SERIES_PALETTE.length];
}

/** Number of drawable pairs: the shorter of `X` and `Y`. */
export function seriesLength(series: Pick<LineSeries, 'X' | 'Y'>): number {
  return Math.min(series.X.length, series.Y.length);
}

/** Whether `Y` value `v` can be drawn: finite, and positive when the y axis is logarithmic. */
export function isDrawableY(v: number, logScale: boolean): boolean {
  return Number.isFinite(v) && (!logScale || v > 0);
}

/** Widens an empty interval `[v, v]` so that a scale over it is usable. */
export function widenDegenerate([lo, hi]: [number, number], logScale = false): [number, number] {
  if (lo < hi) return [lo, hi];
  if (logScale) return [lo / 2, lo * 2];
  const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
  return [lo - pad, hi + pad];
}

/** Smallest and largest finite `X` over all series (`[0, 1]` when there is none). */
export function computeXDomain(series: readonly LineSeries[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    const n = seriesLength(s);
    for (let i = 0; i < n; i++) {
      const v = s.X[i];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) return [0, 1];
  return widenDegenerate([lo, hi]);
}

/**
 * Smallest and largest drawable `Y` over all series (see {@link isDrawableY}); points whose `X` is
 * not finite are ignored. With no drawable value: `[0, 1]`, or `[1, 10]` on a log scale.
 */
export function computeYDomain(series: readonly LineSeries[], logScale: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    const n = seriesLength(s);
    for (let i = 0; i < n; i++) {
      const v = s.Y[i];
      if (!isDrawableY(v, logScale) || !Number.isFinite(s.X[i])) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) return logScale ? [1, 10] : [0, 1];
  return widenDegenerate([lo, hi], logScale);
}

/**
 * Makes a fixed y domain usable on the chosen scale: on a log scale a non-positive bound is replaced
 * by the data's bound (a log axis cannot reach 0).
 */
export function fitFixedYDomain(fixed: [number, number], dataDomain: [number, number], logScale: boolean): [number, number] {
  let [lo, hi] = fixed[0] <= fixed[1] ? fixed : [fixed[1], fixed[0]];
  if (logScale) {
    if (!(lo > 0)) lo = Math.min(dataDomain[0], hi > 0 ? hi : Infinity);
    if (!(hi > 0)) hi = dataDomain[1];
  }
  return widenDegenerate([lo, hi], logScale);
}

/** Counts finite `Y` values that a log axis cannot show (`Y <= 0`), over all series. */
export function countNonPositive(series: readonly LineSeries[]): number {
  let count = 0;
  for (const s of series) {
    const n = seriesLength(s);
    for (let i = 0; i < n; i++) {
      const v = s.Y[i];
      if (Number.isFinite(v) && v <= 0) count++;
    }
  }
  return count;
}

/** Linear scale from `domain` onto pixel `range` (no rounding of the domain, so curves reach the edges). */
export function createXScale(domain: [number, number], range: [number, number]): NumericScale {
  return d3.scaleLinear().domain(domain).range(range);
}

/**
 * Y scale from `domain` onto pixel `range` (`[bottom, top]`). Linear scales get round ends that
 * fall on ticks (d3 `nice(tickCount)`) unless `fixed`; log scales keep the data's ends (niceness would
 * stretch them to whole decades).
 */
export function createYScale(domain: [number, number], range: [number, number], logScale: boolean, fixed = false, tickCount = 5): NumericScale {
  if (logScale) return d3.scaleLog().domain(domain).range(range);
  const y = d3.scaleLinear().domain(domain).range(range);
  return fixed ? y : y.nice(tickCount);
}

/**
 * Ticks for an axis, about `count` of them, labelled with the precision their spacing needs
 * (`0.5`, `10`, `5,000`). On a log scale every tick d3 proposes is returned but only some carry a
 * label (the others are minor ticks, `label === ''`). `format` overrides the labels.
 */
export function computeTicks(scale: NumericScale, count: number, format?: (v: number) => string, logScale = false): Tick[] {
  const values = scale.ticks(count);
  const defaultFormat = scale.tickFormat(count, logScale ? '~g' : ',~f');
  return values.map((value) => {
    const shown = defaultFormat(value);
    return { value, position: scale(value), label: shown === '' ? '' : format ? format(value) : shown };
  });
}

/** Plain ASCII minus in read-outs and text alternatives, so that text can be copied and searched. */
const plainLocale = d3.formatLocale({ decimal: '.', thousands: ',', grouping: [3], currency: ['', ''], minus: '-' });
const formatSignificant = plainLocale.format('.3~r');
const formatExponent = plainLocale.format('.2~e');

/**
 * Writes a value for people: 3 significant digits, scientific notation for very large or very small
 * magnitudes, and `NaN` / `Infinity` / `-Infinity` spelled out.
 */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  const magnitude = Math.abs(v);
  if (magnitude !== 0 && (magnitude >= 1e5 || magnitude < 1e-3)) return formatExponent(v);
  return formatSignificant(v);
}

/**
 * Min/max downsampling for drawing. The x range of the drawable points is cut into `bucketCount`
 * equal buckets; each bucket keeps its first and last point (so the line joins its neighbours) and
 * the points with the smallest and largest `Y` (so spikes stay visible), in their original order:
 * at most 4 points per bucket. A run of non-drawable points (NaN, Infinity, or `Y <= 0` on a log scale)
 * is kept as one `NaN` point so that the gap stays a gap. Points whose `X` is not finite are skipped.
 * When the series has at most `2 * bucketCount` points it is returned unchanged (copied). `X` should
 * be ascending; otherwise the result is still correct, only less reduced.
 */
export function downsampleMinMax(X: ArrayLike<number>, Y: ArrayLike<number>, bucketCount: number, logScale = false): SampledSeries {
  const n = Math.min(X.length, Y.length);
  const buckets = Math.max(1, Math.floor(bucketCount));
  if (n <= 2 * buckets) return { X: Float64Array.from({ length: n }, (_, i) => X[i]), Y: Float64Array.from({ length: n }, (_, i) => Y[i]) };

  let xLo = Infinity;
  let xHi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = X[i];
    if (!Number.isFinite(v)) continue;
    if (v < xLo) xLo = v;
    if (v > xHi) xHi = v;
  }
  const outX: number[] = [];
  const outY: number[] = [];
  if (xLo > xHi) return { X: new Float64Array(0), Y: new Float64Array(0) };
  const span = xHi - xLo;

  let current = -1;
  let first = -1;
  let last = -1;
  let minI = -1;
  let maxI = -1;
  let gapOpen = false;

  const flush = () => {
    if (first < 0) return;
    const picks = [first, minI, maxI, last].sort((a, b) => a - b);
    let previous = -1;
    for (const i of picks) {
      if (i === previous) continue;
      previous = i;
      outX.push(X[i]);
      outY.push(Y[i]);
    }
    first = last = minI = maxI = -1;
  };

  for (let i = 0; i < n; i++) {
    const xv = X[i];
    if (!Number.isFinite(xv)) continue;
    const yv = Y[i];
    if (!isDrawableY(yv, logScale)) {
      if (!gapOpen) {
        flush();
        outX.push(xv);
        outY.push(NaN);
        gapOpen = true;
      }
      continue;
    }
    gapOpen = false;
    const bucket = span === 0 ? 0 : Math.min(buckets - 1, Math.floor(((xv - xLo) / span) * buckets));
    if (bucket !== current) {
      flush();
      current = bucket;
    }
    if (first < 0) {
      first = last = minI = maxI = i;
      continue;
    }
    last = i;
    if (yv < Y[minI]) minI = i;
    if (yv > Y[maxI]) maxI = i;
  }
  flush();
  return { X: Float64Array.from(outX), Y: Float64Array.from(outY) };
}

/**
 * SVG path `d` for a sampled series (`null` when nothing is drawable). Non-drawable points break the
 * line (d3 `line().defined`) instead of sending it to NaN or infinity.
 */
export function buildLinePath(sampled: SampledSeries, x: NumericScale, y: NumericScale, logScale: boolean): string | null {
  const indices = d3.range(sampled.X.length);
  const line = d3
    .line<number>()
    .defined((i) => Number.isFinite(sampled.X[i]) && isDrawableY(sampled.Y[i], logScale))
    .x((i) => x(sampled.X[i]))
    .y((i) => y(sampled.Y[i]));
  return line(indices);
}

/** Index of the last point whose `X` is finite and `Y` drawable, or -1. */
export function lastDrawableIndex(series: Pick<LineSeries, 'X' | 'Y'>, logScale: boolean): number {
  for (let i = seriesLength(series) - 1; i >= 0; i--) {
    if (Number.isFinite(series.X[i]) && isDrawableY(series.Y[i], logScale)) return i;
  }
  return -1;
}

/**
 * Index of the point whose `X` is closest to `target` (ties go to the earlier point), or -1 when the
 * series has no finite `X`. Linear scan: O(n), no sorting assumption.
 */
export function nearestIndex(X: ArrayLike<number>, target: number, length = X.length): number {
  let best = -1;
  let bestDistance = Infinity;
  for (let i = 0; i < length; i++) {
    const v = X[i];
    if (!Number.isFinite(v)) continue;
    const distance = Math.abs(v - target);
    if (distance < bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}

/** The `X` value, over all series, nearest to `target`; `null` when no series has a finite `X`. */
export function nearestX(series: readonly LineSeries[], target: number): number | null {
  let best: number | null = null;
  for (const s of series) {
    const i = nearestIndex(s.X, target, seriesLength(s));
    if (i < 0) continue;
    const v = s.X[i];
    if (best === null || Math.abs(v - target) < Math.abs(best - target)) best = v;
  }
  return best;
}

/**
 * Keyboard stepping: the next distinct finite `X` over all series after (`direction` 1) or before
 * (`direction` -1) `from`. With `from === null` it starts from the first (direction 1) or last point.
 * Returns `from` when there is nowhere to go.
 */
export function stepX(series: readonly LineSeries[], from: number | null, direction: 1 | -1): number | null {
  let best: number | null = null;
  for (const s of series) {
    const n = seriesLength(s);
    for (let i = 0; i < n; i++) {
      const v = s.X[i];
      if (!Number.isFinite(v)) continue;
      if (from !== null && (direction === 1 ? v <= from : v >= from)) continue;
      if (best === null || (direction === 1 ? v < best : v > best)) best = v;
    }
  }
  return best ?? from;
}

/** The extreme `X` over all series: the first (`'first'`) or the last (`'last'`); `null` when none. */
export function edgeX(series: readonly LineSeries[], edge: 'first' | 'last'): number | null {
  return stepX(series, null, edge === 'first' ? 1 : -1);
}

/**
 * One sentence per series for the text alternative, e.g. "Train loss: 0.231 after 120 points".
 * A non-finite last value is written as such and the last finite value is added.
 */
export function describeSeries(series: LineSeries, formatY: (v: number) => string = formatNumber): string {
  const n = seriesLength(series);
  if (n === 0) return `${series.label}: no points yet`;
  const last = series.Y[n - 1];
  const count = `${n} ${n === 1 ? 'point' : 'points'}`;
  if (Number.isFinite(last)) return `${series.label}: ${formatY(last)} after ${count}`;
  const finite = lastDrawableIndex(series, false);
  const lastFinite = finite >= 0 ? ` (last finite value ${formatY(series.Y[finite])})` : '';
  return `${series.label}: ${formatNumber(last)} after ${count}${lastFinite}`;
}
