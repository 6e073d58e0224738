import { LOSS_SURFACES, gradientDescentStep, gradientNorm, hasDiverged, type LearningRateRegimes, type Point, type SurfaceName } from '../../core/math/loss-surfaces';

/** What a share link keeps: the surface, the start "x,y" and η. */
export interface ExplorerSettings {
  surface: SurfaceName;
  start: string;
  learningRate: number;
}

/** Learning rates the field and the slider accept. */
export const LEARNING_RATE_RULE = { label: 'Learning rate', min: 1e-5, max: 20 };
/** The slider runs over log₁₀ η from −4 to log₁₀ 20 in steps of 0.05. */
export const LOG_RATE_RANGE = { min: -4, max: Math.log10(20), step: 0.05 } as const;
/** Coordinates a start may have in a link (then clamped to the surface's window). */
export const START_LIMIT = 100;
/** Rows of the recent-steps table. */
export const RECENT_ROWS = 6;
/** Most path points kept; beyond it every second one is dropped (the newest stays). */
export const MAX_PATH_POINTS = 2000;

export const REGIME_OPTIONS: ReadonlyArray<{ regime: keyof LearningRateRegimes; label: string }> = [
  { regime: 'tooSmall', label: 'Too small' },
  { regime: 'good', label: 'Good' },
  { regime: 'tooLarge', label: 'Too large' },
  { regime: 'diverging', label: 'Diverging' },
];

/** A start as link text, "x,y" with at most 4 decimals. */
export function formatStart([x, y]: Point): string {
  const format = (value: number) => String(Math.round(value * 1e4) / 1e4);
  return `${format(x)},${format(y)}`;
}

/** Reads "x,y" (two finite numbers within ±START_LIMIT); null when it is not that. */
export function parseStart(text: string): Point | null {
  const parts = text.split(',');
  if (parts.length !== 2 || parts.some((part) => part.trim() === '')) return null;
  const [x, y] = parts.map(Number);
  if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > START_LIMIT || Math.abs(y) > START_LIMIT) return null;
  return [x, y];
}

/** The point clamped into the surface's window. */
export function clampToWindow(surfaceName: SurfaceName, [x, y]: Point): Point {
  const { xDomain, yDomain } = LOSS_SURFACES[surfaceName];
  return [Math.min(xDomain[1], Math.max(xDomain[0], x)), Math.min(yDomain[1], Math.max(yDomain[0], y))];
}

/** The start the settings describe, clamped to the window (the surface's own start when the text is unusable). */
export function startOf(settings: ExplorerSettings): Point {
  const parsed = parseStart(settings.start);
  return parsed ? clampToWindow(settings.surface, parsed) : LOSS_SURFACES[settings.surface].start;
}

/** The settings a surface opens with: its default start and its "good" learning rate. */
export function surfaceDefaults(surface: SurfaceName): ExplorerSettings {
  return { surface, start: formatStart(LOSS_SURFACES[surface].start), learningRate: LOSS_SURFACES[surface].regimes.good };
}

/** One row of the recent-steps table. */
export interface StepRecord {
  step: number;
  x: number;
  y: number;
  f: number;
  gradientNorm: number;
}

/** A descent in progress: where it is, where it has been, and whether it blew up. */
export interface Descent {
  step: number;
  point: Point;
  /** Positions from the start (thinned past MAX_PATH_POINTS; the newest last). */
  path: Point[];
  /** The newest RECENT_ROWS records, oldest first. */
  recent: StepRecord[];
  diverged: boolean;
}

function recordAt(surfaceName: SurfaceName, step: number, [x, y]: Point): StepRecord {
  const surface = LOSS_SURFACES[surfaceName];
  return { step, x, y, f: surface.value(x, y), gradientNorm: gradientNorm(surface, x, y) };
}

/** A descent standing at `start`, step 0. */
export function createDescent(surfaceName: SurfaceName, start: Point): Descent {
  return { step: 0, point: start, path: [start], recent: [recordAt(surfaceName, 0, start)], diverged: false };
}

/**
 * One step of plain gradient descent, w ← w − η ∇f(w). A step that leaves f non-finite or runs far out of
 * the window (see `hasDiverged`) marks the descent diverged; a diverged descent does not move.
 */
export function stepDescent(descent: Descent, surfaceName: SurfaceName, learningRate: number): Descent {
  if (descent.diverged) return descent;
  const surface = LOSS_SURFACES[surfaceName];
  const point = gradientDescentStep(surface, descent.point, learningRate);
  const step = descent.step + 1;
  const path = [...descent.path, point];
  const thinned = path.length > MAX_PATH_POINTS ? path.filter((_, i) => i % 2 === 0 || i === path.length - 1) : path;
  return {
    step,
    point,
    path: thinned,
    recent: [...descent.recent, recordAt(surfaceName, step, point)].slice(-RECENT_ROWS),
    diverged: hasDiverged(surface, point),
  };
}

/** The regime whose preset equals η, if any (the preset buttons show which one is active). */
export function activeRegime(surfaceName: SurfaceName, learningRate: number): keyof LearningRateRegimes | null {
  const regimes = LOSS_SURFACES[surfaceName].regimes;
  return REGIME_OPTIONS.find(({ regime }) => regimes[regime] === learningRate)?.regime ?? null;
}

/** A number for the table: 4 significant digits, exponents for huge or tiny values. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '−∞' : 'NaN';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e5 || magnitude < 1e-3)) return value.toExponential(2).replace('-', '−');
  return Number(value.toPrecision(4)).toString().replace('-', '−');
}
