/**
 * Polynomial regression by least squares, two ways: the exact minimizer of the mean squared error
 * (Householder QR of the design matrix, never the explicitly formed normal equations) and plain gradient
 * descent on the same loss. Plain reference code for the loss-functions lesson (no TF.js).
 *
 * The model is ŷ(x) = Σₖ wₖ tᵏ (k = 0 … degree) in the scaled variable t = x / scale, so that t stays in
 * [−1, 1] for x in [−scale, scale]: powers of a raw x like 5⁶ = 15625 would make both solvers badly
 * conditioned, powers of t stay between −1 and 1.
 */

/** A data point (x, y). */
export interface DataPoint {
  x: number;
  y: number;
}

/** The feature row of one input: [1, t, t², …, t^degree] with t = x / scale. */
export function polynomialFeatures(x: number, degree: number, scale = 1): number[] {
  const t = x / scale;
  const row = [1];
  for (let k = 1; k <= degree; k += 1) row.push(row[k - 1] * t);
  return row;
}

/** ŷ(x) = Σₖ wₖ (x / scale)ᵏ, by Horner's rule. */
export function evaluatePolynomial(weights: readonly number[], x: number, scale = 1): number {
  const t = x / scale;
  let value = 0;
  for (let k = weights.length - 1; k >= 0; k -= 1) value = value * t + weights[k];
  return value;
}

/** Residuals rᵢ = ŷ(xᵢ) − yᵢ of a polynomial on the points. */
export function residuals(weights: readonly number[], points: readonly DataPoint[], scale = 1): number[] {
  return points.map((point) => evaluatePolynomial(weights, point.x, scale) - point.y);
}

/** Mean squared error MSE = (1/n) Σᵢ (ŷᵢ − yᵢ)²; 0 for no points. */
export function meanSquaredError(weights: readonly number[], points: readonly DataPoint[], scale = 1): number {
  if (points.length === 0) return 0;
  return residuals(weights, points, scale).reduce((sum, r) => sum + r * r, 0) / points.length;
}

/** Mean absolute error MAE = (1/n) Σᵢ |ŷᵢ − yᵢ|; 0 for no points. */
export function meanAbsoluteError(weights: readonly number[], points: readonly DataPoint[], scale = 1): number {
  if (points.length === 0) return 0;
  return residuals(weights, points, scale).reduce((sum, r) => sum + Math.abs(r), 0) / points.length;
}

/**
 * The gradient of the MSE with respect to the weights: ∂MSE/∂wₖ = (2/n) Σᵢ (ŷᵢ − yᵢ) tᵢᵏ, i.e. (2/n) Aᵀ(Aw − y)
 * with A the design matrix. Zeros for no points.
 */
export function meanSquaredErrorGradient(weights: readonly number[], points: readonly DataPoint[], scale = 1): number[] {
  const gradient = weights.map(() => 0);
  if (points.length === 0) return gradient;
  for (const point of points) {
    const row = polynomialFeatures(point.x, weights.length - 1, scale);
    const r = evaluatePolynomial(weights, point.x, scale) - point.y;
    for (let k = 0; k < weights.length; k += 1) gradient[k] += (2 / points.length) * r * row[k];
  }
  return gradient;
}

/** One step of gradient descent on the MSE: w ← w − η ∇MSE(w). */
export function gradientDescentStep(weights: readonly number[], points: readonly DataPoint[], learningRate: number, scale = 1): number[] {
  const gradient = meanSquaredErrorGradient(weights, points, scale);
  return weights.map((w, k) => w - learningRate * gradient[k]);
}

/**
 * Solves the least-squares problem min ‖Aw − b‖² for a tall matrix A (rows ≥ columns, full column rank) by
 * Householder QR: A = QR, then R w = Qᵀb by back substitution. Squares no condition number, unlike solving
 * AᵀA w = Aᵀb. Returns null when A is (numerically) rank deficient or has more columns than rows.
 */
