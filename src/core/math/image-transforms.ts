import { createSeededRandom } from '../random/seeded-random';

/*
 * The nuisances that change an image's pixels without changing what it shows: scale, rotation, an elastic
 * warp (Simard et al., 2003), an occluding patch, brightness and contrast. Pure functions on square
 * grayscale images (row-major, 0 background … 1 full ink), such as 28×28 MNIST digits.
 */

/** What fills an occluding patch: background (black), mid gray or full ink (white). */
export type PatchFill = 'black' | 'gray' | 'white';

export const PATCH_FILL_VALUES: Record<PatchFill, number> = { black: 0, gray: 0.5, white: 1 };

/** Every nuisance at once; the identity is scale 1, rotation 0, warp 0, patch size 0, brightness 0, contrast 1. */
export interface Nuisances {
  /** Zoom about the image centre (1: unchanged, 0.5: half size). */
  scale: number;
  /** Rotation about the image centre in degrees, counter-clockwise on screen. */
  rotationDegrees: number;
  /** Root-mean-square displacement of the elastic warp, in pixels (0: none). */
  warpStrength: number;
  /** Standard deviation, in pixels, of the Gaussian that smooths the warp's random field (larger: smoother, broader bends). */
  warpSmoothness: number;
  /** Seed of the warp's random field. */
  warpSeed: number;
  /** Centre of the occluding patch, pixel coordinates (column, row). */
  patchX: number;
  patchY: number;
  /** Side of the (square) patch in pixels (0: no patch). */
  patchSize: number;
  patchFill: PatchFill;
  /** Added to every pixel after contrast. */
  brightness: number;
  /** Multiplies each pixel's distance from mid gray 0.5. */
  contrast: number;
}

export const IDENTITY_NUISANCES: Nuisances = {
  scale: 1,
  rotationDegrees: 0,
  warpStrength: 0,
  warpSmoothness: 4,
  warpSeed: 1,
  patchX: 14,
  patchY: 14,
  patchSize: 0,
  patchFill: 'black',
  brightness: 0,
  contrast: 1,
};

/** A displacement field: how far (in pixels) each output pixel looks away from where it would otherwise sample. */
export interface DisplacementField {
  dx: Float32Array;
  dy: Float32Array;
}

/** Separable Gaussian blur of a size × size field (σ in pixels; edges clamp). */
function gaussianBlur(values: Float32Array, size: number, sigma: number): Float32Array {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const kernel = new Float32Array(2 * radius + 1);
  let total = 0;
  for (let i = -radius; i <= radius; i++) {
    kernel[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
    total += kernel[i + radius];
  }
  for (let i = 0; i < kernel.length; i++) kernel[i] /= total;
  const clampIndex = (i: number) => Math.min(size - 1, Math.max(0, i));
  const rows = new Float32Array(values.length);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let sum = 0;
      for (let k = -radius; k <= radius; k++) sum += kernel[k + radius] * values[y * size + clampIndex(x + k)];
      rows[y * size + x] = sum;
    }
  }
  const out = new Float32Array(values.length);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let sum = 0;
      for (let k = -radius; k <= radius; k++) sum += kernel[k + radius] * rows[clampIndex(y + k) * size + x];
      out[y * size + x] = sum;
    }
  }
  return out;
}

/**
 * A smooth random displacement field for a size × size image (Simard et al.'s elastic distortion):
 * uniform noise in [−1, 1] per pixel and per axis, drawn from `seed`, blurred by a Gaussian of standard
 * deviation `smoothness` pixels, then scaled so that its root-mean-square length √(mean(dx² + dy²)) is 1.
 * Multiply by the strength to get displacements in pixels. Same seed and smoothness ⇒ same field.
 */
export function elasticField(size: number, smoothness: number, seed: number): DisplacementField {
  const random = createSeededRandom(seed);
  const noise = (): Float32Array => Float32Array.from({ length: size * size }, () => random() * 2 - 1);
  const rawX = noise();
  const rawY = noise();
  const sigma = Math.max(0.1, smoothness);
  const dx = gaussianBlur(rawX, size, sigma);
  const dy = gaussianBlur(rawY, size, sigma);
  let sumSquares = 0;
  for (let i = 0; i < dx.length; i++) sumSquares += dx[i] * dx[i] + dy[i] * dy[i];
  const rms = Math.sqrt(sumSquares / dx.length);
  if (rms > 0) {
    for (let i = 0; i < dx.length; i++) {
      dx[i] /= rms;
      dy[i] /= rms;
    }
  }
  return { dx, dy };
}

