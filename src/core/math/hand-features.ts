/*
 * Hand-made image features, the "first stage" of a classical recognition pipeline: an intensity histogram
 * and a histogram of oriented gradients (HOG-like), computed in plain TypeScript from grey-level images.
 * A classifier trained on these vectors (the second stage) never sees the pixels themselves.
 *
 * Images are row-major grey levels 0..255, layout [height, width]; x grows to the right, y downward (rows).
 */

/** How an image is cut into a grid × grid of cells (rows and columns of equal size, up to rounding). */
export interface CellGrid {
  /** Cells per side (grid × grid cells). */
  grid: number;
  /** Histogram bins per cell. */
  bins: number;
}

/** The intensity histogram used by the course: 2 × 2 regions (quadrants), 8 grey-level bins each (32 numbers). */
export const INTENSITY_FEATURES: CellGrid = { grid: 2, bins: 8 };

/** The orientation histogram used by the course: 4 × 4 cells (7 × 7 pixels on MNIST), 9 orientations each (144 numbers). */
export const ORIENTATION_FEATURES: CellGrid = { grid: 4, bins: 9 };

/** Length of a histogram feature vector: grid² · bins. */
export function featureLength({ grid, bins }: CellGrid): number {
  return grid * grid * bins;
}

function checkGrid({ grid, bins }: CellGrid, width: number, height: number): void {
  if (!Number.isInteger(grid) || grid < 1 || grid > Math.min(width, height)) throw new Error(`grid must be a whole number from 1 to ${Math.min(width, height)}, got ${grid}`);
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`bins must be a whole number ≥ 1, got ${bins}`);
}

/** Index of the cell row (or column) that pixel coordinate `p` falls in, for `size` pixels cut into `grid` cells: ⌊p · grid / size⌋. */
export function cellIndex(p: number, size: number, grid: number): number {
  return Math.floor((p * grid) / size);
}

/**
 * Intensity histogram: the image is cut into grid × grid cells (cell row ⌊y·grid/height⌋, column ⌊x·grid/width⌋),
 * and in each cell the grey levels v ∈ 0..255 are counted in `bins` equal-width bins, bin ⌊v · bins / 256⌋, then
 * divided by the cell's pixel count, so each cell's histogram sums to 1. Output layout [cellRow, cellColumn, bin]
 * (length grid² · bins), written into `out` at `offset` when given.
 *
 * It says how much ink there is where, but nothing about the shape of strokes.
 */
export function intensityHistogram(image: ArrayLike<number>, width: number, height: number, cells: CellGrid = INTENSITY_FEATURES, out?: Float32Array, offset = 0): Float32Array {
  checkGrid(cells, width, height);
  const { grid, bins } = cells;
  const result = out ?? new Float32Array(featureLength(cells));
  const base = out ? offset : 0;
  result.fill(0, base, base + featureLength(cells));
  const pixelsInCell = new Float32Array(grid * grid);
  for (let y = 0; y < height; y++) {
    const row = cellIndex(y, height, grid);
    for (let x = 0; x < width; x++) {
      const cell = row * grid + cellIndex(x, width, grid);
      const value = Math.min(255, Math.max(0, image[y * width + x]));
      const bin = Math.min(bins - 1, Math.floor((value * bins) / 256));
      result[base + cell * bins + bin] += 1;
      pixelsInCell[cell] += 1;
    }
  }
  for (let cell = 0; cell < grid * grid; cell++) {
    for (let bin = 0; bin < bins; bin++) result[base + cell * bins + bin] /= pixelsInCell[cell];
  }
  return result;
}

/**
 * Sobel gradients of an image scaled to 0..1 (v / 255), borders replicated (a pixel outside the image takes
 * the value of the nearest pixel inside):
 *   gx = [I(x+1, y−1) + 2 I(x+1, y) + I(x+1, y+1)] − [I(x−1, y−1) + 2 I(x−1, y) + I(x−1, y+1)]
 *   gy = [I(x−1, y+1) + 2 I(x, y+1) + I(x+1, y+1)] − [I(x−1, y−1) + 2 I(x, y−1) + I(x+1, y−1)]
 * so gx > 0 where the image gets brighter to the right and gy > 0 where it gets brighter downward.
 * Layout [height, width] for both.
 */
