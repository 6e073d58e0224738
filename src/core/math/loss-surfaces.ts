/**
 * Two-dimensional loss surfaces f(x, y) with analytic gradients, for watching gradient descent and its
 * optimizers move on a picture. Pure functions; no DOM.
 */

export type SurfaceName = 'bowl' | 'ravine' | 'rosenbrock' | 'saddle' | 'bumpy';

/** A point (x, y) of the plane. */
export type Point = readonly [number, number];

/** Learning rates that make plain gradient descent, from the surface's default start, behave in each of four ways (unit-tested). */
export interface LearningRateRegimes {
  /** Converges, but so slowly that it crawls. */
  tooSmall: number;
  /** Converges briskly without overshooting much. */
  good: number;
  /** Overshoots: zig-zags or oscillates across the valley, yet stays bounded (and still converges). */
  tooLarge: number;
  /** Every step overshoots by more than it gains: f grows without bound. */
  diverging: number;
}

export interface LossSurface {
  name: SurfaceName;
  /** A short name for pickers, e.g. "Narrow ravine". */
  label: string;
  /** The formula in plain text, e.g. "f = ½(x² + 20y²)". */
  formula: string;
  /** The same formula in TeX. */
  formulaTex: string;
  value(x: number, y: number): number;
  /** ∇f = (∂f/∂x, ∂f/∂y). */
  gradient(x: number, y: number): [number, number];
  /** The window drawn: x from xDomain[0] to xDomain[1], y likewise. */
  xDomain: [number, number];
  yDomain: [number, number];
  /** Where a descent starts unless the learner picks another point. */
  start: Point;
  /** The global minima (two for the double-well saddle); empty where f has none. */
  minima: Point[];
  /** f at the minima (null where there is none). */
  minimumValue: number | null;
  regimes: LearningRateRegimes;
}

/** The round bowl's curvature a: f = ½ a (x² + y²), Hessian a·I. */
export const BOWL_CURVATURE = 1;
/** The ravine's two curvatures: f = ½(a x² + b y²), condition number b / a = 20. */
export const RAVINE_CURVATURES = [1, 20] as const;

const bowl: LossSurface = {
  name: 'bowl',
  label: 'Round bowl',
  formula: 'f = ½(x² + y²)',
  formulaTex: 'f(x, y) = \\tfrac12\\,(x^2 + y^2)',
  value: (x, y) => 0.5 * BOWL_CURVATURE * (x * x + y * y),
  gradient: (x, y) => [BOWL_CURVATURE * x, BOWL_CURVATURE * y],
  xDomain: [-3, 3],
  yDomain: [-3, 3],
  start: [-2.4, 1.8],
  minima: [[0, 0]],
  minimumValue: 0,
  // Each step multiplies (x, y) by 1 − η a: 0 < η < 1/a creeps in, 1/a < η < 2/a flips sign and shrinks, η > 2/a grows.
  regimes: { tooSmall: 0.01, good: 0.3, tooLarge: 1.8, diverging: 2.3 },
};

const [RAVINE_A, RAVINE_B] = RAVINE_CURVATURES;
const ravine: LossSurface = {
  name: 'ravine',
  label: 'Narrow ravine',
  formula: 'f = ½(x² + 20y²)',
  formulaTex: 'f(x, y) = \\tfrac12\\,(x^2 + 20\\,y^2)',
  value: (x, y) => 0.5 * (RAVINE_A * x * x + RAVINE_B * y * y),
  gradient: (x, y) => [RAVINE_A * x, RAVINE_B * y],
  xDomain: [-5, 5],
  yDomain: [-2.5, 2.5],
  start: [-4.5, 1.2],
  minima: [[0, 0]],
  minimumValue: 0,
  // The steep direction (curvature 20) sets the limit η < 2/20; the flat one (curvature 1) then needs ~1/η steps.
  regimes: { tooSmall: 0.004, good: 0.045, tooLarge: 0.095, diverging: 0.11 },
};

const rosenbrock: LossSurface = {
  name: 'rosenbrock',
  label: 'Rosenbrock valley',
  formula: 'f = (1 − x)² + 100(y − x²)²',
  formulaTex: 'f(x, y) = (1 - x)^2 + 100\\,(y - x^2)^2',
  value: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
  gradient: (x, y) => [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)],
  xDomain: [-2, 2],
  yDomain: [-1, 3],
  start: [-1.2, 1],
  minima: [[1, 1]],
  minimumValue: 0,
  // Near the start the steepest curvature is ~1330, near (1, 1) ~1000: η ≈ 0.003 rattles across the valley floor, 0.01 is thrown out.
  regimes: { tooSmall: 0.0002, good: 0.0015, tooLarge: 0.003, diverging: 0.01 },
};

