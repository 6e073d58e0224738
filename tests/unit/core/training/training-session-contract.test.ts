import { describe, expect, it } from 'vitest';
import { tf } from '../../../../src/core/tf/tf-core';
import { stepSeed, TrainingSession, type TrainingSessionConfig } from '../../../../src/core/training/training-session';
import type { LabelledData } from '../../../../src/core/training/labelled-data';
import { findParameter, type NetworkParameters, type NetworkSpec } from '../../../../src/core/nn/network-spec';
import type { Activation, LayerSpec } from '../../../../src/core/nn/layers/layer-spec';

/** Rows of inputs and targets as LabelledData. */
function rows(inputs: number[][], targets: number[][]): LabelledData {
  return { inputs: Float32Array.from(inputs.flat()), targets: Float32Array.from(targets.flat()), count: inputs.length, inputSize: inputs[0].length, targetSize: targets[0].length };
}

/** One dense unit on two inputs, y = f(x·w + b), with the given weights. */
function perceptron(w: number[], b: number, activation: Activation = 'linear', extra: Partial<TrainingSessionConfig> = {}): TrainingSessionConfig {
  const network: NetworkSpec = { inputShape: [2], layers: [{ kind: 'dense', units: 1, activation }], initialization: { kind: 'zeros' } };
  const initialParameters: NetworkParameters = [
    { layer: 0, name: 'kernel', shape: [2, 1], values: Float32Array.from(w) },
    { layer: 0, name: 'bias', shape: [1], values: Float32Array.from([b]) },
  ];
  return { network, loss: 'half-squared-error', learningRate: 1, batchSize: 100, seed: 1, recordEvery: 1, evaluateEvery: 0, initialParameters, ...extra };
}

async function withSession<T>(config: TrainingSessionConfig, train: LabelledData, validation: LabelledData | null, body: (s: TrainingSession) => Promise<T>): Promise<T> {
  const session = new TrainingSession(config, train, validation);
  try {
    return await body(session);
  } finally {
    session.dispose();
  }
}

const kernelAndBias = async (session: TrainingSession) => {
  const parameters = await session.exportParameters();
  return [...Array.from(findParameter(parameters, 0, 'kernel')!), ...Array.from(findParameter(parameters, 0, 'bias')!)];
};
const expectAll = (actual: number[], expected: number[], digits = 5) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(value, `value ${i}`).toBeCloseTo(expected[i], digits));
};

// x = [[1, 0], [0, 2]], t = [1, 1], w = 0, b = 0 ⇒ y = 0; L = ½ mean (y − t)² = ½;
// ∂L/∂w = mean((y − t) x) = −[½, 1], ∂L/∂b = −1: gradient norm √(¼ + 1 + 1) = 1.5.
const data = rows(
  [
    [1, 0],
    [0, 2],
  ],
  [[1], [1]],
);

describe('stepSeed', () => {
  it('mixes the run seed and the step into an unsigned 32-bit number', () => {
    expect(stepSeed(0, 0)).toBe(0x85ebca6b);
    expect(stepSeed(1, 0)).toBe((0x9e3779b1 ^ 0x85ebca6b) >>> 0);
    expect(stepSeed(0, 1)).toBe(Math.imul(2, 0x85ebca6b) >>> 0);
    expect(stepSeed(-1, 0)).toBe((Math.imul(0xffffffff, 0x9e3779b1) ^ 0x85ebca6b) >>> 0);
    const seeds = new Set(Array.from({ length: 100 }, (_, step) => stepSeed(7, step)));
    expect(seeds.size).toBe(100);
  });
});

