import { applyNuisances, IDENTITY_NUISANCES, type DisplacementField, type Nuisances, type PatchFill } from '../../core/math/image-transforms';
import { forwardPass, softmaxOf } from '../../core/nn/forward-pass';
import type { NetworkParameters, NetworkSpec } from '../../core/nn/network-spec';
import { choiceSetting, numberSetting, type SettingsSchema } from '../../core/url/shared-settings';

/*
 * The nuisance explorer's logic: its settings (all in the share link), a raw-pixel k-nearest-neighbour
 * classifier, the CNN's answer through the plain-JS forward pass, and the "how often does each break" study.
 */

export type ExplorerDataset = 'mnist' | 'fashion-mnist';

export const DATASET_OPTIONS: ReadonlyArray<{ value: ExplorerDataset; label: string }> = [
  { value: 'mnist', label: 'MNIST digits' },
  { value: 'fashion-mnist', label: 'Fashion-MNIST' },
];

export const PATCH_FILL_OPTIONS: ReadonlyArray<{ value: PatchFill; label: string }> = [
  { value: 'black', label: 'Black' },
  { value: 'gray', label: 'Gray' },
  { value: 'white', label: 'White' },
];

/** Side of the images. */
export const IMAGE_SIDE = 28;
/** Neighbours that vote in the nearest-neighbour classifier. */
export const NEIGHBOURS = 10;

/** Limits of every numeric setting (sliders, typed fields and share links all use them). */
export const LIMITS = {
  index: { label: 'Image number', min: 0, max: 9_999, integer: true },
  scale: { label: 'Scale', min: 0.4, max: 1.6 },
  rotation: { label: 'Rotation', min: -180, max: 180, integer: true },
  warp: { label: 'Warp strength', min: 0, max: 4 },
  smoothness: { label: 'Warp smoothness', min: 1, max: 8 },
  warpSeed: { label: 'Warp seed', min: 1, max: 1_000_000, integer: true },
  patchX: { label: 'Patch column', min: 0, max: 27, integer: true },
  patchY: { label: 'Patch row', min: 0, max: 27, integer: true },
  patchSize: { label: 'Patch size', min: 0, max: 20, integer: true },
  brightness: { label: 'Brightness', min: -1, max: 1 },
  contrast: { label: 'Contrast', min: 0, max: 3 },
  studyCount: { label: 'Images in the study', min: 20, max: 1_000, integer: true },
} as const;

/** Everything a share link keeps: `?nuisance.dataset=mnist&nuisance.index=7&nuisance.rotation=30…`. */
export interface ExplorerSettings {
  dataset: ExplorerDataset;
  index: number;
  scale: number;
  rotation: number;
  warp: number;
  smoothness: number;
  warpSeed: number;
  patchX: number;
  patchY: number;
  patchSize: number;
  patchFill: PatchFill;
  brightness: number;
  contrast: number;
  studyCount: number;
}

export const DEFAULT_SETTINGS: ExplorerSettings = {
  dataset: 'mnist',
  index: 0,
  scale: 1,
  rotation: 0,
  warp: 0,
  smoothness: IDENTITY_NUISANCES.warpSmoothness,
  warpSeed: 1,
  patchX: 14,
  patchY: 14,
  patchSize: 0,
  patchFill: 'black',
  brightness: 0,
  contrast: 1,
  studyCount: 200,
};

export const SETTINGS_SCHEMA: SettingsSchema<ExplorerSettings> = {
  dataset: choiceSetting(
    'Dataset',
    DATASET_OPTIONS.map((option) => option.value),
  ),
  index: numberSetting(LIMITS.index),
  scale: numberSetting(LIMITS.scale),
  rotation: numberSetting(LIMITS.rotation),
  warp: numberSetting(LIMITS.warp),
  smoothness: numberSetting(LIMITS.smoothness),
  warpSeed: numberSetting(LIMITS.warpSeed),
  patchX: numberSetting(LIMITS.patchX),
  patchY: numberSetting(LIMITS.patchY),
  patchSize: numberSetting(LIMITS.patchSize),
  patchFill: choiceSetting(
    'Patch colour',
    PATCH_FILL_OPTIONS.map((option) => option.value),
  ),
  brightness: numberSetting(LIMITS.brightness),
  contrast: numberSetting(LIMITS.contrast),
  studyCount: numberSetting(LIMITS.studyCount),
};

/** The transform the settings describe. */
export function nuisancesOf(settings: ExplorerSettings): Nuisances {
  return {
    scale: settings.scale,
    rotationDegrees: settings.rotation,
    warpStrength: settings.warp,
    warpSmoothness: settings.smoothness,
    warpSeed: settings.warpSeed,
    patchX: settings.patchX,
    patchY: settings.patchY,
    patchSize: settings.patchSize,
    patchFill: settings.patchFill,
    brightness: settings.brightness,
    contrast: settings.contrast,
  };
}

