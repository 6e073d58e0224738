/*
 * Turning a drawing into an MNIST-style 28×28 input, the way MNIST itself was made (LeCun et al.):
 * the ink's bounding box is scaled, preserving its aspect ratio and anti-aliased, so that its longer
 * side is 20 px, then placed in a 28×28 field so that its centre of mass lands at the centre.
 * Also: rasterizing pen strokes (lists of points) with a soft round brush, so a drawing pad's
 * pixels are computed without a canvas.
 */

/** Side of the MNIST image. */
export const DIGIT_SIZE = 28;
/** Longer side of the ink's bounding box after scaling. */
export const DIGIT_BOX = 20;
/** Index coordinates (column, row) where the centre of mass is put. */
export const DIGIT_CENTRE = 14;
/** Pixels at or below this value do not count as ink for the bounding box. */
const INK_THRESHOLD = 0.02;

/** A grayscale image, row-major, one value per pixel (0 background … 1 full ink). */
export interface GrayImage {
  values: ArrayLike<number>;
  width: number;
  height: number;
}

/** Inclusive bounding box of the pixels above the ink threshold, or null when there are none. */
export function inkBounds(image: GrayImage): { left: number; top: number; right: number; bottom: number } | null {
  const { values, width, height } = image;
  let left = width;
  let top = height;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (values[y * width + x] > INK_THRESHOLD) {
        if (x < left) left = x;
        if (x > right) right = x;
        if (y < top) top = y;
        bottom = y;
      }
    }
  }
  return right < 0 ? null : { left, top, right, bottom };
}

/**
 * Centre of mass (Σ v·x / Σ v, Σ v·y / Σ v) in index coordinates (pixel (0, 0) is at (0, 0)), or
 * null when the image has no mass.
 */
export function centreOfMass(image: GrayImage): { x: number; y: number } | null {
  const { values, width, height } = image;
  let mass = 0;
  let sumX = 0;
  let sumY = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = values[y * width + x];
      mass += v;
      sumX += v * x;
      sumY += v * y;
    }
  }
  return mass > 0 ? { x: sumX / mass, y: sumY / mass } : null;
}

/**
 * Resamples the box [left, left + boxWidth) × [top, top + boxHeight) of `image` (continuous pixel
 * coordinates) to outWidth × outHeight. Shrinking averages the source pixels each output pixel
 * covers, weighted by the covered area (a box filter: anti-aliased, no pixel skipped); enlarging
 * samples bilinearly at output pixel centres. Outside the image counts as 0.
 */
function resampleBox(image: GrayImage, left: number, top: number, boxWidth: number, boxHeight: number, outWidth: number, outHeight: number): Float32Array {
  const out = new Float32Array(outWidth * outHeight);
  const stepX = boxWidth / outWidth;
  const stepY = boxHeight / outHeight;
  const { values, width, height } = image;
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= width || y >= height ? 0 : values[y * width + x]);
  if (stepX >= 1 && stepY >= 1) {
    for (let oy = 0; oy < outHeight; oy++) {
      const y0 = top + oy * stepY;
      const y1 = y0 + stepY;
      for (let ox = 0; ox < outWidth; ox++) {
        const x0 = left + ox * stepX;
        const x1 = x0 + stepX;
        let sum = 0;
        for (let y = Math.floor(y0); y < y1; y++) {
          const coverY = Math.min(y + 1, y1) - Math.max(y, y0);
          if (coverY <= 0) continue;
          for (let x = Math.floor(x0); x < x1; x++) {
            const coverX = Math.min(x + 1, x1) - Math.max(x, x0);
            if (coverX > 0) sum += coverX * coverY * at(x, y);
          }
        }
        out[oy * outWidth + ox] = sum / (stepX * stepY);
      }
    }
    return out;
  }
  for (let oy = 0; oy < outHeight; oy++) {
    const sy = top + (oy + 0.5) * stepY - 0.5;
    const y = Math.floor(sy);
    const fy = sy - y;
    for (let ox = 0; ox < outWidth; ox++) {
      const sx = left + (ox + 0.5) * stepX - 0.5;
      const x = Math.floor(sx);
      const fx = sx - x;
      out[oy * outWidth + ox] = (1 - fy) * ((1 - fx) * at(x, y) + fx * at(x + 1, y)) + fy * ((1 - fx) * at(x, y + 1) + fx * at(x + 1, y + 1));
    }
  }
  return out;
}

