/**
 * Receptive fields of stacked convolution and pooling layers on a square input: the size formula, the output
 * grid of every layer, and the exact set of input pixels one output unit depends on, with how many paths
 * through the network reach each of them.
 */

/** A square convolution (K×K window, stride s, dilation d) or pooling (size × size window, stride s) layer. */
export type ReceptiveLayer = { kind: 'conv'; kernel: number; stride: number; dilation: number; padding: 'same' | 'valid' } | { kind: 'pool'; kernel: number; stride: number };

/** One row of the per-layer table. */
export interface ReceptiveLayerRow {
  layer: ReceptiveLayer;
  /** Span of the window in the previous layer's units: (k − 1)·d + 1. */
  span: number;
  /** Jump j_l: distance in input pixels between neighbouring units of this layer. */
  jump: number;
  /** Receptive-field side r_l in input pixels (ignoring the image border). */
  receptiveField: number;
  /** Output side of the layer (0: the input is too small for the window). */
  outputSize: number;
  /** Zero padding before the first input (rows above, columns to the left). */
  paddingBefore: number;
}

/** Dilation of a layer (pooling: 1). */
export function dilationOf(layer: ReceptiveLayer): number {
  return layer.kind === 'conv' ? layer.dilation : 1;
}

/** Padding of a layer (pooling never pads). */
export function paddingOf(layer: ReceptiveLayer): 'same' | 'valid' {
  return layer.kind === 'conv' ? layer.padding : 'valid';
}

/**
 * Output side and leading padding of a layer on `size` inputs, as TensorFlow does it:
 * valid ⇒ ⌊(n − span)/s⌋ + 1 (0 when span > n) and no padding; same ⇒ ⌈n/s⌉ with a total padding of
 * max((out − 1)·s + span − n, 0), the smaller half before.
 */
export function layerOutput(size: number, layer: ReceptiveLayer): { outputSize: number; paddingBefore: number } {
  const span = (layer.kernel - 1) * dilationOf(layer) + 1;
  if (paddingOf(layer) === 'valid') {
    return { outputSize: size < span ? 0 : Math.floor((size - span) / layer.stride) + 1, paddingBefore: 0 };
  }
  const outputSize = Math.ceil(size / layer.stride);
  const total = Math.max((outputSize - 1) * layer.stride + span - size, 0);
  return { outputSize, paddingBefore: Math.floor(total / 2) };
}

/**
 * The per-layer table, starting from r₀ = 1, j₀ = 1:
 * r_l = r_{l−1} + (k_l − 1)·d_l·j_{l−1},  j_l = j_{l−1}·s_l.
 * Output sides follow {@link layerOutput}; once a layer has no output, the later ones have none either.
 */
export function receptiveFieldTable(inputSize: number, layers: readonly ReceptiveLayer[]): ReceptiveLayerRow[] {
  const rows: ReceptiveLayerRow[] = [];
  let jump = 1;
  let receptiveField = 1;
  let size = inputSize;
  for (const layer of layers) {
    const dilation = dilationOf(layer);
    const span = (layer.kernel - 1) * dilation + 1;
    receptiveField += (layer.kernel - 1) * dilation * jump;
    jump *= layer.stride;
    const { outputSize, paddingBefore } = size > 0 ? layerOutput(size, layer) : { outputSize: 0, paddingBefore: 0 };
    size = outputSize;
    rows.push({ layer, span, jump, receptiveField, outputSize, paddingBefore });
  }
  return rows;
}

/**
 * Along one axis, how many paths lead from output unit `unit` of the last layer back to each unit of every
 * earlier layer: element 0 is the input (length `inputSize`), element l the output of layer l. Window taps
 * that fall in the zero padding reach no unit. Counts are exact up to 2^53.
 */
export function pathCounts1d(inputSize: number, layers: readonly ReceptiveLayer[], unit: number): Float64Array[] {
  const table = receptiveFieldTable(inputSize, layers);
  const sizes = [inputSize, ...table.map((row) => row.outputSize)];
  const counts = sizes.map((size) => new Float64Array(size));
  const last = counts[counts.length - 1];
  if (unit < 0 || unit >= last.length) return counts;
  last[unit] = 1;
  for (let l = layers.length - 1; l >= 0; l -= 1) {
    const layer = layers[l];
    const dilation = dilationOf(layer);
    const { paddingBefore } = table[l];
    const above = counts[l + 1];
    const below = counts[l];
    for (let o = 0; o < above.length; o += 1) {
      if (above[o] === 0) continue;
      for (let t = 0; t < layer.kernel; t += 1) {
        const p = o * layer.stride - paddingBefore + t * dilation;
        if (p >= 0 && p < below.length) below[p] += above[o];
      }
    }
  }
  return counts;
}

/** A square grid of path counts (row-major), with its largest count and how many cells are reached. */
export interface PathGrid {
  size: number;
  counts: Float64Array;
  maxCount: number;
  reached: number;
}

/**
 * For output unit (row, column) of the last layer, the number of paths reaching every unit of every layer
 * (element 0: the input pixels). The window is square, so a 2-D count is the product of the row and column
 * counts: paths(r, c) = rows(r) · columns(c). The input pixels with a count above 0 are exactly the pixels the
 * unit sees.
 */
export function receptivePaths(inputSize: number, layers: readonly ReceptiveLayer[], row: number, column: number): PathGrid[] {
  const rows = pathCounts1d(inputSize, layers, row);
  const columns = pathCounts1d(inputSize, layers, column);
  return rows.map((rowCounts, l) => {
    const columnCounts = columns[l];
    const size = rowCounts.length;
    const counts = new Float64Array(size * size);
    let maxCount = 0;
    let reached = 0;
    for (let r = 0; r < size; r += 1) {
      if (rowCounts[r] === 0) continue;
      for (let c = 0; c < size; c += 1) {
        const value = rowCounts[r] * columnCounts[c];
        counts[r * size + c] = value;
        if (value > 0) reached += 1;
        if (value > maxCount) maxCount = value;
      }
    }
    return { size, counts, maxCount, reached };
  });
}

/** The bounding box of the reached cells of a grid (inclusive), or null when none is reached. */
export function reachedBounds(grid: PathGrid): { top: number; left: number; bottom: number; right: number } | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (let r = 0; r < grid.size; r += 1) {
    for (let c = 0; c < grid.size; c += 1) {
      if (grid.counts[r * grid.size + c] === 0) continue;
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, c);
      right = Math.max(right, c);
    }
  }
  return bottom < 0 ? null : { top, left, bottom, right };
}
