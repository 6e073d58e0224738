import { describe, expect, it } from 'vitest';
import {
  classCountOf,
  datasetProblem,
  datasetsFor,
  generateDataset,
  multiGaussValue,
  splitDrawnPoints,
  splitTrainTest,
  supportsManyClasses,
  type DataPoint,
  type GenerateOptions,
} from '../../../../src/widgets/mlp-playground/mlp-datasets';

const options = (patch: Partial<GenerateOptions>): GenerateOptions => ({ dataset: 'circle', count: 200, noise: 0, classes: 2, seed: 4, ...patch });
const labels = (points: DataPoint[]) => [...new Set(points.map((p) => p.label))].sort();
const radius = (p: DataPoint) => Math.hypot(p.x, p.y);

describe('the data sets (after TensorFlow Playground)', () => {
  it.each(['circle', 'xor', 'gauss', 'spiral', 'plane', 'multi-gauss'] as const)('%s: the same seed gives the same points, another seed others', (dataset) => {
    const a = generateDataset(options({ dataset, noise: 0.2 }));
    expect(generateDataset(options({ dataset, noise: 0.2 }))).toEqual(a);
    expect(generateDataset(options({ dataset, noise: 0.2, seed: 5 }))).not.toEqual(a);
    expect(a).toHaveLength(200);
    for (const p of a) expect(Math.max(Math.abs(p.x), Math.abs(p.y))).toBeLessThan(9);
  });

  it('circle without noise: class 1 inside r = 2.5, class 0 in the ring 3.5 … 5, half and half', () => {
    const points = generateDataset(options({ dataset: 'circle' }));
    expect(labels(points)).toEqual([0, 1]);
    for (const p of points) {
      if (p.label === 1) expect(radius(p)).toBeLessThanOrEqual(2.5);
      else expect(radius(p)).toBeGreaterThanOrEqual(3.5 - 1e-9);
    }
    expect(points.filter((p) => p.label === 1)).toHaveLength(100);
  });

  it('circle with noise 50 %: labels come from the noisy point, so some sit on the wrong side', () => {
    const points = generateDataset(options({ dataset: 'circle', noise: 0.5, count: 400 }));
    const misplaced = points.filter((p) => (p.label === 1) !== radius(p) < 2.5);
    expect(misplaced.length).toBeGreaterThan(10);
  });

  it('circle with three classes: rings from the centre outwards', () => {
    const points = generateDataset(options({ dataset: 'circle', classes: 3, count: 300 }));
    expect(labels(points)).toEqual([0, 1, 2]);
    for (const p of points) expect(Math.floor(radius(p) / (5 / 3))).toBe(p.label);
  });

  it('exclusive or without noise: class 1 exactly where x·y > 0, and no point near the axes', () => {
    const points = generateDataset(options({ dataset: 'xor', classes: 4 }));
    expect(labels(points)).toEqual([0, 1]);
    for (const p of points) {
      expect(p.label).toBe(p.x * p.y >= 0 ? 1 : 0);
      expect(Math.min(Math.abs(p.x), Math.abs(p.y))).toBeGreaterThanOrEqual(0.3);
    }
  });

  it('Gaussian clusters: two clouds around (−2, −2) and (2, 2); σ grows with the noise', () => {
    const points = generateDataset(options({ dataset: 'gauss', count: 2000 }));
    const mean = (label: number) => {
      const cloud = points.filter((p) => p.label === label);
      return [cloud.reduce((s, p) => s + p.x, 0) / cloud.length, cloud.reduce((s, p) => s + p.y, 0) / cloud.length];
    };
    const [x0, y0] = mean(0);
    const [x1, y1] = mean(1);
    expect(x0).toBeCloseTo(-2, 0);
    expect(y0).toBeCloseTo(-2, 0);
    expect(x1).toBeCloseTo(2, 0);
    expect(y1).toBeCloseTo(2, 0);
    const spread = (noise: number) => {
      const cloud = generateDataset(options({ dataset: 'gauss', count: 2000, noise })).filter((p) => p.label === 1);
      return Math.sqrt(cloud.reduce((s, p) => s + (p.x - 2) ** 2, 0) / cloud.length);
    };
    // σ² = 0.5 at noise 0 and 4 at noise 50 %.
    expect(spread(0)).toBeCloseTo(Math.sqrt(0.5), 1);
    expect(spread(0.5)).toBeCloseTo(2, 0);
  });

  it('Gaussian clusters with four classes: four clouds, equally many points', () => {
    const points = generateDataset(options({ dataset: 'gauss', classes: 4, count: 400 }));
    expect(labels(points)).toEqual([0, 1, 2, 3]);
    expect(points.filter((p) => p.label === 3)).toHaveLength(100);
  });

  it('spiral without noise: every point at r = 5·i/n on its arm; two arms, or three', () => {
    const points = generateDataset(options({ dataset: 'spiral', count: 100 }));
    expect(labels(points)).toEqual([0, 1]);
    // Point i of arm 0 (class 1): r = 5 i / 50, angle 1.75·2π·i/50.
    const i = 10;
    const t = 1.75 * (i / 50) * 2 * Math.PI;
    expect(points[i].x).toBeCloseTo(Math.sin(t), 6);
    expect(points[i].y).toBeCloseTo(Math.cos(t), 6);
    expect(points[i].label).toBe(1);
    // Arm 1 is arm 0 turned by π: class 0.
    expect(points[50 + i].x).toBeCloseTo(-points[i].x, 6);
    expect(points[50 + i].label).toBe(0);
    expect(labels(generateDataset(options({ dataset: 'spiral', classes: 3, count: 300 })))).toEqual([0, 1, 2]);
  });

  it('plane: the value is (x + y)/10 without noise, within [−1, 1]', () => {
    for (const p of generateDataset(options({ dataset: 'plane' })).slice(0, 20)) expect(p.label).toBeCloseTo((p.x + p.y) / 10, 6);
  });

  it('multiple Gaussians: ±1 at the bumps, fading to 0 at distance 2, the strongest bump wins', () => {
    expect(multiGaussValue(-4, 2.5)).toBe(1);
    expect(multiGaussValue(0, 2.5)).toBe(-1);
    expect(multiGaussValue(1, 2.5)).toBeCloseTo(-0.5, 9);
    expect(multiGaussValue(0, 0)).toBe(0);
    for (const p of generateDataset(options({ dataset: 'multi-gauss' }))) expect(Math.abs(p.label)).toBeLessThanOrEqual(1);
  });

  it('which data sets belong to which problem, and which may have more than two classes', () => {
    expect(datasetsFor('classification')).toEqual(['circle', 'xor', 'gauss', 'spiral', 'custom']);
    expect(datasetsFor('regression')).toEqual(['plane', 'multi-gauss', 'custom']);
    expect(datasetProblem('plane')).toBe('regression');
    expect(datasetProblem('custom')).toBeNull();
    expect(supportsManyClasses('xor')).toBe(false);
    expect(supportsManyClasses('spiral')).toBe(true);
    expect(classCountOf([{ x: 0, y: 0, label: 2 }])).toBe(3);
  });
});

