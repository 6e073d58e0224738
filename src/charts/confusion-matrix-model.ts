/*
 * The arithmetic of a confusion matrix, without DOM: counts, row shares, per-class recall, and text.
 */

/** counts[t][p] = number of examples of true class t predicted as p. */
export type ConfusionCounts = number[][];

/**
 * Counts (true, predicted) pairs: C[t][p] = #{i : labels[i] = t and predicted[i] = p}, for classes 0…classes−1.
 * Pairs outside that range are ignored. Only the first min(labels, predicted) pairs are read.
 */
export function confusionCounts(labels: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): ConfusionCounts {
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  const n = Math.min(labels.length, predicted.length);
  for (let i = 0; i < n; i++) {
    const t = labels[i];
    const p = predicted[i];
    if (Number.isInteger(t) && Number.isInteger(p) && t >= 0 && t < classes && p >= 0 && p < classes) counts[t][p]++;
  }
  return counts;
}

/** Row-normalised shares: S[t][p] = C[t][p] / Σ_q C[t][q] (a row with no examples is all 0). Row t's diagonal is class t's recall. */
export function rowShares(counts: ConfusionCounts): number[][] {
  return counts.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((count) => (total > 0 ? count / total : 0));
  });
}

/** Σ C[t][t] / Σ C: the share of all examples on the diagonal (NaN when there are none). */
export function overallAccuracy(counts: ConfusionCounts): number {
  let total = 0;
  let correct = 0;
  counts.forEach((row, t) =>
    row.forEach((count, p) => {
      total += count;
      if (t === p) correct += count;
    }),
  );
  return total > 0 ? correct / total : NaN;
}

/** The largest off-diagonal cells (most frequent confusions), largest count first, ties by (true, predicted). */
export function topConfusions(counts: ConfusionCounts, limit: number): Array<{ label: number; predicted: number; count: number }> {
  const cells: Array<{ label: number; predicted: number; count: number }> = [];
  counts.forEach((row, t) => row.forEach((count, p) => t !== p && count > 0 && cells.push({ label: t, predicted: p, count })));
  cells.sort((a, b) => b.count - a.count || a.label - b.label || a.predicted - b.predicted);
  return cells.slice(0, limit);
}

/** "true 4, predicted 9: 12 images, 1.2 % of the 4s" — one cell for a screen reader. */
export function describeCell(counts: ConfusionCounts, classNames: readonly string[], t: number, p: number): string {
  const row = counts[t];
  const total = row.reduce((a, b) => a + b, 0);
  const share = total > 0 ? (100 * row[p]) / total : 0;
  const images = `${row[p]} image${row[p] === 1 ? '' : 's'}`;
  return `true ${classNames[t]}, predicted ${classNames[p]}: ${images}, ${share.toFixed(1)} % of the ${total.toLocaleString('en-US')} ${classNames[t]} images${t === p ? ' (correct)' : ''}`;
}

/** A one-paragraph text alternative: overall accuracy, and the most frequent confusions. */
export function describeMatrix(counts: ConfusionCounts, classNames: readonly string[]): string {
  const total = counts.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  if (total === 0) return 'Confusion matrix: no predictions yet.';
  const accuracy = overallAccuracy(counts);
  const top = topConfusions(counts, 3);
  const confusions =
    top.length > 0 ? ` Most frequent confusions: ${top.map((c) => `${classNames[c.label]} taken for ${classNames[c.predicted]} (${c.count})`).join(', ')}.` : ' No confusions.';
  return `Confusion matrix of ${total.toLocaleString('en-US')} images: ${(accuracy * 100).toFixed(1)} % on the diagonal.${confusions}`;
}
