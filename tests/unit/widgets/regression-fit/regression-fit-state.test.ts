import { describe, expect, it } from 'vitest';
import { meanSquaredError } from '../../../../src/core/math/least-squares';
import {
  DEFAULT_POINTS,
  HISTORY_LIMIT,
  PLANE_LIMIT,
  POINTS_MAX,
  addPoint,
  createHistory,
  exactFit,
  formatValue,
  interpolationWarning,
  movePoint,
  normalizeDegree,
  parsePoints,
  recordHistory,
  removePoint,
  residualRows,
  resizeWeights,
  runDescent,
  serializePoints,
  stableLearningRate,
  suggestNewPoint,
} from '../../../../src/widgets/regression-fit/regression-fit-state';

describe('editing points', () => {
  it('moves, clamps to the plane and rounds to 2 decimals', () => {
    const moved = movePoint(DEFAULT_POINTS, 0, { x: 9, y: -1.23456 });
    expect(moved[0]).toEqual({ x: PLANE_LIMIT, y: -1.23 });
    expect(moved.slice(1)).toEqual(DEFAULT_POINTS.slice(1));
  });
  it('adds up to 20 points and keeps at least 2', () => {
    let points = [...DEFAULT_POINTS];
    while (points.length < POINTS_MAX) points = addPoint(points, { x: 0, y: 0 });
    expect(addPoint(points, { x: 1, y: 1 })).toHaveLength(POINTS_MAX);
    const two = [
      { x: 0, y: 0 },
      { x: 1, y: 1 },
    ];
    expect(removePoint(two, 0)).toEqual(two);
    expect(removePoint(DEFAULT_POINTS, 2)).toHaveLength(DEFAULT_POINTS.length - 1);
  });
  it('suggests a new point in the widest gap, 1 above the fit', () => {
    const points = [
      { x: -4, y: 0 },
      { x: -3, y: 0 },
      { x: 3, y: 0 },
    ];
    expect(suggestNewPoint(points, [0.5, 0])).toEqual({ x: 0, y: 1.5 });
  });
  it('clamps degrees to 1–6', () => {
    expect(normalizeDegree(0)).toBe(1);
    expect(normalizeDegree(9)).toBe(6);
    expect(normalizeDegree(2.6)).toBe(3);
    expect(normalizeDegree(Number.NaN)).toBe(1);
  });
});

describe('the exact fit', () => {
  it('a line through (−5, −1) and (5, 3): ŷ = 1 + 2t with t = x/5, MSE 0', () => {
    const fit = exactFit(
      [
        { x: -5, y: -1 },
        { x: 5, y: 3 },
      ],
      1,
    );
    expect(fit.weights[0]).toBeCloseTo(1, 12);
    expect(fit.weights[1]).toBeCloseTo(2, 12);
    expect(fit.meanSquaredError).toBeLessThan(1e-24);
  });
  it('a higher degree never fits worse on the same points', () => {
    let previous = Infinity;
    for (let degree = 1; degree <= 6; degree += 1) {
      const mse = exactFit(DEFAULT_POINTS, degree).meanSquaredError;
      expect(mse).toBeLessThanOrEqual(previous + 1e-12);
      previous = mse;
    }
    // The default cloud is curved: a parabola fits it far better than a line.
    expect(exactFit(DEFAULT_POINTS, 2).meanSquaredError).toBeLessThan(exactFit(DEFAULT_POINTS, 1).meanSquaredError / 5);
  });
  it('lists residuals ŷ − y and their squares, whose mean is the MSE', () => {
    const fit = exactFit(DEFAULT_POINTS, 1);
    const rows = residualRows(DEFAULT_POINTS, fit.weights);
    rows.forEach((row) => {
      expect(row.residual).toBeCloseTo(row.prediction - row.y, 12);
      expect(row.squared).toBeCloseTo(row.residual ** 2, 12);
    });
    expect(rows.reduce((sum, row) => sum + row.squared, 0) / rows.length).toBeCloseTo(fit.meanSquaredError, 12);
  });
  it('warns when the degree can pass through every point', () => {
    expect(interpolationWarning(DEFAULT_POINTS, 6)).toBeNull();
    const three = DEFAULT_POINTS.slice(0, 3);
    expect(interpolationWarning(three, 3)).toMatch(/Degree 3 with 3 points.*degree 2.*\(0\)/);
    expect(interpolationWarning(three, 2)).toBeNull();
    const duplicate = [
      { x: 1, y: 0 },
      { x: 1, y: 1 },
      { x: 2, y: 0 },
    ];
    expect(interpolationWarning(duplicate, 2)).toMatch(/share an x/);
  });
});

