import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-wasm';
import { tf } from '../../../src/core/tf/tf-core';
import { lenet5 } from '../../../src/core/nn/architectures/lenet5';
import { TrainingSession } from '../../../src/core/training/training-session';
import type { TrainingSessionConfig } from '../../../src/core/training/training-config';
import type { LabelledData } from '../../../src/core/training/labelled-data';
import { registerConv2dBackpropFilterWasm } from '../../../src/engine/wasm/conv2d-backprop-filter';
import { createSeededRandom } from '../../../src/core/random/seeded-random';
import { relativeError } from './helpers/relative-error';

/** 32 random 28×28 "digits" with labels 0–9, the same on every backend. */
function randomDigits(count: number): LabelledData {
  const random = createSeededRandom(5);
  const inputs = Float32Array.from({ length: count * 784 }, () => random());
  const targets = new Float32Array(count * 10);
  for (let i = 0; i < count; i++) targets[i * 10 + (i % 10)] = 1;
  return { inputs, targets, count, inputSize: 784, targetSize: 10 };
}

const config: TrainingSessionConfig = { network: lenet5, loss: 'softmax-cross-entropy', learningRate: 0.1, batchSize: 16, seed: 3, recordEvery: 1, evaluateEvery: 0 };

/** Trains `steps` steps on a backend and returns the parameters and the losses. */
async function train(backend: 'cpu' | 'wasm', steps: number) {
  expect(await tf.setBackend(backend)).toBe(true);
  const session = new TrainingSession(config, randomDigits(32), null);
  session.runSteps(steps);
  const progress = await session.collect();
  const parameters = await session.exportParameters();
  session.dispose();
  return { parameters, losses: progress.trainLoss.values };
}

describe('LeNet-5 on the WebAssembly backend', () => {
  // TF.js's test-mode leak check counts a backend's data ids around each kernel; the WebAssembly kernels
  // that reshape their inputs internally trip it without leaking. The last test checks for leaks directly.
  beforeAll(() => {
    tf.env().set('IS_TEST', false);
  });
  afterAll(async () => {
    tf.env().set('IS_TEST', true);
    await tf.setBackend('cpu');
  });

  it('takes the same training steps as on the CPU backend (every parameter within 1e-4 relative)', async () => {
    registerConv2dBackpropFilterWasm();
    const onWasm = await train('wasm', 2);
    const onCpu = await train('cpu', 2);
    expect(onWasm.parameters.map((p) => `${p.layer}/${p.name}`)).toEqual(onCpu.parameters.map((p) => `${p.layer}/${p.name}`));
    onWasm.parameters.forEach((parameter, i) => {
      expect(relativeError(parameter.values, onCpu.parameters[i].values), `${parameter.layer}/${parameter.name}`).toBeLessThanOrEqual(1e-4);
    });
    expect(onWasm.losses).toHaveLength(2);
    onWasm.losses.forEach((loss, i) => expect(loss).toBeCloseTo(onCpu.losses[i], 4));
    // The step changed the weights: equal parameters are not just the untouched initial ones.
    const initialTrained = await train('cpu', 0);
    expect(relativeError(onWasm.parameters[0].values, initialTrained.parameters[0].values)).toBeGreaterThan(1e-3);
  });

  it('leaks nothing: the backend holds as much memory after 20 more steps as after 5', async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const session = new TrainingSession(config, randomDigits(32), null);
    session.runSteps(5);
    await session.collect();
    const [dataIds, bytes] = [backend.numDataIds(), tf.memory().numBytes];
    session.runSteps(20);
    await session.collect();
    expect([backend.numDataIds(), tf.memory().numBytes]).toEqual([dataIds, bytes]);
    session.dispose();
  });
});