describe('TrainingSession steps by hand', () => {
  it('records the loss before the update and takes the SGD step w ← w − η ∇L', async () => {
    await withSession(perceptron([0, 0], 0, 'linear', { learningRate: 0.5 }), data, null, async (session) => {
      session.runSteps(1);
      const progress = await session.collect();
      expect(progress.trainLoss).toEqual({ steps: [1], values: [0.5] });
      expect(progress.latestLoss).toBe(0.5);
      expect(progress.step).toBe(1);
      expect(progress.diverged).toBe(false);
      expectAll(await kernelAndBias(session), [0.25, 0.5, 0.5]);
    });
  });

  it('reports gradient norms per layer and clips the whole gradient to the given norm', async () => {
    const config = perceptron([0, 0], 0, 'linear', { gradientClipNorm: 0.75 });
    await withSession({ ...config, gradientClipNorm: undefined }, data, null, async (session) => {
      session.setReadouts({ norms: { kind: 'gradient-norms' } });
      session.runSteps(1);
      const { readouts } = await session.collect();
      expect(readouts.norms.kind === 'gradient-norms' && readouts.norms.layers.map((l) => [l.layer, l.name])).toEqual([[0, 'dense-1']]);
      expect(readouts.norms.kind === 'gradient-norms' && readouts.norms.layers[0].norm).toBeCloseTo(1.5, 5);
      // The newest step's norms stay available for a forced report without a new step.
      const again = (await session.collect({ forceReadouts: true })).readouts.norms;
      expect(again.kind === 'gradient-norms' && again.layers[0].norm).toBeCloseTo(1.5, 5);
    });
    await withSession(config, data, null, async (session) => {
      session.setReadouts({ norms: { kind: 'gradient-norms' } });
      session.runSteps(1);
      const { readouts } = await session.collect();
      expect(readouts.norms.kind === 'gradient-norms' && readouts.norms.layers[0].norm).toBeCloseTo(0.75, 5);
      // Halved gradient: w = ½ · [½, 1], b = ½.
      expectAll(await kernelAndBias(session), [0.25, 0.5, 0.5]);
    });
  });

  it('adds ½ λ ‖W‖² to the differentiated loss (kernels only) but records the data loss', async () => {
    // w = [1, 1], b = ½, t = x·w + b ⇒ no data gradient; the penalty's gradient is λ w on the kernel, nothing on the bias.
    const exact = rows(
      [
        [1, 0],
        [0, 2],
      ],
      [[1.5], [2.5]],
    );
    await withSession(perceptron([1, 1], 0.5, 'linear', { learningRate: 0.1, l2Penalty: 0.5 }), exact, null, async (session) => {
      session.runSteps(1);
      expect((await session.collect()).trainLoss.values).toEqual([0]);
      expectAll(await kernelAndBias(session), [0.95, 0.95, 0.5]);
    });
  });

  it('decays only kernels with an optimizer’s weight decay', async () => {
    const exact = rows(
      [
        [1, 0],
        [0, 2],
      ],
      [[1.5], [2.5]],
    );
    await withSession(perceptron([1, 1], 0.5, 'linear', { learningRate: 0.1, optimizer: { kind: 'sgd', weightDecay: 0.5 } }), exact, null, async (session) => {
      session.runSteps(1);
      expectAll(await kernelAndBias(session), [0.95, 0.95, 0.5]);
    });
  });

  it('with every layer frozen, only evaluates: the loss is recorded, nothing changes and no norms are reported', async () => {
    await withSession(perceptron([0, 0], 0, 'linear', { frozenLayers: [0] }), data, null, async (session) => {
      session.setReadouts({ norms: { kind: 'gradient-norms' } });
      session.runSteps(2);
      const progress = await session.collect();
      expect(progress.trainLoss.values).toEqual([0.5, 0.5]);
      expect(progress.readouts.norms).toEqual({ kind: 'gradient-norms', step: 2, layers: [] });
      expect(await kernelAndBias(session)).toEqual([0, 0, 0]);
    });
  });
});

