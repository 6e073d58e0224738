/**
 * Ridge regression in closed form, built to run in short slices: the normal equations XᵀX and XᵀY are accumulated
 * a few rows at a time, the Cholesky factor of XᵀX + λI is computed a few columns at a time, then two triangular
 * solves give the weights. Pure arithmetic on Float64Arrays; no DOM.
 *
 *   W = (XᵀX + λ D)⁻¹ XᵀY
 *
 * with X the [n, d] feature rows, Y the [n, t] targets and D the identity except for an unpenalized intercept column.
 */

/** The running sums of the normal equations for d features and t targets. */
export interface NormalEquations {
  /** Number of features d (including an intercept column if the caller appends one). */
  features: number;
  /** Number of targets t. */
  targets: number;
  /** XᵀX, [d, d] row-major (both triangles filled by `finishNormalEquations`). */
  gram: Float64Array;
  /** XᵀY, [d, t] row-major. */
  moment: Float64Array;
  /** Rows accumulated so far (n). */
  rows: number;
}

/** Empty normal equations (all sums zero) for `features` features and `targets` targets. */
export function createNormalEquations(features: number, targets: number): NormalEquations {
  if (!(Number.isInteger(features) && features >= 1 && Number.isInteger(targets) && targets >= 1)) {
    throw new Error(`Ridge regression needs at least one feature and one target, got ${features} and ${targets}`);
  }
  return { features, targets, gram: new Float64Array(features * features), moment: new Float64Array(features * targets), rows: 0 };
}

/**
 * Adds `count` rows to the sums: XᵀX += Σ_r x_r x_rᵀ (upper triangle only, i ≤ j) and XᵀY += Σ_r x_r y_rᵀ.
 * `x` is [count, d] and `y` is [count, t], row-major. Cost ≈ count·d²/2 multiply–adds.
 */
export function accumulateNormalEquations(equations: NormalEquations, x: ArrayLike<number>, y: ArrayLike<number>, count: number): void {
  const { features: d, targets: t, gram, moment } = equations;
  if (x.length < count * d || y.length < count * t) throw new Error(`Expected ${count} rows of ${d} features and ${t} targets`);
  for (let r = 0; r < count; r++) {
    const xo = r * d;
    const yo = r * t;
    for (let i = 0; i < d; i++) {
      const xi = x[xo + i];
      if (xi === 0) continue;
      const row = i * d;
      for (let j = i; j < d; j++) gram[row + j] += xi * x[xo + j];
      for (let k = 0; k < t; k++) moment[i * t + k] += xi * y[yo + k];
    }
  }
  equations.rows += count;
}

/** Copies the upper triangle of XᵀX into the lower one (call once after the last `accumulateNormalEquations`). */
export function finishNormalEquations(equations: NormalEquations): void {
  const { features: d, gram } = equations;
  for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) gram[j * d + i] = gram[i * d + j];
}

/**
 * The regularized matrix A = XᵀX + λ·D as a new array, D = I except D_kk = 0 for the `unpenalized` indices
 * (the intercept is not shrunk).
 */
export function regularizedGram(equations: NormalEquations, lambda: number, unpenalized: readonly number[] = []): Float64Array {
  if (!(Number.isFinite(lambda) && lambda >= 0)) throw new Error(`λ must be a finite number ≥ 0, got ${lambda}`);
  const { features: d } = equations;
  const a = Float64Array.from(equations.gram);
  for (let i = 0; i < d; i++) if (!unpenalized.includes(i)) a[i * d + i] += lambda;
  return a;
}

/**
 * Cholesky–Crout for columns [from, to) of the symmetric positive-definite [d, d] matrix `a`, in place: afterwards
 * its lower triangle holds L (A = L Lᵀ) for those columns. Columns must be processed in order (each uses the ones
 * before it), so a caller can factor a large matrix a slice of columns at a time:
 *
 *   L_jj = √(A_jj − Σ_{k<j} L_jk²),   L_ij = (A_ij − Σ_{k<j} L_ik L_jk) / L_jj   (i > j)
 *
 * Throws when a pivot is not positive (the matrix is not positive definite: add λ > 0).
 */
export function choleskyColumns(a: Float64Array, d: number, from: number, to: number): void {
  for (let j = from; j < Math.min(to, d); j++) {
    const rj = j * d;
    let diagonal = a[rj + j];
    for (let k = 0; k < j; k++) diagonal -= a[rj + k] * a[rj + k];
    if (!(diagonal > 0)) throw new Error(`The matrix is not positive definite (pivot ${j + 1} is ${diagonal}); use a larger λ`);
    const pivot = Math.sqrt(diagonal);
    a[rj + j] = pivot;
    for (let i = j + 1; i < d; i++) {
      const ri = i * d;
      let sum = a[ri + j];
      for (let k = 0; k < j; k++) sum -= a[ri + k] * a[rj + k];
      a[ri + j] = sum / pivot;
    }
  }
}

/**
 * Solves L Lᵀ W = B for W ([d, t]) given the Cholesky factor in the lower triangle of `l` ([d, d]) and B [d, t]:
 * forward substitution L Z = B, then back substitution Lᵀ W = Z. Cost ≈ d²·t.
 */
export function choleskySolve(l: Float64Array, b: ArrayLike<number>, d: number, t: number): Float64Array {
  const z = new Float64Array(d * t);
  for (let k = 0; k < t; k++) {
    for (let i = 0; i < d; i++) {
      let sum = b[i * t + k];
      for (let j = 0; j < i; j++) sum -= l[i * d + j] * z[j * t + k];
      z[i * t + k] = sum / l[i * d + i];
    }
    for (let i = d - 1; i >= 0; i--) {
      let sum = z[i * t + k];
      for (let j = i + 1; j < d; j++) sum -= l[j * d + i] * z[j * t + k];
      z[i * t + k] = sum / l[i * d + i];
    }
  }
  return z;
}

/**
 * Ridge weights in one call (for small problems and tests): W = (XᵀX + λD)⁻¹ XᵀY, [d, t] row-major.
 * `unpenalized` lists feature indices not shrunk (an intercept column of ones).
 */
export function solveRidge(equations: NormalEquations, lambda: number, unpenalized: readonly number[] = []): Float64Array {
  const a = regularizedGram(equations, lambda, unpenalized);
  choleskyColumns(a, equations.features, 0, equations.features);
  return choleskySolve(a, equations.moment, equations.features, equations.targets);
}

/** Predictions ŷ = xᵀW for one feature row x [d] and weights W [d, t]. */
export function predictRidge(weights: ArrayLike<number>, x: ArrayLike<number>, d: number, t: number, offset = 0): Float64Array {
  const out = new Float64Array(t);
  for (let i = 0; i < d; i++) {
    const xi = x[offset + i];
    if (xi === 0) continue;
    for (let k = 0; k < t; k++) out[k] += xi * weights[i * t + k];
  }
  return out;
}
