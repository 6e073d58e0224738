/**
 * The arithmetic around the gradient read-outs that turns them into explanations of one image: SmoothGrad's noisy
 * copies, occlusion's patched copies and its map, and activation maximization's regularized ascent step.
 * Images are [height · width] row-major, pixel values in [0, 1] (channels last would be interleaved; the course's
 * explained networks take one channel).
 */
import { createSeededRandom, gaussian } from '../random/seeded-random';

/**
 * SmoothGrad (Smilkov et al., 2017): `samples` copies of the image, each plus Gaussian noise N(0, σ²) per pixel
 * (seeded), as rows of one batch. The saliency is then the mean of their input gradients (`meanOfRows`):
 *   M(x) = (1/n) Σ_i ∂y_c/∂x |_{x + ε_i},  ε_i ~ N(0, σ² I).
 */
export function smoothGradInputs(image: ArrayLike<number>, samples: number, noiseStd: number, seed: number): Float32Array {
  if (!(Number.isInteger(samples) && samples >= 1)) throw new Error(`SmoothGrad needs a whole number of samples ≥ 1, got ${samples}`);
  if (!(Number.isFinite(noiseStd) && noiseStd >= 0)) throw new Error(`The noise level must be a number ≥ 0, got ${noiseStd}`);
  const random = createSeededRandom(seed);
  const size = image.length;
  const batch = new Float32Array(samples * size);
  for (let s = 0; s < samples; s++) for (let p = 0; p < size; p++) batch[s * size + p] = image[p] + (noiseStd > 0 ? gaussian(random) * noiseStd : 0);
  return batch;
}

/** The mean of `rows` rows of `size` values each (the SmoothGrad average of per-copy gradients). */
export function meanOfRows(values: ArrayLike<number>, rows: number, size: number): Float32Array {
  if (values.length !== rows * size) throw new Error(`Expected ${rows} rows of ${size} values, got ${values.length} values`);
  const mean = new Float32Array(size);
  for (let r = 0; r < rows; r++) for (let p = 0; p < size; p++) mean[p] += values[r * size + p];
  for (let p = 0; p < size; p++) mean[p] /= rows;
  return mean;
}

/** Where occlusion puts its patch: the top-left corner of each copy, on a grid of `rows` × `columns` positions. */
export interface OcclusionGrid {
  rows: number;
  columns: number;
  /** [rows · columns] copies of the image, each with one patch filled, as one batch. */
  inputs: Float32Array;
  corners: Array<{ row: number; column: number }>;
}

/**
 * Occlusion sensitivity (Zeiler and Fergus, 2014): copies of the image with a `patch`×`patch` square set to `fill`,
 * its corner moved by `stride` over every position where it fits (and a last one flush with the edge).
 */
export function occlusionGrid(image: ArrayLike<number>, height: number, width: number, patch: number, stride: number, fill = 0): OcclusionGrid {
  if (image.length !== height * width) throw new Error(`The image has ${image.length} pixels, expected ${height}×${width}`);
  if (!(Number.isInteger(patch) && patch >= 1 && patch <= Math.min(height, width)))
    throw new Error(`The patch must be a whole number from 1 to ${Math.min(height, width)}, got ${patch}`);
  if (!(Number.isInteger(stride) && stride >= 1)) throw new Error(`The stride must be a whole number ≥ 1, got ${stride}`);
  const starts = (extent: number) => {
    const list: number[] = [];
    for (let s = 0; s + patch <= extent; s += stride) list.push(s);
    if (list[list.length - 1] !== extent - patch) list.push(extent - patch);
    return list;
  };
  const rowStarts = starts(height);
  const columnStarts = starts(width);
  const corners = rowStarts.flatMap((row) => columnStarts.map((column) => ({ row, column })));
  const size = height * width;
  const inputs = new Float32Array(corners.length * size);
  corners.forEach(({ row, column }, n) => {
    inputs.set(Array.from(image), n * size);
    for (let r = row; r < row + patch; r++) for (let c = column; c < column + patch; c++) inputs[n * size + r * width + c] = fill;
  });
  return { rows: rowStarts.length, columns: columnStarts.length, inputs, corners };
}

/**
 * The occlusion map over the image: each pixel gets the mean drop in the class score, s(x) − s(x with the patch),
 * over the patches that covered it. Positive: covering it hurt the class (the network relied on it).
 */
export function occlusionMap(grid: Pick<OcclusionGrid, 'corners'>, baseScore: number, scores: ArrayLike<number>, height: number, width: number, patch: number): Float32Array {
  if (scores.length !== grid.corners.length) throw new Error(`Expected ${grid.corners.length} scores, got ${scores.length}`);
  const sum = new Float32Array(height * width);
  const covered = new Float32Array(height * width);
  grid.corners.forEach(({ row, column }, n) => {
    const drop = baseScore - scores[n];
    for (let r = row; r < row + patch; r++)
      for (let c = column; c < column + patch; c++) {
        sum[r * width + c] += drop;
        covered[r * width + c] += 1;
      }
  });
  return sum.map((value, p) => (covered[p] > 0 ? value / covered[p] : 0));
}

/**
 * One step of activation maximization by gradient ascent with regularization (after Erhan et al., 2009; Simonyan
 * et al., 2014): x ← clip((1 − λ)·x + η · g / rms(g), 0, 1), where g = ∂a/∂x is the unit's input gradient, λ an L2
 * decay pulling unused pixels back to 0, and the step normalized by the gradient's root mean square so η is in pixels.
 */
export function ascentStep(image: ArrayLike<number>, gradient: ArrayLike<number>, stepSize: number, decay: number): Float32Array {
  if (image.length !== gradient.length) throw new Error(`The image and its gradient differ in length: ${image.length} and ${gradient.length}`);
  let squares = 0;
  for (let p = 0; p < gradient.length; p++) squares += gradient[p] * gradient[p];
  const rms = Math.sqrt(squares / Math.max(1, gradient.length)) || 1;
  const next = new Float32Array(image.length);
  for (let p = 0; p < image.length; p++) next[p] = Math.min(1, Math.max(0, (1 - decay) * image[p] + (stepSize * gradient[p]) / rms));
  return next;
}

/** A 3×3 blur ([1 2 1]ᵀ[1 2 1] / 16, edges clamped), the smoothing prior applied every few ascent steps. */
export function blur3x3(image: ArrayLike<number>, height: number, width: number): Float32Array {
  const out = new Float32Array(height * width);
  const taps = [1, 2, 1];
  for (let r = 0; r < height; r++)
    for (let c = 0; c < width; c++) {
      let sum = 0;
      for (let dr = -1; dr <= 1; dr++)
        for (let dc = -1; dc <= 1; dc++) {
          const rr = Math.min(height - 1, Math.max(0, r + dr));
          const cc = Math.min(width - 1, Math.max(0, c + dc));
          sum += taps[dr + 1] * taps[dc + 1] * image[rr * width + cc];
        }
      out[r * width + c] = sum / 16;
    }
  return out;
}
