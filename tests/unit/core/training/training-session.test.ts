import { describe, expect, it } from 'vitest';
import { tf } from '../../../../src/core/tf/tf-core';
import { TrainingSession, type TrainingSessionConfig } from '../../../../src/core/training/training-session';
import { runTrainingLoop } from '../../../../src/core/training/run-training-loop';
import { GrowableLabelledData, type LabelledData } from '../../../../src/core/training/labelled-data';
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

  it('gathers uint8 minibatches on the host, scaled by 1/255, in the same order as float inputs', async () => {
    // Pixel inputs k/255 and the same inputs as floats give the same curve (the batches hold the same numbers).
    const count = 24;
    const pixels = Uint8Array.from({ length: count * 2 }, (_, i) => (i * 53) % 256);
    const targets = Float32Array.from({ length: count }, (_, i) => i % 2);
    const asFloats = Float32Array.from(pixels, (v) => v / 255);
    const config = { ...perceptronConfig, batchSize: 5 };
    const fromPixels = await trainCurve(config, 12, { inputs: pixels, targets, count, inputSize: 2, targetSize: 1 });
    const fromFloats = await trainCurve(config, 12, { inputs: asFloats, targets, count, inputSize: 2, targetSize: 1 });
    expect(fromPixels).toEqual(fromFloats);
  });
});

describe('a training set that streams in (extendTrainingData)', () => {
  const whole = separableBlobs(40);
  const firstRows = (data: LabelledData, count: number): LabelledData => ({ ...data, count, inputs: data.inputs.subarray(0, count * 2), targets: data.targets.subarray(0, count) });

  it('trains on the new examples from the next step on, without a reset, and counts epochs over the grown set', async () => {
    const session = new TrainingSession({ ...perceptronConfig, batchSize: 4 }, firstRows(whole, 8), null);
    try {
      session.runSteps(2);
      expect(session.trainingCount).toBe(8);
      expect(session.epoch).toBe(1);
      session.extendTrainingData(whole);
      expect(session.trainingCount).toBe(40);
      session.runSteps(8);
      expect(session.stepCount).toBe(10);
      expect(session.epoch).toBe(1);
    } finally {
      session.dispose();
    }
  });

  it('takes the same steps however the chunks were cut, as long as they arrive before training reaches them', async () => {
    const config = { ...perceptronConfig, batchSize: 4 };
    const curve = async (cuts: number[]) => {
      const session = new TrainingSession(config, firstRows(whole, cuts[0]), null);
      try {
        for (const cut of cuts.slice(1)) session.extendTrainingData(firstRows(whole, cut));
        session.runSteps(15);
        return (await session.collect()).trainLoss.values;
      } finally {
        session.dispose();
      }
    };
    const twoChunks = await curve([20, 40]);
    expect(await curve([20, 40])).toEqual(twoChunks);
    // A different chunking shuffles the new examples differently: a different (still seeded) run.
    expect(await curve([10, 20, 40])).not.toEqual(twoChunks);
  });

  it('refuses examples of another size and a set that shrank', () => {
    const session = new TrainingSession({ ...perceptronConfig, batchSize: 4 }, firstRows(whole, 8), null);
    try {
      expect(() => session.extendTrainingData({ ...whole, inputSize: 1, inputs: whole.inputs.subarray(0, 40) })).toThrow(/1 inputs and 1 targets, expected 2 and 1/);
      expect(() => session.extendTrainingData(firstRows(whole, 4))).toThrow(/cannot shrink from 8 to 4/);
    } finally {
      session.dispose();
    }
  });
});

describe('GrowableLabelledData', () => {
  it('appends chunks in order, keeping the first rows in place across growth', () => {
    const chunk = (start: number, count: number): LabelledData => ({
      inputs: Uint8Array.from({ length: count * 3 }, (_, i) => start * 3 + i),
      targets: Float32Array.from({ length: count }, (_, i) => start + i),
      count,
      inputSize: 3,
      targetSize: 1,
    });
    const grown = new GrowableLabelledData(chunk(0, 2));
    const before = grown.view();
    for (let start = 2; start < 50; start += 6) grown.append(chunk(start, 6));
    const view = grown.view();
    expect(view.count).toBe(50);
    expect(Array.from(view.targets)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(view.inputs.subarray(0, 6))).toEqual(Array.from(before.inputs));
    expect(view.inputs[149]).toBe(149);
  });

  it('refuses a chunk of another shape or input type', () => {
    const grown = new GrowableLabelledData({ inputs: new Uint8Array(4), targets: new Float32Array(2), count: 2, inputSize: 2, targetSize: 1 });
    expect(() => grown.append({ inputs: new Uint8Array(6), targets: new Float32Array(2), count: 2, inputSize: 3, targetSize: 1 })).toThrow(
      /3 inputs and 1 targets per example, expected 2 and 1/,
    );
    expect(() => grown.append({ inputs: new Float32Array(4), targets: new Float32Array(2), count: 2, inputSize: 2, targetSize: 1 })).toThrow(/same type/);
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
