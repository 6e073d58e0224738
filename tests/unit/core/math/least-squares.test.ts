import { describe, expect, it } from 'vitest';
import {
  countDistinctX,
  evaluatePolynomial,
  fitPolynomial,
  gradientDescentStep,
  largestCurvature,
  meanAbsoluteError,
  meanSquaredError,
  meanSquaredErrorGradient,
  polynomialFeatures,
  residuals,
  solveLeastSquares,
} from '../../../../src/core/math/least-squares';

describe('polynomial features and evaluation', () => {
  it('builds [1, t, t², …] with t = x / scale', () => {
    expect(polynomialFeatures(2, 3)).toEqual([1, 2, 4, 8]);
    expect(polynomialFeatures(5, 2, 5)).toEqual([1, 1, 1]);
    expect(polynomialFeatures(-2.5, 2, 5)).toEqual([1, -0.5, 0.25]);
  });

  it('evaluates w₀ + w₁t + w₂t² by Horner', () => {
    expect(evaluatePolynomial([1, 2, 3], 2)).toBe(1 + 4 + 12);
    expect(evaluatePolynomial([1, 2, 3], 10, 5)).toBe(17);
    expect(evaluatePolynomial([], 3)).toBe(0);
  });
});

describe('losses of a fit', () => {
  // The line ŷ = x on (0, 1), (1, 1), (2, 4): residuals −1, 0, −2.
  const points = [
    { x: 0, y: 1 },
    { x: 1, y: 1 },
    { x: 2, y: 4 },
  ];
  it('residuals are ŷ − y', () => {
    expect(residuals([0, 1], points)).toEqual([-1, 0, -2]);
  });
  it('MSE = (1 + 0 + 4) / 3, MAE = (1 + 0 + 2) / 3', () => {
    expect(meanSquaredError([0, 1], points)).toBeCloseTo(5 / 3, 12);
    expect(meanAbsoluteError([0, 1], points)).toBeCloseTo(1, 12);
    expect(meanSquaredError([0, 1], [])).toBe(0);
  });
  it('gradient (2/n) Aᵀ r = (2/3)[−3, −4], and matches finite differences', () => {
    const gradient = meanSquaredErrorGradient([0, 1], points);
    expect(gradient[0]).toBeCloseTo(-2, 12);
    expect(gradient[1]).toBeCloseTo(-8 / 3, 12);
    const h = 1e-6;
    const weights = [0.3, -0.7, 0.2];
    const analytic = meanSquaredErrorGradient(weights, points, 2);
    weights.forEach((_, k) => {
      const plus = weights.map((w, j) => (j === k ? w + h : w));
      const minus = weights.map((w, j) => (j === k ? w - h : w));
      const numeric = (meanSquaredError(plus, points, 2) - meanSquaredError(minus, points, 2)) / (2 * h);
      expect(analytic[k]).toBeCloseTo(numeric, 6);
    });
  });
});

describe('exact least squares', () => {
  it('solves a square system exactly and a tall one in the least-squares sense', () => {
    expect(
      solveLeastSquares(
        [
          [2, 0],
          [0, 4],
        ],
        [2, 8],
      ),
    ).toEqual([1, 2]);
    // Fit a constant to 1, 2, 6: the mean, 3.
    expect(solveLeastSquares([[1], [1], [1]], [1, 2, 6])?.[0]).toBeCloseTo(3, 12);
    // Line through (0, 1), (1, 1), (2, 4): slope 1.5, intercept 0.5 (by hand from the normal equations).
    const line = solveLeastSquares(
      [
        [1, 0],
        [1, 1],
        [1, 2],
      ],
      [1, 1, 4],
    );
    expect(line?.[0]).toBeCloseTo(0.5, 12);
    expect(line?.[1]).toBeCloseTo(1.5, 12);
  });

  it('refuses rank-deficient or wide systems', () => {
    expect(
      solveLeastSquares(
        [
          [1, 2],
          [2, 4],
          [3, 6],
        ],
        [1, 2, 3],
      ),
    ).toBeNull();
    expect(solveLeastSquares([[1, 2, 3]], [1])).toBeNull();
    expect(solveLeastSquares([], [])).toBeNull();
  });

  it('recovers the coefficients of exactly polynomial data, up to degree 6', () => {
    const truth = [0.5, -1.2, 2, 0.3, -0.8, 1.1, -0.4];
    const points = Array.from({ length: 15 }, (_, i) => {
      const x = -5 + (10 * i) / 14;
      return { x, y: evaluatePolynomial(truth, x, 5) };
    });
    const fit = fitPolynomial(points, 6, 5);
    fit.weights.forEach((w, k) => expect(w).toBeCloseTo(truth[k], 8));
    expect(fit.meanSquaredError).toBeLessThan(1e-20);
    expect(fit.fittedDegree).toBe(6);
  });

  it('is the minimum: nudging any weight raises the MSE', () => {
    const points = [
      { x: -3, y: 1 },
      { x: -1, y: -2 },
      { x: 0, y: 0.5 },
      { x: 2, y: 3 },
      { x: 4, y: 1 },
    ];
    const fit = fitPolynomial(points, 2, 5);
    const gradient = meanSquaredErrorGradient(fit.weights, points, 5);
    gradient.forEach((g) => expect(Math.abs(g)).toBeLessThan(1e-10));
    for (let k = 0; k < 3; k += 1) {
      const nudged = fit.weights.map((w, j) => (j === k ? w + 0.01 : w));
      expect(meanSquaredError(nudged, points, 5)).toBeGreaterThan(fit.meanSquaredError);
    }
  });

  it('with degree ≥ the distinct x count, interpolates with the lowest degree that can (MSE 0)', () => {
    const points = [
      { x: -2, y: 1 },
      { x: 1, y: 3 },
      { x: 3, y: -1 },
    ];
    const fit = fitPolynomial(points, 5, 5);
    expect(fit.fittedDegree).toBe(2);
    expect(fit.weights).toHaveLength(6);
    expect(fit.weights.slice(3)).toEqual([0, 0, 0]);
    expect(fit.meanSquaredError).toBeLessThan(1e-20);
  });

  it('averages points that share an x, and fits nothing to no points', () => {
    const points = [
      { x: 1, y: 0 },
      { x: 1, y: 2 },
    ];
    expect(countDistinctX(points)).toBe(1);
    const fit = fitPolynomial(points, 3);
    expect(fit.weights[0]).toBeCloseTo(1, 12);
    expect(fit.meanSquaredError).toBeCloseTo(1, 12);
    expect(fitPolynomial([], 2)).toEqual({ weights: [0, 0, 0], fittedDegree: 0, meanSquaredError: 0 });
  });
});

