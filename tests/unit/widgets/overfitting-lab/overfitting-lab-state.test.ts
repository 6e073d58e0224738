import { describe, expect, it } from 'vitest';
import { countParameters } from '../../../../src/core/nn/network-spec';
import { validateTrainingConfig } from '../../../../src/core/training/training-config';
import { readSharedSettings, writeSharedSettings } from '../../../../src/core/url/shared-settings';
import {
  appendTrainPoint,
  corruptLabels,
  DEFAULT_SETTINGS,
  describeSettings,
  drawSubset,
  gatherImages,
  generalizationGap,
  inputDropoutRate,
  logitMetrics,
  maskSample,
  MAX_PINNED,
  nearestPoint,
  networkLayout,
  pinnedRunFrom,
  pinRun,
  sessionConfig,
  settingsSchema,
  stepsPerEpoch,
  toLabelledData,
  totalSteps,
  unpinRun,
  type PinnedRun,
} from '../../../../src/widgets/overfitting-lab/overfitting-lab-state';

describe('drawing the training subset', () => {
  it('draws distinct indices inside the pool, the same ones for the same seed', () => {
    const a = drawSubset(6000, 500, 1);
    expect(a).toHaveLength(500);
    expect(new Set(a).size).toBe(500);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThan(6000);
    expect(Array.from(drawSubset(6000, 500, 1))).toEqual(Array.from(a));
    expect(Array.from(drawSubset(6000, 500, 2))).not.toEqual(Array.from(a));
  });

  it('a smaller draw with the same seed is the start of a larger one (more data adds images, keeps the old ones)', () => {
    expect(Array.from(drawSubset(6000, 1000, 7).slice(0, 250))).toEqual(Array.from(drawSubset(6000, 250, 7)));
  });

  it('never asks for more than the pool holds, and at least one image', () => {
    expect(drawSubset(10, 50, 1)).toHaveLength(10);
    expect(new Set(drawSubset(10, 50, 1)).size).toBe(10);
    expect(drawSubset(10, 0, 1)).toHaveLength(1);
  });
});

