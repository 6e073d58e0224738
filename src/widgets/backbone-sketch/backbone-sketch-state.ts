/**
 * State of the backbone sketch: its settings and share-link schema, the shifted images and their ink boxes, the
 * frozen feature map pooled to a small grid (the box head's input), the coarse mask from a class-activation map, and
 * the scores (IoU) of the regressed box, of the CAM's box and of a trivial baseline. No React, no DOM.
 */
import { boxIoU, clampBox, seededShift, shiftImage, thresholdMask, tightBox, type Box, type Offset } from '../../core/math/box-geometry';
import { upsampleAligned, type UnitGrid } from '../../core/math/feature-map-placement';
import { predictRidge } from '../../core/math/ridge-regression';
import { choiceSetting, numberSetting, type SettingsSchema } from '../../core/url/shared-settings';

export const SIDE = 28;
export const IMAGE_SIZE = SIDE * SIDE;
/** A pixel is ink when its value (0..1) is above this. */
export const INK_THRESHOLD = 0.2;
/** Largest shift, pixels, in each direction (less where the ink would leave the frame). */
export const MAX_SHIFT = 4;
/** Shifted training images the box head is fitted on, and held-out shifted test images it is scored on. */
export const TRAIN_COUNT = 800;
export const EVAL_COUNT = 200;
/** Images per feature read-out from the engine. */
export const FEATURE_BATCH = 100;
/** Fixed seeds of the training and evaluation shifts (the fit does not depend on the image shown). */
export const TRAIN_SEED = 101;
export const EVAL_SEED = 202;
/** Test images loaded; training images loaded. */
export const TEST_IMAGES = 1000;
/** The pooled feature dimension stays at or below this (the solve is a d×d Cholesky). */
export const MAX_FEATURES = 300;
/** Box head targets: x0, y0, x1, y1. */
export const BOX_TARGETS = 4;

export type BackboneModel = 'lenet5-mnist' | 'fashion-cnn';
export const MODEL_OPTIONS: ReadonlyArray<{ value: BackboneModel; label: string }> = [
  { value: 'lenet5-mnist', label: 'LeNet-5 on MNIST' },
  { value: 'fashion-cnn', label: 'Small CNN on Fashion-MNIST' },
];
export const datasetOf = (model: BackboneModel) => (model === 'lenet5-mnist' ? 'mnist' : 'fashion-mnist');

export interface BackboneSettings {
  model: BackboneModel;
  /** Test image number (0-based). */
  index: number;
  /** Seed of the shown image's shift. */
  shift: number;
  /** The mask keeps pixels whose upsampled CAM exceeds this fraction of its maximum. */
  threshold: number;
  /** Ridge penalty per example: W = (XᵀX + λ·N·I)⁻¹ XᵀY. */
  lambda: number;
}

export const LIMITS = {
  index: { label: 'Test image number', min: 0, max: TEST_IMAGES - 1, integer: true },
  shift: { label: 'Shift seed', min: 1, max: 9999, integer: true },
  threshold: { label: 'Mask threshold (fraction of the CAM’s max)', min: 0.05, max: 0.95, integer: false },
  lambda: { label: 'Ridge penalty λ', min: 0.0001, max: 100, integer: false },
} as const;

export const DEFAULT_SETTINGS: BackboneSettings = { model: 'lenet5-mnist', index: 0, shift: 1, threshold: 0.2, lambda: 0.01 };

export const SETTINGS_SCHEMA: SettingsSchema<BackboneSettings> = {
  model: choiceSetting(
    'Network',
    MODEL_OPTIONS.map((option) => option.value),
  ),
  index: numberSetting(LIMITS.index),
  shift: numberSetting(LIMITS.shift),
  threshold: numberSetting(LIMITS.threshold),
  lambda: numberSetting(LIMITS.lambda),
};

/** Class colours for the mask (RGB), one per class, distinct on a grey image. */
export const CLASS_COLORS: ReadonlyArray<readonly [number, number, number]> = [
  [31, 119, 180],
  [255, 127, 14],
  [44, 160, 44],
  [214, 39, 40],
  [148, 103, 189],
  [140, 86, 75],
  [227, 119, 194],
  [23, 190, 207],
  [188, 189, 34],
  [255, 187, 120],
];

