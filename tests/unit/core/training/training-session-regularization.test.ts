import { describe, expect, it } from 'vitest';
import { tf } from '../../../../src/core/tf/tf-core';
import { TrainingSession, type TrainingSessionConfig } from '../../../../src/core/training/training-session';
import { runTrainingLoop } from '../../../../src/core/training/run-training-loop';
import { histogram } from '../../../../src/core/math/histogram';
import { findParameter, type NetworkParameters } from '../../../../src/core/nn/network-spec';
import type { LabelledData } from '../../../../src/core/training/labelled-data';
import { fourFeatureData, smallClassifier } from './session-fixtures';

/**
 * The labels of every `every`-th example flipped: with all flipped, the better the network learns the rule the worse
 * it does; with some flipped, validation first improves, then worsens as the network grows confident on the rest.
 */
function flippedLabels(data: LabelledData, every = 1): LabelledData {
  const targets = Float32Array.from(data.targets, (value, i) => (Math.floor(i / 2) % every === 0 ? data.targets[i % 2 === 0 ? i + 1 : i - 1] : value));
  return { ...data, targets };
}

const earlyStoppingConfig: TrainingSessionConfig = { ...smallClassifier, learningRate: 0.1, evaluateEvery: 4, earlyStopping: { patience: 3 } };

async function parametersAfter(config: TrainingSessionConfig, steps: number, train: LabelledData): Promise<NetworkParameters> {
  const session = new TrainingSession(config, train, null);
  try {
    session.runSteps(steps);
    await session.collect();
    return await session.exportParameters();
  } finally {
    session.dispose();
  }
}

