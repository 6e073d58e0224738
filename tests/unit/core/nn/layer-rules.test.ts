import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tf } from '../../../../src/core/tf/tf-core';
import { summarizeNetwork, describeLayer, slidingOutputSize, type LayerSpec, type NetworkSpec } from '../../../../src/core/nn/network-spec';
import { layerDefinition, layerRegistry } from '../../../../src/core/nn/layers/layer-registry';
import { applyActivation, isFusable } from '../../../../src/core/nn/layers/activation';
import { batchNormLayer } from '../../../../src/core/nn/layers/batch-norm';
import { formatShape, product, requireImage, requireInteger } from '../../../../src/core/nn/layers/layer-definition';
import type { Activation } from '../../../../src/core/nn/layers/layer-spec';
import { expectClose, oneLayer, run } from './helpers';

let baseline = 0;
beforeEach(() => {
  baseline = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(baseline);
});

const spec = (inputShape: number[], layers: LayerSpec[]): NetworkSpec => ({ inputShape, layers, initialization: { kind: 'zeros' } });
const outputShape = (inputShape: number[], layer: LayerSpec) => summarizeNetwork(spec(inputShape, [layer]))[0].outputShape;

describe('shared layer helpers', () => {
  it('product, formatShape, describeLayer', () => {
    expect(product([2, 3, 4])).toBe(24);
    expect(product([])).toBe(1);
    expect(formatShape([2, 3])).toBe('[2, 3]');
    expect(formatShape([])).toBe('[]');
    expect(describeLayer(2, { kind: 'dense', units: 1 })).toBe('layer 3 (dense)');
  });

  it('requireInteger accepts integers ≥ min and names the value otherwise', () => {
    expect(() => requireInteger('units', 1, 1)).not.toThrow();
    expect(() => requireInteger('units', 0, 1)).toThrow('units must be an integer ≥ 1, got 0');
    expect(() => requireInteger('units', 2.5, 1)).toThrow('units must be an integer ≥ 1, got 2.5');
    expect(() => requireInteger('units', NaN, 1)).toThrow('got NaN');
  });

  it('requireImage wants exactly three axes', () => {
    expect(() => requireImage([4, 4, 1])).not.toThrow();
    expect(() => requireImage([4, 4])).toThrow('needs an image input [h, w, c], got [4, 4]');
    expect(() => requireImage([1, 4, 4, 1])).toThrow('got [1, 4, 4, 1]');
  });

  it('slidingOutputSize: same ⇒ ⌈n / s⌉, valid ⇒ ⌊(n − window) / s⌋ + 1', () => {
    expect(slidingOutputSize(7, 3, 2, 'same')).toBe(4);
    expect(slidingOutputSize(8, 3, 2, 'same')).toBe(4);
    expect(slidingOutputSize(7, 3, 2, 'valid')).toBe(3);
    expect(slidingOutputSize(8, 3, 2, 'valid')).toBe(3);
    expect(slidingOutputSize(3, 3, 1, 'valid')).toBe(1);
  });
});

describe('layer registry', () => {
  it('maps every kind to its definition (both poolings share one)', () => {
    expect(layerDefinition({ kind: 'max-pool', size: 2 })).toBe(layerRegistry['max-pool']);
    expect(layerRegistry['max-pool']).toBe(layerRegistry['avg-pool']);
    expect(Object.keys(layerRegistry).sort()).toEqual(['activation', 'avg-pool', 'batch-norm', 'conv2d', 'dense', 'dropout', 'flatten', 'max-pool']);
  });

  it('rejects unknown kinds, including names inherited from Object.prototype', () => {
    for (const kind of ['bogus', 'toString', 'constructor', '__proto__']) {
      expect(() => layerDefinition({ kind } as unknown as LayerSpec)).toThrow(`unknown layer kind '${kind}'`);
    }
  });
});

