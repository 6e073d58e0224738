import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tf, type Tensor2D } from '../../../../src/core/tf/tf-core';
import { lenet5 } from '../../../../src/core/nn/architectures/lenet5';
import { Network } from '../../../../src/core/nn/network';
import { findParameter, initializeParameters, type NetworkParameters, type NetworkSpec } from '../../../../src/core/nn/network-spec';
import { expectClose, seededValues, withValues } from './helpers';

let baseline = 0;
beforeEach(() => {
  baseline = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors, 'no tensor leaks').toBe(baseline);
});

const classifier: NetworkSpec = {
  inputShape: [28, 28, 1],
  layers: [{ kind: 'flatten' }, { kind: 'activation', activation: 'relu' }, { kind: 'dense', units: 10 }],
  initialization: { kind: 'zeros' },
};

describe('Network construction and parameters', () => {
  it('creates one variable per parameter, trainable except the moving statistics', () => {
    const spec: NetworkSpec = {
      inputShape: [3],
      layers: [{ kind: 'dense', units: 4 }, { kind: 'batch-norm' }, { kind: 'dense', units: 2 }],
      initialization: { kind: 'he-normal' },
    };
    const network = new Network(spec, initializeParameters(spec, 1));
    expect(network.parameters.map((p) => [p.layer, p.name, p.trainable, p.decays, p.variable.trainable, p.variable.shape])).toEqual([
      [0, 'kernel', true, true, true, [3, 4]],
      [0, 'bias', true, false, true, [4]],
      [1, 'gamma', true, false, true, [4]],
      [1, 'beta', true, false, true, [4]],
      [1, 'moving-mean', false, false, false, [4]],
      [1, 'moving-variance', false, false, false, [4]],
      [2, 'kernel', true, true, true, [4, 2]],
      [2, 'bias', true, false, true, [2]],
    ]);
    expect(network.trainableVariables()).toHaveLength(6);
    expect(network.trainableVariables(new Set([0]))).toEqual([
      network.variable(1, 'gamma'),
      network.variable(1, 'beta'),
      network.variable(2, 'kernel'),
      network.variable(2, 'bias'),
    ]);
    expect(network.variable(1, 'moving-mean')).toBe(network.parameters[4].variable);
    expect(network.variable(1, 'kernel')).toBeNull();
    expect(network.variable(9, 'kernel')).toBeNull();
    expect(network.inputSize).toBe(3);
    network.dispose();
  });

  it('rejects parameters that do not match the spec, naming layer, parameter and shapes', () => {
    const good = initializeParameters(classifier, 1);
    const replace = (change: (p: NetworkParameters) => NetworkParameters) => change(good.map((p) => ({ ...p })));
    const wrongShape = replace((p) => p.map((q) => (q.name === 'kernel' ? { ...q, shape: [784, 12], values: new Float32Array(784 * 12) } : q)));
    expect(() => new Network(classifier, wrongShape)).toThrow('layer 3 (dense) kernel: expected shape [784, 10], got [784, 12]');
    expect(
      () =>
        new Network(
          classifier,
          replace((p) => p.filter((q) => q.name !== 'bias')),
        ),
    ).toThrow('layer 3 (dense) bias: missing');
    expect(
      () =>
        new Network(
          classifier,
          replace((p) => p.map((q) => (q.name === 'bias' ? { ...q, values: new Float32Array(9) } : q))),
        ),
    ).toThrow('layer 3 (dense) bias: shape [10] needs 10 values, got 9');
    expect(
      () =>
        new Network(
          classifier,
          replace((p) => [...p, { layer: 0, name: 'kernel', shape: [1], values: new Float32Array(1) }]),
        ),
    ).toThrow("layer 1: unexpected parameter 'kernel'");
    expect(
      () =>
        new Network(
          classifier,
          replace((p) => [...p, p[0]]),
        ),
    ).toThrow('layer 3 (dense) kernel: given 2 times');
    expect(tf.memory().numTensors).toBe(baseline); // nothing created for a rejected network
  });

  it('reads back fresh copies of every parameter, and assigns validated values', async () => {
    const spec: NetworkSpec = { inputShape: [2], layers: [{ kind: 'dense', units: 2 }, { kind: 'batch-norm' }], initialization: { kind: 'normal', std: 1 } };
    const initial = initializeParameters(spec, 4);
    const network = new Network(spec, initial);
    const read = await network.readParameters();
    expect(read.map((p) => [p.layer, p.name, p.shape])).toEqual(initial.map((p) => [p.layer, p.name, p.shape]));
    read.forEach((p, i) => expect(p.values).toEqual(initial[i].values));
    read[0].values[0] = 123; // a copy: changing it changes nothing in the network
    expect((await network.readParameters())[0].values[0]).toBe(initial[0].values[0]);

    const next = withValues(spec, { '0:kernel': [1, 2, 3, 4], '0:bias': [5, 6], '1:moving-mean': [7, 8] });
    network.assignParameters(next);
    const after = await network.readParameters();
    expect(Array.from(findParameter(after, 0, 'kernel')!)).toEqual([1, 2, 3, 4]);
    expect(Array.from(findParameter(after, 0, 'bias')!)).toEqual([5, 6]);
    expect(Array.from(findParameter(after, 1, 'moving-mean')!)).toEqual([7, 8]);

    const bad = next.map((p) => (p.name === 'bias' ? { ...p, shape: [3], values: new Float32Array(3) } : p));
    expect(() => network.assignParameters(bad)).toThrow('layer 1 (dense) bias: expected shape [2], got [3]');
    expect(Array.from(findParameter(await network.readParameters(), 0, 'kernel')!)).toEqual([1, 2, 3, 4]); // unchanged
    network.dispose();
  });
});

