import { describe, expect, it } from 'vitest';
import { tf } from '../../../../src/core/tf/tf-core';
import { TrainingSession, type TrainingSessionConfig } from '../../../../src/core/training/training-session';
import { runTrainingLoop } from '../../../../src/core/training/run-training-loop';
import type { LabelledData } from '../../../../src/core/training/labelled-data';
import { findParameter } from '../../../../src/core/nn/network-spec';

/** Two separable blobs: class 1 around (1, 1), class 0 around (-1, -1); targets 1/0 for a sigmoid unit. */
function separableBlobs(count: number): LabelledData {
  const inputs = new Float32Array(count * 2);
  const targets = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const positive = i % 2 === 0;
    const jitter = ((i * 7919) % 100) / 100 - 0.5;
    inputs[2 * i] = (positive ? 1 : -1) + jitter * 0.6;
    inputs[2 * i + 1] = (positive ? 1 : -1) - jitter * 0.4;
    targets[i] = positive ? 1 : 0;
  }
  return { inputs, targets, count, inputSize: 2, targetSize: 1 };
}

const perceptronConfig: TrainingSessionConfig = {
  network: { inputShape: [2], layers: [{ kind: 'dense', units: 1, activation: 'sigmoid' }], initialization: { kind: 'normal', std: 0.5 } },
  loss: 'half-squared-error',
  learningRate: 0.5,
  batchSize: 1000,
  seed: 7,
  recordEvery: 1,
  evaluateEvery: 0,
};

async function trainCurve(config: TrainingSessionConfig, steps: number, data = separableBlobs(40)): Promise<number[]> {
  const session = new TrainingSession(config, data, null);
  try {
    session.runSteps(steps);
    return (await session.collect()).trainLoss.values;
  } finally {
    session.dispose();
  }
}

describe('TrainingSession', () => {
  it('lowers the loss of a perceptron on separable points with full-batch gradient descent', async () => {
    const curve = await trainCurve(perceptronConfig, 60);
    expect(curve).toHaveLength(60);
    expect(curve[59]).toBeLessThan(curve[0] * 0.5);
  });

  it('gives the same loss curve for the same seed and configuration, and a different one for another seed', async () => {
    const minibatch = { ...perceptronConfig, batchSize: 8 };
    const first = await trainCurve(minibatch, 30);
    const second = await trainCurve(minibatch, 30);
    const otherSeed = await trainCurve({ ...minibatch, seed: 8 }, 30);
    expect(second).toEqual(first);
    expect(otherSeed).not.toEqual(first);
  });

  it('records a loss point every `recordEvery` steps and validation every `evaluateEvery` steps', async () => {
    const data = separableBlobs(40);
    const session = new TrainingSession({ ...perceptronConfig, recordEvery: 5, evaluateEvery: 10 }, data, separableBlobs(20));
    try {
      session.setReadouts({ weights: { kind: 'parameters' } });
      session.runSteps(20);
      const progress = await session.collect();
      expect(progress.trainLoss.steps).toEqual([5, 10, 15, 20]);
      expect(progress.validation.steps).toEqual([10, 20]);
      expect(progress.validation.accuracy[1]).toBeGreaterThan(0.9);
      const weights = progress.readouts.weights;
      expect(weights?.kind === 'parameters' && findParameter(weights.parameters, 0, 'kernel')).toHaveLength(2);
      expect(progress.epoch).toBe(20);
      session.runSteps(3);
      const unrecorded = await session.collect();
      expect(unrecorded.trainLoss.steps).toEqual([]);
      expect(unrecorded.latestLoss).not.toBe(progress.latestLoss);
      expect(unrecorded.step).toBe(23);
      const nothingNew = await session.collect();
      expect(nothingNew.trainLoss.values).toEqual([]);
      expect(nothingNew.latestLoss).toBe(unrecorded.latestLoss);
    } finally {
      session.dispose();
    }
  });

  it('flags divergence when the learning rate is absurd', async () => {
    const config: TrainingSessionConfig = {
      ...perceptronConfig,
      network: { ...perceptronConfig.network, layers: [{ kind: 'dense', units: 1, activation: 'linear' }] },
      learningRate: 1e6,
    };
    const session = new TrainingSession(config, separableBlobs(40), null);
    try {
      const reason = await runTrainingLoop(session, { maxSteps: 500, shouldStop: () => false, onProgress: () => {} });
      expect(reason).toBe('diverged');
      expect(session.stepCount).toBeLessThan(500);
    } finally {
      session.dispose();
    }
  });

  it('frees every tensor it created on dispose, also with records still pending', async () => {
    const baseline = tf.memory().numTensors;
    const session = new TrainingSession({ ...perceptronConfig, batchSize: 8, evaluateEvery: 3 }, separableBlobs(40), separableBlobs(10));
    session.setReadouts({ weights: { kind: 'parameters' }, grid: { kind: 'outputs', inputs: new Float32Array(8), count: 4 }, norms: { kind: 'gradient-norms' } });
    session.runSteps(10);
    await session.collect();
    session.runSteps(7);
    expect(tf.memory().numTensors).toBeGreaterThan(baseline);
    session.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('scales uint8 pixel inputs to [0, 1]', async () => {
    const data: LabelledData = { inputs: Uint8Array.from([0, 255, 255, 0]), targets: Float32Array.from([1, 0]), count: 2, inputSize: 2, targetSize: 1 };
    const session = new TrainingSession(
      { ...perceptronConfig, network: { inputShape: [2], layers: [{ kind: 'dense', units: 1, activation: 'linear' }], initialization: { kind: 'zeros' } } },
      data,
      null,
    );
    try {
      session.runSteps(1);
      const parameters = await session.exportParameters();
      // Zero weights ⇒ outputs 0; gradient of ½ mean (y − t)² w.r.t. w = mean((y − t) x) = ((0 − 1)·(0, 1) + 0) / 2.
      expect(Array.from(findParameter(parameters, 0, 'kernel')!)).toEqual([0, 0.25]);
    } finally {
      session.dispose();
    }
  });

  it('rejects data whose arrays disagree with the declared shape', () => {
    const broken = { ...separableBlobs(4), count: 5 };
    expect(() => new TrainingSession(perceptronConfig, broken, null)).toThrow(/expected 5 × 2/);
  });
});

describe('runTrainingLoop', () => {
  it('stops at maxSteps with a falling loss and reports progress along the way', async () => {
    const session = new TrainingSession(perceptronConfig, separableBlobs(40), null);
    const reports: number[] = [];
    try {
      const reason = await runTrainingLoop(session, { maxSteps: 50, shouldStop: () => false, onProgress: (p) => reports.push(...p.trainLoss.values) });
      expect(reason).toBe('completed');
      expect(session.stepCount).toBe(50);
      expect(reports).toHaveLength(50);
      expect(reports[49]).toBeLessThan(reports[0]);
    } finally {
      session.dispose();
    }
  });

  it('pauses as soon as shouldStop turns true', async () => {
    const session = new TrainingSession(perceptronConfig, separableBlobs(40), null);
    let chunks = 0;
    try {
      const reason = await runTrainingLoop(session, { maxSteps: 1e9, shouldStop: () => chunks >= 3, onProgress: () => chunks++ });
      expect(reason).toBe('paused');
      expect(chunks).toBe(3);
      expect(session.stepCount).toBeGreaterThan(0);
    } finally {
      session.dispose();
    }
  });
});