/** The double well: ½x² + ¼y⁴ − ½y², a saddle at the origin between minima (0, ±1) with f = −¼. */
const saddle: LossSurface = {
  name: 'saddle',
  label: 'Saddle',
  formula: 'f = ½x² + ¼y⁴ − ½y²',
  formulaTex: 'f(x, y) = \\tfrac12 x^2 + \\tfrac14 y^4 - \\tfrac12 y^2',
  value: (x, y) => 0.5 * x * x + 0.25 * y ** 4 - 0.5 * y * y,
  gradient: (x, y) => [x, y ** 3 - y],
  xDomain: [-2.5, 2.5],
  yDomain: [-2, 2],
  start: [-2.2, 0.01],
  minima: [
    [0, 1],
    [0, -1],
  ],
  minimumValue: -0.25,
  // At the minima the y-curvature is 3y² − 1 = 2: η > 1 makes y bounce around ±1; far out the quartic throws large steps away.
  regimes: { tooSmall: 0.01, good: 0.3, tooLarge: 1.3, diverging: 2.1 },
};

/** Bumpy bowl: a wide bowl plus egg-crate ripples; the global minimum at the origin and local minima around it. */
const BUMP_FREQUENCY = 2.5;
const BUMP_DEPTH = 0.6;
const BUMP_BOWL = 0.15;
const bumpy: LossSurface = {
  name: 'bumpy',
  label: 'Bumpy bowl',
  formula: 'f = 0.15(x² + y²) + 0.6(1 − cos 2.5x · cos 2.5y)',
  formulaTex: 'f(x, y) = 0.15\\,(x^2 + y^2) + 0.6\\,(1 - \\cos 2.5x\\,\\cos 2.5y)',
  value: (x, y) => BUMP_BOWL * (x * x + y * y) + BUMP_DEPTH * (1 - Math.cos(BUMP_FREQUENCY * x) * Math.cos(BUMP_FREQUENCY * y)),
  gradient: (x, y) => [
    2 * BUMP_BOWL * x + BUMP_DEPTH * BUMP_FREQUENCY * Math.sin(BUMP_FREQUENCY * x) * Math.cos(BUMP_FREQUENCY * y),
    2 * BUMP_BOWL * y + BUMP_DEPTH * BUMP_FREQUENCY * Math.cos(BUMP_FREQUENCY * x) * Math.sin(BUMP_FREQUENCY * y),
  ],
  xDomain: [-4, 4],
  yDomain: [-4, 4],
  start: [3.1, 2.6],
  minima: [[0, 0]],
  minimumValue: 0,
  // The ripples' curvature (up to ~4) makes η ≈ 1 hop between dimples; only η > 2/0.3 beats the wide bowl and diverges.
  regimes: { tooSmall: 0.005, good: 0.1, tooLarge: 1, diverging: 7.5 },
};

/** Every surface, in the order a picker lists them. */
export const LOSS_SURFACES: Readonly<Record<SurfaceName, LossSurface>> = { bowl, ravine, rosenbrock, saddle, bumpy };
export const SURFACE_NAMES: readonly SurfaceName[] = ['bowl', 'ravine', 'rosenbrock', 'saddle', 'bumpy'];

/** ‖∇f‖ at (x, y). */
export function gradientNorm(surface: LossSurface, x: number, y: number): number {
  const [gx, gy] = surface.gradient(x, y);
  return Math.hypot(gx, gy);
}

/**
 * f sampled on a `columns` × `rows` grid spanning the surface's window (cell centres excluded: the first and
 * last samples sit on the window's edges). Layout [rows, columns], row 0 at y = yDomain[0] (the bottom);
 * d3-contour reads it directly.
 */
export function sampleSurface(surface: LossSurface, columns: number, rows: number): Float64Array {
  const values = new Float64Array(columns * rows);
  const [x0, x1] = surface.xDomain;
  const [y0, y1] = surface.yDomain;
  for (let row = 0; row < rows; row++) {
    const y = y0 + ((y1 - y0) * row) / (rows - 1);
    for (let column = 0; column < columns; column++) {
      values[row * columns + column] = surface.value(x0 + ((x1 - x0) * column) / (columns - 1), y);
    }
  }
  return values;
}

/** How far outside its window (in window sizes) a point may wander before the descent counts as diverged. */
export const DIVERGENCE_WINDOWS = 1000;

/** True when f is no longer finite at the point, or the point lies more than DIVERGENCE_WINDOWS window sizes from the window. */
export function hasDiverged(surface: LossSurface, [x, y]: Point): boolean {
  if (!Number.isFinite(surface.value(x, y))) return true;
  const [x0, x1] = surface.xDomain;
  const [y0, y1] = surface.yDomain;
  return Math.abs(x - (x0 + x1) / 2) > DIVERGENCE_WINDOWS * (x1 - x0) || Math.abs(y - (y0 + y1) / 2) > DIVERGENCE_WINDOWS * (y1 - y0);
}

/** One plain gradient-descent step: (x, y) − η ∇f(x, y). */
export function gradientDescentStep(surface: LossSurface, [x, y]: Point, learningRate: number): Point {
  const [gx, gy] = surface.gradient(x, y);
  return [x - learningRate * gx, y - learningRate * gy];
}