/** Bilinear sample of a size × size image at continuous index coordinates (x, y); 0 outside. */
export function sampleBilinear(image: Float32Array, size: number, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const at = (col: number, row: number) => (col < 0 || row < 0 || col >= size || row >= size ? 0 : image[row * size + col]);
  return (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x0 + 1, y0)) + fy * ((1 - fx) * at(x0, y0 + 1) + fx * at(x0 + 1, y0 + 1));
}

/**
 * Applies the geometric nuisances by inverse mapping: output pixel p (relative to the centre c = (size − 1)/2)
 * samples the input bilinearly at c + R(−θ)·p / scale + strength·field(p), with R the rotation by θ (counter-clockwise
 * on screen, where y points down). Outside the input counts as background 0.
 */
export function warpImage(
  image: Float32Array,
  size: number,
  nuisances: Pick<Nuisances, 'scale' | 'rotationDegrees' | 'warpStrength'>,
  field: DisplacementField | null,
): Float32Array {
  const out = new Float32Array(size * size);
  const centre = (size - 1) / 2;
  const theta = (nuisances.rotationDegrees * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const inverseScale = 1 / nuisances.scale;
  const strength = field ? nuisances.warpStrength : 0;
  for (let row = 0; row < size; row++) {
    const py = row - centre;
    for (let col = 0; col < size; col++) {
      const px = col - centre;
      // Screen rotation counter-clockwise by θ with y down: inverse is (x, y) ↦ (x cos θ − y sin θ, x sin θ + y cos θ).
      let sx = centre + (px * cos - py * sin) * inverseScale;
      let sy = centre + (px * sin + py * cos) * inverseScale;
      if (strength !== 0 && field) {
        sx += strength * field.dx[row * size + col];
        sy += strength * field.dy[row * size + col];
      }
      out[row * size + col] = sampleBilinear(image, size, sx, sy);
    }
  }
  return out;
}

/**
 * The patch's pixel rectangle [left, right) × [top, bottom): a patchSize-wide square centred on
 * (patchX, patchY), clipped to the image; empty when patchSize is 0.
 */
export function patchRectangle(size: number, nuisances: Pick<Nuisances, 'patchX' | 'patchY' | 'patchSize'>): { left: number; top: number; right: number; bottom: number } {
  const side = Math.max(0, Math.round(nuisances.patchSize));
  const left = Math.round(nuisances.patchX - side / 2);
  const top = Math.round(nuisances.patchY - side / 2);
  return {
    left: Math.max(0, Math.min(size, left)),
    top: Math.max(0, Math.min(size, top)),
    right: Math.max(0, Math.min(size, left + side)),
    bottom: Math.max(0, Math.min(size, top + side)),
  };
}

/**
 * Every nuisance in order: geometry (scale, rotation, elastic warp), then the occluding patch, then lighting:
 * v ↦ clamp(0.5 + contrast·(v − 0.5) + brightness, 0, 1). Returns a new image; `field` is the warp's unit field
 * (elasticField), needed only when warpStrength ≠ 0.
 */
export function applyNuisances(image: Float32Array, size: number, nuisances: Nuisances, field: DisplacementField | null): Float32Array {
  if (image.length !== size * size) throw new Error(`expected ${size * size} pixels, got ${image.length}`);
  const geometric = nuisances.scale !== 1 || nuisances.rotationDegrees !== 0 || (nuisances.warpStrength !== 0 && field !== null);
  const out = geometric ? warpImage(image, size, nuisances, field) : image.slice();
  const patch = patchRectangle(size, nuisances);
  const fill = PATCH_FILL_VALUES[nuisances.patchFill];
  for (let row = patch.top; row < patch.bottom; row++) for (let col = patch.left; col < patch.right; col++) out[row * size + col] = fill;
  const { contrast, brightness } = nuisances;
  for (let i = 0; i < out.length; i++) out[i] = Math.min(1, Math.max(0, 0.5 + contrast * (out[i] - 0.5) + brightness));
  return out;
}