describe('network input shape', () => {
  it('must be one or more positive integers', () => {
    expect(() => summarizeNetwork(spec([], []))).toThrow('inputShape must be positive integers, got []');
    expect(() => summarizeNetwork(spec([4, 0], []))).toThrow('inputShape must be positive integers, got [4, 0]');
    expect(() => summarizeNetwork(spec([2.5], []))).toThrow('got [2.5]');
    expect(() => summarizeNetwork(spec([-3], []))).toThrow('got [-3]');
    expect(summarizeNetwork(spec([1], [{ kind: 'dense', units: 1 }]))[0].inputShape).toEqual([1]);
    expect(summarizeNetwork(spec([3], []))).toEqual([]);
  });
});

describe('conv2d shape rules', () => {
  const conv = (extra: Partial<LayerSpec & { kind: 'conv2d' }>): LayerSpec => ({ kind: 'conv2d', filters: 2, kernelSize: 3, padding: 'valid', ...extra }) as LayerSpec;

  it('checks filters, kernel size, stride and dilation, naming each', () => {
    expect(() => outputShape([5, 5, 1], conv({ filters: 0 }))).toThrow('layer 1 (conv2d): filters must be an integer ≥ 1, got 0');
    expect(() => outputShape([5, 5, 1], conv({ kernelSize: 0 }))).toThrow('kernelSize must be an integer ≥ 1, got 0');
    expect(() => outputShape([5, 5, 1], conv({ kernelSize: 1.5 }))).toThrow('kernelSize must be an integer ≥ 1, got 1.5');
    expect(() => outputShape([5, 5, 1], conv({ stride: 0 }))).toThrow('stride must be an integer ≥ 1, got 0');
    expect(() => outputShape([5, 5, 1], conv({ dilation: 0 }))).toThrow('dilation must be an integer ≥ 1, got 0');
    expect(() => outputShape([5, 5, 1], conv({ stride: 2, dilation: 2 }))).toThrow('cannot combine stride 2 with dilation 2: one of them must be 1');
  });

  it('allows stride > 1 with dilation 1 and dilation > 1 with stride 1', () => {
    expect(outputShape([9, 9, 1], conv({ stride: 2, dilation: 1 }))).toEqual([4, 4, 2]);
    expect(outputShape([9, 9, 1], conv({ stride: 1, dilation: 2 }))).toEqual([5, 5, 2]);
    expect(outputShape([9, 9, 1], conv({ stride: 3 }))).toEqual([3, 3, 2]);
  });

  it('rejects a kernel that does not fit in either direction', () => {
    expect(() => outputShape([5, 2, 1], conv({}))).toThrow('a 3×3 kernel does not fit a 5×2 input');
    expect(() => outputShape([2, 5, 1], conv({}))).toThrow('a 3×3 kernel does not fit a 2×5 input');
    expect(outputShape([3, 3, 1], conv({}))).toEqual([1, 1, 2]);
    expect(outputShape([2, 5, 1], conv({ padding: 'same' }))).toEqual([2, 5, 2]);
  });

  it('has a [k, k, inC, filters] kernel and a [filters] bias, and k·k·inC multiply–adds per output value', () => {
    const [layer] = summarizeNetwork(spec([6, 5, 3], [conv({ filters: 4 })]));
    expect(layer.parameters).toEqual([
      { name: 'kernel', shape: [3, 3, 3, 4], trainable: true, initial: 'weights', decays: true },
      { name: 'bias', shape: [4], trainable: true, initial: 'zeros', decays: false },
    ]);
    expect(layer.outputShape).toEqual([4, 3, 4]);
    expect(layer.multiplyAdds).toBe(4 * 3 * 3 * 3 * 3 * 4);
    expect(layer.parameterCount).toBe(3 * 3 * 3 * 4 + 4);
  });
});

