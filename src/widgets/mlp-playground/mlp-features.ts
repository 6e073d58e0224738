import { PLANE_RADIUS, type DataPoint } from './mlp-datasets';

/*
 * The input features the network may see, computed from a point (x₁, x₂) on the main thread, both for the
 * training data and for the probe grids the heatmaps are drawn from.
 */

export type FeatureId = 'x1' | 'x2' | 'x1sq' | 'x2sq' | 'x1x2' | 'sinx1' | 'sinx2';

export interface Feature {
  id: FeatureId;
  /** As the diagram writes it. */
  label: string;
  /** For screen readers ("x1 squared"). */
  spoken: string;
  compute: (x1: number, x2: number) => number;
}

/** Every feature, in the diagram's order (TF Playground's). */
export const FEATURES: readonly Feature[] = [
  { id: 'x1', label: 'x₁', spoken: 'x1', compute: (x1) => x1 },
  { id: 'x2', label: 'x₂', spoken: 'x2', compute: (_x1, x2) => x2 },
  { id: 'x1sq', label: 'x₁²', spoken: 'x1 squared', compute: (x1) => x1 * x1 },
  { id: 'x2sq', label: 'x₂²', spoken: 'x2 squared', compute: (_x1, x2) => x2 * x2 },
  { id: 'x1x2', label: 'x₁x₂', spoken: 'x1 times x2', compute: (x1, x2) => x1 * x2 },
  { id: 'sinx1', label: 'sin x₁', spoken: 'sine of x1', compute: (x1) => Math.sin(x1) },
  { id: 'sinx2', label: 'sin x₂', spoken: 'sine of x2', compute: (_x1, x2) => Math.sin(x2) },
];

export const FEATURE_IDS: readonly FeatureId[] = FEATURES.map((feature) => feature.id);

const byId = new Map(FEATURES.map((feature) => [feature.id, feature]));

/** The feature called `id`. */
export function featureById(id: FeatureId): Feature {
  return byId.get(id) as Feature;
}

/** The chosen features in the diagram's order, each once (the order of the network's inputs). */
export function orderFeatures(ids: readonly FeatureId[]): FeatureId[] {
  return FEATURE_IDS.filter((id) => ids.includes(id));
}

/** Row-major [points, features] inputs: row n holds each chosen feature of point n, in `orderFeatures` order. */
export function featureInputs(points: readonly Pick<DataPoint, 'x' | 'y'>[], ids: readonly FeatureId[]): Float32Array {
  const features = orderFeatures(ids).map(featureById);
  const inputs = new Float32Array(points.length * features.length);
  points.forEach((point, n) => features.forEach((feature, f) => (inputs[n * features.length + f] = feature.compute(point.x, point.y))));
  return inputs;
}

/**
 * The centres of a resolution² grid over the plane [-radius, radius]², row-major with row 0 at the top
 * (x₂ = +radius side), as the heatmaps are painted.
 */
export function gridPoints(resolution: number, radius = PLANE_RADIUS): Array<{ x: number; y: number }> {
  const points: Array<{ x: number; y: number }> = [];
  for (let row = 0; row < resolution; row++) {
    const y = radius - ((row + 0.5) / resolution) * 2 * radius;
    for (let col = 0; col < resolution; col++) points.push({ x: -radius + ((col + 0.5) / resolution) * 2 * radius, y });
  }
  return points;
}

/** A feature's own values over a resolution² grid (the heatmap of an input node). */
export function featureGrid(id: FeatureId, resolution: number, radius = PLANE_RADIUS): Float32Array {
  const { compute } = featureById(id);
  return Float32Array.from(gridPoints(resolution, radius), (point) => compute(point.x, point.y));
}

/** Largest |value| a feature takes on the plane: its colour scale runs over [-m, m]. */
export function featureMagnitude(id: FeatureId, radius = PLANE_RADIUS): number {
  switch (id) {
    case 'x1':
    case 'x2':
      return radius;
    case 'x1sq':
    case 'x2sq':
    case 'x1x2':
      return radius * radius;
    case 'sinx1':
    case 'sinx2':
      return 1;
  }
}
