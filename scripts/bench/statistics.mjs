/** Median, min and max of a list of numbers (NaN for an empty list). */
export function summarize(values) {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return { median: NaN, min: NaN, max: NaN, runs: 0 };
  const mid = Math.floor(finite.length / 2);
  const median = finite.length % 2 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
  return { median, min: finite[0], max: finite[finite.length - 1], runs: finite.length };
}

/** Pairwise ratios a[i] / b[i]: comparisons measured in the same run, as the machine's speed drifts. */
export function pairRatios(a, b) {
  return a.map((value, i) => value / b[i]);
}

/** "12.3 (11.9–13.0, n=5)" */
export function formatSummary({ median, min, max, runs }, digits = 1) {
  if (!Number.isFinite(median)) return 'n/a';
  const f = (v) => v.toFixed(digits);
  return runs > 1 ? `${f(median)} (${f(min)}–${f(max)}, n=${runs})` : f(median);
}