describe('dense shape rules', () => {
  it('needs a flat input and whole units; W [fanIn, units], b [units]; fanIn · units multiply–adds', () => {
    expect(() => outputShape([3], { kind: 'dense', units: 1.5 })).toThrow('layer 1 (dense): units must be an integer ≥ 1, got 1.5');
    const [layer] = summarizeNetwork(spec([3], [{ kind: 'dense', units: 5 }]));
    expect(layer.outputShape).toEqual([5]);
    expect(layer.parameters).toEqual([
      { name: 'kernel', shape: [3, 5], trainable: true, initial: 'weights', decays: true },
      { name: 'bias', shape: [5], trainable: true, initial: 'zeros', decays: false },
    ]);
    expect(layer.multiplyAdds).toBe(15);
    expect(layer.parameterCount).toBe(20);
  });
});

describe('pooling shape rules', () => {
  it('checks size and stride, defaults the stride to the size', () => {
    expect(() => outputShape([4, 4, 1], { kind: 'max-pool', size: 0 })).toThrow('layer 1 (max-pool): size must be an integer ≥ 1, got 0');
    expect(() => outputShape([4, 4, 1], { kind: 'avg-pool', size: 2, stride: 0 })).toThrow('stride must be an integer ≥ 1, got 0');
    expect(outputShape([6, 4, 3], { kind: 'max-pool', size: 2 })).toEqual([3, 2, 3]);
    expect(outputShape([6, 4, 3], { kind: 'max-pool', size: 2, stride: 1 })).toEqual([5, 3, 3]);
    expect(outputShape([2, 2, 1], { kind: 'max-pool', size: 2 })).toEqual([1, 1, 1]);
  });

  it('rejects a window that does not fit in either direction; no parameters, no multiply–adds', () => {
    expect(() => outputShape([3, 1, 1], { kind: 'max-pool', size: 2 })).toThrow('a 2×2 window does not fit a 3×1 input');
    expect(() => outputShape([1, 3, 1], { kind: 'avg-pool', size: 2 })).toThrow('a 2×2 window does not fit a 1×3 input');
    const [layer] = summarizeNetwork(spec([4, 4, 2], [{ kind: 'avg-pool', size: 2 }]));
    expect([layer.parameters, layer.multiplyAdds]).toEqual([[], 0]);
  });
});