describe('training and test points', () => {
  const points = generateDataset(options({ dataset: 'spiral', count: 500 }));

  it('takes round(n · share) shuffled points for training and the rest for testing, each point once', () => {
    const { train, test } = splitTrainTest(points, 0.5, 1);
    expect(train).toHaveLength(250);
    expect(test).toHaveLength(250);
    expect(new Set([...train, ...test]).size).toBe(500);
    expect(splitTrainTest(points, 0.3, 1).train).toHaveLength(150);
    expect(splitTrainTest(points, 0.5, 1)).toEqual(splitTrainTest(points, 0.5, 1));
    // Shuffled: the first training points are not the first generated ones.
    expect(train.slice(0, 10)).not.toEqual(points.slice(0, 10));
  });

  it('drawn points keep their set when more are drawn; the first one always trains', () => {
    const drawn: DataPoint[] = Array.from({ length: 40 }, (_, i) => ({ x: i / 10, y: 0, label: i % 2 }));
    const before = splitDrawnPoints(drawn.slice(0, 30), 0.5, 3);
    const after = splitDrawnPoints(drawn, 0.5, 3);
    expect(after.train.slice(0, before.train.length)).toEqual(before.train);
    expect(after.test.slice(0, before.test.length)).toEqual(before.test);
    expect(splitDrawnPoints(drawn.slice(0, 1), 0.1, 3).train).toHaveLength(1);
    expect(after.test.length).toBeGreaterThan(5);
    expect(after.train.length).toBeGreaterThan(5);
  });
});
