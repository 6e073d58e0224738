import { describe, expect, it } from 'vitest';
import { readSharedSettings, writeSharedSettings } from '../../../../src/core/url/shared-settings';
import {
  DEFAULT_SETTINGS,
  SETTINGS_SCHEMA,
  decodeDrawnPoints,
  effectiveProblem,
  encodeDrawnPoints,
  formatLayers,
  parseFeatures,
  parseLayers,
  snapToLinkGrid,
  type MlpSettings,
} from '../../../../src/widgets/mlp-playground/mlp-settings';

const read = (search: string) => readSharedSettings(search, 'mlp', SETTINGS_SCHEMA, DEFAULT_SETTINGS);

describe('the share link', () => {
  it('defaults to TF Playground: circle, x₁ x₂, hidden layers 4 and 2, tanh, η 0.03, batch 10', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ dataset: 'circle', features: 'x1-x2', layers: '4-2', activation: 'tanh', learningRate: 0.03, batchSize: 10 });
  });

  it('writes every changed setting and reads back exactly the same settings', () => {
    const changed: MlpSettings = {
      problem: 'classification',
      dataset: 'spiral',
      classes: 3,
      noise: 25,
      trainPercent: 70,
      count: 300,
      features: 'x1-x2-sinx1',
      layers: '8-6-3',
      activation: 'relu',
      learningRate: 0.003,
      batchSize: 25,
      regularization: 'l2',
      regularizationRate: 0.01,
      optimizer: 'adam',
      seed: 77,
      showTest: 'on',
      discretize: 'on',
    };
    const search = writeSharedSettings('?other=1', 'mlp', changed, DEFAULT_SETTINGS);
    expect(search).toContain('other=1');
    expect(read(search)).toEqual({ values: changed, problems: [] });
  });

  it('leaves out settings equal to the defaults', () => {
    expect(writeSharedSettings('', 'mlp', { ...DEFAULT_SETTINGS, seed: 2 }, DEFAULT_SETTINGS)).toBe('?mlp.seed=2');
  });

  it('clamps numbers and layer sizes into their limits', () => {
    const { values, problems } = read('?mlp.noise=80&mlp.trainPercent=5&mlp.learningRate=1e9&mlp.batchSize=-3&mlp.layers=9-0-3&mlp.classes=7');
    expect(problems).toEqual([]);
    expect(values).toMatchObject({ noise: 50, trainPercent: 10, learningRate: 10, batchSize: 1, layers: '8-1-3', classes: 4 });
  });

  it('writes features in diagram order and zero hidden layers as "none"', () => {
    expect(read('?mlp.features=sinx2-x1').values.features).toBe('x1-sinx2');
    expect(read('?mlp.layers=none').values.layers).toBe('none');
    expect(parseLayers('none')).toEqual([]);
    expect(formatLayers([])).toBe('none');
  });

  it('refuses what it cannot read, keeping the default and saying why', () => {
    const { values, problems } = read('?mlp.dataset=moons&mlp.features=x3&mlp.layers=1-2-3-4-5-6-7&mlp.learningRate=fast&mlp.activation=gelu');
    expect(values).toEqual(DEFAULT_SETTINGS);
    expect(problems).toHaveLength(5);
    expect(problems.join(' ')).toMatch(/Data set "moons".*Features "x3".*Hidden layers "1-2-3-4-5-6-7".*Activation "gelu".*Learning rate "fast"/);
    expect(parseFeatures('')).toBeNull();
  });

  it('a built-in data set decides the problem; a drawing follows the problem setting', () => {
    expect(effectiveProblem({ dataset: 'plane', problem: 'classification' })).toBe('regression');
    expect(effectiveProblem({ dataset: 'xor', problem: 'regression' })).toBe('classification');
    expect(effectiveProblem({ dataset: 'custom', problem: 'regression' })).toBe('regression');
  });
});

describe('drawn points in the link', () => {
  it('three URL-safe characters a point, on a 0.2 grid, with the class', () => {
    const points = [
      { x: 1.23, y: -4.98, label: 2 },
      { x: -6, y: 6, label: 0 },
      { x: 0, y: 0.14, label: 3 },
    ];
    const text = encodeDrawnPoints(points, 'classification');
    expect(text).toMatch(/^[A-Za-z0-9_-]{9}$/);
    const decoded = decodeDrawnPoints(text, 'classification');
    expect(decoded).toEqual({
      points: [
        { x: 1.2, y: -5, label: 2 },
        { x: -6, y: 6, label: 0 },
        { x: 0, y: 0.2, label: 3 },
      ],
    });
    expect(snapToLinkGrid(9)).toBe(6);
  });

  it('regression points are ±1', () => {
    const text = encodeDrawnPoints(
      [
        { x: 1, y: 1, label: 1 },
        { x: 2, y: 2, label: -1 },
      ],
      'regression',
    );
    expect(decodeDrawnPoints(text, 'regression')).toEqual({
      points: [
        { x: 1, y: 1, label: 1 },
        { x: 2, y: 2, label: -1 },
      ],
    });
  });

  it('damaged text gives a reason instead of points', () => {
    expect(decodeDrawnPoints('AB', 'classification')).toHaveProperty('problem');
    expect(decodeDrawnPoints('A*B', 'classification')).toHaveProperty('problem');
    expect(decodeDrawnPoints('___', 'classification')).toHaveProperty('problem');
  });
});