export function sobelGradients(image: ArrayLike<number>, width: number, height: number): { gx: Float32Array; gy: Float32Array } {
  const gx = new Float32Array(width * height);
  const gy = new Float32Array(width * height);
  // The image scaled to 0..1 inside a one-pixel border that repeats the nearest edge pixel: [height + 2, width + 2].
  const paddedWidth = width + 2;
  const padded = new Float32Array(paddedWidth * (height + 2));
  for (let y = -1; y <= height; y++) {
    const sourceRow = Math.min(height - 1, Math.max(0, y)) * width;
    for (let x = -1; x <= width; x++) padded[(y + 1) * paddedWidth + x + 1] = image[sourceRow + Math.min(width - 1, Math.max(0, x))] / 255;
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const centre = (y + 1) * paddedWidth + x + 1;
      const topLeft = padded[centre - paddedWidth - 1];
      const top = padded[centre - paddedWidth];
      const topRight = padded[centre - paddedWidth + 1];
      const left = padded[centre - 1];
      const right = padded[centre + 1];
      const bottomLeft = padded[centre + paddedWidth - 1];
      const bottom = padded[centre + paddedWidth];
      const bottomRight = padded[centre + paddedWidth + 1];
      gx[y * width + x] = topRight + 2 * right + bottomRight - (topLeft + 2 * left + bottomLeft);
      gy[y * width + x] = bottomLeft + 2 * bottom + bottomRight - (topLeft + 2 * top + topRight);
    }
  }
  return { gx, gy };
}

/**
 * Where one gradient votes in an orientation histogram of `bins` bins. The orientation is unsigned (an edge from
 * dark to bright and one from bright to dark count alike): θ = atan2(gy, gx) folded into [0, π). Bin k is centred
 * on k·π/bins; a vote is shared between the two nearest centres in proportion to closeness (linear
 * interpolation, wrapping from the last bin to bin 0):
 *   p = θ / (π / bins),  lower = ⌊p⌋ mod bins,  upper = (lower + 1) mod bins,  share of upper = p − ⌊p⌋.
 * A vertical edge (brightness changes along x: gy = 0) has θ = 0 and votes entirely in bin 0; a horizontal edge
 * (θ = π/2) with 9 bins is shared equally by bins 4 and 5 (centres 80° and 100°).
 */
export function orientationVote(gx: number, gy: number, bins: number): { lower: number; upper: number; upperShare: number } {
  let theta = Math.atan2(gy, gx);
  if (theta < 0) theta += Math.PI;
  if (theta >= Math.PI) theta -= Math.PI;
  const position = theta / (Math.PI / bins);
  const floor = Math.floor(position);
  const upperShare = position - floor;
  const lower = ((floor % bins) + bins) % bins;
  return { lower, upper: (lower + 1) % bins, upperShare };
}

/**
 * Histogram of oriented gradients (a simplified HOG, after Dalal & Triggs 2005): Sobel gradients (sobelGradients),
 * magnitude m = √(gx² + gy²); the image is cut into grid × grid cells, and each pixel adds its magnitude m to its
 * cell's histogram of `bins` unsigned orientations, shared between the two nearest bins (orientationVote). The
 * whole vector h is then L2-normalised, h / √(‖h‖² + 10⁻¹²), so a fainter or bolder copy of the same shape gives
 * the same features. Output layout [cellRow, cellColumn, bin] (length grid² · bins), written into `out` at
 * `offset` when given. A blank image gives zeros.
 *
 * It describes which way strokes run in each region, not how bright they are.
 */
export function orientationHistogram(
  image: ArrayLike<number>,
  width: number,
  height: number,
  cells: CellGrid = ORIENTATION_FEATURES,
  out?: Float32Array,
  offset = 0,
): Float32Array {
  checkGrid(cells, width, height);
  const { grid, bins } = cells;
  const length = featureLength(cells);
  const result = out ?? new Float32Array(length);
  const base = out ? offset : 0;
  result.fill(0, base, base + length);
  const { gx, gy } = sobelGradients(image, width, height);
  for (let y = 0; y < height; y++) {
    const row = cellIndex(y, height, grid);
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const magnitude = Math.sqrt(gx[i] * gx[i] + gy[i] * gy[i]);
      if (magnitude === 0) continue;
      const cell = row * grid + cellIndex(x, width, grid);
      const { lower, upper, upperShare } = orientationVote(gx[i], gy[i], bins);
      result[base + cell * bins + lower] += magnitude * (1 - upperShare);
      result[base + cell * bins + upper] += magnitude * upperShare;
    }
  }
  let squares = 0;
  for (let j = 0; j < length; j++) squares += result[base + j] ** 2;
  const norm = Math.sqrt(squares + 1e-12);
  for (let j = 0; j < length; j++) result[base + j] /= norm;
  return result;
}