describe('flatten, activation and dropout shape rules', () => {
  it('flatten multiplies the axes; activation and dropout keep the shape; none has parameters or multiply–adds', () => {
    const summary = summarizeNetwork(spec([2, 3, 4], [{ kind: 'activation', activation: 'tanh' }, { kind: 'dropout', rate: 0.5 }, { kind: 'flatten' }]));
    expect(summary.map((layer) => layer.outputShape)).toEqual([[2, 3, 4], [2, 3, 4], [24]]);
    expect(summary.map((layer) => [layer.parameters.length, layer.multiplyAdds])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
  });

  it('dropout accepts rates in [0, 1) only', () => {
    expect(outputShape([3], { kind: 'dropout', rate: 0 })).toEqual([3]);
    expect(outputShape([3], { kind: 'dropout', rate: 0.99 })).toEqual([3]);
    expect(() => outputShape([3], { kind: 'dropout', rate: NaN })).toThrow('rate must be in [0, 1), got NaN');
  });
});

describe('activations', () => {
  it('only linear and ReLU run fused (the fused kernels have gradients for those only)', () => {
    const fusable: Record<Activation, boolean> = { linear: true, relu: true, sigmoid: false, tanh: false, 'leaky-relu': false };
    for (const [activation, expected] of Object.entries(fusable)) expect(isFusable(activation as Activation), activation).toBe(expected);
  });

  it('names an unknown activation', () => {
    expect(() => tf.tidy(() => applyActivation(tf, tf.zeros([1]), 'swish' as Activation))).toThrow("unknown activation 'swish'");
  });

  it('applies sigmoid and tanh after a dense layer and differentiates them (unfused path)', () => {
    for (const activation of ['sigmoid', 'tanh', 'leaky-relu'] as const) {
      const network = oneLayer([1], { kind: 'dense', units: 1, activation }, { kernel: [2], bias: [-1] });
      const f = { sigmoid: (z: number) => 1 / (1 + Math.exp(-z)), tanh: Math.tanh, 'leaky-relu': (z: number) => Math.max(z, 0.01 * z) }[activation];
      expectClose(run(network, [[0.25], [3]]), [[f(-0.5)], [f(5)]]);
      network.dispose();
    }
  });
});

describe('batch-norm rules and defaults', () => {
  it('accepts momentum in [0, 1] and epsilon > 0, naming a bad value', () => {
    expect(outputShape([2], { kind: 'batch-norm', momentum: 0 })).toEqual([2]);
    expect(outputShape([2], { kind: 'batch-norm', momentum: 1 })).toEqual([2]);
    expect(() => outputShape([2], { kind: 'batch-norm', momentum: 1.5 })).toThrow('layer 1 (batch-norm): momentum must be in [0, 1], got 1.5');
    expect(() => outputShape([2], { kind: 'batch-norm', momentum: -0.1 })).toThrow('momentum must be in [0, 1], got -0.1');
    expect(() => outputShape([2], { kind: 'batch-norm', momentum: NaN })).toThrow('momentum must be in [0, 1], got NaN');
    expect(() => outputShape([2], { kind: 'batch-norm', epsilon: 0 })).toThrow('epsilon must be > 0, got 0');
    expect(() => outputShape([2], { kind: 'batch-norm', epsilon: NaN })).toThrow('epsilon must be > 0, got NaN');
    expect(() => batchNormLayer.outputShape({ kind: 'batch-norm' }, [])).toThrow('needs an input with at least one axis');
  });

  it('keeps one γ, β, moving mean and moving variance per last-axis entry', () => {
    const [layer] = summarizeNetwork(spec([3, 5], [{ kind: 'batch-norm' }]));
    expect(layer.parameters.map((p) => p.shape)).toEqual([[5], [5], [5], [5]]);
    expect(layer.parameters.every((p) => !p.decays)).toBe(true);
    expect(layer.multiplyAdds).toBe(15);
  });

  it('defaults to momentum 0.9 and epsilon 1e-5 in training', async () => {
    // Column values 0 and 0.002: mean 0.001, variance 1e-6 (the division is by the count), so ε = 1e-5 dominates.
    const network = oneLayer([1], { kind: 'batch-norm' }, { gamma: [1], beta: [0], 'moving-mean': [1], 'moving-variance': [2] });
    const z = 0.001 / Math.sqrt(1e-6 + 1e-5);
    expectClose(run(network, [[0], [0.002]], true), [[-z], [z]], 4);
    expectClose(Array.from(await network.variable(0, 'moving-mean')!.data()), [0.9 * 1 + 0.1 * 0.001]);
    expectClose(Array.from(await network.variable(0, 'moving-variance')!.data()), [0.9 * 2 + 0.1 * 1e-6]);
    network.dispose();
  });

  it('momentum 0 replaces the moving statistics by the batch moments; momentum 1 keeps them', async () => {
    const inputs = [[1], [3]]; // mean 2, variance 1
    const fresh = oneLayer([1], { kind: 'batch-norm', momentum: 0 }, { 'moving-mean': [5], 'moving-variance': [7] });
    run(fresh, inputs, true);
    expectClose(Array.from(await fresh.variable(0, 'moving-mean')!.data()), [2]);
    expectClose(Array.from(await fresh.variable(0, 'moving-variance')!.data()), [1]);
    fresh.dispose();
    const fixed = oneLayer([1], { kind: 'batch-norm', momentum: 1 }, { 'moving-mean': [5], 'moving-variance': [7] });
    run(fixed, inputs, true);
    expectClose(Array.from(await fixed.variable(0, 'moving-mean')!.data()), [5]);
    expectClose(Array.from(await fixed.variable(0, 'moving-variance')!.data()), [7]);
    fixed.dispose();
  });
});