describe('TrainingSession early stopping', () => {
  it('stops once validation stops improving for `patience` evaluations, with the best weights put back', async () => {
    const train = fourFeatureData(64);
    const before = tf.memory().numTensors;
    const session = new TrainingSession(earlyStoppingConfig, train, flippedLabels(fourFeatureData(64, 1000), 3));
    try {
      session.queueEvaluation();
      const reports: Array<Awaited<ReturnType<TrainingSession['collect']>>> = [];
      const reason = await runTrainingLoop(session, { maxSteps: 2000, shouldStop: () => false, onProgress: (p) => reports.push(p), rest: async () => undefined });
      expect(reason).toBe('early-stopped');
      const status = reports[reports.length - 1].earlyStopping;
      expect(status).toBeDefined();
      const { bestStep, stoppedAtStep, restoredStep, evaluationsSinceBest } = status!;
      // Validation first improves (the untrained outputs are not yet confident), then worsens as the rule is learned.
      expect(bestStep).toBeGreaterThan(0);
      expect(stoppedAtStep).toBe(bestStep! + 3 * 4);
      expect(evaluationsSinceBest).toBe(3);
      expect(restoredStep).toBe(bestStep);
      // The best evaluation had the lowest validation loss of all evaluations up to the stop.
      const validation = reports.flatMap((r) => r.validation.steps.map((step, i) => ({ step, loss: r.validation.loss[i] }))).filter((v) => v.step <= stoppedAtStep!);
      const lowest = validation.reduce((a, b) => (b.loss < a.loss ? b : a));
      expect(lowest.step).toBe(bestStep);
      // The model now holds exactly the weights an identical run had at the best step (the run is seeded).
      const restored = await session.exportParameters();
      const reference = await parametersAfter(earlyStoppingConfig, bestStep!, train);
      for (const parameter of reference) expect(findParameter(restored, parameter.layer, parameter.name)).toEqual(parameter.values);
    } finally {
      session.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('with stopTraining off, trains on and only marks where it would have stopped; the best weights come back on demand', async () => {
    const config = { ...earlyStoppingConfig, earlyStopping: { patience: 2, stopTraining: false } };
    const session = new TrainingSession(config, fourFeatureData(64), flippedLabels(fourFeatureData(64)));
    try {
      session.queueEvaluation();
      let last: Awaited<ReturnType<TrainingSession['collect']>> | null = null;
      const reason = await runTrainingLoop(session, { maxSteps: 120, shouldStop: () => false, onProgress: (p) => (last = p), rest: async () => undefined });
      expect(reason).toBe('completed');
      expect(session.stepCount).toBe(120);
      const status = last!.earlyStopping!;
      expect(status.stoppedAtStep).not.toBeNull();
      expect(status.restoredStep).toBeNull();
      expect(session.restoreBestWeights()).toBe(true);
      expect(session.earlyStopping?.restoredStep).toBe(status.bestStep);
    } finally {
      session.dispose();
    }
  });

  it('has nothing to restore without early stopping, and rejects it without validation evaluations', () => {
    const session = new TrainingSession(smallClassifier, fourFeatureData(16), null);
    try {
      expect(session.restoreBestWeights()).toBe(false);
      expect(session.earlyStopping).toBeNull();
    } finally {
      session.dispose();
    }
    expect(() => new TrainingSession({ ...smallClassifier, earlyStopping: { patience: 2 } }, fourFeatureData(16), null)).toThrow('needs validation evaluations');
    expect(() => new TrainingSession({ ...earlyStoppingConfig, earlyStopping: { patience: 0 } }, fourFeatureData(16), null)).toThrow('patience');
  });
});

describe('TrainingSession histogram and dropout read-outs', () => {
  /** y = w·x + b with w = [2, −1], b = 0.5, trained with ½(y − t)² on one example x = [1, 3], t = 0. */
  const linear: TrainingSessionConfig = {
    network: { inputShape: [2], layers: [{ kind: 'dense', units: 1 }], initialization: { kind: 'zeros' } },
    loss: 'half-squared-error',
    learningRate: 0.01,
    batchSize: 1,
    seed: 1,
    recordEvery: 1,
    evaluateEvery: 0,
    initialParameters: [
      { layer: 0, name: 'kernel', shape: [2, 1], values: Float32Array.from([2, -1]) },
      { layer: 0, name: 'bias', shape: [1], values: Float32Array.from([0.5]) },
    ],
  };
  const oneExample: LabelledData = { inputs: Float32Array.from([1, 3]), targets: Float32Array.from([0]), count: 1, inputSize: 2, targetSize: 1 };

  it('bins the newest step’s kernel gradient: ∂L/∂w = (y − t)·x = −0.5·[1, 3]', async () => {
    const session = new TrainingSession(linear, oneExample, null);
    try {
      session.setReadouts({ gradients: { kind: 'gradient-histograms', bins: 4, range: [-2, 2] } });
      expect((await session.collect()).readouts.gradients).toMatchObject({ kind: 'gradient-histograms', layers: [] });
      session.runSteps(1);
      const value = (await session.collect()).readouts.gradients;
      expect(value.kind).toBe('gradient-histograms');
      if (value.kind !== 'gradient-histograms') return;
      const [layer] = value.layers;
      // y = 2·1 − 1·3 + 0.5 = −0.5 ⇒ gradient [−0.5, −1.5]: bins [−2,−1) and [−1,0).
      expect(layer).toMatchObject({ layer: 0, name: 'dense-1' });
      expect(layer.histogram.counts).toEqual([1, 1, 0, 0]);
      expect(layer.histogram.mean).toBeCloseTo(-1, 6);
      expect([layer.histogram.min, layer.histogram.max]).toEqual([-1.5, -0.5]);
    } finally {
      session.dispose();
    }
  });

  it('bins the kernels (not the biases) for parameter histograms', async () => {
    const session = new TrainingSession(linear, oneExample, null);
    try {
      session.setReadouts({ weights: { kind: 'parameter-histograms', bins: 2 } });
      const value = (await session.collect()).readouts.weights;
      expect(value).toMatchObject({ kind: 'parameter-histograms', layers: [{ layer: 0, histogram: { lo: -2, hi: 2, counts: [1, 1], total: 2, mean: 0.5 } }] });
    } finally {
      session.dispose();
    }
  });

  it('bins each listed layer’s activations exactly as the activations read-out reports them', async () => {
    const session = new TrainingSession(smallClassifier, fourFeatureData(64), null);
    const probe = { inputs: fourFeatureData(20, 300).inputs, count: 20 };
    try {
      session.setReadouts({
        raw: { kind: 'activations', layers: [0, 2], ...probe },
        binned: { kind: 'activation-histograms', layers: [0, 2], bins: 7, ...probe },
      });
      session.runSteps(5);
      const { raw, binned } = (await session.collect()).readouts;
      if (raw.kind !== 'activations' || binned.kind !== 'activation-histograms') throw new Error('wrong kinds');
      expect(binned.layers.map((l) => l.layer)).toEqual([0, 2]);
      binned.layers.forEach((layer, i) => expect(layer.histogram).toEqual(histogram(raw.layers[i].values, 7)));
      // Layer 2 is a ReLU: some of its outputs are exactly 0.
      expect(binned.layers[1].histogram.zeroFraction).toBeGreaterThan(0);
    } finally {
      session.dispose();
    }
  });

  it('reports the dropout mask the newest step used: exactly the inputs whose weights that step changed', async () => {
    const units = 32;
    const config: TrainingSessionConfig = {
      network: {
        inputShape: [units],
        layers: [
          { kind: 'dropout', rate: 0.5 },
          { kind: 'dense', units: 1 },
        ],
        initialization: { kind: 'zeros' },
      },
      loss: 'half-squared-error',
      learningRate: 0.1,
      batchSize: 1,
      seed: 5,
      recordEvery: 1,
      evaluateEvery: 0,
    };
    const ones: LabelledData = { inputs: new Float32Array(units).fill(1), targets: Float32Array.from([1]), count: 1, inputSize: units, targetSize: 1 };
    const session = new TrainingSession(config, ones, null);
    try {
      session.setReadouts({ masks: { kind: 'dropout-masks' } });
      for (let step = 0; step < 3; step++) {
        const before = findParameter(await session.exportParameters(), 1, 'kernel')!;
        session.runSteps(1);
        const { readouts } = await session.collect({ forceReadouts: true });
        const after = findParameter(await session.exportParameters(), 1, 'kernel')!;
        const masks = readouts.masks;
        if (masks.kind !== 'dropout-masks') throw new Error('wrong kind');
        expect(masks.layers).toHaveLength(1);
        expect(masks.layers[0]).toMatchObject({ layer: 0, shape: [units] });
        const changed = Array.from(after, (w, i) => (w !== before[i] ? 1 : 0));
        expect(Array.from(masks.layers[0].kept)).toEqual(changed);
        const keptCount = changed.reduce((a: number, b) => a + b, 0);
        expect(keptCount).toBeGreaterThan(4);
        expect(keptCount).toBeLessThan(28);
      }
    } finally {
      session.dispose();
    }
  });
});