describe('TrainingSession minibatches', () => {
  // A frozen network with zero weights: each example's loss is ½ t², so a batch's loss shows which examples it held.
  const targets = [[1], [2], [3], [4]];
  const four = rows(
    [
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ],
    targets,
  );
  const frozen = (batchSize: number, seed = 1) => perceptron([0, 0], 0, 'linear', { frozenLayers: [0], batchSize, seed });

  it('visits every example exactly once per epoch, in a seeded order', async () => {
    const losses = await withSession(frozen(2), four, null, async (session) => {
      session.runSteps(6);
      const progress = await session.collect();
      expect(progress.epoch).toBe(3);
      return progress.trainLoss.values;
    });
    // Each step's loss is the mean over two different examples, and per epoch the two batch means add up to (½ + 2 + 4.5 + 8) / 2.
    const pairMeans = [1.25, 2.5, 4.25, 3.25, 5, 6.25];
    for (const loss of losses)
      expect(
        pairMeans.some((mean) => Math.abs(mean - loss) < 1e-5),
        `loss ${loss}`,
      ).toBe(true);
    for (let epoch = 0; epoch < 3; epoch++) expect(losses[2 * epoch] + losses[2 * epoch + 1]).toBeCloseTo(7.5, 5);
    const again = await withSession(frozen(2), four, null, async (session) => {
      session.runSteps(6);
      return (await session.collect()).trainLoss.values;
    });
    expect(again).toEqual(losses);
  });

  it('shuffles anew for every epoch, each order equally likely', async () => {
    // Two examples, batch size 1: an epoch starts with example 1 (loss ½) or example 2 (loss 2), each with probability ½.
    const two = rows(
      [
        [0, 0],
        [0, 0],
      ],
      [[1], [2]],
    );
    const firsts = await withSession(frozen(1, 5), two, null, async (session) => {
      session.runSteps(80);
      const losses = (await session.collect()).trainLoss.values;
      return losses.filter((_, step) => step % 2 === 0);
    });
    const repeats = firsts.filter((loss, epoch) => epoch > 0 && loss === firsts[epoch - 1]).length;
    const startsWithFirst = firsts.filter((loss) => loss === 0.5).length;
    // 40 epochs: about 20 of each start and about 20 repeats of the previous epoch's start (never or always would be no shuffle).
    expect(startsWithFirst).toBeGreaterThan(8);
    expect(startsWithFirst).toBeLessThan(32);
    expect(repeats).toBeGreaterThan(8);
    expect(repeats).toBeLessThan(31);
  });

  it('uses the whole set as one batch when the batch size reaches the count; the epoch counts passes', async () => {
    for (const batchSize of [4, 100]) {
      await withSession(frozen(batchSize), four, null, async (session) => {
        session.runSteps(3);
        const progress = await session.collect();
        expect(progress.trainLoss.values).toEqual([3.75, 3.75, 3.75]);
        expect(progress.epoch).toBe(3);
      });
    }
    await withSession(frozen(3), four, null, async (session) => {
      session.runSteps(2);
      expect(session.epoch).toBe(1.5);
    });
  });
});

describe('TrainingSession validation', () => {
  // Targets 0, 0, 1 against outputs all 0.3: class 1 means y > 0.5 after a sigmoid, y > 0 otherwise.
  const validation = rows(
    [
      [0, 0],
      [0, 0],
      [0, 0],
    ],
    [[0], [0], [1]],
  );
  const logit = (p: number) => Math.log(p / (1 - p));

  async function accuracy(config: TrainingSessionConfig): Promise<{ loss: number; accuracy: number; steps: number[] }> {
    return withSession(config, data, validation, async (session) => {
      session.queueEvaluation();
      const { validation: v } = await session.collect();
      return { loss: v.loss[0], accuracy: v.accuracy[0], steps: v.steps };
    });
  }

  it('splits sigmoid outputs at 0.5 and other outputs at 0', async () => {
    const sigmoid = await accuracy(perceptron([0, 0], logit(0.3), 'sigmoid'));
    expect(sigmoid.accuracy).toBeCloseTo(2 / 3, 6);
    expect(sigmoid.loss).toBeCloseTo(0.5 * ((0.3 ** 2 * 2 + 0.7 ** 2) / 3), 5);
    expect(sigmoid.steps).toEqual([0]);
    const linear = await accuracy(perceptron([0, 0], 0.3, 'linear'));
    expect(linear.accuracy).toBeCloseTo(1 / 3, 6);
    // A standalone sigmoid layer at the end counts as well.
    const standalone = perceptron([0, 0], logit(0.3), 'linear');
    const layers: LayerSpec[] = [...standalone.network.layers, { kind: 'activation', activation: 'sigmoid' }];
    expect((await accuracy({ ...standalone, network: { ...standalone.network, layers } })).accuracy).toBeCloseTo(2 / 3, 6);
  });

  it('evaluates in inference mode (no dropout), reading each validation loss and accuracy apart from the training losses', async () => {
    const base = perceptron([0, 0], 0.3, 'linear', { evaluateEvery: 2, frozenLayers: [0] });
    const layers: LayerSpec[] = [...base.network.layers, { kind: 'dropout', rate: 0.9 }];
    await withSession({ ...base, network: { ...base.network, layers } }, data, validation, async (session) => {
      session.runSteps(5);
      const progress = await session.collect();
      // Training (dropout on) is random; validation with y = 0.3 against 0, 0, 1 is exact.
      expect(progress.trainLoss.steps).toEqual([1, 2, 3, 4, 5]);
      expect(progress.validation.steps).toEqual([2, 4]);
      progress.validation.loss.forEach((loss) => expect(loss).toBeCloseTo(0.5 * ((0.09 + 0.09 + 0.49) / 3), 5));
      progress.validation.accuracy.forEach((accuracy) => expect(accuracy).toBeCloseTo(1 / 3, 6));
    });
  });

  it('evaluates every evaluateEvery steps, and never without validation data', async () => {
    await withSession(perceptron([0, 0], 0, 'linear', { evaluateEvery: 2, learningRate: 0.01 }), data, validation, async (session) => {
      session.runSteps(5);
      expect((await session.collect()).validation.steps).toEqual([2, 4]);
    });
    await withSession(perceptron([0, 0], 0, 'linear', { evaluateEvery: 1 }), data, null, async (session) => {
      session.runSteps(2);
      session.queueEvaluation();
      expect((await session.collect()).validation).toEqual({ steps: [], loss: [], accuracy: [] });
    });
  });
});

