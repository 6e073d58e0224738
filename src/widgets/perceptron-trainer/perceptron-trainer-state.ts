import { createSeededRandom, gaussian } from '../../core/random/seeded-random';
import { findParameter, type NetworkParameters } from '../../core/nn/network-spec';
import type { LabelledData } from '../../core/training/labelled-data';
import type { TrainingSessionConfig } from '../../core/training/training-session';

/** Activations the 2-D trainer offers (step is left out: its gradient is zero, see the lesson). */
export type PerceptronActivation = 'sigmoid' | 'tanh' | 'linear';
export type PointPreset = 'separable' | 'overlapping' | 'xor' | 'empty';
/** Class 0 is drawn as orange circles, class 1 as blue squares. */
export type PointClass = 0 | 1;

export interface LabelledPoint {
  x: number;
  y: number;
  label: PointClass;
}

/** Both coordinates of the plane live in [-PLANE_LIMIT, PLANE_LIMIT]. */
export const PLANE_LIMIT = 1;

export const PRESET_OPTIONS: ReadonlyArray<{ value: PointPreset; label: string }> = [
  { value: 'separable', label: 'Two separable clusters' },
  { value: 'overlapping', label: 'Overlapping clusters' },
  { value: 'xor', label: 'XOR (not separable)' },
  { value: 'empty', label: 'Empty: draw your own' },
];

export const ACTIVATION_OPTIONS: ReadonlyArray<{ value: PerceptronActivation; label: string }> = [
  { value: 'sigmoid', label: 'Sigmoid (targets 0 / 1)' },
  { value: 'tanh', label: 'Tanh (targets −1 / 1)' },
  { value: 'linear', label: 'Linear (targets −1 / 1)' },
];

function clampToPlane(value: number): number {
  return Math.max(-PLANE_LIMIT, Math.min(PLANE_LIMIT, value));
}

/** Deterministic point clouds for each preset (same seed ⇒ same points). */
export function presetPoints(preset: PointPreset, seed = 1): LabelledPoint[] {
  const random = createSeededRandom(seed);
  const blob = (cx: number, cy: number, spread: number, label: PointClass, count: number): LabelledPoint[] =>
    Array.from({ length: count }, () => ({
      x: clampToPlane(gaussian(random, cx, spread)),
      y: clampToPlane(gaussian(random, cy, spread)),
      label,
    }));
  switch (preset) {
    case 'separable':
      return [...blob(-0.45, -0.35, 0.17, 0, 20), ...blob(0.4, 0.45, 0.17, 1, 20)];
    case 'overlapping':
      return [...blob(-0.2, -0.15, 0.32, 0, 25), ...blob(0.2, 0.2, 0.32, 1, 25)];
    case 'xor':
      return [...blob(-0.5, -0.5, 0.14, 0, 10), ...blob(0.5, 0.5, 0.14, 0, 10), ...blob(-0.5, 0.5, 0.14, 1, 10), ...blob(0.5, -0.5, 0.14, 1, 10)];
    case 'empty':
      return [];
  }
}

/** The value a class should produce: 1 for class 1; 0 (sigmoid) or −1 (tanh, linear) for class 0. */
export function targetFor(label: PointClass, activation: PerceptronActivation): number {
  if (label === 1) return 1;
  return activation === 'sigmoid' ? 0 : -1;
}

/** Points as training data for the engine: inputs [n, 2], targets [n, 1]. Null when there is nothing to learn. */
export function pointsToTrainingData(points: readonly LabelledPoint[], activation: PerceptronActivation): LabelledData | null {
  if (points.length === 0) return null;
  return {
    inputs: Float32Array.from(points.flatMap((p) => [p.x, p.y])),
    targets: Float32Array.from(points.map((p) => targetFor(p.label, activation))),
    count: points.length,
    inputSize: 2,
    targetSize: 1,
  };
}