export function solveLeastSquares(matrix: readonly (readonly number[])[], target: readonly number[]): number[] | null {
  const rows = matrix.length;
  const columns = matrix[0]?.length ?? 0;
  if (columns === 0 || rows < columns || target.length !== rows) return null;
  const a = matrix.map((row) => [...row]);
  const b = [...target];
  const columnNorms = Array.from({ length: columns }, (_, j) => Math.hypot(...a.map((row) => row[j])));
  for (let j = 0; j < columns; j += 1) {
    // The Householder reflection H = I − 2vvᵀ/(vᵀv) that zeroes column j below the diagonal.
    const norm = Math.hypot(...a.slice(j).map((row) => row[j]));
    if (norm <= 1e-12 * Math.max(columnNorms[j], 1e-300)) return null;
    const alpha = a[j][j] > 0 ? -norm : norm;
    const v = a.slice(j).map((row) => row[j]);
    v[0] -= alpha;
    const vv = v.reduce((sum, value) => sum + value * value, 0);
    if (vv === 0) continue;
    for (let k = j; k < columns; k += 1) {
      const dot = v.reduce((sum, value, i) => sum + value * a[j + i][k], 0);
      const factor = (2 * dot) / vv;
      for (let i = 0; i < v.length; i += 1) a[j + i][k] -= factor * v[i];
    }
    const dot = v.reduce((sum, value, i) => sum + value * b[j + i], 0);
    const factor = (2 * dot) / vv;
    for (let i = 0; i < v.length; i += 1) b[j + i] -= factor * v[i];
  }
  const solution = new Array<number>(columns).fill(0);
  for (let j = columns - 1; j >= 0; j -= 1) {
    let sum = b[j];
    for (let k = j + 1; k < columns; k += 1) sum -= a[j][k] * solution[k];
    solution[j] = sum / a[j][j];
  }
  return solution.every(Number.isFinite) ? solution : null;
}

/** How many different x values the points have (x values closer than `tolerance` count as one). */
export function countDistinctX(points: readonly DataPoint[], tolerance = 1e-9): number {
  const xs = points.map((point) => point.x).sort((a, b) => a - b);
  let count = 0;
  for (let i = 0; i < xs.length; i += 1) if (i === 0 || xs[i] - xs[i - 1] > tolerance) count += 1;
  return count;
}

/** The exact least-squares polynomial and how it was found. */
export interface PolynomialFit {
  /** w₀ … w_degree (in t = x / scale), always `degree + 1` of them. */
  weights: number[];
  /** The degree actually fitted: lower than asked when there are too few distinct x values. */
  fittedDegree: number;
  /** MSE of the fit on the points: the smallest any polynomial of the asked degree can reach. */
  meanSquaredError: number;
}

/**
 * The polynomial of degree ≤ `degree` with the smallest MSE on the points. With m distinct x values and
 * degree ≥ m, infinitely many polynomials reach the minimum (they pass through the mean y at every distinct x):
 * this returns the one of degree m − 1, its higher weights 0. No points give the zero polynomial.
 */
export function fitPolynomial(points: readonly DataPoint[], degree: number, scale = 1): PolynomialFit {
  const fittedDegree = Math.min(degree, countDistinctX(points) - 1);
  const weights = new Array<number>(degree + 1).fill(0);
  if (fittedDegree >= 0) {
    const matrix = points.map((point) => polynomialFeatures(point.x, fittedDegree, scale));
    const solution = solveLeastSquares(
      matrix,
      points.map((point) => point.y),
    );
    if (solution) solution.forEach((w, k) => (weights[k] = w));
  }
  return { weights, fittedDegree: Math.max(0, fittedDegree), meanSquaredError: meanSquaredError(weights, points, scale) };
}

/**
 * The largest eigenvalue λ of the MSE's Hessian (2/n) AᵀA, by power iteration. Gradient descent with a
 * constant learning rate η converges for η < 2/λ and diverges above it (on all but degenerate data).
 */
export function largestCurvature(points: readonly DataPoint[], degree: number, scale = 1, iterations = 200): number {
  if (points.length === 0) return 0;
  const size = degree + 1;
  const hessian = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const point of points) {
    const row = polynomialFeatures(point.x, degree, scale);
    for (let i = 0; i < size; i += 1) for (let j = 0; j < size; j += 1) hessian[i][j] += (2 / points.length) * row[i] * row[j];
  }
  let vector = Array.from({ length: size }, (_, i) => 1 / Math.sqrt(size) + i * 1e-3);
  let eigenvalue = 0;
  for (let iteration = 0; iteration < iterations; iteration += 1) {
    const next = hessian.map((row) => row.reduce((sum, value, j) => sum + value * vector[j], 0));
    const norm = Math.hypot(...next);
    if (norm === 0) return 0;
    eigenvalue = norm;
    vector = next.map((value) => value / norm);
  }
  return eigenvalue;
}
