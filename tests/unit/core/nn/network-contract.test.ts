import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tf, type Tensor2D } from '../../../../src/core/tf/tf-core';
import { Network } from '../../../../src/core/nn/network';
import { countParameters, initializeParameters, type NetworkSpec } from '../../../../src/core/nn/network-spec';
import { expectClose, withValues } from './helpers';

let baseline = 0;
beforeEach(() => {
  baseline = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors, 'no tensor leaks').toBe(baseline);
});

const dense: NetworkSpec = { inputShape: [2], layers: [{ kind: 'dense', units: 3 }], initialization: { kind: 'zeros' } };

describe('Network parameter validation', () => {
  it('rejects a shape with the right values but the wrong rank', () => {
    const parameters = initializeParameters(dense, 1).map((p) => (p.name === 'kernel' ? { ...p, shape: [6] } : p));
    expect(() => new Network(dense, parameters)).toThrow('layer 1 (dense) kernel: expected shape [2, 3], got [6]');
    const padded = initializeParameters(dense, 1).map((p) => (p.name === 'bias' ? { ...p, shape: [3, 1] } : p));
    expect(() => new Network(dense, padded)).toThrow('layer 1 (dense) bias: expected shape [3], got [3, 1]');
    // A prefix of the right shape, with as many values as that prefix needs, is still the wrong shape.
    const prefix = initializeParameters(dense, 1).map((p) => (p.name === 'kernel' ? { ...p, shape: [2], values: new Float32Array(2) } : p));
    expect(() => new Network(dense, prefix)).toThrow('layer 1 (dense) kernel: expected shape [2, 3], got [2]');
  });

  it('names the layer of an unexpected parameter by its 1-based number', () => {
    const extra = [...initializeParameters(dense, 1), { layer: 4, name: 'gamma', shape: [3], values: new Float32Array(3) }];
    expect(() => new Network(dense, extra)).toThrow("layer 5: unexpected parameter 'gamma'");
  });

  it('creates variables holding exactly the given values, and disposes them', () => {
    const network = new Network(dense, withValues(dense, { '0:kernel': [1, 2, 3, 4, 5, 6], '0:bias': [7, 8, 9] }));
    expect(Array.from(network.variable(0, 'kernel')!.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(network.variable(0, 'kernel')!.shape).toEqual([2, 3]);
    expect(Array.from(network.variable(0, 'bias')!.dataSync())).toEqual([7, 8, 9]);
    const variables = network.parameters.map((p) => p.variable);
    network.dispose();
    expect(variables.every((variable) => variable.isDisposed)).toBe(true);
  });

  it('counts trainable parameters only', () => {
    expect(countParameters({ inputShape: [2], layers: [{ kind: 'dense', units: 3 }, { kind: 'batch-norm' }], initialization: { kind: 'zeros' } })).toBe(9 + 6);
  });
});

describe('Network forward-pass contract', () => {
  it('rejects inputs that are not [batch, inputSize]', () => {
    const network = new Network(dense, initializeParameters(dense, 1));
    const wrongRank = tf.zeros([1, 2, 1]) as unknown as Tensor2D;
    expect(() => network.apply(wrongRank, { training: false })).toThrow('inputs must have shape [batch, 2], got [1, 2, 1]');
    wrongRank.dispose();
    network.dispose();
  });

  it('flattens the output of a last layer that is not flat to [batch, outputs]', () => {
    const spec: NetworkSpec = { inputShape: [2, 2, 1], layers: [{ kind: 'conv2d', filters: 1, kernelSize: 1, padding: 'valid' }], initialization: { kind: 'zeros' } };
    const network = new Network(spec, withValues(spec, { '0:kernel': [2], '0:bias': [1] }));
    const output = tf.tidy(() => network.apply(tf.tensor2d([[1, 2, 3, 4]]), { training: false }).arraySync());
    expect(output).toEqual([[3, 5, 7, 9]]);
    network.dispose();
  });

  it('is the identity without layers, and its input gradient picks the output index', () => {
    const spec: NetworkSpec = { inputShape: [3], layers: [], initialization: { kind: 'zeros' } };
    const network = new Network(spec, []);
    const x = tf.tensor2d([[1, 2, 3]]);
    expect(tf.tidy(() => network.apply(x, { training: false }).arraySync())).toEqual([[1, 2, 3]]);
    const gradient = network.inputGradient(x, 2);
    expect(gradient.arraySync()).toEqual([[0, 0, 1]]);
    gradient.dispose();
    expect(() => network.inputGradient(x, 3)).toThrow('output index 3 is out of range: the network has 3 outputs');
    x.dispose();
    network.dispose();
  });

  it('accepts output indices 0 … outputs − 1 only, counting every value of a non-flat last layer', () => {
    const spec: NetworkSpec = { inputShape: [2, 2, 1], layers: [{ kind: 'conv2d', filters: 1, kernelSize: 1, padding: 'valid' }], initialization: { kind: 'zeros' } };
    const network = new Network(spec, withValues(spec, { '0:kernel': [2], '0:bias': [0] }));
    const x = tf.tensor2d([[1, 2, 3, 4]]);
    const gradient = network.inputGradient(x, 3);
    expect(gradient.arraySync()).toEqual([[0, 0, 0, 2]]);
    gradient.dispose();
    const first = network.inputGradient(x, 0);
    expect(first.arraySync()).toEqual([[2, 0, 0, 0]]);
    first.dispose();
    expect(() => network.inputGradient(x, 4)).toThrow('the network has 4 outputs');
    expect(() => network.inputGradient(x, -1)).toThrow('output index -1 is out of range');
    expect(() => network.inputGradient(x, 0.5)).toThrow('output index 0.5 is out of range');
    x.dispose();
    network.dispose();
  });

  it('captures layer indices 0 … layers − 1 only', () => {
    const spec: NetworkSpec = {
      inputShape: [2],
      layers: [
        { kind: 'dense', units: 2 },
        { kind: 'activation', activation: 'relu' },
      ],
      initialization: { kind: 'zeros' },
    };
    const network = new Network(spec, withValues(spec, { '0:kernel': [1, 0, 0, -1], '0:bias': [0, 0] }));
    const x = tf.tensor2d([[3, 4]]);
    const captured = tf.tidy(() => {
      const { output, activations } = network.applyCapturing(x, { training: false }, [0, 1]);
      return { output: output.arraySync(), first: activations.get(0)!.arraySync(), last: activations.get(1)!.arraySync(), keys: [...activations.keys()] };
    });
    expect(captured).toEqual({ output: [[3, 0]], first: [[3, -4]], last: [[3, 0]], keys: [0, 1] });
    expect(tf.tidy(() => [...network.applyCapturing(x, { training: false }, []).activations.keys()])).toEqual([]);
    expect(() => network.applyCapturing(x, { training: false }, [-1])).toThrow('cannot capture layer index -1: the network has layers 0–1');
    expect(() => network.applyCapturing(x, { training: false }, [2])).toThrow('cannot capture layer index 2: the network has layers 0–1');
    expect(() => network.applyCapturing(x, { training: false }, [0.5])).toThrow('cannot capture layer index 0.5');
    x.dispose();
    network.dispose();
  });
});

describe('Network training mode and frozen layers', () => {
  const spec: NetworkSpec = {
    inputShape: [1],
    layers: [
      { kind: 'batch-norm', momentum: 0.5 },
      { kind: 'dropout', rate: 0.5 },
    ],
    initialization: { kind: 'zeros' },
  };
  const parameters = () => withValues(spec, { '0:moving-mean': [1], '0:moving-variance': [4] });
  const inputs = [[1], [3], [5], [7]];

  it('runs a frozen layer with parameters in inference mode while training: moving statistics kept, used to normalize', async () => {
    const network = new Network(spec, parameters());
    const x = tf.tensor2d(inputs);
    const frozen = tf.tidy(() =>
      network
        .applyCapturing(x, { training: true, seed: 3, frozenLayers: new Set([0]) }, [0])
        .activations.get(0)!
        .arraySync(),
    );
    expectClose(
      frozen,
      inputs.map(([v]) => [(v - 1) / Math.sqrt(4 + 1e-5)]),
      4,
    );
    expect(Array.from(await network.variable(0, 'moving-mean')!.data())).toEqual([1]);
    // Not frozen: batch statistics (mean 4, variance 5) and the moving mean moves.
    const trained = tf.tidy(() =>
      network
        .applyCapturing(x, { training: true, seed: 3, frozenLayers: new Set([1]) }, [0])
        .activations.get(0)!
        .arraySync(),
    );
    expectClose(
      trained,
      inputs.map(([v]) => [(v - 4) / Math.sqrt(5 + 1e-5)]),
      4,
    );
    expectClose(Array.from(await network.variable(0, 'moving-mean')!.data()), [0.5 * 1 + 0.5 * 4]);
    x.dispose();
    network.dispose();
  });

  it('still drops units in a frozen layer without parameters (dropout), and seeds masks with 0 by default', () => {
    const spec: NetworkSpec = { inputShape: [200], layers: [{ kind: 'dropout', rate: 0.5 }], initialization: { kind: 'zeros' } };
    const network = new Network(spec, []);
    const x = tf.ones([1, 200]) as Tensor2D;
    const [frozen, seeded0, unseeded, inference] = tf.tidy(() => [
      Array.from(network.apply(x, { training: true, seed: 0, frozenLayers: new Set([0]) }).dataSync()),
      Array.from(network.apply(x, { training: true, seed: 0 }).dataSync()),
      Array.from(network.apply(x, { training: true }).dataSync()),
      Array.from(network.apply(x, { training: false }).dataSync()),
    ]);
    expect(frozen.filter((v) => v === 0).length).toBeGreaterThan(50);
    expect(frozen).toEqual(seeded0);
    expect(unseeded).toEqual(seeded0);
    expect(inference.every((v) => v === 1)).toBe(true);
    x.dispose();
    network.dispose();
  });
});
