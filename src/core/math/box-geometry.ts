/**
 * Boxes and masks on small square images (28×28 here): shifting an image, the ink mask and its tight box, the
 * intersection over union (IoU) of two boxes or two masks. The arithmetic behind a detection/segmentation sketch; pure, no DOM.
 */
import { createSeededRandom } from '../random/seeded-random';

/** An axis-aligned box in pixel-edge coordinates: it covers columns x0 ≤ x < x1 and rows y0 ≤ y < y1. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A pixel offset (dx to the right, dy down). */
export interface Offset {
  dx: number;
  dy: number;
}

/**
 * The image moved by (dx, dy) whole pixels: out(r, c) = image(r − dy, c − dx), 0 where that falls outside.
 */
export function shiftImage(image: ArrayLike<number>, side: number, dx: number, dy: number): Float32Array {
  const out = new Float32Array(side * side);
  for (let r = 0; r < side; r++) {
    const sr = r - dy;
    if (sr < 0 || sr >= side) continue;
    for (let c = 0; c < side; c++) {
      const sc = c - dx;
      if (sc >= 0 && sc < side) out[r * side + c] = image[sr * side + sc];
    }
  }
  return out;
}

/** The pixels strictly above `threshold` (1) and the others (0): the ink of a digit at the default 0.2. */
export function thresholdMask(values: ArrayLike<number>, threshold = 0.2): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let p = 0; p < values.length; p++) out[p] = values[p] > threshold ? 1 : 0;
  return out;
}

/** The smallest box holding every set pixel of a side×side mask, or null when the mask is empty. */
export function tightBox(mask: ArrayLike<number>, side: number): Box | null {
  let x0 = side;
  let y0 = side;
  let x1 = -1;
  let y1 = -1;
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      if (!mask[r * side + c]) continue;
      if (c < x0) x0 = c;
      if (c > x1) x1 = c;
      if (r < y0) y0 = r;
      if (r > y1) y1 = r;
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/** A box's area (0 when it is empty or inverted). */
export function boxArea(box: Box): number {
  return Math.max(0, box.x1 - box.x0) * Math.max(0, box.y1 - box.y0);
}

/** IoU(a, b) = area(a ∩ b) / area(a ∪ b), in [0, 1]; 0 when both are empty or either is null. */
export function boxIoU(a: Box | null, b: Box | null): number {
  if (!a || !b) return 0;
  const intersection = boxArea({ x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) });
  const union = boxArea(a) + boxArea(b) - intersection;
  return union > 0 ? intersection / union : 0;
}

/** IoU of two 0/1 masks of the same size: |a ∧ b| / |a ∨ b|; 0 when both are empty. */
export function maskIoU(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`Masks differ in size: ${a.length} and ${b.length}`);
  let both = 0;
  let either = 0;
  for (let p = 0; p < a.length; p++) {
    const x = a[p] ? 1 : 0;
    const y = b[p] ? 1 : 0;
    both += x & y;
    either += x | y;
  }
  return either > 0 ? both / either : 0;
}

/**
 * A box cleaned for display and scoring: coordinates clamped to [0, side] and ordered (x0 ≤ x1, y0 ≤ y1), as a
 * regressed box's four free numbers need not be.
 */
export function clampBox(box: Box, side: number): Box {
  const clamp = (value: number) => Math.min(side, Math.max(0, value));
  const [x0, x1] = [clamp(box.x0), clamp(box.x1)].sort((p, q) => p - q);
  const [y0, y1] = [clamp(box.y0), clamp(box.y1)].sort((p, q) => p - q);
  return { x0, y0, x1, y1 };
}

/**
 * A seeded random shift that keeps the box inside the side×side frame: dx uniform among the whole numbers in
 * [max(−limit, −box.x0), min(limit, side − box.x1)], dy likewise. An empty image (box null) moves by up to ±limit.
 */
export function randomShift(box: Box | null, side: number, limit: number, random: () => number): Offset {
  const pick = (lo: number, hi: number) => (hi < lo ? 0 : lo + Math.min(hi - lo, Math.floor(random() * (hi - lo + 1))));
  if (!box) return { dx: pick(-limit, limit), dy: pick(-limit, limit) };
  return { dx: pick(Math.max(-limit, -box.x0), Math.min(limit, side - box.x1)), dy: pick(Math.max(-limit, -box.y0), Math.min(limit, side - box.y1)) };
}

/** The shift of image `index` for a seed: the same (seed, index) always gives the same offset. */
export function seededShift(box: Box | null, side: number, limit: number, seed: number, index: number): Offset {
  return randomShift(box, side, limit, createSeededRandom((Math.imul(seed >>> 0, 2_654_435_761) ^ Math.imul(index + 1, 40_503)) >>> 0));
}
