import { describe, expect, it } from 'vitest';
import { tf } from '../../../../src/core/tf/tf-core';
import { TrainingSession } from '../../../../src/core/training/training-session';
import type { TrainingSessionConfig } from '../../../../src/core/training/training-config';
import { findParameter, type NetworkParameters } from '../../../../src/core/nn/network-spec';
import { fourFeatureData, smallClassifier } from './session-fixtures';

async function withSession<T>(config: TrainingSessionConfig, body: (session: TrainingSession) => Promise<T>): Promise<T> {
  const session = new TrainingSession(config, fourFeatureData(64), fourFeatureData(32, 1000));
  try {
    return await body(session);
  } finally {
    session.dispose();
  }
}

async function curve(config: TrainingSessionConfig, steps: number): Promise<number[]> {
  return withSession(config, async (session) => {
    session.runSteps(steps);
    return (await session.collect()).trainLoss.values;
  });
}

const values = (parameters: NetworkParameters, layer: number, name: string) => Array.from(findParameter(parameters, layer, name) ?? []);

describe('TrainingSession options', () => {
  it.each([
    ['sgd', { kind: 'sgd' }],
    ['momentum', { kind: 'momentum', momentum: 0.9 }],
    ['nesterov', { kind: 'nesterov', momentum: 0.9 }],
    ['rmsprop', { kind: 'rmsprop' }],
    ['adam', { kind: 'adam' }],
    ['adamw', { kind: 'adamw', weightDecay: 0.01 }],
  ] as const)('trains with %s: the loss falls', async (_name, optimizer) => {
    const learningRate = optimizer.kind === 'sgd' || optimizer.kind === 'momentum' || optimizer.kind === 'nesterov' ? 0.05 : 0.01;
    const losses = await curve({ ...smallClassifier, optimizer, learningRate }, 80);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(losses.slice(-10))).toBeLessThan(mean(losses.slice(0, 10)) * 0.8);
  });

  it('gives the same curve for the same seed with dropout (masks are seeded per step) and another for another seed', async () => {
    const first = await curve(smallClassifier, 15);
    const again = await curve(smallClassifier, 15);
    const other = await curve({ ...smallClassifier, seed: 12 }, 15);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('keeps frozen layers bit-identical while the others learn', async () => {
    await withSession({ ...smallClassifier, frozenLayers: [0, 1] }, async (session) => {
      const before = await session.exportParameters();
      session.runSteps(20);
      const after = await session.exportParameters();
      for (const name of ['kernel', 'bias']) expect(values(after, 0, name)).toEqual(values(before, 0, name));
      for (const name of ['gamma', 'beta', 'moving-mean', 'moving-variance']) expect(values(after, 1, name)).toEqual(values(before, 1, name));
      expect(values(after, 4, 'kernel')).not.toEqual(values(before, 4, 'kernel'));
    });
  });

  it('moves batch-norm moving statistics while training an unfrozen network', async () => {
    await withSession(smallClassifier, async (session) => {
      const before = await session.exportParameters();
      session.runSteps(3);
      const after = await session.exportParameters();
      expect(values(after, 1, 'moving-mean')).not.toEqual(values(before, 1, 'moving-mean'));
    });
  });

  it('with an L2 penalty, shrinks the kernels (not the biases) and records the data loss alone', async () => {
    const plain = { ...smallClassifier, network: { ...smallClassifier.network, layers: [{ kind: 'dense' as const, units: 2 }] }, batchSize: 64 };
    const norm = (parameters: NetworkParameters) => Math.hypot(...values(parameters, 0, 'kernel'));
    const run = (l2Penalty: number) =>
      withSession({ ...plain, l2Penalty }, async (session) => {
        session.runSteps(40);
        const progress = await session.collect();
        return { norm: norm(await session.exportParameters()), first: progress.trainLoss.values[0] };
      });
    const without = await run(0);
    const withDecay = await run(0.5);
    expect(withDecay.norm).toBeLessThan(without.norm * 0.9);
    // Step 1's recorded loss comes before any update: equal with and without the penalty (so the penalty is not in it).
    expect(withDecay.first).toBeCloseTo(without.first, 6);
  });

  it('with an L1 penalty, one SGD step moves each kernel weight by exactly −η·λ·sign(w) more than without it, and biases not at all', async () => {
    const plain = { ...smallClassifier, network: { ...smallClassifier.network, layers: [{ kind: 'dense' as const, units: 2 }] }, batchSize: 64, learningRate: 0.1 };
    const oneStep = (l1Penalty: number) =>
      withSession({ ...plain, l1Penalty }, async (session) => {
        const before = await session.exportParameters();
        session.runSteps(1);
        return { before, after: await session.exportParameters() };
      });
    const without = await oneStep(0);
    const withL1 = await oneStep(0.3);
    const w0 = values(without.before, 0, 'kernel');
    values(withL1.after, 0, 'kernel').forEach((weight, i) => {
      expect(weight - values(without.after, 0, 'kernel')[i]).toBeCloseTo(-0.1 * 0.3 * Math.sign(w0[i]), 5);
    });
    expect(values(withL1.after, 0, 'bias')).toEqual(values(without.after, 0, 'bias'));
  });

  it('counts validation accuracy per output under a multi-label loss, where argmax would call it perfect', async () => {
    // Zero weights give logits 0 ("no" to every label) while every example has both labels: 0 of 2 right per example.
    // Argmax accuracy would compare argmax (0, 0) = 0 with argmax (1, 1) = 0 and report 100 %.
    const both = (count: number) => ({ ...fourFeatureData(count), targets: new Float32Array(count * 2).fill(1) });
    const config: TrainingSessionConfig = {
      ...smallClassifier,
      network: { inputShape: [4], layers: [{ kind: 'dense', units: 2 }], initialization: { kind: 'zeros' } },
      loss: 'multi-label-soft-margin',
      evaluateEvery: 1,
    };
    const session = new TrainingSession(config, both(16), both(8));
    try {
      session.queueEvaluation();
      const progress = await session.collect();
      expect(progress.validation.accuracy[0]).toBe(0);
      expect(progress.validation.loss[0]).toBeCloseTo(Math.log(2), 5);
    } finally {
      session.dispose();
    }
  });

  it('clips the gradient to the given global norm: one SGD step moves the parameters by at most η·c', async () => {
    const config = { ...smallClassifier, network: { ...smallClassifier.network, layers: [{ kind: 'dense' as const, units: 2 }] }, learningRate: 1, gradientClipNorm: 0.01 };
    await withSession(config, async (session) => {
      const before = (await session.exportParameters()).flatMap((p) => Array.from(p.values));
      session.runSteps(1);
      const after = (await session.exportParameters()).flatMap((p) => Array.from(p.values));
      const moved = Math.hypot(...after.map((v, i) => v - before[i]));
      expect(moved).toBeLessThanOrEqual(0.01 + 1e-6);
      expect(moved).toBeGreaterThan(0.0099);
    });
  });

  it('follows the learning-rate schedule and takes a live base-rate change', async () => {
    const config: TrainingSessionConfig = { ...smallClassifier, learningRate: 0.1, schedule: { kind: 'step', everySteps: 5, factor: 0.5 } };
    await withSession(config, async (session) => {
      expect(session.learningRate).toBeCloseTo(0.1);
      session.runSteps(5);
      expect((await session.collect()).learningRate).toBeCloseTo(0.05);
      session.setLearningRate(1);
      expect(session.learningRate).toBeCloseTo(0.5);
      expect(() => session.setLearningRate(-1)).toThrow(/positive/);
    });
  });

  it('rejects invalid settings with a message a learner can act on', () => {
    expect(() => new TrainingSession({ ...smallClassifier, learningRate: Number.NaN }, fourFeatureData(8), null)).toThrow(/learning rate/);
    expect(() => new TrainingSession({ ...smallClassifier, frozenLayers: [9] }, fourFeatureData(8), null)).toThrow(/layer 9/);
    expect(() => new TrainingSession({ ...smallClassifier, gradientClipNorm: 0 }, fourFeatureData(8), null)).toThrow(/clipping/);
    expect(() => new TrainingSession({ ...smallClassifier, schedule: { kind: 'step', everySteps: 10, factor: 0 } }, fourFeatureData(8), null)).toThrow(/factor/);
    const narrow = { inputs: new Float32Array(6), targets: new Float32Array(6), count: 3, inputSize: 2, targetSize: 2 };
    expect(() => new TrainingSession(smallClassifier, narrow, null)).toThrow(/training data: examples have 2 inputs, the network expects 4/);
    expect(() => new TrainingSession(smallClassifier, fourFeatureData(8), narrow)).toThrow(/validation data: examples have 2 inputs, the network expects 4/);
  });

  it('leaks no tensor with every option on', async () => {
    const baseline = tf.memory().numTensors;
    await withSession({ ...smallClassifier, optimizer: { kind: 'adamw' }, l2Penalty: 0.01, gradientClipNorm: 1, frozenLayers: [0] }, async (session) => {
      session.setReadouts({ norms: { kind: 'gradient-norms' }, weights: { kind: 'parameters', layers: [4] } });
      session.runSteps(5);
      await session.collect();
    });
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