describe('gradient descent on the MSE', () => {
  const points = [
    { x: -4, y: -2 },
    { x: -2, y: -0.5 },
    { x: 0, y: 0.8 },
    { x: 1, y: 1 },
    { x: 3, y: 2.6 },
    { x: 4.5, y: 2.9 },
  ];

  it('one step moves against the gradient: w − η∇', () => {
    const gradient = meanSquaredErrorGradient([0, 0], points, 5);
    expect(gradientDescentStep([0, 0], points, 0.1, 5)).toEqual(gradient.map((g) => -0.1 * g));
  });

  it('lowers the MSE every step and approaches the exact optimum', () => {
    const exact = fitPolynomial(points, 1, 5);
    let weights = [0, 0];
    let previous = meanSquaredError(weights, points, 5);
    for (let step = 0; step < 300; step += 1) {
      weights = gradientDescentStep(weights, points, 0.3, 5);
      const current = meanSquaredError(weights, points, 5);
      expect(current).toBeLessThanOrEqual(previous + 1e-15);
      previous = current;
    }
    expect(previous - exact.meanSquaredError).toBeLessThan(1e-9);
    weights.forEach((w, k) => expect(w).toBeCloseTo(exact.weights[k], 5));
  });

  it('converges below 2/λ and diverges above it (λ the largest curvature)', () => {
    const curvature = largestCurvature(points, 2, 5);
    const run = (learningRate: number) => {
      let weights = [0, 0, 0];
      for (let step = 0; step < 400; step += 1) weights = gradientDescentStep(weights, points, learningRate, 5);
      return meanSquaredError(weights, points, 5);
    };
    expect(run(1.9 / curvature)).toBeLessThan(meanSquaredError([0, 0, 0], points, 5));
    expect(run(2.1 / curvature)).toBeGreaterThan(1e3);
  });

  it('curvature of one feature t = x/scale: (2/n) Σ t², by hand', () => {
    // Degree 0: the Hessian is the 1×1 matrix 2.
    expect(largestCurvature(points, 0, 5)).toBeCloseTo(2, 10);
    expect(largestCurvature([], 3)).toBe(0);
  });
});

describe('edge cases a learner can reach (no points, too few points, unsorted duplicates)', () => {
  it('with no points the losses are 0 and the gradient is all zeros, not NaN', () => {
    expect(meanSquaredError([1, 2], [])).toBe(0);
    expect(meanAbsoluteError([1, 2], [])).toBe(0);
    expect(meanSquaredErrorGradient([1, 2], [])).toEqual([0, 0]);
    expect(largestCurvature([], 2)).toBe(0);
  });

  it('the gradient has one entry per weight: ∂MSE/∂w_k = (2/n) Σ (ŷᵢ − yᵢ) tᵢᵏ', () => {
    // ŷ = 0 everywhere; points (1, 1) and (2, 3): residuals −1 and −3.
    expect(
      meanSquaredErrorGradient(
        [0, 0, 0],
        [
          { x: 1, y: 1 },
          { x: 2, y: 3 },
        ],
      ),
    ).toEqual([-4, -7, -13]);
  });

  it('refuses a system with fewer rows than unknowns, or a target of the wrong length', () => {
    expect(solveLeastSquares([[1, 2]], [3])).toBeNull();
    expect(
      solveLeastSquares(
        [
          [1, 0],
          [0, 1],
        ],
        [1],
      ),
    ).toBeNull();
  });

  it('counts distinct x values in any order, duplicates and near-duplicates once', () => {
    expect(
      countDistinctX([
        { x: 3, y: 0 },
        { x: -1, y: 0 },
        { x: 3, y: 1 },
        { x: -1 + 1e-12, y: 2 },
        { x: 0.5, y: 0 },
      ]),
    ).toBe(3);
    expect(
      countDistinctX([
        { x: 0, y: 0 },
        { x: 1e-9, y: 0 },
      ]),
    ).toBe(1);
    expect(countDistinctX([])).toBe(0);
  });

  it('fits as high a degree as the distinct x values allow: two points at the same x give their mean', () => {
    const fit = fitPolynomial(
      [
        { x: 2, y: 1 },
        { x: 2, y: 3 },
      ],
      3,
    );
    expect(fit.fittedDegree).toBe(0);
    expect(fit.weights[0]).toBeCloseTo(2, 12);
    expect(fit.weights.slice(1)).toEqual([0, 0, 0]);
    expect(fit.meanSquaredError).toBeCloseTo(1, 12);
  });
});