describe('gradient descent', () => {
  it('from ŷ = 0 approaches the exact MSE at a stable learning rate', () => {
    const exact = exactFit(DEFAULT_POINTS, 1);
    const run = runDescent([0, 0], DEFAULT_POINTS, 0.3, 400);
    expect(run.diverged).toBe(false);
    expect(run.losses[0]).toBeLessThan(meanSquaredError([0, 0], DEFAULT_POINTS, PLANE_LIMIT));
    for (let i = 1; i < run.losses.length; i += 1) expect(run.losses[i]).toBeLessThanOrEqual(run.losses[i - 1] + 1e-12);
    expect(run.losses[run.losses.length - 1] - exact.meanSquaredError).toBeLessThan(1e-6);
  });
  it('diverges (and stops) above 2/λ', () => {
    const limit = stableLearningRate(DEFAULT_POINTS, 2);
    expect(limit).toBeGreaterThan(0.3);
    const run = runDescent([0, 0, 0], DEFAULT_POINTS, limit * 1.5, 5000);
    expect(run.diverged).toBe(true);
    expect(run.losses.length).toBeLessThan(5000);
  });
  it('keeps lower coefficients when the degree changes', () => {
    expect(resizeWeights([1, 2, 3], 1)).toEqual([1, 2]);
    expect(resizeWeights([1, 2], 3)).toEqual([1, 2, 0, 0]);
  });
  it('thins the MSE history so a long run fits in HISTORY_LIMIT points', () => {
    const history = createHistory();
    for (let step = 0; step < HISTORY_LIMIT * 3; step += 1) recordHistory(history, step, 1 / (step + 1), 0.1);
    expect(history.steps.length).toBeLessThanOrEqual(HISTORY_LIMIT);
    expect(history.stride).toBe(4);
    expect(history.steps[0]).toBe(0);
    expect(history.steps.every((step) => step % history.stride === 0)).toBe(true);
    expect(history.descent).toHaveLength(history.steps.length);
  });
});

describe('share links and formatting', () => {
  it('round-trips points with 2 decimals', () => {
    const text = serializePoints(DEFAULT_POINTS);
    expect(text.startsWith('-4.2,3.8;-3.1,1.8')).toBe(true);
    expect(parsePoints(text)).toEqual({ value: DEFAULT_POINTS });
  });
  it('rejects mangled point lists, clamps wild coordinates', () => {
    expect(parsePoints('1,2')).toHaveProperty('problem');
    expect(parsePoints('1,2;3')).toHaveProperty('problem');
    expect(parsePoints('1,2;a,b')).toHaveProperty('problem');
    expect(parsePoints(Array.from({ length: 21 }, () => '0,0').join(';'))).toHaveProperty('problem');
    expect(parsePoints('1,2;300,-4.567')).toEqual({
      value: [
        { x: 1, y: 2 },
        { x: 5, y: -4.57 },
      ],
    });
  });
  it('formats with real minus signs, ∞ and exponents for huge values', () => {
    expect(formatValue(-1.5)).toBe('−1.500');
    expect(formatValue(-0.0001)).toBe('0.000');
    expect(formatValue(Infinity)).toBe('∞');
    expect(formatValue(123456)).toBe('1.23e5');
  });
});
