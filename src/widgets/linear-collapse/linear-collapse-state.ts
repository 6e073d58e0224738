import { relu, tanh } from '../../core/math/activations';
import { applyAffine, applyElementwise, composeAffineMaps, type AffineMap, type Matrix, type Vector } from '../../core/math/affine-map';
import { createSeededRandom, gaussian } from '../../core/random/seeded-random';

/**
 * Shapes: inputs x ∈ R², a hidden layer of width 3 and outputs in R², so
 * W₁ is 3×2, b₁ ∈ R³, W₂ is 2×3, b₂ ∈ R², and the collapsed map W = W₂W₁ is 2×2.
 * The hidden layer is wider than the input on purpose: even with more neurons in the middle, two
 * linear layers are still one 2×2 map.
 */
export const INPUT_SIZE = 2;
export const HIDDEN_SIZE = 3;
export const OUTPUT_SIZE = 2;

/** Every editable entry is kept within [−ENTRY_LIMIT, ENTRY_LIMIT]. */
export const ENTRY_LIMIT = 5;

/** What sits between the two layers. */
export type BetweenLayers = 'none' | 'relu' | 'tanh';

export const BETWEEN_LAYERS_OPTIONS: ReadonlyArray<{ value: BetweenLayers; label: string }> = [
  { value: 'none', label: 'Nothing (linear)' },
  { value: 'relu', label: 'ReLU' },
  { value: 'tanh', label: 'tanh' },
];

export interface LinearCollapseState {
  /** Layer 1: W₁ (3×2), b₁ (3). */
  layer1: AffineMap;
  /** Layer 2: W₂ (2×3), b₂ (2). */
  layer2: AffineMap;
  between: BetweenLayers;
  seed: number;
  /** How many times Randomize was pressed; with the seed it fixes the weights shown. */
  draws: number;
}

/** Which entry of which layer: `part` is the weight matrix or the bias vector. */
export type EntryAddress = { layer: 1 | 2; part: 'weights'; row: number; column: number } | { layer: 1 | 2; part: 'bias'; row: number };

export type LinearCollapseAction =
  { type: 'setEntry'; address: EntryAddress; value: number } | { type: 'setBetween'; between: BetweenLayers } | { type: 'randomize' } | { type: 'reset' };

/** Rounds to one decimal so the editable entries stay short; clamps to the entry limit. */
function roundEntry(value: number): number {
  const clamped = Math.min(ENTRY_LIMIT, Math.max(-ENTRY_LIMIT, value));
  return Math.round(clamped * 10) / 10 + 0;
}

/**
 * Singular values s₁ ≥ s₂ of a 2×2 matrix: the square roots of the eigenvalues of WᵀW, which for
 * WᵀW = [[p, q], [q, r]] are (p + r)/2 ± √(((p − r)/2)² + q²).
 */
export function singularValues2x2(matrix: Matrix): [number, number] {
  const [[a, b], [c, d]] = matrix;
  const p = a * a + c * c;
  const q = a * b + c * d;
  const r = b * b + d * d;
  const mean = (p + r) / 2;
  const spread = Math.sqrt(((p - r) / 2) ** 2 + q * q);
  return [Math.sqrt(mean + spread), Math.sqrt(Math.max(0, mean - spread))];
}

/** How many hidden units change sign somewhere on the square [−1, 1]² (their ReLU hinge crosses it). */
export function countHingesInSquare(layer1: AffineMap): number {
  const corners: Vector[] = [
    [-1, -1],
    [-1, 1],
    [1, 1],
    [1, -1],
  ];
  const preActivations = corners.map((corner) => applyAffine(layer1, corner));
  let count = 0;
  for (let unit = 0; unit < layer1.weights.length; unit += 1) {
    const values = preActivations.map((values) => values[unit]);
    if (Math.min(...values) < -0.1 && Math.max(...values) > 0.1) count += 1;
  }
  return count;
}

/**
 * Whether a draw makes a legible picture: the collapsed map neither squashes the square flat
 * (condition number s₁/s₂ ≤ 3) nor blows it up or shrinks it away (0.6 ≤ s₁ ≤ 3), and at least two
 * hidden units switch on and off inside the square, so a ReLU visibly bends the grid.
 */
export function isLegibleDraw(layer1: AffineMap, layer2: AffineMap): boolean {
  const [largest, smallest] = singularValues2x2(composeAffineMaps(layer1, layer2).weights);
  return smallest > 0 && largest / smallest <= 3 && largest >= 0.6 && largest <= 3 && countHingesInSquare(layer1) >= 2;
}

const MAX_ATTEMPTS = 200;

/**
 * Weights for a given seed and draw number: entries from N(0, 1), biases from N(0, 0.5²), rounded to
 * one decimal, redrawn (from the same stream) until the draw is legible (see isLegibleDraw), at most
 * MAX_ATTEMPTS times. Deterministic: the same (seed, draws) always gives the same layers.
 */