/**
 * MNIST-style preprocessing of a grayscale drawing of any size (ink 0..1, background 0):
 * 1. crop the bounding box of the ink (pixels > 0.02);
 * 2. scale it by s = 20 / max(box width, box height), preserving the aspect ratio and anti-aliased,
 *    to round(s·w) × round(s·h) pixels (so the longer side is 20 px);
 * 3. paste it into a 28×28 image shifted by whole pixels so that its centre of mass (index
 *    coordinates) is as close as possible to (14, 14); what falls outside is dropped.
 * Returns 784 values in 0..1 (row-major), or null when nothing is drawn.
 */
export function preprocessDigit(image: GrayImage): Float32Array | null {
  if (image.values.length !== image.width * image.height) throw new Error(`expected ${image.width * image.height} values, got ${image.values.length}`);
  const bounds = inkBounds(image);
  if (!bounds) return null;
  const boxWidth = bounds.right - bounds.left + 1;
  const boxHeight = bounds.bottom - bounds.top + 1;
  const scale = DIGIT_BOX / Math.max(boxWidth, boxHeight);
  const outWidth = Math.max(1, Math.min(DIGIT_BOX, Math.round(boxWidth * scale)));
  const outHeight = Math.max(1, Math.min(DIGIT_BOX, Math.round(boxHeight * scale)));
  const scaled = resampleBox(image, bounds.left, bounds.top, boxWidth, boxHeight, outWidth, outHeight);
  for (let i = 0; i < scaled.length; i++) scaled[i] = Math.min(1, Math.max(0, scaled[i]));
  const centre = centreOfMass({ values: scaled, width: outWidth, height: outHeight });
  if (!centre) return null;
  const shiftX = Math.round(DIGIT_CENTRE - centre.x);
  const shiftY = Math.round(DIGIT_CENTRE - centre.y);
  const result = new Float32Array(DIGIT_SIZE * DIGIT_SIZE);
  for (let y = 0; y < outHeight; y++) {
    const ty = y + shiftY;
    if (ty < 0 || ty >= DIGIT_SIZE) continue;
    for (let x = 0; x < outWidth; x++) {
      const tx = x + shiftX;
      if (tx >= 0 && tx < DIGIT_SIZE) result[ty * DIGIT_SIZE + tx] = scaled[y * outWidth + x];
    }
  }
  return result;
}

/** A point of a pen stroke, in 0..1 coordinates of the drawing area (x to the right, y down). */
export interface StrokePoint {
  x: number;
  y: number;
}

/** A round brush: full ink within `radius`, fading linearly to none at `radius + softness` (both in 0..1 units of the area's side). */
export interface Brush {
  radius: number;
  softness: number;
}

/** The drawing pad's brush: a pen stroke about 7 % of the pad wide with soft edges. */
export const PEN_BRUSH: Brush = { radius: 0.03, softness: 0.02 };

/**
 * Paints the segment a → b (a single dot when a = b) into a size × size grayscale raster, in place:
 * each pixel becomes max(old, ink(d)), d = distance from the pixel centre to the segment,
 * ink(d) = clamp((radius + softness − d) / softness, 0, 1). Only the segment's neighbourhood is visited.
 */
export function paintSegment(raster: Float32Array, size: number, a: StrokePoint, b: StrokePoint, brush: Brush = PEN_BRUSH): void {
  const ax = a.x * size;
  const ay = a.y * size;
  const bx = b.x * size;
  const by = b.y * size;
  const inner = brush.radius * size;
  const soft = Math.max(brush.softness * size, 1e-6);
  const outer = inner + soft;
  const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - outer));
  const x1 = Math.min(size - 1, Math.ceil(Math.max(ax, bx) + outer));
  const y0 = Math.max(0, Math.floor(Math.min(ay, by) - outer));
  const y1 = Math.min(size - 1, Math.ceil(Math.max(ay, by) + outer));
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  for (let y = y0; y <= y1; y++) {
    const py = y + 0.5;
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5;
      const t = lengthSquared > 0 ? Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / lengthSquared)) : 0;
      const ex = px - (ax + t * dx);
      const ey = py - (ay + t * dy);
      const distance = Math.sqrt(ex * ex + ey * ey);
      if (distance >= outer) continue;
      const ink = Math.min(1, (outer - distance) / soft);
      const index = y * size + x;
      if (ink > raster[index]) raster[index] = ink;
    }
  }
}

/** Rasterizes whole strokes (each a polyline; one point is a dot) into a fresh size × size image. */
export function rasterizeStrokes(strokes: readonly (readonly StrokePoint[])[], size: number, brush: Brush = PEN_BRUSH): Float32Array {
  const raster = new Float32Array(size * size);
  for (const stroke of strokes) {
    stroke.forEach((point, i) => paintSegment(raster, size, i === 0 ? point : stroke[i - 1], point, brush));
  }
  return raster;
}
