import {
  countDistinctX,
  evaluatePolynomial,
  fitPolynomial,
  gradientDescentStep,
  largestCurvature,
  meanSquaredError,
  residuals,
  type DataPoint,
  type PolynomialFit,
} from '../../core/math/least-squares';

/** The plane: x and y in [−PLANE_LIMIT, PLANE_LIMIT]; the model works in t = x / PLANE_LIMIT ∈ [−1, 1]. */
export const PLANE_LIMIT = 5;
export const DEGREE_MIN = 1;
export const DEGREE_MAX = 6;
export const POINTS_MIN = 2;
export const POINTS_MAX = 20;
/** Keyboard moves: arrow keys, and with Shift. */
export const MOVE_STEP = 0.1;
export const MOVE_STEP_LARGE = 0.5;
export const LEARNING_RATE_MIN = 0.0001;
export const LEARNING_RATE_MAX = 10;
export const DEFAULT_LEARNING_RATE = 0.3;
/** Gradient descent stops by itself after this many steps. */
export const MAX_STEPS = 100_000;
/** An MSE above this (or not finite) means gradient descent has diverged. */
export const DIVERGED_MSE = 1e10;
/** At most this many points are kept per curve in the MSE-per-step history (older ones are thinned). */
export const HISTORY_LIMIT = 4000;

/** Steps of gradient descent per animation frame, by speed. */
export const SPEEDS = [
  { value: 1, label: '1 step / frame' },
  { value: 10, label: '10' },
  { value: 100, label: '100' },
] as const;

/** A curved cloud (roughly y = 0.25x² − 0.3x − 1.6 plus noise): a line underfits it, a parabola fits it. */
export const DEFAULT_POINTS: readonly DataPoint[] = [
  { x: -4.2, y: 3.8 },
  { x: -3.1, y: 1.8 },
  { x: -2, y: 0.2 },
  { x: -0.9, y: -1.1 },
  { x: 0.3, y: -1.9 },
  { x: 1.4, y: -1.4 },
  { x: 2.6, y: -0.8 },
  { x: 3.8, y: 0.9 },
];

/** Rounds a coordinate to 2 decimals within the plane (non-finite → 0). */
export function normalizeCoordinate(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.round(Math.min(PLANE_LIMIT, Math.max(-PLANE_LIMIT, value)) * 100) / 100 + 0;
}

export function normalizePoint(point: DataPoint): DataPoint {
  return { x: normalizeCoordinate(point.x), y: normalizeCoordinate(point.y) };
}

/** Moves point `index` to `to` (clamped, rounded); other points are kept. */
export function movePoint(points: readonly DataPoint[], index: number, to: DataPoint): DataPoint[] {
  return points.map((point, i) => (i === index ? normalizePoint(to) : point));
}

/** Adds a point (up to POINTS_MAX). */
export function addPoint(points: readonly DataPoint[], point: DataPoint): DataPoint[] {
  return points.length >= POINTS_MAX ? [...points] : [...points, normalizePoint(point)];
}

/** Removes point `index`, keeping at least POINTS_MIN. */
export function removePoint(points: readonly DataPoint[], index: number): DataPoint[] {
  return points.length <= POINTS_MIN || index < 0 || index >= points.length ? [...points] : points.filter((_, i) => i !== index);
}

/**
 * Where the "Add point" button puts a point: in the middle of the widest gap between neighbouring x values
 * (the plane's edges at ±4.5 count as neighbours), 1 above the current fit there, so it is visible and pulls.
 */
export function suggestNewPoint(points: readonly DataPoint[], weights: readonly number[]): DataPoint {
  const xs = [-4.5, ...points.map((p) => p.x).sort((a, b) => a - b), 4.5];
  let bestX = 0;
  let bestGap = -1;
  for (let i = 1; i < xs.length; i += 1) {
    const gap = xs[i] - xs[i - 1];
    if (gap > bestGap) {
      bestGap = gap;
      bestX = (xs[i] + xs[i - 1]) / 2;
    }
  }
  return normalizePoint({ x: bestX, y: evaluatePolynomial(weights, bestX, PLANE_LIMIT) + 1 });
}

/** Clamps a degree to [DEGREE_MIN, DEGREE_MAX] (non-integers rounded, non-finite → 1). */
export function normalizeDegree(degree: number): number {
  if (!Number.isFinite(degree)) return DEGREE_MIN;
  return Math.min(DEGREE_MAX, Math.max(DEGREE_MIN, Math.round(degree)));
}

/** The exact least-squares fit on the scaled variable t = x / PLANE_LIMIT. */
export function exactFit(points: readonly DataPoint[], degree: number): PolynomialFit {
  return fitPolynomial(points, degree, PLANE_LIMIT);
}

/** Gradient descent's weights for a new degree: lower coefficients kept, new ones start at 0. */
export function resizeWeights(weights: readonly number[], degree: number): number[] {
  return Array.from({ length: degree + 1 }, (_, k) => weights[k] ?? 0);
}

/** Result of running some gradient descent steps. */
export interface DescentRun {
  weights: number[];
  /** MSE after each step taken. */
  losses: number[];
  /** True when the MSE left the finite range (then the run stopped there). */
  diverged: boolean;
}