export function drawLayers(seed: number, draws: number): { layer1: AffineMap; layer2: AffineMap } {
  const random = createSeededRandom((seed ^ Math.imul(draws + 1, 0x9e3779b1)) >>> 0);
  const matrix = (rows: number, columns: number) => Array.from({ length: rows }, () => Array.from({ length: columns }, () => roundEntry(gaussian(random))));
  const vector = (length: number) => Array.from({ length }, () => roundEntry(gaussian(random, 0, 0.5)));
  const draw = () => ({
    layer1: { weights: matrix(HIDDEN_SIZE, INPUT_SIZE), bias: vector(HIDDEN_SIZE) },
    layer2: { weights: matrix(OUTPUT_SIZE, HIDDEN_SIZE), bias: vector(OUTPUT_SIZE) },
  });
  let candidate = draw();
  for (let attempt = 1; attempt < MAX_ATTEMPTS && !isLegibleDraw(candidate.layer1, candidate.layer2); attempt += 1) {
    candidate = draw();
  }
  return candidate;
}

/** The starting state: layers drawn from `seed`, nothing between the layers. */
export function createLinearCollapseState(seed = 2): LinearCollapseState {
  const safeSeed = Number.isFinite(seed) ? seed : 2;
  return { ...drawLayers(safeSeed, 0), between: 'none', seed: safeSeed, draws: 0 };
}

function setEntry(map: AffineMap, address: EntryAddress, value: number): AffineMap {
  if (address.part === 'bias') {
    return { ...map, bias: map.bias.map((entry, row) => (row === address.row ? value : entry)) };
  }
  return {
    ...map,
    weights: map.weights.map((rowValues, row) => (row === address.row ? rowValues.map((entry, column) => (column === address.column ? value : entry)) : rowValues)),
  };
}

/** Pure state transitions. Entries are clamped to ±ENTRY_LIMIT; non-finite values are ignored. */
export function linearCollapseReducer(state: LinearCollapseState, action: LinearCollapseAction): LinearCollapseState {
  switch (action.type) {
    case 'setEntry': {
      if (!Number.isFinite(action.value)) return state;
      const value = Math.min(ENTRY_LIMIT, Math.max(-ENTRY_LIMIT, action.value));
      return action.address.layer === 1 ? { ...state, layer1: setEntry(state.layer1, action.address, value) } : { ...state, layer2: setEntry(state.layer2, action.address, value) };
    }
    case 'setBetween':
      return { ...state, between: action.between };
    case 'randomize': {
      const draws = state.draws + 1;
      return { ...state, ...drawLayers(state.seed, draws), draws };
    }
    case 'reset':
      return { ...createLinearCollapseState(state.seed), between: state.between };
  }
}

/** The elementwise function applied to the hidden layer. */
export function betweenFunction(between: BetweenLayers): (value: number) => number {
  if (between === 'relu') return relu;
  if (between === 'tanh') return tanh;
  return (value) => value;
}

/** The two-layer network: y = W₂ g(W₁x + b₁) + b₂, with g the identity, ReLU or tanh. */
export function applyTwoLayers(state: LinearCollapseState, input: Vector): number[] {
  const hidden = applyElementwise(applyAffine(state.layer1, input), betweenFunction(state.between));
  return applyAffine(state.layer2, hidden);
}

/** The single map the two layers collapse to when nothing is between them: W = W₂W₁, b = W₂b₁ + b₂. */
export function computeEquivalentMap(state: LinearCollapseState): AffineMap {
  return composeAffineMaps(state.layer1, state.layer2);
}

/** A polyline in the plane. */
export type Polyline = Array<[number, number]>;

/**
 * The input picture: the square [−1, 1]² crossed by `lineCount` vertical and `lineCount` horizontal
 * lines, each sampled at `samplesPerLine` points so that a bent image can be drawn faithfully.
 * Vertical lines come first.
 */
export function createGrid(lineCount = 9, samplesPerLine = 61): Polyline[] {
  const positions = Array.from({ length: lineCount }, (_, i) => -1 + (2 * i) / (lineCount - 1));
  const samples = Array.from({ length: samplesPerLine }, (_, i) => -1 + (2 * i) / (samplesPerLine - 1));
  const vertical = positions.map((position): Polyline => samples.map((t): [number, number] => [position, t]));
  const horizontal = positions.map((position): Polyline => samples.map((t): [number, number] => [t, position]));
  return [...vertical, ...horizontal];
}

/** Everything the widget draws and reports, derived from the state. */
export interface LinearCollapseView {
  equivalent: AffineMap;
  input: Polyline[];
  twoLayers: Polyline[];
  oneLayer: Polyline[];
  /** max over grid points and coordinates of |two-layer output − equivalent-map output|. */
  maxDifference: number;
}

