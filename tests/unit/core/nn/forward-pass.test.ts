import { describe, expect, it } from 'vitest';
import { tf, type Tensor } from '../../../../src/core/tf/tf-core';
import { lenet5 } from '../../../../src/core/nn/architectures/lenet5';
import { forwardPass, padBefore, softmaxOf } from '../../../../src/core/nn/forward-pass';
import { Network } from '../../../../src/core/nn/network';
import { initializeParameters, type NetworkParameters, type NetworkSpec } from '../../../../src/core/nn/network-spec';
import type { LayerSpec } from '../../../../src/core/nn/layers/layer-spec';
import { seededValues } from './helpers';

/** Every layer's output from the engine's TF.js Network (inference mode), for one example. */
function engineOutputs(spec: NetworkSpec, parameters: NetworkParameters, input: Float32Array): Float32Array[] {
  const network = new Network(spec, parameters);
  try {
    return tf.tidy(() => {
      const layers = spec.layers.map((_, index) => index);
      const { activations } = network.applyCapturing(tf.tensor2d(input, [1, input.length]), { training: false }, layers);
      return layers.map((index) => (activations.get(index) as Tensor).dataSync() as Float32Array).map((values) => values.slice());
    });
  } finally {
    network.dispose();
  }
}

/** Parameters drawn from `seed`, with biases and batch-norm statistics made non-trivial too. */
function seededParameters(spec: NetworkSpec, seed: number): NetworkParameters {
  return initializeParameters(spec, seed).map((parameter, index) => {
    if (parameter.name === 'kernel') return parameter;
    const noise = seededValues(parameter.values.length, seed * 31 + index);
    const values = Float32Array.from(noise, (v) => (parameter.name === 'moving-variance' || parameter.name === 'gamma' ? 1 + 0.5 * v : 0.3 * v));
    return { ...parameter, values };
  });
}

function expectSameAsEngine(spec: NetworkSpec, seed = 7, tolerance = 1e-5): void {
  const parameters = seededParameters(spec, seed);
  const size = spec.inputShape.reduce((a, b) => a * b, 1);
  const input = Float32Array.from(seededValues(size, seed + 1), (v) => (v + 1) / 2);
  const ours = forwardPass(spec, parameters, input);
  const engine = engineOutputs(spec, parameters, input);
  expect(ours.layers.map((layer) => layer.layer)).toEqual(spec.layers.map((_, index) => index));
  ours.layers.forEach((layer, index) => {
    expect(layer.values.length, `layer ${index} length`).toBe(engine[index].length);
    const scale = Math.max(1, ...Array.from(engine[index], Math.abs));
    layer.values.forEach((value, i) => {
      if (Math.abs(value - engine[index][i]) > tolerance * scale) {
        expect.fail(`layer ${index} (${spec.layers[index].kind}) value ${i}: ${value} vs engine ${engine[index][i]}`);
      }
    });
  });
  expect(ours.outputs).toBe(ours.layers[ours.layers.length - 1].values);
}

const image = (h: number, w: number, c: number, layers: LayerSpec[]): NetworkSpec => ({ inputShape: [h, w, c], layers, initialization: { kind: 'glorot-normal' } });

describe('forwardPass: hand-worked cases', () => {
  it('dense computes f(xW + b)', () => {
    // x = [1, 2], W = [[1, 2, 3], [4, 5, 6]], b = [0.5, −20, 0] ⇒ xW + b = [9.5, −8, 15] ⇒ relu [9.5, 0, 15].
    const spec: NetworkSpec = { inputShape: [2], layers: [{ kind: 'dense', units: 3, activation: 'relu' }], initialization: { kind: 'zeros' } };
    const parameters: NetworkParameters = [
      { layer: 0, name: 'kernel', shape: [2, 3], values: Float32Array.from([1, 2, 3, 4, 5, 6]) },
      { layer: 0, name: 'bias', shape: [3], values: Float32Array.from([0.5, -20, 0]) },
    ];
    const result = forwardPass(spec, parameters, Float32Array.from([1, 2]));
    expect(Array.from(result.outputs)).toEqual([9.5, 0, 15]);
    expect(result.layers).toEqual([{ layer: 0, shape: [3], values: result.outputs }]);
  });

  it('a 2×2 max pool and average pool of a 4×4 image', () => {
    const input = Float32Array.from({ length: 16 }, (_, i) => i); // rows 0..3, 4..7, 8..11, 12..15
    const max = forwardPass(image(4, 4, 1, [{ kind: 'max-pool', size: 2 }]), [], input);
    expect(Array.from(max.outputs)).toEqual([5, 7, 13, 15]);
    expect(max.layers[0].shape).toEqual([2, 2, 1]);
    const avg = forwardPass(image(4, 4, 1, [{ kind: 'avg-pool', size: 2 }]), [], input);
    expect(Array.from(avg.outputs)).toEqual([2.5, 4.5, 10.5, 12.5]);
  });

  it("'same' padding puts the odd extra pixel after, as TF does", () => {
    // 4 inputs, window 3, stride 2 ⇒ 2 outputs, P = (2 − 1)·2 + 3 − 4 = 1 ⇒ 0 before, 1 after.
    expect(padBefore(4, 2, 3, 2, 'same')).toBe(0);
    // 5 inputs, window 5, stride 1 ⇒ P = 4 ⇒ 2 before.
    expect(padBefore(5, 5, 5, 1, 'same')).toBe(2);
    expect(padBefore(5, 1, 5, 1, 'valid')).toBe(0);
  });

  it('rejects a wrong input length and missing parameters', () => {
    expect(() => forwardPass(lenet5, initializeParameters(lenet5, 1), new Float32Array(10))).toThrow('input must have 784 values, got 10');
    const spec: NetworkSpec = { inputShape: [2], layers: [{ kind: 'dense', units: 1 }], initialization: { kind: 'zeros' } };
    expect(() => forwardPass(spec, [], new Float32Array(2))).toThrow('layer 1 (dense) kernel: missing');
  });

  it('softmaxOf gives probabilities that sum to 1 and survives huge logits', () => {
    const p = softmaxOf(Float32Array.from([0, Math.log(3)]));
    expect(p[0]).toBeCloseTo(0.25, 6);
    expect(p[1]).toBeCloseTo(0.75, 6);
    expect(Array.from(softmaxOf(Float32Array.from([1000, 1000])))).toEqual([0.5, 0.5]);
  });
});