/** Runs `count` steps of gradient descent on the MSE (w ← w − η ∇MSE), stopping early if it diverges. */
export function runDescent(weights: readonly number[], points: readonly DataPoint[], learningRate: number, count: number): DescentRun {
  let current = [...weights];
  const losses: number[] = [];
  for (let i = 0; i < count; i += 1) {
    current = gradientDescentStep(current, points, learningRate, PLANE_LIMIT);
    const loss = meanSquaredError(current, points, PLANE_LIMIT);
    losses.push(loss);
    if (!Number.isFinite(loss) || loss > DIVERGED_MSE) return { weights: current, losses, diverged: true };
  }
  return { weights: current, losses, diverged: false };
}

/** The largest stable learning rate 2/λ, λ the largest eigenvalue of the MSE's Hessian (2/n)AᵀA. */
export function stableLearningRate(points: readonly DataPoint[], degree: number): number {
  const curvature = largestCurvature(points, degree, PLANE_LIMIT);
  return curvature > 0 ? 2 / curvature : Infinity;
}

/** MSE per step: gradient descent's, and the exact optimum's at the same step (the data may move meanwhile). */
export interface LossHistory {
  steps: number[];
  descent: number[];
  exact: number[];
  /** Every `stride`-th step is recorded; the stride doubles whenever the history reaches HISTORY_LIMIT. */
  stride: number;
}

export function createHistory(): LossHistory {
  return { steps: [], descent: [], exact: [], stride: 1 };
}

/**
 * Records step `step` into `history` (mutated in place, for speed while animating) if it falls on the stride;
 * when full, keeps every other entry and doubles the stride, so the whole run always fits in HISTORY_LIMIT points.
 */
export function recordHistory(history: LossHistory, step: number, descent: number, exact: number): void {
  if (step % history.stride !== 0) return;
  history.steps.push(step);
  history.descent.push(descent);
  history.exact.push(exact);
  if (history.steps.length >= HISTORY_LIMIT) {
    history.stride *= 2;
    const kept = history.steps.flatMap((recorded, i) => (recorded % history.stride === 0 ? [i] : []));
    history.steps = kept.map((i) => history.steps[i]);
    history.descent = kept.map((i) => history.descent[i]);
    history.exact = kept.map((i) => history.exact[i]);
  }
}

/** One row of the residual table. */
export interface ResidualRow {
  x: number;
  y: number;
  prediction: number;
  residual: number;
  squared: number;
}

export function residualRows(points: readonly DataPoint[], weights: readonly number[]): ResidualRow[] {
  const r = residuals(weights, points, PLANE_LIMIT);
  return points.map((point, i) => ({ ...point, prediction: point.y + r[i], residual: r[i], squared: r[i] * r[i] }));
}

/** The warning when the degree is high enough to pass through every point (or null). */
export function interpolationWarning(points: readonly DataPoint[], degree: number): string | null {
  const distinct = countDistinctX(points);
  if (degree < distinct) return null;
  const duplicates = distinct < points.length ? ` (${points.length - distinct} share an x with another, so ${distinct} distinct x values)` : '';
  return (
    `Degree ${degree} with ${points.length} points${duplicates}: a polynomial of degree ${distinct - 1} already passes through every ` +
    `distinct x, so the exact fit's error is as small as it can be${distinct === points.length ? ' (0)' : ''}. That is memorizing, not learning: ` +
    'move one point and watch the curve swing between the others (overfitting).'
  );
}

/** Samples ŷ(x) across the plane for drawing. */
export function sampleCurve(weights: readonly number[], samples = 241): { x: number; y: number }[] {
  return Array.from({ length: samples }, (_, i) => {
    const x = -PLANE_LIMIT + (2 * PLANE_LIMIT * i) / (samples - 1);
    return { x, y: evaluatePolynomial(weights, x, PLANE_LIMIT) };
  });
}

/** Link form of the points: "x,y;x,y;…" with 2 decimals. */
export function serializePoints(points: readonly DataPoint[]): string {
  return points.map((p) => `${normalizeCoordinate(p.x)},${normalizeCoordinate(p.y)}`).join(';');
}

/** Reads points from a link: POINTS_MIN to POINTS_MAX pairs "x,y" separated by ";", each clamped to the plane. */
export function parsePoints(text: string): { value: DataPoint[] } | { problem: string } {
  const pairs = text.split(';');
  if (pairs.length < POINTS_MIN || pairs.length > POINTS_MAX) return { problem: `the points in the link must be ${POINTS_MIN} to ${POINTS_MAX} pairs, got ${pairs.length}` };
  const number = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;
  const points: DataPoint[] = [];
  for (const pair of pairs) {
    const parts = pair.split(',');
    if (parts.length !== 2 || !parts.every((part) => number.test(part)))
      return { problem: `the points in the link must be pairs "x,y" separated by ";", got "${pair.slice(0, 20)}"` };
    const [x, y] = parts.map(Number);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return { problem: 'the points in the link must be finite numbers' };
    points.push(normalizePoint({ x, y }));
  }
  return { value: points };
}

/** 3 decimals (or scientific for huge values), a real minus sign, no "−0.000". */
export function formatValue(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '−∞' : '—';
  if (Math.abs(value) >= 1e5) return value.toExponential(2).replace('e+', 'e').replace('-', '−');
  const text = value.toFixed(digits);
  if (/^-0\.0+$/.test(text)) return text.slice(1);
  return text.replace('-', '−');
}