describe('label noise', () => {
  const labels = Uint8Array.from({ length: 1000 }, (_, i) => i % 10);

  it('corrupts round(percent · n) labels, each to a different class', () => {
    const { labels: noisy, corrupted, corruptedCount } = corruptLabels(labels, 10, 20, 3);
    expect(corruptedCount).toBe(200);
    expect(corrupted.reduce((sum, flag) => sum + flag, 0)).toBe(200);
    for (let i = 0; i < labels.length; i++) {
      if (corrupted[i]) expect(noisy[i]).not.toBe(labels[i]);
      else expect(noisy[i]).toBe(labels[i]);
      expect(noisy[i]).toBeLessThan(10);
    }
  });

  it('spreads the wrong classes over all the other nine', () => {
    const { labels: noisy, corrupted } = corruptLabels(labels, 10, 80, 5);
    const offsets = new Set<number>();
    for (let i = 0; i < labels.length; i++) if (corrupted[i]) offsets.add((noisy[i] - labels[i] + 10) % 10);
    expect([...offsets].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('is reproducible from the seed; 0 % leaves every label alone', () => {
    expect(Array.from(corruptLabels(labels, 10, 30, 9).labels)).toEqual(Array.from(corruptLabels(labels, 10, 30, 9).labels));
    expect(Array.from(corruptLabels(labels, 10, 30, 9).labels)).not.toEqual(Array.from(corruptLabels(labels, 10, 30, 10).labels));
    const clean = corruptLabels(labels, 10, 0, 9);
    expect(clean.corruptedCount).toBe(0);
    expect(Array.from(clean.labels)).toEqual(Array.from(labels));
  });

  it('never corrupts the source array', () => {
    const copy = Uint8Array.from(labels);
    corruptLabels(labels, 10, 50, 1);
    expect(Array.from(labels)).toEqual(Array.from(copy));
  });
});

describe('images and labelled data', () => {
  const source = { images: Uint8Array.from([1, 2, 3, 4, 5, 6]), labels: Uint8Array.from([0, 1, 2]), pixels: 2, classCount: 3 };

  it('gathers images and labels at the indices, in that order', () => {
    const set = gatherImages(source, [2, 0]);
    expect(Array.from(set.images)).toEqual([5, 6, 1, 2]);
    expect(Array.from(set.labels)).toEqual([2, 0]);
    expect(set.count).toBe(2);
  });

  it('makes one-hot targets from the given (possibly noisy) labels', () => {
    const set = gatherImages(source, [0, 1]);
    const data = toLabelledData(set, Uint8Array.from([2, 2]));
    expect(Array.from(data.targets)).toEqual([0, 0, 1, 0, 0, 1]);
    expect(data.inputSize).toBe(2);
    expect(data.targetSize).toBe(3);
  });
});

describe('the network of a setting', () => {
  it('without dropout: three dense layers, 784 → 512 → 512 → 10, 669,706 parameters', () => {
    const layout = networkLayout({ dropoutRate: 0, dropoutPlacement: 'input-hidden' });
    expect(layout.network.layers.map((layer) => layer.kind)).toEqual(['dense', 'dense', 'dense']);
    expect(layout.dense).toEqual([0, 1, 2]);
    expect(layout.dropout).toEqual([]);
    expect(countParameters(layout.network)).toBe(784 * 512 + 512 + 512 * 512 + 512 + 512 * 10 + 10);
  });

  it('dropout after each hidden layer', () => {
    const layout = networkLayout({ dropoutRate: 0.5, dropoutPlacement: 'hidden' });
    expect(layout.network.layers.map((layer) => layer.kind)).toEqual(['dense', 'dropout', 'dense', 'dropout', 'dense']);
    expect(layout.dense).toEqual([0, 2, 4]);
    expect(layout.dropout).toEqual([
      { layer: 1, role: 'hidden-1' },
      { layer: 3, role: 'hidden-2' },
    ]);
  });

  it('dropout on the input pixels too, at 0.4 p (0.2 for p = 0.5)', () => {
    const layout = networkLayout({ dropoutRate: 0.5, dropoutPlacement: 'input-hidden' });
    expect(layout.network.layers[0]).toMatchObject({ kind: 'dropout', rate: 0.2 });
    expect(layout.dense).toEqual([1, 3, 5]);
    expect(layout.dropout.map((d) => d.role)).toEqual(['input', 'hidden-1', 'hidden-2']);
    expect(inputDropoutRate(0.3)).toBe(0.12);
  });
});

describe('the training config', () => {
  it('500 images in batches of 50: 10 steps an epoch, evaluated at the end of each', () => {
    expect(stepsPerEpoch(500)).toBe(10);
    expect(stepsPerEpoch(250)).toBe(5);
    expect(totalSteps(500, 40)).toBe(400);
    const config = sessionConfig(DEFAULT_SETTINGS, 500, networkLayout(DEFAULT_SETTINGS).network);
    expect(config.evaluateEvery).toBe(10);
    expect(config.batchSize).toBe(50);
    expect(validateTrainingConfig(config)).toBeNull();
  });

  it('weight decay is AdamW’s decoupled λ; early stopping always tracks, and stops only when switched on', () => {
    const off = sessionConfig({ ...DEFAULT_SETTINGS, weightDecay: 2 }, 500, networkLayout(DEFAULT_SETTINGS).network);
    expect(off.optimizer).toEqual({ kind: 'adamw', weightDecay: 2 });
    expect(off.l2Penalty).toBeUndefined();
    expect(off.earlyStopping).toEqual({ patience: 5, monitor: 'validation-loss', stopTraining: false, restoreBestWeights: true });
    const on = sessionConfig({ ...DEFAULT_SETTINGS, earlyStopping: 'on', patience: 3 }, 500, networkLayout(DEFAULT_SETTINGS).network);
    expect(on.earlyStopping).toMatchObject({ patience: 3, stopTraining: true });
  });
});

describe('training-set metrics from logits', () => {
  it('matches hand-worked cross entropy and accuracy', () => {
    // Example 1: logits [0, 0] label 0 ⇒ loss ln 2, a tie counts the first class; example 2: [ln 3, 0] label 1 ⇒ loss ln 4 (p = 1/4), wrong.
    const metrics = logitMetrics([0, 0, Math.log(3), 0], [0, 1], 2);
    expect(metrics.loss).toBeCloseTo((Math.log(2) + Math.log(4)) / 2, 10);
    expect(metrics.accuracy).toBe(0.5);
  });

  it('is stable for huge logits', () => {
    const metrics = logitMetrics([1000, 0, 0], [0], 3);
    expect(metrics.loss).toBeCloseTo(0, 10);
    expect(logitMetrics([0, 1000], [0], 2).loss).toBeCloseTo(1000, 6);
  });

  it('gives NaN without examples', () => {
    expect(Number.isNaN(logitMetrics([], [], 10).loss)).toBe(true);
  });
});

describe('the generalization gap', () => {
  it('is validation minus training loss, and training minus validation accuracy', () => {
    const gap = generalizationGap({ loss: 0.01, accuracy: 1 }, { loss: 0.45, accuracy: 0.88 });
    expect(gap.loss).toBeCloseTo(0.44, 10);
    expect(gap.accuracy).toBeCloseTo(0.12, 10);
  });
});

describe('the training-set history', () => {
  it('appends in step order; a point at a measured step replaces it; an earlier step cuts the history back', () => {
    let history = appendTrainPoint([], { step: 10, loss: 1, accuracy: 0.5 });
    history = appendTrainPoint(history, { step: 20, loss: 0.5, accuracy: 0.8 });
    expect(history.map((p) => p.step)).toEqual([10, 20]);
    history = appendTrainPoint(history, { step: 20, loss: 0.6, accuracy: 0.7 });
    expect(history).toEqual([
      { step: 10, loss: 1, accuracy: 0.5 },
      { step: 20, loss: 0.6, accuracy: 0.7 },
    ]);
    expect(appendTrainPoint(history, { step: 0, loss: 2.3, accuracy: 0.1 })).toEqual([{ step: 0, loss: 2.3, accuracy: 0.1 }]);
  });
});

describe('pairing a training measurement with a validation one', () => {
  it('takes the training point nearest in step, the earlier on a tie', () => {
    const history = [
      { step: 0, loss: 2.3, accuracy: 0.1 },
      { step: 10, loss: 0.5, accuracy: 0.9 },
      { step: 14, loss: 0.4, accuracy: 0.92 },
    ];
    expect(nearestPoint(history, 0)?.step).toBe(0);
    expect(nearestPoint(history, 11)?.step).toBe(10);
    expect(nearestPoint(history, 12)?.step).toBe(10);
    expect(nearestPoint(history, 20)?.step).toBe(14);
    expect(nearestPoint([], 3)).toBeNull();
  });
});

describe('runs kept for comparison', () => {
  const validation = { steps: [0, 10, 20, 30], loss: [2.3, 0.5, 0.4, 0.45], accuracy: [0.1, 0.85, 0.88, 0.87] };

  it('a kept run has its curve in epochs, its best and final accuracy', () => {
    const run = pinnedRunFrom(1, 'plain', validation, 10, 0.05)!;
    expect(run.epochs).toEqual([0, 1, 2, 3]);
    expect(run.bestAccuracy).toBe(0.88);
    expect(run.bestEpoch).toBe(2);
    expect(run.finalAccuracy).toBe(0.87);
    expect(run.weightStd).toBe(0.05);
  });

  it('an untrained run cannot be kept', () => {
    expect(pinnedRunFrom(1, 'x', { steps: [0], loss: [2.3], accuracy: [0.1] }, 10, null)).toBeNull();
  });

  it(`keeps at most ${MAX_PINNED}: keeping one more drops the oldest; one can be removed`, () => {
    const make = (id: number) => pinnedRunFrom(id, `run ${id}`, validation, 10, null) as PinnedRun;
    let pinned: PinnedRun[] = [];
    for (let id = 1; id <= MAX_PINNED + 1; id++) pinned = pinRun(pinned, make(id));
    expect(pinned.map((run) => run.id)).toEqual([2, 3, 4, 5]);
    expect(unpinRun(pinned, 3).map((run) => run.id)).toEqual([2, 4, 5]);
  });

  it('is labelled with its settings', () => {
    expect(describeSettings({ ...DEFAULT_SETTINGS, labelNoise: 0 })).toBe('MNIST 500 images, no dropout, no decay, seed 1');
    expect(describeSettings(DEFAULT_SETTINGS)).toBe('MNIST 500 images, 20% noise, no dropout, no decay, seed 1');
    expect(
      describeSettings({ ...DEFAULT_SETTINGS, labelNoise: 20, dropoutRate: 0.5, dropoutPlacement: 'input-hidden', weightDecay: 1, earlyStopping: 'on', learningRate: 0.003 }),
    ).toBe('MNIST 500 images, 20% noise, dropout 0.5 (+input), λ 1, early stop (patience 5), η 0.003, seed 1');
  });
});

describe('dropout masks', () => {
  it('samples the first units and counts the kept share over the whole mask', () => {
    const { sample, keptShare, keptCount } = maskSample(Uint8Array.from([1, 0, 1, 1, 0, 0, 1, 1]), 4);
    expect(sample).toEqual([1, 0, 1, 1]);
    expect(keptCount).toBe(5);
    expect(keptShare).toBe(5 / 8);
  });
});

describe('the share link', () => {
  it('round-trips every setting and falls back to defaults on a mangled link', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      dataset: 'fashion-mnist' as const,
      trainingImages: '1000' as const,
      labelNoise: 20,
      dropoutRate: 0.5,
      weightDecay: 2,
      earlyStopping: 'on' as const,
      seed: 4,
    };
    const search = writeSharedSettings('', 'overfit', settings, DEFAULT_SETTINGS);
    expect(readSharedSettings(search, 'overfit', settingsSchema, DEFAULT_SETTINGS)).toEqual({ values: settings, problems: [] });
    const mangled = readSharedSettings('?overfit.trainingImages=7&overfit.dropoutRate=lots', 'overfit', settingsSchema, DEFAULT_SETTINGS);
    expect(mangled.values).toEqual(DEFAULT_SETTINGS);
    expect(mangled.problems).toHaveLength(2);
  });

  it('clamps out-of-range numbers (a dropout rate of 1 would drop everything)', () => {
    expect(readSharedSettings('?overfit.dropoutRate=1&overfit.labelNoise=-5', 'overfit', settingsSchema, DEFAULT_SETTINGS).values).toMatchObject({
      dropoutRate: 0.9,
      labelNoise: 0,
    });
  });
});
