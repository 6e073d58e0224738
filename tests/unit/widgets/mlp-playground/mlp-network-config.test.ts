import { describe, expect, it } from 'vitest';
import {
  encodeTargets,
  outputKind,
  playgroundConfig,
  playgroundReadouts,
  readoutInterval,
  stepsPerEpoch,
  toLabelledData,
  type PlaygroundNetworkOptions,
} from '../../../../src/widgets/mlp-playground/mlp-network-config';
import { validateTrainingConfig } from '../../../../src/core/training/training-config';

const base: PlaygroundNetworkOptions = {
  inputSize: 2,
  hiddenLayers: [4, 2],
  activation: 'tanh',
  problem: 'classification',
  classCount: 2,
  learningRate: 0.03,
  batchSize: 10,
  regularization: 'none',
  regularizationRate: 0,
  optimizer: 'sgd',
  seed: 1,
  trainCount: 250,
  hasTest: true,
};

describe('the network the playground trains', () => {
  it('two classes: hidden tanh layers 4 and 2, one tanh output, ½·mean (y − t)², as TF Playground', () => {
    const config = playgroundConfig(base);
    expect(config.network.inputShape).toEqual([2]);
    expect(config.network.layers).toEqual([
      { kind: 'dense', units: 4, activation: 'tanh' },
      { kind: 'dense', units: 2, activation: 'tanh' },
      { kind: 'dense', units: 1, activation: 'tanh' },
    ]);
    expect(config.loss).toBe('half-squared-error');
    expect(config.optimizer).toEqual({ kind: 'sgd' });
    expect(config.l1Penalty).toBeUndefined();
    expect(config.l2Penalty).toBeUndefined();
    expect(validateTrainingConfig(config)).toBeNull();
  });

  it('three classes: three logits and softmax cross entropy; regression: one linear unit', () => {
    const softmax = playgroundConfig({ ...base, classCount: 3 });
    expect(softmax.network.layers.at(-1)).toEqual({ kind: 'dense', units: 3, activation: 'linear' });
    expect(softmax.loss).toBe('softmax-cross-entropy');
    const regression = playgroundConfig({ ...base, problem: 'regression' });
    expect(regression.network.layers.at(-1)).toEqual({ kind: 'dense', units: 1, activation: 'linear' });
    expect(regression.loss).toBe('half-squared-error');
    expect(outputKind('classification', 4)).toBe('softmax');
  });

  it('no hidden layer: the inputs go straight to the output', () => {
    expect(playgroundConfig({ ...base, hiddenLayers: [] }).network.layers).toEqual([{ kind: 'dense', units: 1, activation: 'tanh' }]);
  });

  it('L1 and L2 set the matching penalty; a rate of 0 sets none', () => {
    expect(playgroundConfig({ ...base, regularization: 'l1', regularizationRate: 0.01 }).l1Penalty).toBe(0.01);
    expect(playgroundConfig({ ...base, regularization: 'l2', regularizationRate: 0.003 }).l2Penalty).toBe(0.003);
    expect(playgroundConfig({ ...base, regularization: 'l2', regularizationRate: 0 }).l2Penalty).toBeUndefined();
    expect(playgroundConfig({ ...base, optimizer: 'adam' }).optimizer).toEqual({ kind: 'adam' });
  });

  it('records a loss point and a test evaluation once per epoch: ⌈250 / 10⌉ = 25 steps; no test points, no evaluation', () => {
    expect(playgroundConfig(base)).toMatchObject({ recordEvery: 25, evaluateEvery: 25 });
    expect(playgroundConfig({ ...base, trainCount: 251 }).recordEvery).toBe(26);
    expect(playgroundConfig({ ...base, hasTest: false }).evaluateEvery).toBe(0);
    expect(stepsPerEpoch(5, 10)).toBe(1);
  });
});

describe('targets and engine data', () => {
  const points = [
    { x: 1, y: 2, label: 1 },
    { x: -1, y: 0, label: 0 },
    { x: 0, y: 3, label: 2 },
  ];

  it('two classes as ±1, K classes one-hot, regression values as they are', () => {
    expect(Array.from(encodeTargets(points.slice(0, 2), 'binary', 2))).toEqual([1, -1]);
    expect(Array.from(encodeTargets(points, 'softmax', 3))).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 1]);
    expect(Array.from(encodeTargets([{ x: 0, y: 0, label: -0.25 }], 'regression', 2))).toEqual([-0.25]);
  });

  it('inputs are the chosen features; no points, no data', () => {
    const data = toLabelledData(points, ['x1', 'x1x2'], 'softmax', 3);
    expect(data).toMatchObject({ count: 3, inputSize: 2, targetSize: 3 });
    expect(Array.from(data?.inputs ?? [])).toEqual([1, 2, -1, -0, 0, 0]);
    expect(toLabelledData([], ['x1'], 'binary', 2)).toBeNull();
  });
});

describe('read-outs for the pictures', () => {
  it('the output grid, every hidden layer over the coarse grid and the weights, throttled alike', () => {
    const readouts = playgroundReadouts(new Float32Array(2500 * 2), new Float32Array(400 * 2), 2, 64);
    expect(readouts.boundary).toMatchObject({ kind: 'outputs', count: 2500, everySteps: 64 });
    expect(readouts.neurons).toMatchObject({ kind: 'activations', layers: [0, 1], count: 400, everySteps: 64 });
    expect(readouts.weights).toEqual({ kind: 'parameters', everySteps: 64 });
    expect(playgroundReadouts(new Float32Array(5000), new Float32Array(800), 0, 1).neurons).toBeUndefined();
  });

  it('reads out about 15 times a second: the largest power of two ≤ steps/s ÷ 15', () => {
    expect(readoutInterval(2400, 15)).toBe(128);
    expect(readoutInterval(100, 15)).toBe(4);
    expect(readoutInterval(10, 15)).toBe(1);
    expect(readoutInterval(0)).toBe(1);
    expect(readoutInterval(Number.NaN)).toBe(1);
  });
});
