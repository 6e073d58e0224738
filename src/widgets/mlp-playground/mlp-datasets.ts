import { createSeededRandom, gaussian, type RandomSource } from '../../core/random/seeded-random';

/*
 * The playground's data sets, after TensorFlow Playground's generators (dataset.ts there): points in the plane
 * [-6, 6]², within radius ~5 of the origin, with a class (classification) or a value in [-1, 1] (regression).
 * Every generator is seeded: the same seed, count and noise give the same points.
 */

/** Half the side of the square the playground shows: x₁, x₂ ∈ [-PLANE_RADIUS, PLANE_RADIUS]. */
export const PLANE_RADIUS = 6;

/** Most classes a classification data set may have. */
export const MAX_CLASSES = 4;

export type ClassificationDataset = 'circle' | 'xor' | 'gauss' | 'spiral';
export type RegressionDataset = 'plane' | 'multi-gauss';
/** 'custom' is the learner's own drawing (for either problem type). */
export type DatasetId = ClassificationDataset | RegressionDataset | 'custom';
export type ProblemType = 'classification' | 'regression';

/**
 * One point: `label` is the class index 0…K−1 for classification (class 1 is "positive", blue, in the binary
 * case), or the target value in [-1, 1] for regression.
 */
export interface DataPoint {
  x: number;
  y: number;
  label: number;
}

export const CLASSIFICATION_DATASETS: readonly ClassificationDataset[] = ['circle', 'xor', 'gauss', 'spiral'];
export const REGRESSION_DATASETS: readonly RegressionDataset[] = ['plane', 'multi-gauss'];
export const DATASET_IDS: readonly DatasetId[] = [...CLASSIFICATION_DATASETS, ...REGRESSION_DATASETS, 'custom'];

export const DATASET_LABELS: Readonly<Record<DatasetId, string>> = {
  circle: 'Circle',
  xor: 'Exclusive or',
  gauss: 'Gaussian clusters',
  spiral: 'Spiral',
  plane: 'Plane',
  'multi-gauss': 'Multiple Gaussians',
  custom: 'Draw your own',
};

/** The problem a built-in data set poses; 'custom' serves both. */
export function datasetProblem(dataset: DatasetId): ProblemType | null {
  if (dataset === 'custom') return null;
  return (REGRESSION_DATASETS as readonly string[]).includes(dataset) ? 'regression' : 'classification';
}

/** The data sets offered for a problem type, in picker order (the drawing last). */
export function datasetsFor(problem: ProblemType): DatasetId[] {
  return [...(problem === 'classification' ? CLASSIFICATION_DATASETS : REGRESSION_DATASETS), 'custom'];
}

/** Whether a data set can have more than two classes (XOR is two-class by definition; regression has none). */
export function supportsManyClasses(dataset: DatasetId): boolean {
  return dataset === 'circle' || dataset === 'gauss' || dataset === 'spiral' || dataset === 'custom';
}

/** Uniform in [a, b). */
function uniform(random: RandomSource, a: number, b: number): number {
  return a + random() * (b - a);
}

/** Linear map of `value` from [d0, d1] to [r0, r1], optionally clamped to the range (d3.scaleLinear as TF Playground uses it). */
function rescale(value: number, [d0, d1]: [number, number], [r0, r1]: [number, number], clamp = false): number {
  let t = (value - d0) / (d1 - d0);
  if (clamp) t = Math.max(0, Math.min(1, t));
  return r0 + t * (r1 - r0);
}

/**
 * Circle: for two classes TF Playground's (radius 5): half the points at r ∈ [0, 2.5] (class 1), half at
 * r ∈ [3.5, 5] (class 0); a point's class is decided after its noise (x + noise·U(−5, 5), the same for y), by
 * r < 2.5. For K > 2 classes: K rings of width 5/K (class k is ring k from the centre, with a gap of a fifth
 * of a ring between rings), classed by the ring its noisy radius falls in.
 */