describe('TrainingSession reports', () => {
  it('before any step: step 0, epoch 0, no loss, not diverged, the base learning rate', async () => {
    await withSession(perceptron([0, 0], 0, 'linear', { learningRate: 0.3 }), data, null, async (session) => {
      expect(await session.collect()).toEqual({
        step: 0,
        epoch: 0,
        trainLoss: { steps: [], values: [] },
        validation: { steps: [], loss: [], accuracy: [] },
        latestLoss: null,
        learningRate: 0.3,
        readouts: {},
        diverged: false,
      });
    });
  });

  it('reads the newest step’s loss as latestLoss even when that step is not recorded', async () => {
    await withSession(perceptron([0, 0], 0, 'linear', { learningRate: 0.5, recordEvery: 1000 }), data, null, async (session) => {
      session.runSteps(1);
      const progress = await session.collect();
      expect(progress.trainLoss.values).toEqual([]);
      expect(progress.latestLoss).toBe(0.5);
    });
  });

  it('counts steps from startStep: records, the schedule and the epoch go on from there', async () => {
    const config = perceptron([0, 0], 0, 'linear', { startStep: 10, recordEvery: 2, learningRate: 1, schedule: { kind: 'step', everySteps: 10, factor: 0.5 } });
    await withSession(config, data, null, async (session) => {
      expect(session.stepCount).toBe(10);
      expect(session.learningRate).toBe(0.5);
      expect(session.epoch).toBe(10);
      session.runSteps(3);
      const progress = await session.collect();
      expect(progress.step).toBe(13);
      expect(progress.trainLoss.steps).toEqual([12]);
    });
  });

  it('flags divergence from an unrecorded newest loss too', async () => {
    const config = perceptron([0, 0], 0, 'linear', { learningRate: 1e30, recordEvery: 1000 });
    await withSession(config, rows([[1e10, 1e10]], [[1]]), null, async (session) => {
      session.runSteps(4);
      const progress = await session.collect();
      expect(progress.trainLoss.values).toEqual([]);
      expect(progress.diverged).toBe(true);
    });
  });

  it('flags divergence from a non-finite validation loss', async () => {
    await withSession(perceptron([0, 0], 0), data, rows([[0, 0]], [[1e30]]), async (session) => {
      session.queueEvaluation();
      const progress = await session.collect();
      expect(progress.validation.loss).toEqual([Infinity]);
      expect(progress.latestLoss).toBeNull();
      expect(progress.diverged).toBe(true);
    });
  });

  it('takes a new positive base learning rate, and only that', async () => {
    await withSession(perceptron([0, 0], 0, 'linear', { learningRate: 0.5 }), data, null, async (session) => {
      for (const bad of [0, -1, NaN, Infinity]) expect(() => session.setLearningRate(bad)).toThrow(`The learning rate must be a positive number, got ${bad}`);
      expect(session.learningRate).toBe(0.5);
      session.setLearningRate(0.25);
      expect(session.learningRate).toBe(0.25);
      session.runSteps(1);
      // Half the step of η = 0.5.
      expectAll(await kernelAndBias(session), [0.125, 0.25, 0.25]);
    });
  });

  it('keeps the newest norms across a change of read-outs that still wants them, and keeps no tensor between reports otherwise', async () => {
    await withSession(perceptron([0, 0], 0), data, null, async (session) => {
      session.setReadouts({ norms: { kind: 'gradient-norms' } });
      session.runSteps(1);
      await session.collect();
      session.setReadouts({ other: { kind: 'gradient-norms' } });
      const other = (await session.collect({ forceReadouts: true })).readouts.other;
      expect(other.kind === 'gradient-norms' && other.layers[0].norm).toBeCloseTo(1.5, 5);
    });
    await withSession(perceptron([0, 0], 0), data, null, async (session) => {
      await session.collect();
      const idle = tf.memory().numTensors;
      session.runSteps(3);
      await session.collect();
      expect(tf.memory().numTensors).toBe(idle);
    });
  });

  it('frees the kept gradient norms as soon as no read-out wants them', async () => {
    await withSession(perceptron([0, 0], 0), data, null, async (session) => {
      session.setReadouts({ norms: { kind: 'gradient-norms' } });
      session.runSteps(1);
      await session.collect();
      const withNorms = tf.memory().numTensors;
      session.setReadouts({ weights: { kind: 'parameters' } });
      expect(tf.memory().numTensors).toBe(withNorms - 1);
      expect(session.hasStaleReadouts).toBe(true);
      await session.collect();
      expect(session.hasStaleReadouts).toBe(false);
    });
  });

  it('trains a network without layers (nothing to update) and reports its loss', async () => {
    const config: TrainingSessionConfig = { ...perceptron([0, 0], 0), network: { inputShape: [2], layers: [], initialization: { kind: 'zeros' } }, initialParameters: undefined };
    await withSession(config, rows([[1, 2]], [[1, 2]]), null, async (session) => {
      session.runSteps(1);
      expect((await session.collect()).trainLoss.values).toEqual([0]);
    });
  });

  it('throws on use after dispose, and a second dispose is harmless', () => {
    const session = new TrainingSession(perceptron([0, 0], 0), data, null);
    session.dispose();
    session.dispose();
    expect(() => session.runSteps(1)).toThrow('This training session has been disposed');
    expect(() => session.setReadouts({})).toThrow('This training session has been disposed');
    expect(() => session.exportParameters()).toThrow('This training session has been disposed');
    expect(() => session.restoreSnapshot('best')).toThrow('This training session has been disposed');
    return expect(session.collect()).rejects.toThrow('This training session has been disposed');
  });

  it('checks the data against the network, freeing what it made', () => {
    const before = tf.memory().numTensors;
    expect(() => new TrainingSession(perceptron([0, 0], 0), rows([[1, 2, 3]], [[1]]), null)).toThrow('training data: examples have 3 inputs, the network expects 2');
    expect(() => new TrainingSession(perceptron([0, 0], 0), data, { ...data, count: 3 })).toThrow('validation data: inputs hold 4 numbers, expected 3 × 2');
    expect(() => new TrainingSession(perceptron([0, 0], 0), { ...data, count: 0 }, null)).toThrow('training data: needs at least one example (count = 0)');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps snapshots by name until replaced', async () => {
    await withSession(perceptron([0, 0], 0, 'linear', { learningRate: 0.5 }), data, null, async (session) => {
      expect(session.getSnapshot('best')).toBeNull();
      const first = await session.saveSnapshot('best');
      expect(session.getSnapshot('best')).toBe(first);
      session.runSteps(1);
      const second = await session.saveSnapshot('best');
      expect(session.getSnapshot('best')).toEqual({ step: 1, parameters: second.parameters });
      expect(session.restoreSnapshot('best')).toBe(true);
      expectAll(await kernelAndBias(session), [0.25, 0.5, 0.5]);
    });
  });
});