describe('Network forward pass', () => {
  it('chains conv (bias, ReLU), pooling, flatten and dense by hand', () => {
    const spec: NetworkSpec = {
      inputShape: [3, 3, 1],
      layers: [
        { kind: 'conv2d', filters: 1, kernelSize: 2, padding: 'valid', activation: 'relu' },
        { kind: 'avg-pool', size: 2 },
        { kind: 'flatten' },
        { kind: 'dense', units: 1 },
      ],
      initialization: { kind: 'zeros' },
    };
    // Conv [[1, 0], [0, 1]] + 0.5 on [[1,2,3],[4,5,6],[7,9,8]] → [[6.5, 8.5], [13.5, 13.5]] → mean 10.5 → 2·10.5 + 1 = 22.
    const network = new Network(spec, withValues(spec, { '0:kernel': [1, 0, 0, 1], '0:bias': [0.5], '3:kernel': [2], '3:bias': [1] }));
    const output = tf.tidy(() => network.apply(tf.tensor2d([[1, 2, 3, 4, 5, 6, 7, 9, 8]]), { training: false }).arraySync());
    expect(output).toEqual([[22]]);
    network.dispose();
  });

  it('captures the outputs of the listed layers with their shapes', () => {
    const network = new Network(lenet5, initializeParameters(lenet5, 1));
    const inputs = tf.tensor2d([seededValues(784, 1), seededValues(784, 2)]);
    const { shapes, same } = tf.tidy(() => {
      const { output, activations } = network.applyCapturing(inputs, { training: false }, [0, 1, 4, 7]);
      const plain = network.apply(inputs, { training: false });
      return {
        shapes: [...activations.entries()].map(([layer, tensor]) => [layer, tensor.shape]),
        same: [tf.max(tf.abs(tf.sub(output, plain))).dataSync()[0], tf.max(tf.abs(tf.sub(activations.get(7)!, plain))).dataSync()[0]],
      };
    });
    expect(shapes).toEqual([
      [0, [2, 28, 28, 6]],
      [1, [2, 14, 14, 6]],
      [4, [2, 400]],
      [7, [2, 10]],
    ]);
    expect(same).toEqual([0, 0]);
    expect(() => network.applyCapturing(inputs, { training: false }, [8])).toThrow('cannot capture layer index 8');
    expect(() => tf.tidy(() => network.apply(tf.zeros([1, 10]) as Tensor2D, { training: false }))).toThrow('inputs must have shape [batch, 784], got [1, 10]');
    inputs.dispose();
    network.dispose();
  });

  it('differs between training and inference only through dropout and batch norm', () => {
    const spec: NetworkSpec = {
      inputShape: [6],
      layers: [
        { kind: 'dense', units: 50 },
        { kind: 'dropout', rate: 0.5 },
        { kind: 'dense', units: 3 },
      ],
      initialization: { kind: 'normal', std: 1 },
    };
    const network = new Network(spec, initializeParameters(spec, 2));
    const outputs = tf.tidy(() => {
      const x = tf.tensor2d([seededValues(6, 3)]);
      return [false, false, true, true].map((training, i) => Array.from(network.apply(x, { training, seed: i === 3 ? 1 : 0 }).dataSync()));
    });
    expect(outputs[1]).toEqual(outputs[0]); // inference is deterministic
    expect(outputs[2]).not.toEqual(outputs[0]); // dropout drops in training
    expect(outputs[3]).not.toEqual(outputs[2]); // another seed, another mask
    network.dispose();
  });
});