function circle(count: number, noise: number, classes: number, random: RandomSource): DataPoint[] {
  const radius = 5;
  const points: DataPoint[] = [];
  const noisy = (x: number, y: number) => [x + uniform(random, -radius, radius) * noise, y + uniform(random, -radius, radius) * noise];
  if (classes === 2) {
    const add = (rMin: number, rMax: number) => {
      const r = uniform(random, rMin, rMax);
      const angle = uniform(random, 0, 2 * Math.PI);
      const [x, y] = noisy(r * Math.sin(angle), r * Math.cos(angle));
      points.push({ x: r * Math.sin(angle), y: r * Math.cos(angle), label: Math.hypot(x, y) < radius * 0.5 ? 1 : 0 });
    };
    for (let i = 0; i < count / 2; i++) add(0, radius * 0.5);
    for (let i = 0; i < count / 2; i++) add(radius * 0.7, radius);
    return points;
  }
  const band = radius / classes;
  for (let i = 0; i < count; i++) {
    const ring = i % classes;
    const r = uniform(random, ring * band + (ring === 0 ? 0 : band * 0.1), (ring + 1) * band - band * 0.1);
    const angle = uniform(random, 0, 2 * Math.PI);
    const [x, y] = noisy(r * Math.sin(angle), r * Math.cos(angle));
    points.push({ x: r * Math.sin(angle), y: r * Math.cos(angle), label: Math.min(classes - 1, Math.floor(Math.hypot(x, y) / band)) });
  }
  return points;
}

/**
 * Exclusive or (TF Playground's): x, y ~ U(−5, 5) pushed 0.3 away from the axes; class 1 when
 * (x + noise·U(−5, 5)) · (y + noise·U(−5, 5)) ≥ 0, else class 0. Two classes only.
 */
function xor(count: number, noise: number, random: RandomSource): DataPoint[] {
  const padding = 0.3;
  return Array.from({ length: count }, () => {
    let x = uniform(random, -5, 5);
    x += x > 0 ? padding : -padding;
    let y = uniform(random, -5, 5);
    y += y > 0 ? padding : -padding;
    const noiseX = uniform(random, -5, 5) * noise;
    const noiseY = uniform(random, -5, 5) * noise;
    return { x, y, label: (x + noiseX) * (y + noiseY) >= 0 ? 1 : 0 };
  });
}

/**
 * Gaussian clusters: each class a normal cloud whose variance grows with the noise, σ² = 0.5 + 7·noise (TF
 * Playground's scale from [0, 0.5] to [0.5, 4]). Two classes sit at (2, 2) (class 1) and (−2, −2) (class 0), as
 * there; K > 2 classes at radius 3, angles 45° + k·360°/K.
 */
function gauss(count: number, noise: number, classes: number, random: RandomSource): DataPoint[] {
  const std = Math.sqrt(rescale(noise, [0, 0.5], [0.5, 4]));
  const centres: Array<[number, number]> =
    classes === 2
      ? [
          [-2, -2],
          [2, 2],
        ]
      : Array.from({ length: classes }, (_, k) => {
          const angle = Math.PI / 4 + (2 * Math.PI * k) / classes;
          return [3 * Math.cos(angle), 3 * Math.sin(angle)];
        });
  return Array.from({ length: count }, (_, i) => {
    const label = i % classes;
    const [cx, cy] = centres[label];
    return { x: gaussian(random, cx, std), y: gaussian(random, cy, std), label };
  });
}

/**
 * Spiral (TF Playground's, generalised to K arms): arm k has points i = 0…n−1 at radius r = 5i/n and angle
 * t = 1.75 · 2π · i/n + 2πk/K, plus noise·U(−1, 1) on each coordinate. For two arms, arm 0 (angle offset 0) is
 * class 1 and arm 1 (offset π) class 0, as in TF Playground.
 */
function spiral(count: number, noise: number, classes: number, random: RandomSource): DataPoint[] {
  const perArm = Math.max(1, Math.floor(count / classes));
  const points: DataPoint[] = [];
  for (let arm = 0; arm < classes; arm++) {
    const deltaT = (2 * Math.PI * arm) / classes;
    const label = classes === 2 ? 1 - arm : arm;
    for (let i = 0; i < perArm; i++) {
      const r = (i / perArm) * 5;
      const t = ((1.75 * i) / perArm) * 2 * Math.PI + deltaT;
      points.push({ x: r * Math.sin(t) + uniform(random, -1, 1) * noise, y: r * Math.cos(t) + uniform(random, -1, 1) * noise, label });
    }
  }
  return points;
}

/** Plane (regression, TF Playground's): x, y ~ U(−6, 6); value (x + y)/10 of the noisy point, clamped to [-1, 1]. */
function plane(count: number, noise: number, random: RandomSource): DataPoint[] {
  const radius = PLANE_RADIUS;
  return Array.from({ length: count }, () => {
    const x = uniform(random, -radius, radius);
    const y = uniform(random, -radius, radius);
    const noiseX = uniform(random, -radius, radius) * noise;
    const noiseY = uniform(random, -radius, radius) * noise;
    return { x, y, label: Math.max(-1, Math.min(1, rescale(x + noiseX + y + noiseY, [-10, 10], [-1, 1]))) };
  });
}