/** One neuron y = f(w₁x₁ + w₂x₂ + b), trained by full-batch gradient descent on ½·mean (y − t)². */
export function perceptronConfig(activation: PerceptronActivation, learningRate: number, pointCount: number, seed: number): TrainingSessionConfig {
  return {
    network: { inputShape: [2], layers: [{ kind: 'dense', units: 1, activation }], initialization: { kind: 'normal', std: 0.5 } },
    loss: 'half-squared-error',
    learningRate,
    batchSize: Math.max(1, pointCount),
    seed,
    recordEvery: 1,
    evaluateEvery: 0,
  };
}

/** The three numbers of a 2-D perceptron, read from the engine's parameters. */
export interface LineParameters {
  w1: number;
  w2: number;
  b: number;
}

/** w₁, w₂ (the dense layer's kernel) and b (its bias), or null before the engine has reported them. */
export function lineParameters(parameters: NetworkParameters | null | undefined): LineParameters | null {
  const kernel = findParameter(parameters, 0, 'kernel');
  const bias = findParameter(parameters, 0, 'bias');
  if (kernel?.length !== 2 || bias?.length !== 1) return null;
  return { w1: kernel[0], w2: kernel[1], b: bias[0] };
}

/**
 * The decision line w₁x + w₂y + b = 0 clipped to the plane, as two end points; null when w ≈ 0
 * (no line: the neuron answers the same everywhere) or the line misses the plane.
 */
export function decisionLineSegment({ w1, w2, b }: LineParameters, limit = PLANE_LIMIT): [[number, number], [number, number]] | null {
  if (!Number.isFinite(w1 + w2 + b) || Math.hypot(w1, w2) < 1e-9) return null;
  const candidates: [number, number][] = [];
  for (const edge of [-limit, limit]) {
    if (Math.abs(w2) > 1e-12) {
      const y = -(w1 * edge + b) / w2;
      if (Math.abs(y) <= limit + 1e-9) candidates.push([edge, y]);
    }
    if (Math.abs(w1) > 1e-12) {
      const x = -(w2 * edge + b) / w1;
      if (Math.abs(x) <= limit + 1e-9) candidates.push([x, edge]);
    }
  }
  const distinct = candidates.filter((p, i) => candidates.findIndex((q) => Math.hypot(p[0] - q[0], p[1] - q[1]) < 1e-9) === i);
  return distinct.length >= 2 ? [distinct[0], distinct[1]] : null;
}

/** z = w₁x + w₂y + b. */
export function weightedSum({ w1, w2, b }: LineParameters, x: number, y: number): number {
  return w1 * x + w2 * y + b;
}

/** Fraction of points on the correct side of the line (z > 0 ⇔ class 1). */
export function pointAccuracy(line: LineParameters, points: readonly LabelledPoint[]): number | null {
  if (points.length === 0) return null;
  const correct = points.filter((p) => (weightedSum(line, p.x, p.y) > 0 ? 1 : 0) === p.label).length;
  return correct / points.length;
}

/**
 * The sign of z on a `resolution`² grid over the plane, for shading the two half-planes: values in
 * [-1, 1] from tanh(z) (row 0 is the top of the plane, y = +limit), layout [resolution, resolution].
 */
export function halfPlaneGrid(line: LineParameters, resolution: number, limit = PLANE_LIMIT): Float32Array {
  const grid = new Float32Array(resolution * resolution);
  for (let row = 0; row < resolution; row++) {
    const y = limit - ((row + 0.5) / resolution) * 2 * limit;
    for (let col = 0; col < resolution; col++) {
      const x = -limit + ((col + 0.5) / resolution) * 2 * limit;
      grid[row * resolution + col] = Math.tanh(weightedSum(line, x, y));
    }
  }
  return grid;
}

/** Moves a keyboard cursor by one grid step, staying on the plane. */
export function moveCursor(cursor: { x: number; y: number }, key: string, stepSize = 0.05): { x: number; y: number } | null {
  const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
  const move = moves[key];
  if (!move) return null;
  const round = (v: number) => Math.round(v / stepSize) * stepSize;
  return { x: clampToPlane(round(cursor.x + move[0] * stepSize)), y: clampToPlane(round(cursor.y + move[1] * stepSize)) };
}
