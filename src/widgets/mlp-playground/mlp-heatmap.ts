/*
 * Colours of the playground's heatmaps, as pure functions writing RGBA pixels: a signed value between two colours
 * (TF Playground's orange for negative, blue for positive, a neutral in between), and K classes as the winning
 * class's colour shaded by confidence.
 */

export type Rgb = readonly [number, number, number];

export interface HeatmapPalette {
  /** Negative values and class 0 of two (orange). */
  negative: Rgb;
  /** Positive values and class 1 of two (blue). */
  positive: Rgb;
  /** Zero, or no confidence at all: the page's surface. */
  neutral: Rgb;
  /** One colour per class when there are more than two (class 0 and 1 are `negative` and `positive`). */
  classes: readonly Rgb[];
}

/**
 * How far a heatmap goes towards a full colour: points drawn on top of it keep the saturated colours (and
 * their outlines) to themselves.
 */
export const HEATMAP_STRENGTH = 0.72;
/** The colour strength of a discretized (decided) region. */
export const DISCRETE_STRENGTH = 0.55;

/** #rrggbb or #rgb (and rgb(r, g, b)) as [r, g, b]; `fallback` when the text is neither. */
export function parseColor(text: string, fallback: Rgb): Rgb {
  const value = text.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value);
  if (hex) {
    const digits = hex[1].length === 3 ? [...hex[1]].map((d) => d + d).join('') : hex[1];
    return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as unknown as Rgb;
  }
  const rgb = /^rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/i.exec(value);
  return rgb ? [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])] : fallback;
}

/** neutral + t · (target − neutral), t in [0, 1], written to `out` at `offset` with full opacity. */
function writeMix(out: Uint8ClampedArray, offset: number, neutral: Rgb, target: Rgb, t: number): void {
  out[offset] = neutral[0] + (target[0] - neutral[0]) * t;
  out[offset + 1] = neutral[1] + (target[1] - neutral[1]) * t;
  out[offset + 2] = neutral[2] + (target[2] - neutral[2]) * t;
  out[offset + 3] = 255;
}

/** The colour of class k of K: orange and blue for two classes, then the palette's own. */
export function classColor(palette: HeatmapPalette, classIndex: number, classCount: number): Rgb {
  if (classCount <= 2) return classIndex === 0 ? palette.negative : palette.positive;
  return palette.classes[classIndex % palette.classes.length];
}

/**
 * Signed values: v/scale clipped to [-1, 1]; negative towards orange, positive towards blue, by |v|/scale
 * (times HEATMAP_STRENGTH). Discretized: every non-zero value gets its side's colour at DISCRETE_STRENGTH.
 * Values are read at `values[start + i·stride]` (one column of a row-major [n, stride] array). NaN is neutral.
 */
export function paintSigned(
  values: ArrayLike<number>,
  count: number,
  scale: number,
  palette: HeatmapPalette,
  out: Uint8ClampedArray,
  { discretize = false, stride = 1, start = 0 }: { discretize?: boolean; stride?: number; start?: number } = {},
): void {
  const safeScale = scale > 0 && Number.isFinite(scale) ? scale : 1;
  for (let i = 0; i < count; i++) {
    const v = values[start + i * stride] / safeScale;
    const t = Number.isFinite(v) ? Math.min(1, Math.abs(v)) : 0;
    const strength = discretize ? (t > 0 ? DISCRETE_STRENGTH : 0) : t * HEATMAP_STRENGTH;
    writeMix(out, 4 * i, palette.neutral, v < 0 ? palette.negative : palette.positive, strength);
  }
}

/** softmax(z)_k = e^{z_k − max z} / Σ_j e^{z_j − max z} of every row of row-major logits [n, K], in place into `out`. */
export function softmaxRows(logits: ArrayLike<number>, classCount: number, out: Float32Array = new Float32Array(logits.length)): Float32Array {
  const rows = Math.floor(logits.length / classCount);
  for (let n = 0; n < rows; n++) {
    let max = -Infinity;
    for (let k = 0; k < classCount; k++) max = Math.max(max, logits[n * classCount + k]);
    let sum = 0;
    for (let k = 0; k < classCount; k++) sum += out[n * classCount + k] = Math.exp(logits[n * classCount + k] - max);
    for (let k = 0; k < classCount; k++) out[n * classCount + k] /= sum;
  }
  return out;
}