describe('Network gradients', () => {
  it('gives the input gradient of a linear dense layer: column outputIndex of W for every example', () => {
    const spec: NetworkSpec = { inputShape: [3], layers: [{ kind: 'dense', units: 2 }], initialization: { kind: 'zeros' } };
    // W = [[1, 2], [3, 4], [5, 6]].
    const network = new Network(spec, withValues(spec, { '0:kernel': [1, 2, 3, 4, 5, 6], '0:bias': [7, 8] }));
    const inputs = tf.tensor2d([
      [1, 0, -1],
      [0.5, 2, 3],
    ]);
    const gradient = network.inputGradient(inputs, 1);
    expect(gradient.shape).toEqual([2, 3]);
    expect(gradient.arraySync()).toEqual([
      [2, 4, 6],
      [2, 4, 6],
    ]);
    gradient.dispose();
    expect(() => network.inputGradient(inputs, 2)).toThrow('output index 2 is out of range: the network has 2 outputs');
    inputs.dispose();
    network.dispose();
  });

  it('propagates the input gradient through ReLU by hand, per example', () => {
    const spec: NetworkSpec = {
      inputShape: [2],
      layers: [
        { kind: 'dense', units: 2, activation: 'relu' },
        { kind: 'dense', units: 1 },
      ],
      initialization: { kind: 'zeros' },
    };
    // W1 = [[1, −1], [1, 1]], w2 = [2, 3]: x = [1, 2] ⇒ h = [3, 1] (both active) ⇒ ∂y/∂x = W1 · w2 = [2 − 3, 2 + 3];
    // x = [1, −2] ⇒ h = [−1, −3] (both off) ⇒ 0.
    const network = new Network(spec, withValues(spec, { '0:kernel': [1, -1, 1, 1], '0:bias': [0, 0], '1:kernel': [2, 3], '1:bias': [0] }));
    const inputs = tf.tensor2d([
      [1, 2],
      [1, -2],
    ]);
    const gradient = network.inputGradient(inputs, 0);
    expect(gradient.arraySync()).toEqual([
      [-1, 5],
      [0, 0],
    ]);
    gradient.dispose();
    inputs.dispose();
    network.dispose();
  });

  it('uses inference mode for the input gradient (batch norm’s moving statistics, no dropout)', () => {
    const spec: NetworkSpec = { inputShape: [1], layers: [{ kind: 'batch-norm' }, { kind: 'dropout', rate: 0.5 }], initialization: { kind: 'zeros' } };
    // y = γ (x − m)/√(v + ε) + β with γ = 3, v = 4 ⇒ ∂y/∂x = 3/√(4 + 1e−5) for each example.
    const network = new Network(spec, withValues(spec, { '0:gamma': [3], '0:moving-mean': [1], '0:moving-variance': [4] }));
    const inputs = tf.tensor2d([[1], [5], [-2]]);
    const gradient = network.inputGradient(inputs, 0);
    expectClose(gradient.arraySync(), [[1.5], [1.5], [1.5]], 4);
    gradient.dispose();
    inputs.dispose();
    network.dispose();
  });

  it('gives the same parameter gradients through fused (ReLU) and unfused (tanh, leaky ReLU) paths as plain ops', () => {
    const x = tf.tensor2d([seededValues(3 * 3 * 2, 1), seededValues(3 * 3 * 2, 2)]);
    for (const activation of ['relu', 'tanh', 'leaky-relu'] as const) {
      const spec: NetworkSpec = {
        inputShape: [3, 3, 2],
        layers: [{ kind: 'conv2d', filters: 2, kernelSize: 2, padding: 'same', activation }, { kind: 'flatten' }, { kind: 'dense', units: 2, activation }],
        initialization: { kind: 'normal', std: 1 },
      };
      const network = new Network(spec, initializeParameters(spec, 3));
      const [k1, b1, k2, b2] = network.trainableVariables();
      const f = { relu: tf.relu, tanh: tf.tanh, 'leaky-relu': (t: tf.Tensor) => tf.leakyRelu(t, 0.01) }[activation] as <T extends tf.Tensor>(t: T) => T;
      const gradients = (manual: boolean) =>
        tf.tidy(() => {
          const { grads } = tf.variableGrads(() => {
            const out = manual
              ? f(tf.add(tf.matMul(tf.reshape(f(tf.add(tf.conv2d(tf.reshape(x, [-1, 3, 3, 2]) as tf.Tensor4D, k1 as tf.Tensor4D, 1, 'same'), b1)), [2, -1]), k2 as Tensor2D), b2))
              : network.apply(x, { training: true });
            return tf.sum(tf.square(out));
          }, network.trainableVariables());
          return network.trainableVariables().map((v) => Array.from(grads[v.name].dataSync()));
        });
      const fused = gradients(false);
      const manual = gradients(true);
      fused.forEach((values, i) => expectClose(values, manual[i], 4));
      network.dispose();
    }
    x.dispose();
  });

  it('trains batch norm with an optimizer: γ, β move, moving statistics follow the batch, nothing leaks', async () => {
    const spec: NetworkSpec = {
      inputShape: [4, 4, 1],
      layers: [
        { kind: 'conv2d', filters: 2, kernelSize: 3, padding: 'same' },
        { kind: 'batch-norm', momentum: 0.5 },
        { kind: 'activation', activation: 'relu' },
        { kind: 'dropout', rate: 0.2 },
        { kind: 'flatten' },
        { kind: 'dense', units: 2 },
      ],
      initialization: { kind: 'he-normal' },
    };
    const network = new Network(spec, initializeParameters(spec, 5));
    const optimizer = tf.train.sgd(0.1);
    const x = tf.tensor2d([seededValues(16, 1), seededValues(16, 2), seededValues(16, 3)]);
    const targets = tf.tensor2d([
      [1, 0],
      [0, 1],
      [1, 0],
    ]);
    const expectedMean = tf.tidy(() => {
      const conv = network.applyCapturing(x, { training: false }, [0]).activations.get(0)!;
      return Array.from(tf.mul(0.5, tf.moments(conv, [0, 1, 2]).mean).dataSync()); // 0.5·0 + 0.5·batch
    });
    for (let step = 0; step < 3; step++) {
      const loss = optimizer.minimize(() => tf.mean(tf.square(tf.sub(network.apply(x, { training: true, seed: step }), targets))), true, network.trainableVariables());
      if (step === 0) expectClose(Array.from(await network.variable(1, 'moving-mean')!.data()), expectedMean, 4);
      loss?.dispose();
    }
    const after = await network.readParameters();
    expect(Array.from(findParameter(after, 1, 'gamma')!)).not.toEqual([1, 1]);
    expect(Array.from(findParameter(after, 1, 'beta')!)).not.toEqual([0, 0]);
    optimizer.dispose();
    x.dispose();
    targets.dispose();
    network.dispose();
  });
});
