import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tf } from '../../../../src/core/tf/tf-core';
import { readoutBuffers, validateReadout, type ReadoutRequest, type ReadoutValues } from '../../../../src/core/training/readouts';
import { ReadoutSet, type NewestStep } from '../../../../src/core/training/readout-set';
import { Network } from '../../../../src/core/nn/network';
import type { NetworkSpec } from '../../../../src/core/nn/network-spec';
import { withValues } from '../nn/helpers';

describe('validateReadout', () => {
  const valid = (request: ReadoutRequest) => validateReadout('r', request, 2, 3);

  it('accepts computable requests, at the edges of every range', () => {
    expect(valid({ kind: 'parameters' })).toBeNull();
    expect(valid({ kind: 'parameters', layers: [0, 2], everySteps: 1 })).toBeNull();
    expect(valid({ kind: 'gradient-norms', everySteps: 5 })).toBeNull();
    expect(valid({ kind: 'outputs', inputs: new Float32Array(2), count: 1 })).toBeNull();
    expect(valid({ kind: 'activations', layers: [2], inputs: new Uint8Array(4), count: 2 })).toBeNull();
    expect(valid({ kind: 'input-gradient', outputIndex: 0, inputs: new Float32Array(2), count: 1 })).toBeNull();
  });

  it('wants everySteps a whole number ≥ 1', () => {
    expect(valid({ kind: 'parameters', everySteps: 0 })).toBe('read-out "r": everySteps must be a whole number ≥ 1, got 0');
    expect(valid({ kind: 'gradient-norms', everySteps: 2.5 })).toBe('read-out "r": everySteps must be a whole number ≥ 1, got 2.5');
  });

  it('wants existing layers for parameters and activations', () => {
    expect(valid({ kind: 'parameters', layers: [3] })).toBe('read-out "r": layer 3 does not exist (the network has layers 0–2)');
    expect(valid({ kind: 'parameters', layers: [0, -1] })).toBe('read-out "r": layer -1 does not exist (the network has layers 0–2)');
    expect(valid({ kind: 'activations', layers: [0.5], inputs: new Float32Array(2), count: 1 })).toBe('read-out "r": layer 0.5 does not exist (the network has layers 0–2)');
  });

  it('wants at least one input and [count, inputSize] numbers', () => {
    expect(valid({ kind: 'outputs', inputs: new Float32Array(0), count: 0 })).toBe('read-out "r": needs at least one input (count = 0)');
    expect(valid({ kind: 'outputs', inputs: new Float32Array(3), count: 1.5 })).toBe('read-out "r": needs at least one input (count = 1.5)');
    expect(valid({ kind: 'input-gradient', outputIndex: 0, inputs: new Float32Array(3), count: 2 })).toBe('read-out "r": inputs hold 3 numbers, expected 2 × 2');
  });
});

describe('readoutBuffers', () => {
  it('lists the buffer of every array in the values, and nothing for gradient norms', () => {
    const arrays = [1, 2, 3, 4, 5].map((n) => new Float32Array(n));
    const values: ReadoutValues = {
      p: {
        kind: 'parameters',
        step: 1,
        parameters: [
          { layer: 0, name: 'kernel', shape: [1], values: arrays[0] },
          { layer: 0, name: 'bias', shape: [2], values: arrays[1] },
        ],
      },
      o: { kind: 'outputs', step: 1, shape: [3], values: arrays[2] },
      a: { kind: 'activations', step: 1, layers: [{ layer: 0, shape: [4], values: arrays[3] }] },
      g: { kind: 'input-gradient', step: 1, shape: [5], values: arrays[4] },
      n: { kind: 'gradient-norms', step: 1, layers: [{ layer: 0, name: 'dense-1', norm: 1 }] },
    };
    expect(readoutBuffers(values)).toEqual(arrays.map((array) => array.buffer));
    expect(readoutBuffers({})).toEqual([]);
  });
});