/** Maps the grid through both networks and measures how far apart they land. */
export function computeLinearCollapseView(state: LinearCollapseState, grid: Polyline[] = createGrid()): LinearCollapseView {
  const equivalent = computeEquivalentMap(state);
  let maxDifference = 0;
  const twoLayers: Polyline[] = [];
  const oneLayer: Polyline[] = [];
  for (const polyline of grid) {
    const twoLayerLine: Polyline = [];
    const oneLayerLine: Polyline = [];
    for (const point of polyline) {
      const a = applyTwoLayers(state, point);
      const b = applyAffine(equivalent, point);
      maxDifference = Math.max(maxDifference, Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]));
      twoLayerLine.push([a[0], a[1]]);
      oneLayerLine.push([b[0], b[1]]);
    }
    twoLayers.push(twoLayerLine);
    oneLayer.push(oneLayerLine);
  }
  return { equivalent, input: grid, twoLayers, oneLayer, maxDifference };
}

/**
 * A square window [low, high]² holding every point of the given pictures, with 8% margin, so all
 * panels share one scale and equal units on both axes.
 */
export function computeSharedExtent(pictures: Polyline[][]): [number, number] {
  let low = -1;
  let high = 1;
  for (const picture of pictures) {
    for (const polyline of picture) {
      for (const [px, py] of polyline) {
        low = Math.min(low, px, py);
        high = Math.max(high, px, py);
      }
    }
  }
  const margin = (high - low) * 0.08;
  return [low - margin, high + margin];
}

/** A number for KaTeX or a read-out: two decimals, no "-0.00". */
export function formatEntry(value: number, decimals = 2): string {
  const text = value.toFixed(decimals);
  return /^-0\.0+$/.test(text) ? text.slice(1) : text;
}

/** KaTeX source of a matrix (rows of numbers) as a bmatrix. */
export function toBmatrix(rows: ReadonlyArray<ReadonlyArray<number>>): string {
  return `\\begin{bmatrix} ${rows.map((row) => row.map((value) => formatEntry(value)).join(' & ')).join(' \\\\ ')} \\end{bmatrix}`;
}

/** KaTeX sources for the collapsed map: W = W₂W₁ and b = W₂b₁ + b₂, as two formulas. */
export function equivalentMapLatex(equivalent: AffineMap): { weights: string; bias: string } {
  return {
    weights: `W = W_2 W_1 = ${toBmatrix(equivalent.weights)}`,
    bias: `b = W_2 b_1 + b_2 = ${toBmatrix(equivalent.bias.map((value) => [value]))}`,
  };
}

/** Human name of an entry, used as its accessible label and in messages, e.g. "W1 row 2, column 1". */
export function describeEntry(address: EntryAddress): string {
  return address.part === 'weights' ? `W${address.layer} row ${address.row + 1}, column ${address.column + 1}` : `b${address.layer} entry ${address.row + 1}`;
}

/** Where the corners of the square land, as text (the plots' text alternative). */
export function describeCorners(picture: Polyline[]): string {
  const corners = [picture[0][0], picture[0][picture[0].length - 1], picture[picture.length / 2 - 1][picture[0].length - 1], picture[picture.length / 2 - 1][0]];
  return corners.map(([px, py]) => `(${formatEntry(px)}, ${formatEntry(py)})`).join(', ');
}

/** How many numbers the two layers hold: W₁ (3×2), b₁ (3), W₂ (2×3), b₂ (2). */
const ENTRY_COUNT = HIDDEN_SIZE * INPUT_SIZE + HIDDEN_SIZE + OUTPUT_SIZE * HIDDEN_SIZE + OUTPUT_SIZE;

/** The two layers as one comma-separated list for a share link: W₁ row by row, b₁, W₂ row by row, b₂. */
export function serializeLayers({ layer1, layer2 }: Pick<LinearCollapseState, 'layer1' | 'layer2'>): string {
  return [...layer1.weights.flat(), ...layer1.bias, ...layer2.weights.flat(), ...layer2.bias].join(',');
}

/** Reads `serializeLayers`' list back: the layers, or why the text cannot be them (for the learner). */
export function parseLayers(text: string): { layers: Pick<LinearCollapseState, 'layer1' | 'layer2'> } | { problem: string } {
  const parts = text.split(',');
  if (parts.length !== ENTRY_COUNT) return { problem: `needs ${ENTRY_COUNT} numbers, got ${parts.length}` };
  const values = parts.map((part) => (part.trim() === '' ? NaN : Number(part)));
  if (values.some((value) => !Number.isFinite(value) || Math.abs(value) > ENTRY_LIMIT)) return { problem: `needs numbers between −${ENTRY_LIMIT} and ${ENTRY_LIMIT}` };
  let next = 0;
  const take = (count: number) => values.slice(next, (next += count));
  const rows = (count: number, columns: number) => Array.from({ length: count }, () => take(columns));
  const layer1 = { weights: rows(HIDDEN_SIZE, INPUT_SIZE), bias: take(HIDDEN_SIZE) };
  const layer2 = { weights: rows(OUTPUT_SIZE, HIDDEN_SIZE), bias: take(OUTPUT_SIZE) };
  return { layers: { layer1, layer2 } };
}