describe('forwardPass matches the engine (TF.js, inference mode) to 1e-5', () => {
  it('LeNet-5 with seeded parameters, every layer', () => {
    expectSameAsEngine(lenet5, 3);
  });

  it('dense with every activation, dropout and batch norm', () => {
    for (const activation of ['linear', 'relu', 'leaky-relu', 'sigmoid', 'tanh'] as const) {
      expectSameAsEngine({
        inputShape: [12],
        layers: [
          { kind: 'dense', units: 8, activation },
          { kind: 'dropout', rate: 0.5 },
          { kind: 'batch-norm', epsilon: 1e-3 },
          { kind: 'activation', activation },
          { kind: 'dense', units: 3 },
        ],
        initialization: { kind: 'he-normal' },
      });
    }
  });

  it('conv2d: same/valid padding, strides, dilation, several channels; batch norm over channels', () => {
    expectSameAsEngine(
      image(9, 8, 2, [
        { kind: 'conv2d', filters: 3, kernelSize: 3, padding: 'same', activation: 'tanh' },
        { kind: 'batch-norm' },
        { kind: 'conv2d', filters: 4, kernelSize: 2, padding: 'valid', stride: 2 },
      ]),
    );
    expectSameAsEngine(image(9, 9, 1, [{ kind: 'conv2d', filters: 2, kernelSize: 4, padding: 'same', stride: 2, activation: 'relu' }]));
    expectSameAsEngine(image(10, 7, 3, [{ kind: 'conv2d', filters: 2, kernelSize: 3, padding: 'same', stride: 3 }]));
    expectSameAsEngine(image(11, 11, 2, [{ kind: 'conv2d', filters: 3, kernelSize: 3, padding: 'same', dilation: 2, activation: 'leaky-relu' }]));
    expectSameAsEngine(image(11, 10, 1, [{ kind: 'conv2d', filters: 2, kernelSize: 3, padding: 'valid', dilation: 3, activation: 'sigmoid' }]));
  });

  it('pooling with overlapping and non-covering windows, then flatten and dense', () => {
    expectSameAsEngine(
      image(9, 7, 2, [{ kind: 'max-pool', size: 3, stride: 2 }, { kind: 'avg-pool', size: 2, stride: 1 }, { kind: 'flatten' }, { kind: 'dense', units: 5, activation: 'sigmoid' }]),
    );
    expectSameAsEngine(image(7, 7, 3, [{ kind: 'avg-pool', size: 2 }, { kind: 'max-pool', size: 2, stride: 1 }, { kind: 'flatten' }]));
  });
});

describe('forwardPass speed', () => {
  it('runs LeNet-5 on one image in a few milliseconds', () => {
    const parameters = initializeParameters(lenet5, 5);
    const input = Float32Array.from(seededValues(784, 2), (v) => Math.max(0, v));
    for (let i = 0; i < 5; i++) forwardPass(lenet5, parameters, input); // warm up the JIT
    const runs = 20;
    const start = performance.now();
    for (let i = 0; i < runs; i++) forwardPass(lenet5, parameters, input);
    const perImage = (performance.now() - start) / runs;
    // A few ms on a fast machine; generous bound for a shared 2-core test machine.
    expect(perImage).toBeLessThan(40);
  });
});