/** Which hand-made features the classifier gets. */
export type FeatureSet = 'intensity' | 'orientation' | 'both';
export const FEATURE_SETS: readonly FeatureSet[] = ['intensity', 'orientation', 'both'];

/** Length of the full feature vector (intensity histogram, then orientation histogram): 32 + 144 = 176 with the course's settings. */
export const HAND_FEATURE_LENGTH = featureLength(INTENSITY_FEATURES) + featureLength(ORIENTATION_FEATURES);

/**
 * Both histograms of one image, intensity first: [intensityHistogram (32), orientationHistogram (144)], written
 * into `out` (length ≥ offset + HAND_FEATURE_LENGTH) at `offset`.
 */
export function handFeatures(image: ArrayLike<number>, width: number, height: number, out: Float32Array, offset = 0): void {
  intensityHistogram(image, width, height, INTENSITY_FEATURES, out, offset);
  orientationHistogram(image, width, height, ORIENTATION_FEATURES, out, offset + featureLength(INTENSITY_FEATURES));
}

/** The positions, within a full feature vector (handFeatures), of the features a set uses, ascending. */
export function featureColumns(set: FeatureSet): Int32Array {
  const intensity = featureLength(INTENSITY_FEATURES);
  const start = set === 'orientation' ? intensity : 0;
  const end = set === 'intensity' ? intensity : HAND_FEATURE_LENGTH;
  return Int32Array.from({ length: end - start }, (_, i) => start + i);
}

/** Per-feature mean and standard deviation over the rows of a [count, size] matrix (population σ; σ = 0 becomes 1 so constant features stay 0). */
export interface FeatureScaling {
  mean: Float32Array;
  std: Float32Array;
}

/** Mean μⱼ = Σᵢ xᵢⱼ / n and σⱼ = √(Σᵢ (xᵢⱼ − μⱼ)² / n) of every column of `rows` ([count, size]); σⱼ = 1 where it is 0. */
export function fitStandardization(rows: Float32Array, count: number, size: number): FeatureScaling {
  const mean = new Float64Array(size);
  const squares = new Float64Array(size);
  for (let i = 0; i < count; i++) for (let j = 0; j < size; j++) mean[j] += rows[i * size + j];
  for (let j = 0; j < size; j++) mean[j] /= Math.max(1, count);
  for (let i = 0; i < count; i++) for (let j = 0; j < size; j++) squares[j] += (rows[i * size + j] - mean[j]) ** 2;
  const std = new Float32Array(size);
  for (let j = 0; j < size; j++) {
    const sigma = Math.sqrt(squares[j] / Math.max(1, count));
    std[j] = sigma > 1e-8 ? sigma : 1;
  }
  return { mean: Float32Array.from(mean), std };
}

/** (xᵢⱼ − μⱼ) / σⱼ for every row of `rows` ([count, size]), as a new array: features on one scale, so one learning rate suits them all. */
export function applyStandardization(rows: Float32Array, count: number, size: number, { mean, std }: FeatureScaling): Float32Array {
  const result = new Float32Array(count * size);
  for (let i = 0; i < count; i++) for (let j = 0; j < size; j++) result[i * size + j] = (rows[i * size + j] - mean[j]) / std[j];
  return result;
}

/** The columns `columns` of every row of `rows` ([count, size]) as a new [count, columns.length] matrix. */
export function selectColumns(rows: Float32Array, count: number, size: number, columns: Int32Array): Float32Array {
  const width = columns.length;
  const result = new Float32Array(count * width);
  for (let i = 0; i < count; i++) for (let j = 0; j < width; j++) result[i * width + j] = rows[i * size + columns[j]];
  return result;
}