/** A test or training image as float pixels 0..1. */
export function imageAt(images: Uint8Array, index: number): Float32Array {
  const out = new Float32Array(IMAGE_SIZE);
  for (let p = 0; p < IMAGE_SIZE; p++) out[p] = images[index * IMAGE_SIZE + p] / 255;
  return out;
}

/** One image moved by its seeded shift, with the shift and the ink box after the move. */
export interface ShiftedExample {
  image: Float32Array;
  offset: Offset;
  box: Box | null;
}

/** Image `index` shifted by the offset that (seed, index) draws (within ±MAX_SHIFT, keeping the ink in frame). */
export function shiftedExample(images: Uint8Array, index: number, seed: number): ShiftedExample {
  const original = imageAt(images, index);
  const offset = seededShift(tightBox(thresholdMask(original, INK_THRESHOLD), SIDE), SIDE, MAX_SHIFT, seed, index);
  const image = shiftImage(original, SIDE, offset.dx, offset.dy);
  return { image, offset, box: tightBox(thresholdMask(image, INK_THRESHOLD), SIDE) };
}

/**
 * Images first, first + 1, …, first + count − 1 shifted by their seeded offsets: inputs [count, 784] for the
 * engine and ink boxes [count, 4] (x0, y0, x1, y1; an empty image gets the whole frame).
 */
export function shiftedBatch(images: Uint8Array, first: number, count: number, seed: number): { inputs: Float32Array; boxes: Float32Array } {
  const inputs = new Float32Array(count * IMAGE_SIZE);
  const boxes = new Float32Array(count * BOX_TARGETS);
  for (let i = 0; i < count; i++) {
    const example = shiftedExample(images, first + i, seed);
    inputs.set(example.image, i * IMAGE_SIZE);
    const box = example.box ?? { x0: 0, y0: 0, x1: SIDE, y1: SIDE };
    boxes.set([box.x0, box.y0, box.x1, box.y1], i * BOX_TARGETS);
  }
  return { inputs, boxes };
}

/** The pooling grid g for a feature map with c channels: the largest g ≤ min(h, w) with g²·c ≤ MAX_FEATURES (at least 1). */
export function poolGrid(height: number, width: number, channels: number): number {
  let grid = 1;
  while (grid + 1 <= Math.min(height, width) && (grid + 1) * (grid + 1) * channels <= MAX_FEATURES) grid++;
  return grid;
}

/** Feature dimension of the box head: g²·c pooled activations plus one intercept. */
export const featureCount = (grid: number, channels: number) => grid * grid * channels + 1;

/**
 * Adaptive average pooling of `count` feature maps [count, h, w, c] (channels last) to a g×g grid per channel, each
 * row followed by a constant 1 (the intercept): cell (a, b) averages positions with ⌊r·g/h⌋ = a and ⌊q·g/w⌋ = b.
 * Returns [count, g·g·c + 1].
 */
export function poolFeatures(values: ArrayLike<number>, count: number, height: number, width: number, channels: number, grid: number): Float64Array {
  const d = featureCount(grid, channels);
  const out = new Float64Array(count * d);
  const cells = new Float64Array(grid * grid);
  for (let r = 0; r < height; r++) for (let q = 0; q < width; q++) cells[Math.floor((r * grid) / height) * grid + Math.floor((q * grid) / width)]++;
  const mapSize = height * width * channels;
  for (let n = 0; n < count; n++) {
    const base = n * mapSize;
    const row = n * d;
    for (let r = 0; r < height; r++) {
      const a = Math.floor((r * grid) / height);
      for (let q = 0; q < width; q++) {
        const cell = a * grid + Math.floor((q * grid) / width);
        const source = base + (r * width + q) * channels;
        const target = row + cell * channels;
        for (let k = 0; k < channels; k++) out[target + k] += values[source + k];
      }
    }
    for (let cell = 0; cell < grid * grid; cell++) for (let k = 0; k < channels; k++) out[row + cell * channels + k] /= cells[cell];
    out[row + d - 1] = 1;
  }
  return out;
}

