/**
 * 2-D pooling of a single-channel map (row-major, `values[row * width + column]`), with no padding: a
 * size × size window moves by `stride`, giving ⌊(H − size)/stride⌋ + 1 rows and as many columns by the same rule.
 */

export type PoolingKind = 'max' | 'average' | 'l2';

export interface PoolingSettings {
  kind: PoolingKind;
  /** Side of the square window. */
  size: number;
  /** Step of the window. */
  stride: number;
}

/** A single-channel map, row-major. */
export interface PlaneMap {
  values: Float32Array;
  height: number;
  width: number;
}

/** Output length of pooling without padding: ⌊(n − size)/stride⌋ + 1, or 0 when the window does not fit. */
export function pooledLength(length: number, size: number, stride: number): number {
  return length < size ? 0 : Math.floor((length - size) / stride) + 1;
}

/**
 * Pools one window's values:
 * - max: max xᵢ;
 * - average: (1/n) Σ xᵢ;
 * - l2 (L2-norm pooling, as a root mean square): √((1/n) Σ xᵢ²), so a window of equal values v gives |v|, on the
 *   same scale as the input. (The plain norm √(Σ xᵢ²) is this times √n.)
 */
export function poolWindow(window: ArrayLike<number>, kind: PoolingKind): number {
  const n = window.length;
  if (kind === 'max') {
    let best = -Infinity;
    for (let i = 0; i < n; i += 1) best = Math.max(best, window[i]);
    return best;
  }
  let sum = 0;
  for (let i = 0; i < n; i += 1) sum += kind === 'l2' ? window[i] * window[i] : window[i];
  return kind === 'l2' ? Math.sqrt(sum / n) : sum / n;
}

/** Pools a map with the settings (no padding); see {@link poolWindow} for each kind's formula. */
export function pool2d(input: PlaneMap, settings: PoolingSettings): PlaneMap {
  const { size, stride, kind } = settings;
  const height = pooledLength(input.height, size, stride);
  const width = pooledLength(input.width, size, stride);
  const values = new Float32Array(height * width);
  const window = new Float64Array(size * size);
  for (let row = 0; row < height; row += 1) {
    for (let column = 0; column < width; column += 1) {
      let k = 0;
      for (let i = 0; i < size; i += 1) {
        const offset = (row * stride + i) * input.width + column * stride;
        for (let j = 0; j < size; j += 1) window[k++] = input.values[offset + j];
      }
      values[row * width + column] = poolWindow(window, kind);
    }
  }
  return { values, height, width };
}

/**
 * The map moved by (dx, dy) pixels (right and down are positive); pixels moved in from outside are `fill`
 * (0: black background, as in MNIST), pixels moved out are lost.
 */
export function shiftPlane(input: PlaneMap, dx: number, dy: number, fill = 0): PlaneMap {
  const { height, width } = input;
  const values = new Float32Array(height * width).fill(fill);
  for (let row = 0; row < height; row += 1) {
    const from = row - dy;
    if (from < 0 || from >= height) continue;
    for (let column = 0; column < width; column += 1) {
      const source = column - dx;
      if (source >= 0 && source < width) values[row * width + column] = input.values[from * width + source];
    }
  }
  return { values, height, width };
}

/** Cells where two maps of one shape differ by more than `tolerance`: a 0/1 mask and the count. */
export function changedCells(a: PlaneMap, b: PlaneMap, tolerance = 1e-6): { mask: Uint8Array; count: number } {
  const mask = new Uint8Array(a.values.length);
  let count = 0;
  for (let i = 0; i < mask.length; i += 1) {
    if (Math.abs(a.values[i] - b.values[i]) > tolerance) {
      mask[i] = 1;
      count += 1;
    }
  }
  return { mask, count };
}
