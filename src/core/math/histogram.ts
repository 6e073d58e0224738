/**
 * Equal-width histograms with summary statistics, for activation, gradient and weight read-outs.
 * Pure: plain arrays in, plain numbers out.
 */

/** Counts of values in `counts.length` equal-width bins over [lo, hi], with the statistics of all the values. */
export interface Histogram {
  lo: number;
  hi: number;
  /** counts[k] = values in [lo + k·w, lo + (k+1)·w), w = (hi − lo)/bins; the last bin includes hi; values outside [lo, hi] go to the end bins. */
  counts: number[];
  /** How many values were counted (NaN values are skipped). */
  total: number;
  /** μ = Σx / n. */
  mean: number;
  /** σ = √(Σ(x − μ)² / n), the population standard deviation. */
  std: number;
  min: number;
  max: number;
  /** Share of values exactly 0 (dead ReLU units, pruned weights). */
  zeroFraction: number;
}

/**
 * The histogram of `values` in `bins` bins over `range`, or over [−m, m] with m = max|x| when no range is given
 * (symmetric, so histograms of different layers line up around 0; m = 0 gives [−1, 1]). Throws for a bin count that
 * is not a whole number ≥ 1 or a range that is not finite with lo < hi.
 */
export function histogram(values: ArrayLike<number>, bins: number, range?: readonly [number, number]): Histogram {
  if (!(Number.isInteger(bins) && bins >= 1)) throw new Error(`A histogram needs a whole number of bins ≥ 1, got ${bins}`);
  let total = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let zeros = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x)) continue;
    total++;
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
    if (x === 0) zeros++;
  }
  let lo: number;
  let hi: number;
  if (range) {
    [lo, hi] = range;
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) throw new Error(`A histogram range must be finite with lo < hi, got [${lo}, ${hi}]`);
  } else {
    const m = total === 0 ? 0 : Math.max(Math.abs(min), Math.abs(max));
    lo = m > 0 && Number.isFinite(m) ? -m : -1;
    hi = m > 0 && Number.isFinite(m) ? m : 1;
  }
  const mean = total > 0 ? sum / total : 0;
  let squares = 0;
  const counts = new Array<number>(bins).fill(0);
  const scale = bins / (hi - lo);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x)) continue;
    squares += (x - mean) * (x - mean);
    const bin = Math.floor((x - lo) * scale);
    counts[bin < 0 ? 0 : bin >= bins ? bins - 1 : bin]++;
  }
  return {
    lo,
    hi,
    counts,
    total,
    mean,
    std: total > 0 ? Math.sqrt(squares / total) : 0,
    min: total > 0 ? min : 0,
    max: total > 0 ? max : 0,
    zeroFraction: total > 0 ? zeros / total : 0,
  };
}