/** Whether the settings change any pixel. */
export function isIdentity(settings: ExplorerSettings): boolean {
  return settings.scale === 1 && settings.rotation === 0 && settings.warp === 0 && settings.patchSize === 0 && settings.brightness === 0 && settings.contrast === 1;
}

/** The transform in words, e.g. "rotated 30°, scaled ×0.8, a 6-pixel black patch" ("no change" for the identity). */
export function describeTransform(settings: ExplorerSettings): string {
  const parts: string[] = [];
  if (settings.scale !== 1) parts.push(`scaled ×${formatNumber(settings.scale, 2)}`);
  if (settings.rotation !== 0) parts.push(`rotated ${settings.rotation}°`);
  if (settings.warp !== 0) parts.push(`warped by ${formatNumber(settings.warp, 1)} px (smoothness ${formatNumber(settings.smoothness, 1)}, seed ${settings.warpSeed})`);
  if (settings.patchSize > 0) parts.push(`a ${settings.patchSize}-pixel ${settings.patchFill} patch at column ${settings.patchX}, row ${settings.patchY}`);
  if (settings.contrast !== 1) parts.push(`contrast ×${formatNumber(settings.contrast, 2)}`);
  if (settings.brightness !== 0) parts.push(`brightness ${settings.brightness > 0 ? '+' : '−'}${formatNumber(Math.abs(settings.brightness), 2)}`);
  return parts.length ? parts.join(', ') : 'no change';
}

/** Rounds to at most `digits` decimals, without trailing zeros. */
export function formatNumber(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}