describe('ReadoutSet', () => {
  // y = x W + b with W = [[1, 2], [3, 4]], b = [0.5, −0.5], then ReLU.
  const spec: NetworkSpec = {
    inputShape: [2],
    layers: [
      { kind: 'dense', units: 2 },
      { kind: 'activation', activation: 'relu' },
    ],
    initialization: { kind: 'zeros' },
  };
  let network: Network;
  let set: ReadoutSet;
  let baseline = 0;
  beforeEach(() => {
    baseline = tf.memory().numTensors;
    network = new Network(spec, withValues(spec, { '0:kernel': [1, 2, 3, 4], '0:bias': [0.5, -0.5] }));
    set = new ReadoutSet(network);
  });
  afterEach(() => {
    set.dispose();
    network.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  const names = (due: { name: string }[]) => due.map((readout) => readout.name);

  it('is due when never computed, when not computed at this step without everySteps, or when everySteps have elapsed', () => {
    set.replace({ always: { kind: 'parameters' }, every3: { kind: 'parameters', everySteps: 3 } });
    expect(set.hasStale(0)).toBe(true);
    expect(names(set.takeDue(0, false))).toEqual(['always', 'every3']);
    expect(set.hasStale(0)).toBe(false);
    expect(names(set.takeDue(0, false))).toEqual([]);
    expect(names(set.takeDue(2, false))).toEqual(['always']);
    expect(set.hasStale(2)).toBe(true);
    expect(names(set.takeDue(3, false))).toEqual(['always', 'every3']);
    expect(names(set.takeDue(5, false))).toEqual(['always']);
    expect(names(set.takeDue(5, true))).toEqual(['always', 'every3']);
    expect(set.hasStale(5)).toBe(false);
  });

  it('keeps the old read-outs when a replacement is invalid, and frees uploaded inputs on replace', () => {
    set.replace({ grid: { kind: 'outputs', inputs: new Float32Array(4), count: 2 } });
    const withInputs = tf.memory().numTensors;
    expect(withInputs).toBe(baseline + network.parameters.length + 1);
    expect(() => set.replace({ bad: { kind: 'parameters', layers: [9] } })).toThrow('read-out "bad": layer 9 does not exist');
    expect(names(set.takeDue(0, false))).toEqual(['grid']);
    set.replace({ weights: { kind: 'parameters' } });
    expect(tf.memory().numTensors).toBe(withInputs - 1);
    expect(set.wantsGradientNorms).toBe(false);
    set.replace({ norms: { kind: 'gradient-norms' } });
    expect(set.wantsGradientNorms).toBe(true);
  });

  const noStep: NewestStep = { gradientNorms: null, kernelGradients: null, dropout: { seed: 0, batchSize: 1 } };

  async function compute(name: string, request: ReadoutRequest, newest: NewestStep = noStep) {
    set.replace({ [name]: request });
    const [readout] = set.takeDue(7, true);
    let assemble: ReturnType<ReadoutSet['plan']>['assemble'] = () => ({ kind: 'outputs', step: 0, shape: [], values: new Float32Array(0) });
    const pieces = tf.tidy(() => {
      const plan = set.plan(readout, newest);
      assemble = plan.assemble;
      return plan.tensors.map((tensor) => Float32Array.from(tensor.dataSync()));
    });
    return assemble(pieces, 7);
  }

  it('plans parameters (all, or the listed layers), outputs, activations and input gradients with their shapes', async () => {
    const probe = { inputs: Float32Array.from([1, 1, -1, 0]), count: 2 };
    const all = await compute('p', { kind: 'parameters' });
    expect(all.kind === 'parameters' && all.parameters.map((p) => [p.layer, p.name, p.shape, Array.from(p.values)])).toEqual([
      [0, 'kernel', [2, 2], [1, 2, 3, 4]],
      [0, 'bias', [2], [0.5, -0.5]],
    ]);
    expect(all.step).toBe(7);
    const none = await compute('p', { kind: 'parameters', layers: [1] });
    expect(none.kind === 'parameters' && none.parameters).toEqual([]);
    // x = [1, 1] ⇒ [4.5, 5.5]; x = [−1, 0] ⇒ [−0.5, −2.5] ⇒ ReLU [0, 0].
    const outputs = await compute('o', { kind: 'outputs', ...probe });
    expect(outputs).toEqual({ kind: 'outputs', step: 7, shape: [2, 2], values: Float32Array.from([4.5, 5.5, 0, 0]) });
    const activations = await compute('a', { kind: 'activations', layers: [0], ...probe });
    expect(activations).toEqual({ kind: 'activations', step: 7, layers: [{ layer: 0, shape: [2, 2], values: Float32Array.from([4.5, 5.5, -0.5, -2.5]) }] });
    // ∂y₁/∂x = column 1 of W where ReLU is active: [2, 4] for the first example, 0 for the second.
    const gradient = await compute('g', { kind: 'input-gradient', outputIndex: 1, ...probe });
    expect(gradient).toEqual({ kind: 'input-gradient', step: 7, shape: [2, 2], values: Float32Array.from([2, 4, 0, 0]) });
  });

  it('computes outputs and activations in inference mode (dropout off)', async () => {
    const dropoutSpec: NetworkSpec = { inputShape: [4], layers: [{ kind: 'dropout', rate: 0.9 }], initialization: { kind: 'zeros' } };
    const dropoutNetwork = new Network(dropoutSpec, []);
    const dropoutSet = new ReadoutSet(dropoutNetwork);
    dropoutSet.replace({
      outputs: { kind: 'outputs', inputs: Float32Array.from([1, 2, 3, 4]), count: 1 },
      activations: { kind: 'activations', layers: [0], inputs: Float32Array.from([1, 2, 3, 4]), count: 1 },
    });
    const values = tf.tidy(() => dropoutSet.takeDue(0, true).map((readout) => Array.from(dropoutSet.plan(readout, noStep).tensors[0].dataSync())));
    expect(values).toEqual([
      [1, 2, 3, 4],
      [1, 2, 3, 4],
    ]);
    dropoutSet.dispose();
    dropoutNetwork.dispose();
  });

  it('plans gradient norms from the newest step, or none before any step', async () => {
    expect(await compute('n', { kind: 'gradient-norms' })).toEqual({ kind: 'gradient-norms', step: 7, layers: [] });
    const tensor = tf.tensor1d([1.5, 2]);
    const norms = await compute(
      'n',
      { kind: 'gradient-norms' },
      {
        ...noStep,
        gradientNorms: {
          tensor,
          layers: [
            { layer: 0, name: 'a' },
            { layer: 2, name: 'b' },
          ],
        },
      },
    );
    expect(norms).toEqual({
      kind: 'gradient-norms',
      step: 7,
      layers: [
        { layer: 0, name: 'a', norm: 1.5 },
        { layer: 2, name: 'b', norm: 2 },
      ],
    });
    tensor.dispose();
  });
});
