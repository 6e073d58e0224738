import { changedCells, pool2d, shiftPlane, type PlaneMap, type PoolingKind } from '../../core/math/pooling';
import type { NumberInputRule } from '../../core/validation/parse-number-input';

export type PoolingSource = 'mnist' | 'fashion-mnist' | 'pattern';

/** What the learner sets (and a share link keeps). `image` is 1-based; the shift is in pixels, right and down positive. */
export interface PoolingLabSettings {
  source: PoolingSource;
  image: number;
  kind: PoolingKind;
  size: number;
  stride: number;
  dx: number;
  dy: number;
}

export const DEFAULT_SETTINGS: PoolingLabSettings = { source: 'mnist', image: 1, kind: 'max', size: 2, stride: 2, dx: 0, dy: 0 };

export const SOURCE_OPTIONS: ReadonlyArray<{ value: PoolingSource; label: string }> = [
  { value: 'mnist', label: 'MNIST digit' },
  { value: 'fashion-mnist', label: 'Fashion-MNIST item' },
  { value: 'pattern', label: 'Synthetic pattern' },
];

export const KIND_OPTIONS: ReadonlyArray<{ value: PoolingKind; label: string }> = [
  { value: 'max', label: 'Max' },
  { value: 'average', label: 'Average' },
  { value: 'l2', label: 'L2 norm' },
];

/** The pooling formula of each kind, in LaTeX (the window W holds n = size² values). */
export const KIND_LATEX: Record<PoolingKind, string> = {
  max: 'y = \\max_{i \\in W} x_i',
  average: 'y = \\frac{1}{n} \\sum_{i \\in W} x_i',
  l2: 'y = \\sqrt{\\frac{1}{n} \\sum_{i \\in W} x_i^2}',
};

/** Largest shift either way: beyond it most of a 28×28 digit has left the frame. */
export const MAX_SHIFT = 8;

export const SETTING_RULES = {
  image: { label: 'Test image', min: 1, max: 10_000, integer: true },
  size: { label: 'Window size', min: 1, max: 8, integer: true },
  stride: { label: 'Stride', min: 1, max: 8, integer: true },
  dx: { label: 'Shift right', min: -MAX_SHIFT, max: MAX_SHIFT, integer: true },
  dy: { label: 'Shift down', min: -MAX_SHIFT, max: MAX_SHIFT, integer: true },
} satisfies Record<string, NumberInputRule>;

/** Side of every image here (MNIST, Fashion-MNIST and the pattern). */
export const IMAGE_SIDE = 28;

/**
 * A 28×28 synthetic pattern in 0..1: a bright square outline, a diagonal stroke and a small blob, so that max,
 * average and L2 pooling all differ.
 */
export function syntheticPattern(): PlaneMap {
  const side = IMAGE_SIDE;
  const values = new Float32Array(side * side);
  const set = (row: number, column: number, value: number) => {
    if (row >= 0 && row < side && column >= 0 && column < side) values[row * side + column] = Math.max(values[row * side + column], value);
  };
  for (let i = 5; i <= 14; i += 1) {
    set(5, i, 1);
    set(14, i, 1);
    set(i, 5, 1);
    set(i, 14, 1);
  }
  for (let i = 0; i < 10; i += 1) {
    set(16 + i, 4 + i, 0.9);
    set(16 + i, 5 + i, 0.45);
  }
  for (let row = 17; row <= 23; row += 1) {
    for (let column = 18; column <= 24; column += 1) {
      const distance = Math.hypot(row - 20, column - 21);
      set(row, column, Math.max(0, 1 - distance / 3.5));
    }
  }
  return { values, height: side, width: side };
}

/** Image `index` (0-based) of a split with layout [count, 28, 28] (uint8) as a 0..1 map. */
export function imageFromSplit(images: Uint8Array, index: number, side = IMAGE_SIDE): PlaneMap {
  const offset = index * side * side;
  const values = new Float32Array(side * side);
  for (let i = 0; i < values.length; i += 1) values[i] = images[offset + i] / 255;
  return { values, height: side, width: side };
}

/** Everything the widget draws for one image and setting. */
export interface PoolingLabView {
  shifted: PlaneMap;
  pooledShifted: PlaneMap;
  pooledOriginal: PlaneMap;
  /** Pooled cells that differ between the shifted and the unshifted input. */
  changedPooled: { mask: Uint8Array; count: number };
  /** Input pixels the shift changed. */
  changedInput: number;
  /** Values before pooling (H·W) and after (H′·W′). */
  valuesBefore: number;
  valuesAfter: number;
  /** Set when the window does not fit the image. */
  problem: string | null;
}

/** Pools the shifted and the unshifted image and compares them cell by cell. */
export function computePoolingView(image: PlaneMap, settings: PoolingLabSettings): PoolingLabView {
  const pooling = { kind: settings.kind, size: settings.size, stride: settings.stride };
  const shifted = shiftPlane(image, settings.dx, settings.dy);
  const pooledShifted = pool2d(shifted, pooling);
  const pooledOriginal = pool2d(image, pooling);
  const changedPooled = changedCells(pooledShifted, pooledOriginal);
  return {
    shifted,
    pooledShifted,
    pooledOriginal,
    changedPooled,
    changedInput: changedCells(shifted, image).count,
    valuesBefore: image.height * image.width,
    valuesAfter: pooledShifted.height * pooledShifted.width,
    problem: pooledShifted.height === 0 ? `A ${settings.size}×${settings.size} window does not fit a ${image.height}×${image.width} image.` : null,
  };
}

/** The settings after the learner presses an arrow: the shift moves one pixel, within ±MAX_SHIFT. */
export function shiftBy(settings: PoolingLabSettings, direction: 'left' | 'right' | 'up' | 'down'): PoolingLabSettings {
  const clamp = (value: number) => Math.max(-MAX_SHIFT, Math.min(MAX_SHIFT, value));
  const step = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] }[direction];
  return { ...settings, dx: clamp(settings.dx + step[0]), dy: clamp(settings.dy + step[1]) };
}

/** The arrow key's direction, or null for other keys. */
export function directionOfKey(key: string): 'left' | 'right' | 'up' | 'down' | null {
  return ({ ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' } as const)[key as 'ArrowLeft'] ?? null;
}

/** The shift in words: "not shifted", "1 px right", "2 px left and 1 px up". */
export function describeShift(dx: number, dy: number): string {
  const parts = [];
  if (dx !== 0) parts.push(`${Math.abs(dx)} px ${dx > 0 ? 'right' : 'left'}`);
  if (dy !== 0) parts.push(`${Math.abs(dy)} px ${dy > 0 ? 'down' : 'up'}`);
  return parts.length === 0 ? 'not shifted' : `shifted ${parts.join(' and ')}`;
}

/** Percentage with no more than one decimal: 0.0612 → "6.1%". */
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(1))}%`;
}