/** Images as the dataset loader gives them: [count, 28, 28] uint8 0..255, labels [count]. */
export interface ImageSet {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

/** Image `index` of a set as 784 values in 0..1. */
export function imageAt(set: ImageSet, index: number): Float32Array {
  const pixels = IMAGE_SIDE * IMAGE_SIDE;
  if (!Number.isInteger(index) || index < 0 || index >= set.count) throw new Error(`image ${index} is not in 0–${set.count - 1}`);
  const out = new Float32Array(pixels);
  const offset = index * pixels;
  for (let i = 0; i < pixels; i++) out[i] = set.images[offset + i] / 255;
  return out;
}

/** A classifier's answer: one score per class (summing to 1), the top class and its score. */
export interface ClassScores {
  scores: Float32Array;
  top: number;
  confidence: number;
}

/** One of the nearest reference images. */
export interface Neighbour {
  index: number;
  label: number;
  /** Squared L2 distance in 0..1 pixel units, Σ (qᵢ − rᵢ)². */
  distanceSquared: number;
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** A reference set in sparse form: per image, its non-zero pixels (positions and values) and its squared norm. */
interface SparseMemory {
  /** Image n's non-zero pixels are entries starts[n] … starts[n + 1] − 1. */
  starts: Uint32Array;
  positions: Uint16Array;
  values: Float32Array;
  /** |r|² in 0..255 units. */
  norms: Float64Array;
}

const sparseCache = new WeakMap<Uint8Array, { count: number; sparse: SparseMemory }>();

/** The reference images as sparse vectors (built once per image array; digits are ~80 % zeros). */
function sparseMemory(memory: ImageSet): SparseMemory {
  const cached = sparseCache.get(memory.images);
  if (cached && cached.count === memory.count) return cached.sparse;
  const pixels = IMAGE_SIDE * IMAGE_SIDE;
  const { images, count } = memory;
  let nonZero = 0;
  for (let i = 0; i < count * pixels; i++) if (images[i] !== 0) nonZero++;
  const sparse: SparseMemory = { starts: new Uint32Array(count + 1), positions: new Uint16Array(nonZero), values: new Float32Array(nonZero), norms: new Float64Array(count) };
  let entry = 0;
  for (let n = 0; n < count; n++) {
    sparse.starts[n] = entry;
    let norm = 0;
    for (let i = 0; i < pixels; i++) {
      const value = images[n * pixels + i];
      if (value === 0) continue;
      sparse.positions[entry] = i;
      sparse.values[entry] = value;
      norm += value * value;
      entry++;
    }
    sparse.norms[n] = norm;
  }
  sparse.starts[count] = entry;
  sparseCache.set(memory.images, { count, sparse });
  return sparse;
}

/**
 * k-nearest-neighbour classification on raw pixels: the k reference images with the smallest squared L2
 * distance d² = Σᵢ (qᵢ − rᵢ)² = |q|² − 2 q·r + |r|² (pixels in 0..1) vote; score of class c = (votes for c) / k.
 * Ties between classes go to the class of the nearest neighbour among them. The references are kept as sparse
 * vectors (only their ink), so a query against 6,000 images takes a few ms.
 */
export function nearestNeighbours(query: Float32Array, memory: ImageSet, classCount: number, k = NEIGHBOURS): ClassScores & { neighbours: Neighbour[] } {
  const pixels = IMAGE_SIDE * IMAGE_SIDE;
  if (query.length !== pixels) throw new Error(`expected ${pixels} pixels, got ${query.length}`);
  if (memory.count === 0) throw new Error('the reference set is empty');
  const wanted = Math.min(k, memory.count);
  const scaled = new Float32Array(pixels);
  let queryNorm = 0;
  for (let i = 0; i < pixels; i++) {
    scaled[i] = query[i] * 255;
    queryNorm += scaled[i] * scaled[i];
  }
  const { starts, positions, values, norms } = sparseMemory(memory);
  // The best `wanted` so far, sorted by distance (in 0..255 units, squared).
  const bestDistance = new Float64Array(wanted).fill(Infinity);
  const bestIndex = new Int32Array(wanted).fill(-1);
  for (let n = 0; n < memory.count; n++) {
    let dot = 0;
    for (let e = starts[n]; e < starts[n + 1]; e++) dot += scaled[positions[e]] * values[e];
    const distance = Math.max(0, queryNorm - 2 * dot + norms[n]);
    if (distance >= bestDistance[wanted - 1]) continue;
    let slot = wanted - 1;
    while (slot > 0 && bestDistance[slot - 1] > distance) {
      bestDistance[slot] = bestDistance[slot - 1];
      bestIndex[slot] = bestIndex[slot - 1];
      slot--;
    }
    bestDistance[slot] = distance;
    bestIndex[slot] = n;
  }
  const neighbours: Neighbour[] = Array.from(bestIndex, (index, i) => ({ index, label: memory.labels[index], distanceSquared: bestDistance[i] / (255 * 255) }));
  const scores = new Float32Array(classCount);
  for (const neighbour of neighbours) scores[neighbour.label] += 1 / wanted;
  const topVotes = Math.max(...scores);
  const top = neighbours.find((neighbour) => scores[neighbour.label] === topVotes)!.label;
  return { scores, top, confidence: scores[top], neighbours };
}

/** A trained network as the CNN panel needs it. */
export interface ClassifierNetwork {
  network: NetworkSpec;
  parameters: NetworkParameters;
}

/** The network's class probabilities (softmax of its outputs) for one 28×28 image in 0..1. */
export function classifyWithNetwork(model: ClassifierNetwork, image: Float32Array): ClassScores {
  const { outputs } = forwardPass(model.network, model.parameters, image);
  const scores = softmaxOf(outputs);
  const top = argmax(scores);
  return { scores, top, confidence: scores[top] };
}

/** Counts of the study: correct answers of each classifier on the originals and on the transformed images. */
export interface StudyTally {
  /** Images counted in full (original and transformed). */
  done: number;
  /** Whether image `done`'s original has been classified already (its transformed copy is next). */
  halfway: boolean;
  total: number;
  knnBefore: number;
  knnAfter: number;
  cnnBefore: number;
  cnnAfter: number;
  /** Whether the CNN took part (it is left out while its model is not loaded). */
  withCnn: boolean;
}

export const emptyTally = (total: number, withCnn: boolean): StudyTally => ({ done: 0, halfway: false, total, knnBefore: 0, knnAfter: 0, cnnBefore: 0, cnnAfter: 0, withCnn });

/** What the study needs: test images, the neighbour memory, the transform (with its warp field) and optionally the CNN. */
export interface StudyInputs {
  test: ImageSet;
  memory: ImageSet;
  classCount: number;
  nuisances: Nuisances;
  field: DisplacementField | null;
  model: ClassifierNetwork | null;
}

/**
 * Classifies test image `tally.done` with both classifiers, first the original (one call), then the transformed
 * copy (the next call, which completes the image), and returns the updated tally. One call is a small unit of work
 * (a few ms): callers run calls until a time budget is spent, then yield to the browser.
 */
export function studyStep(tally: StudyTally, inputs: StudyInputs): StudyTally {
  if (tally.done >= tally.total) return tally;
  const index = tally.done;
  const label = inputs.test.labels[index];
  const original = imageAt(inputs.test, index);
  const image = tally.halfway ? applyNuisances(original, IMAGE_SIDE, inputs.nuisances, inputs.field) : original;
  const next = tally.halfway ? { ...tally, done: index + 1, halfway: false } : { ...tally, halfway: true };
  const knnRight = nearestNeighbours(image, inputs.memory, inputs.classCount).top === label ? 1 : 0;
  const cnnRight = tally.withCnn && inputs.model && classifyWithNetwork(inputs.model, image).top === label ? 1 : 0;
  if (tally.halfway) {
    next.knnAfter += knnRight;
    next.cnnAfter += cnnRight;
  } else {
    next.knnBefore += knnRight;
    next.cnnBefore += cnnRight;
  }
  return next;
}

/** "93.5 %" (one decimal), or "–" for no images. */
export function formatAccuracy(correct: number, total: number): string {
  return total > 0 ? `${((100 * correct) / total).toFixed(1)} %` : '–';
}