/**
 * K-class probabilities [n, K]: each pixel takes the winning class's colour, as strong as the confidence beyond
 * a uniform guess, (p_max − 1/K) / (1 − 1/K), times HEATMAP_STRENGTH; discretized: the winner at DISCRETE_STRENGTH.
 */
export function paintClasses(probabilities: ArrayLike<number>, classCount: number, palette: HeatmapPalette, out: Uint8ClampedArray, discretize = false): void {
  const rows = Math.floor(probabilities.length / classCount);
  for (let n = 0; n < rows; n++) {
    let winner = 0;
    for (let k = 1; k < classCount; k++) if (probabilities[n * classCount + k] > probabilities[n * classCount + winner]) winner = k;
    const confidence = (probabilities[n * classCount + winner] - 1 / classCount) / (1 - 1 / classCount);
    const strength = discretize ? DISCRETE_STRENGTH : Math.max(0, Math.min(1, confidence)) * HEATMAP_STRENGTH;
    writeMix(out, 4 * n, palette.neutral, classColor(palette, winner, classCount), Number.isFinite(strength) ? strength : 0);
  }
}

/**
 * One class's probability column of [n, K]: neutral at 0, the class's colour at 1 (an output node's heatmap when
 * there are more than two classes).
 */
export function paintClassProbability(probabilities: ArrayLike<number>, classCount: number, classIndex: number, palette: HeatmapPalette, out: Uint8ClampedArray): void {
  const rows = Math.floor(probabilities.length / classCount);
  const color = classColor(palette, classIndex, classCount);
  for (let n = 0; n < rows; n++) writeMix(out, 4 * n, palette.neutral, color, Math.max(0, Math.min(1, probabilities[n * classCount + classIndex])) * HEATMAP_STRENGTH);
}

/** Largest |value| of one column of a row-major [n, stride] array (1 when all are 0 or none is finite). */
export function columnMagnitude(values: ArrayLike<number>, count: number, stride = 1, start = 0): number {
  let max = 0;
  for (let i = 0; i < count; i++) {
    const v = Math.abs(values[start + i * stride]);
    if (Number.isFinite(v) && v > max) max = v;
  }
  return max > 0 ? max : 1;
}

/** Fraction of the plane each class wins (argmax of each row of [n, K]; for one signed column, class 1 where v > 0). */
export function classShares(values: ArrayLike<number>, classCount: number, signed: boolean): number[] {
  const shares = new Array<number>(classCount).fill(0);
  if (signed) {
    for (let i = 0; i < values.length; i++) shares[values[i] > 0 ? 1 : 0]++;
    return shares.map((count) => (values.length > 0 ? count / values.length : 0));
  }
  const rows = Math.floor(values.length / classCount);
  for (let n = 0; n < rows; n++) {
    let winner = 0;
    for (let k = 1; k < classCount; k++) if (values[n * classCount + k] > values[n * classCount + winner]) winner = k;
    shares[winner]++;
  }
  return shares.map((count) => (rows > 0 ? count / rows : 0));
}

/** How a hidden unit's values are coloured: tanh in [-1, 1]; sigmoid in [0, 1] around 0.5; ReLU and linear by their own largest |value|. */
export type ActivationRange = 'tanh' | 'sigmoid' | 'relu' | 'linear';

/**
 * One unit's values (column `start` of a row-major [n, stride] array): tanh as they are (scale 1), sigmoid as
 * 2v − 1, ReLU and linear divided by their largest |value| (so their shape shows whatever their size).
 */
export function paintActivation(
  values: ArrayLike<number>,
  count: number,
  stride: number,
  start: number,
  activation: ActivationRange,
  palette: HeatmapPalette,
  out: Uint8ClampedArray,
): void {
  if (activation === 'sigmoid') {
    const centred = new Float32Array(count);
    for (let i = 0; i < count; i++) centred[i] = 2 * values[start + i * stride] - 1;
    paintSigned(centred, count, 1, palette, out);
    return;
  }
  const scale = activation === 'tanh' ? 1 : columnMagnitude(values, count, stride, start);
  paintSigned(values, count, scale, palette, out, { stride, start });
}