/** The six signed bumps of TF Playground's "multiple Gaussians" regression: centre x, centre y, sign. */
const BUMPS: ReadonlyArray<readonly [number, number, number]> = [
  [-4, 2.5, 1],
  [0, 2.5, -1],
  [4, 2.5, 1],
  [-4, -2.5, -1],
  [0, -2.5, 1],
  [4, -2.5, -1],
];

/**
 * The value of the multiple-Gaussians surface at (x, y): of the six bumps, the one with the largest
 * |sign · (1 − d/2)| (d the distance to its centre, the factor clamped to [0, 1]) wins; 0 far from all of them.
 */
export function multiGaussValue(x: number, y: number): number {
  let value = 0;
  for (const [cx, cy, sign] of BUMPS) {
    const candidate = sign * rescale(Math.hypot(x - cx, y - cy), [0, 2], [1, 0], true);
    if (Math.abs(candidate) > Math.abs(value)) value = candidate;
  }
  return value;
}

/** Multiple Gaussians (regression, TF Playground's): x, y ~ U(−6, 6), value of the surface at the noisy point. */
function multiGauss(count: number, noise: number, random: RandomSource): DataPoint[] {
  const radius = PLANE_RADIUS;
  return Array.from({ length: count }, () => {
    const x = uniform(random, -radius, radius);
    const y = uniform(random, -radius, radius);
    const noiseX = uniform(random, -radius, radius) * noise;
    const noiseY = uniform(random, -radius, radius) * noise;
    return { x, y, label: multiGaussValue(x + noiseX, y + noiseY) };
  });
}

export interface GenerateOptions {
  dataset: Exclude<DatasetId, 'custom'>;
  /** Number of points (whole, ≥ 1). */
  count: number;
  /** Noise as a fraction, 0 … 0.5 (the slider's 0–50 %). */
  noise: number;
  /** Classes for the data sets that allow more than two (see supportsManyClasses); others ignore it. */
  classes: number;
  seed: number;
}

/** The points of a built-in data set (in generation order; see splitTrainTest). */
export function generateDataset({ dataset, count, noise, classes, seed }: GenerateOptions): DataPoint[] {
  const random = createSeededRandom(seed);
  const k = Math.max(2, Math.min(MAX_CLASSES, Math.round(classes)));
  const n = Math.max(1, Math.round(count));
  switch (dataset) {
    case 'circle':
      return circle(n, noise, k, random);
    case 'xor':
      return xor(n, noise, random);
    case 'gauss':
      return gauss(n, noise, k, random);
    case 'spiral':
      return spiral(n, noise, k, random);
    case 'plane':
      return plane(n, noise, random);
    case 'multi-gauss':
      return multiGauss(n, noise, random);
  }
}

/** Training and test points. */
export interface SplitData {
  train: DataPoint[];
  test: DataPoint[];
}

/**
 * Shuffles the points (Fisher–Yates, seeded) and takes the first round(n · trainFraction) for training, the rest
 * for testing, as TF Playground does. At least one training point when there are any points.
 */
export function splitTrainTest(points: readonly DataPoint[], trainFraction: number, seed: number): SplitData {
  const shuffled = [...points];
  const random = createSeededRandom(seed ^ 0x2545f491);
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  const trainCount = points.length === 0 ? 0 : Math.max(1, Math.min(points.length, Math.round(points.length * trainFraction)));
  return { train: shuffled.slice(0, trainCount), test: shuffled.slice(trainCount) };
}

/**
 * Drawn points keep their place when more are added: point i is a test point when a hash of (i, seed) falls in the
 * test fraction, so adding a point never moves another one between the sets. The first point always trains.
 */
export function splitDrawnPoints(points: readonly DataPoint[], trainFraction: number, seed: number): SplitData {
  const train: DataPoint[] = [];
  const test: DataPoint[] = [];
  points.forEach((point, i) => {
    const hash = (Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(seed + 7, 0x85ebca6b)) >>> 0;
    const u = (Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) >>> 0) / 2 ** 32;
    (i === 0 || u < trainFraction ? train : test).push(point);
  });
  return { train, test };
}

/** Number of classes the labels use (largest class index + 1), at least 2. */
export function classCountOf(points: readonly DataPoint[]): number {
  return Math.max(2, ...points.map((p) => Math.round(p.label) + 1));
}
