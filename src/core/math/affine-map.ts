/**
 * Tiny dense linear algebra on plain arrays, for teaching widgets and for checking engine code.
 * A matrix is row-major: `matrix[row][column]`, every row the same length.
 */

/** A vector of length n. */
export type Vector = readonly number[];

/** A row-major m×n matrix: m rows, each of n numbers. */
export type Matrix = readonly Vector[];

/** The affine map x ↦ Wx + b, with W an m×n matrix and b a vector of length m. */
export interface AffineMap {
  weights: Matrix;
  bias: Vector;
}

/** Number of columns of a matrix (0 for a matrix without rows). */
export function columnCount(matrix: Matrix): number {
  return matrix.length === 0 ? 0 : matrix[0].length;
}

/** Throws a RangeError unless every row of `matrix` has the same length. */
function assertRectangular(matrix: Matrix, name: string): void {
  const columns = columnCount(matrix);
  if (matrix.some((row) => row.length !== columns)) {
    throw new RangeError(`${name} is not rectangular: its rows have different lengths`);
  }
}

/**
 * Matrix product C = AB for A of shape m×k and B of shape k×n: C[i][j] = Σ_p A[i][p]·B[p][j].
 * Throws a RangeError when the inner dimensions differ.
 */
export function multiplyMatrices(left: Matrix, right: Matrix): number[][] {
  assertRectangular(left, 'Left matrix');
  assertRectangular(right, 'Right matrix');
  const inner = columnCount(left);
  if (inner !== right.length) {
    throw new RangeError(`Cannot multiply a ${left.length}×${inner} matrix by a ${right.length}×${columnCount(right)} matrix`);
  }
  const columns = columnCount(right);
  return left.map((row) => {
    const product = new Array<number>(columns).fill(0);
    for (let p = 0; p < inner; p += 1) {
      for (let j = 0; j < columns; j += 1) product[j] += row[p] * right[p][j];
    }
    return product;
  });
}

/**
 * Matrix–vector product y = Ax for A of shape m×n and x of length n: y[i] = Σ_j A[i][j]·x[j].
 * Throws a RangeError when the lengths differ.
 */
export function multiplyMatrixVector(matrix: Matrix, vector: Vector): number[] {
  assertRectangular(matrix, 'Matrix');
  if (columnCount(matrix) !== vector.length && matrix.length > 0) {
    throw new RangeError(`Cannot multiply a ${matrix.length}×${columnCount(matrix)} matrix by a vector of length ${vector.length}`);
  }
  return matrix.map((row) => row.reduce((sum, entry, j) => sum + entry * vector[j], 0));
}

/** Elementwise sum a + b of two vectors of equal length. */
export function addVectors(left: Vector, right: Vector): number[] {
  if (left.length !== right.length) {
    throw new RangeError(`Cannot add vectors of lengths ${left.length} and ${right.length}`);
  }
  return left.map((value, index) => value + right[index]);
}

/** Applies the affine map: y = Wx + b. */
export function applyAffine(map: AffineMap, input: Vector): number[] {
  if (map.bias.length !== map.weights.length) {
    throw new RangeError(`Bias length ${map.bias.length} does not match the ${map.weights.length} rows of the weights`);
  }
  return addVectors(multiplyMatrixVector(map.weights, input), map.bias);
}

/**
 * Composes two affine maps into one: applying `first` (W₁, b₁) and then `second` (W₂, b₂) gives
 * W₂(W₁x + b₁) + b₂ = (W₂W₁)x + (W₂b₁ + b₂), so the result is the single map with
 * W = W₂W₁ and b = W₂b₁ + b₂.
 */
export function composeAffineMaps(first: AffineMap, second: AffineMap): AffineMap {
  return {
    weights: multiplyMatrices(second.weights, first.weights),
    bias: addVectors(multiplyMatrixVector(second.weights, first.bias), second.bias),
  };
}

/** Applies a scalar function to every entry: y[i] = f(x[i]) (an activation layer). */
export function applyElementwise(vector: Vector, activation: (value: number) => number): number[] {
  return vector.map((value) => activation(value));
}
