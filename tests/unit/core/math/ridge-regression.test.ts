import { describe, expect, it } from 'vitest';
import {
  accumulateNormalEquations,
  choleskyColumns,
  choleskySolve,
  createNormalEquations,
  finishNormalEquations,
  predictRidge,
  regularizedGram,
  solveRidge,
} from '../../../../src/core/math/ridge-regression';
import { createSeededRandom } from '../../../../src/core/random/seeded-random';

/** n rows of d − 1 random features and a trailing 1, with targets y = xᵀW exactly. */
function noiseless(n: number, d: number, weights: number[][], seed = 3) {
  const random = createSeededRandom(seed);
  const t = weights[0].length;
  const x = new Float64Array(n * d);
  const y = new Float64Array(n * t);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < d - 1; i++) x[r * d + i] = random() * 2 - 1;
    x[r * d + d - 1] = 1;
    for (let k = 0; k < t; k++) for (let i = 0; i < d; i++) y[r * t + k] += x[r * d + i] * weights[i][k];
  }
  return { x, y };
}

describe('normal equations', () => {
  it('sum x xᵀ and x yᵀ over the rows (worked by hand)', () => {
    const equations = createNormalEquations(2, 1);
    // Rows (1, 2) → 3 and (3, 4) → 5: XᵀX = [[1+9, 2+12], [2+12, 4+16]], XᵀY = [3+15, 6+20].
    accumulateNormalEquations(equations, [1, 2, 3, 4], [3, 5], 2);
    finishNormalEquations(equations);
    expect([...equations.gram]).toEqual([10, 14, 14, 20]);
    expect([...equations.moment]).toEqual([18, 26]);
    expect(equations.rows).toBe(2);
  });

  it('give the same sums whether the rows come at once or in slices', () => {
    const { x, y } = noiseless(50, 4, [[1], [2], [3], [4]]);
    const once = createNormalEquations(4, 1);
    accumulateNormalEquations(once, x, y, 50);
    const sliced = createNormalEquations(4, 1);
    for (let r = 0; r < 50; r += 7) {
      const rows = Math.min(7, 50 - r);
      accumulateNormalEquations(sliced, x.subarray(r * 4, (r + rows) * 4), y.subarray(r, r + rows), rows);
    }
    for (let i = 0; i < 16; i++) expect(sliced.gram[i]).toBeCloseTo(once.gram[i], 10);
  });

  it('sum x yᵀ per target when there are several (worked by hand), and skip nothing but zero features', () => {
    const equations = createNormalEquations(2, 2);
    // Rows (1, 0) → (3, 4) and (2, 5) → (6, 7): XᵀY = [[1·3 + 2·6, 1·4 + 2·7], [0 + 5·6, 0 + 5·7]] = [[15, 18], [30, 35]].
    accumulateNormalEquations(equations, [1, 0, 2, 5], [3, 4, 6, 7], 2);
    finishNormalEquations(equations);
    expect([...equations.moment]).toEqual([15, 18, 30, 35]);
    expect([...equations.gram]).toEqual([5, 10, 10, 25]);
  });

  it('mirror a 3×3 upper triangle into the lower one', () => {
    const equations = createNormalEquations(3, 1);
    accumulateNormalEquations(equations, [1, 2, 3], [1], 1);
    finishNormalEquations(equations);
    expect([...equations.gram]).toEqual([1, 2, 3, 2, 4, 6, 3, 6, 9]);
  });

  it('refuse empty shapes and too few values for the rows', () => {
    expect(() => createNormalEquations(0, 1)).toThrow(/at least one feature/);
    expect(() => createNormalEquations(1, 0)).toThrow(/one target/);
    expect(() => createNormalEquations(1.5, 1)).toThrow(/at least one feature/);
    expect(createNormalEquations(1, 3).moment.length).toBe(3);
    const equations = createNormalEquations(2, 2);
    expect(() => accumulateNormalEquations(equations, [1, 2, 3], [1, 2, 3, 4], 2)).toThrow('Expected 2 rows of 2 features and 2 targets');
    expect(() => accumulateNormalEquations(equations, [1, 2, 3, 4], [1, 2, 3], 2)).toThrow('Expected 2 rows');
  });
});

describe('Cholesky', () => {
  it('factors a 2×2 matrix by hand: [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]]', () => {
    const a = Float64Array.from([4, 2, 2, 3]);
    choleskyColumns(a, 2, 0, 2);
    expect(a[0]).toBeCloseTo(2);
    expect(a[2]).toBeCloseTo(1);
    expect(a[3]).toBeCloseTo(Math.SQRT2);
    // L Lᵀ w = (2, 1) → w = (0.25, 1/6 ... ) checked by multiplying back.
    const w = choleskySolve(a, [2, 1], 2, 1);
    expect(4 * w[0] + 2 * w[1]).toBeCloseTo(2);
    expect(2 * w[0] + 3 * w[1]).toBeCloseTo(1);
  });

  it('gives the same factor column slice by column slice as in one go', () => {
    const { x, y } = noiseless(40, 6, [[1], [0], [-1], [2], [0.5], [3]]);
    const equations = createNormalEquations(6, 1);
    accumulateNormalEquations(equations, x, y, 40);
    finishNormalEquations(equations);
    const whole = regularizedGram(equations, 0.1);
    choleskyColumns(whole, 6, 0, 6);
    const sliced = regularizedGram(equations, 0.1);
    for (let column = 0; column < 6; column += 2) choleskyColumns(sliced, 6, column, column + 2);
    for (let i = 0; i < 36; i++) expect(sliced[i]).toBeCloseTo(whole[i], 12);
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(() => choleskyColumns(Float64Array.from([1, 2, 2, 1]), 2, 0, 2)).toThrow(/not positive definite/);
  });
});

describe('solveRidge', () => {
  const weights = [
    [2, -1],
    [-3, 0.5],
    [0.5, 4],
    [1, -2],
  ];
  const { x, y } = noiseless(200, 4, weights);
  const equations = createNormalEquations(4, 2);
  accumulateNormalEquations(equations, x, y, 200);
  finishNormalEquations(equations);

  it('recovers the weights from noiseless data when λ is tiny', () => {
    const solved = solveRidge(equations, 1e-9, [3]);
    weights.forEach((row, i) => row.forEach((value, k) => expect(solved[i * 2 + k]).toBeCloseTo(value, 5)));
  });

  it('shrinks the penalized weights as λ grows, towards 0', () => {
    const norm = (w: Float64Array) => Math.hypot(...[...w].slice(0, 6));
    const small = solveRidge(equations, 1, [3]);
    const large = solveRidge(equations, 100, [3]);
    const huge = solveRidge(equations, 1e7, [3]);
    expect(norm(large)).toBeLessThan(norm(small));
    expect(norm(huge)).toBeLessThan(1e-3);
    // The unpenalized intercept then takes the targets' mean.
    const meanY0 = [...y].filter((_, i) => i % 2 === 0).reduce((a, b) => a + b, 0) / 200;
    expect(huge[6]).toBeCloseTo(meanY0, 3);
  });

  it('predicts ŷ = xᵀW', () => {
    expect([...predictRidge([1, 2, 3, 4, 5, 6], [1, 0, 2], 3, 2)]).toEqual([11, 14]);
  });

  it('refuses a negative λ', () => {
    expect(() => solveRidge(equations, -1)).toThrow(/λ/);
  });
});