/**
 * The coarse mask from a CAM: the map laid over the 28×28 image where its units sit (see {@link unitGrid}), and the
 * pixels above threshold·max (none when the max is 0).
 */
export function camMask(cam: ArrayLike<number>, height: number, width: number, threshold: number, grid: UnitGrid): { heat: Float32Array; mask: Uint8Array; max: number } {
  const heat = upsampleAligned(cam, height, width, SIDE, grid.first, grid.jump);
  let max = 0;
  for (const value of heat) if (value > max) max = value;
  const mask = new Uint8Array(IMAGE_SIZE);
  if (max > 0) for (let p = 0; p < IMAGE_SIZE; p++) mask[p] = heat[p] > threshold * max ? 1 : 0;
  return { heat, mask, max };
}

/** A box from four numbers (x0, y0, x1, y1) at `offset`. */
export const boxOf = (values: ArrayLike<number>, offset = 0): Box => ({ x0: values[offset], y0: values[offset + 1], x1: values[offset + 2], y1: values[offset + 3] });

/** The box head's box for one feature row: ŷ = xᵀW, clamped to the frame and ordered. */
export function regressedBox(weights: ArrayLike<number>, features: ArrayLike<number>, d: number, row = 0): Box {
  return clampBox(boxOf(predictRidge(weights, features, d, BOX_TARGETS, row * d)), SIDE);
}

/** The mean of `count` boxes [count, 4]: the trivial detector that predicts it for every image. */
export function meanBox(boxes: ArrayLike<number>, count: number): Box {
  const sums = [0, 0, 0, 0];
  for (let i = 0; i < count; i++) for (let k = 0; k < BOX_TARGETS; k++) sums[k] += boxes[i * BOX_TARGETS + k];
  return boxOf(sums.map((sum) => sum / Math.max(1, count)));
}

/** Mean IoU of predicted boxes against true boxes (both lists the same length); 0 for none. */
export function meanIoU(predicted: ReadonlyArray<Box | null>, truth: ReadonlyArray<Box | null>): number {
  if (predicted.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < predicted.length; i++) sum += boxIoU(predicted[i], truth[i]);
  return sum / predicted.length;
}

/** "0.823" for an IoU; "–" when unknown. */
export const formatIoU = (value: number | null) => (value === null || !Number.isFinite(value) ? '–' : value.toFixed(3));

/** "12 ms", "3.4 s". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** "(+2, −3) px" for a shift. */
export const formatOffset = (offset: Offset) => `(${offset.dx >= 0 ? '+' : '−'}${Math.abs(offset.dx)}, ${offset.dy >= 0 ? '+' : '−'}${Math.abs(offset.dy)}) px`;

/** "x 3–17, y 5–24" for a box, one decimal where it is fractional. */
export function formatBox(box: Box | null): string {
  if (!box) return 'none';
  const f = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
  return `x ${f(box.x0)}–${f(box.x1)}, y ${f(box.y0)}–${f(box.y1)}`;
}

/** The index of the largest value (the first on ties). */
export function argmax(values: ArrayLike<number>, offset = 0, length = values.length - offset): number {
  let best = 0;
  for (let i = 1; i < length; i++) if (values[offset + i] > values[offset + best]) best = i;
  return best;
}

/** The grey image with a 0/1 mask painted over it in `color` at opacity 0.55, as RGBA. */
export function maskOverlayRgba(image: ArrayLike<number>, mask: ArrayLike<number>, color: readonly [number, number, number], out: Uint8ClampedArray): void {
  for (let p = 0; p < image.length; p++) {
    const grey = Math.round(Math.min(1, Math.max(0, image[p])) * 255);
    const alpha = mask[p] ? 0.55 : 0;
    for (let k = 0; k < 3; k++) out[4 * p + k] = Math.round(grey * (1 - alpha) + color[k] * alpha);
    out[4 * p + 3] = 255;
  }
}
