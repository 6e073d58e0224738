import { describe, expect, it } from 'vitest';
import { confusionCounts, describeCell, describeMatrix, overallAccuracy, rowShares, topConfusions } from '../../../src/charts/confusion-matrix-model';
import { cellTint } from '../../../src/charts/confusion-matrix';

const names = ['cat', 'dog', 'fox'];

describe('confusion matrix arithmetic', () => {
  // labels:    0 0 0 1 1 2 2 2 2
  // predicted: 0 0 1 1 2 2 2 2 0
  const labels = [0, 0, 0, 1, 1, 2, 2, 2, 2];
  const predicted = [0, 0, 1, 1, 2, 2, 2, 2, 0];
  const counts = confusionCounts(labels, predicted, 3);

  it('counts (true, predicted) pairs: rows are true classes, columns predictions', () => {
    expect(counts).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [1, 0, 3],
    ]);
  });

  it('ignores pairs outside the classes and reads only the shorter array', () => {
    expect(confusionCounts([0, 5, -1, 1, 1], [0, 0, 0, 1.5], 2)).toEqual([
      [1, 0],
      [0, 0],
    ]);
  });

  it('normalises each row by its total (recall on the diagonal), an empty row stays 0', () => {
    expect(rowShares(counts)).toEqual([
      [2 / 3, 1 / 3, 0],
      [0, 0.5, 0.5],
      [0.25, 0, 0.75],
    ]);
    expect(rowShares([[0, 0]])).toEqual([[0, 0]]);
  });

  it('gives the overall accuracy as the diagonal share: 6 of 9', () => {
    expect(overallAccuracy(counts)).toBeCloseTo(6 / 9, 12);
    expect(overallAccuracy([[0]])).toBeNaN();
  });

  it('lists the most frequent confusions, ties by true then predicted class', () => {
    expect(topConfusions(counts, 2)).toEqual([
      { label: 0, predicted: 1, count: 1 },
      { label: 1, predicted: 2, count: 1 },
    ]);
  });

  it('describes a cell and the matrix in words', () => {
    expect(describeCell(counts, names, 2, 2)).toBe('true fox, predicted fox: 3 images, 75.0 % of the 4 fox images (correct)');
    expect(describeCell(counts, names, 0, 1)).toBe('true cat, predicted dog: 1 image, 33.3 % of the 3 cat images');
    expect(describeMatrix(counts, names)).toBe(
      'Confusion matrix of 9 images: 66.7 % on the diagonal. Most frequent confusions: cat taken for dog (1), dog taken for fox (1), fox taken for cat (1).',
    );
    expect(describeMatrix([[0]], ['x'])).toBe('Confusion matrix: no predictions yet.');
  });

  it('tints cells in two bands so the count stays readable: none at 0, ≤ 45 % below ½, ≥ 88 % from ½', () => {
    expect(cellTint(0)).toBe(0);
    expect(cellTint(0.49)).toBeLessThanOrEqual(45);
    expect(cellTint(0.5)).toBe(88);
    expect(cellTint(1)).toBe(100);
  });
});
