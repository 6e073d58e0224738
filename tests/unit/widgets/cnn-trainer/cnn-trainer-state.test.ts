import { describe, expect, it } from 'vitest';
import { readSharedSettings } from '../../../../src/core/url/shared-settings';
import type { DatasetSplit } from '../../../../src/core/data/load-dataset';
import {
  appendScore,
  buildArchitecture,
  DEFAULT_SETTINGS,
  EMPTY_CURVE,
  evaluateEvery,
  examplesPerSecond,
  findMistakes,
  firstStepReaching,
  formatDuration,
  labelledSplit,
  networkTotals,
  parseFilters,
  scoreOutputs,
  SETTINGS_SCHEMA,
  softmaxRow,
  stepsForEpochs,
  trainerConfig,
  trainerReadouts,
  withFilterCount,
} from '../../../../src/widgets/cnn-trainer/cnn-trainer-state';

const shapes = (settings = DEFAULT_SETTINGS) => {
  const result = buildArchitecture(settings);
  if (!result.ok) throw new Error(result.problem);
  return result.summary.map((layer) => layer.outputShape.join('×'));
};

describe('the architecture the settings describe', () => {
  it('is, by default, two 3×3 blocks (8, 16 filters) with 2×2 max pooling, a 64-unit dense layer and 10 logits', () => {
    const result = buildArchitecture(DEFAULT_SETTINGS);
    if (!result.ok) throw new Error(result.problem);
    expect(result.network.layers).toEqual([
      { kind: 'conv2d', filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' },
      { kind: 'max-pool', size: 2 },
      { kind: 'conv2d', filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' },
      { kind: 'max-pool', size: 2 },
      { kind: 'flatten' },
      { kind: 'dense', units: 64, activation: 'relu' },
      { kind: 'dense', units: 10, activation: 'linear' },
    ]);
    expect(result.network.initialization).toEqual({ kind: 'he-normal' });
    expect(shapes()).toEqual(['28×28×8', '14×14×8', '14×14×16', '7×7×16', '784', '64', '10']);
  });

  it('counts parameters by hand: 3·3·1·8+8 = 80, 3·3·8·16+16 = 1,168, 784·64+64 = 50,240, 64·10+10 = 650', () => {
    const result = buildArchitecture(DEFAULT_SETTINGS);
    if (!result.ok) throw new Error(result.problem);
    expect(result.summary.map((layer) => layer.parameterCount)).toEqual([80, 0, 1168, 0, 0, 50240, 650]);
    // multiply–adds: 28·28·8·9 + 14·14·16·72 + 784·64 + 64·10 (pooling counts its window reads as in the engine's summary)
    const totals = networkTotals(result.summary);
    expect(totals.parameters).toBe(52138);
    expect(totals.multiplyAdds).toBeGreaterThanOrEqual(28 * 28 * 8 * 9 + 14 * 14 * 16 * 72 + 784 * 64 + 640);
  });

  it("follows 'valid' padding, average pooling, no dense layer and tanh (Glorot weights)", () => {
    const settings = { ...DEFAULT_SETTINGS, kernelSize: '5' as const, padding: 'valid' as const, pooling: 'avg' as const, denseUnits: 0, activation: 'tanh' as const };
    expect(shapes(settings)).toEqual(['24×24×8', '12×12×8', '8×8×16', '4×4×16', '256', '10']);
    const result = buildArchitecture(settings);
    expect(result.ok && result.network.initialization).toEqual({ kind: 'glorot-normal' });
    expect(result.ok && result.network.layers[1]).toEqual({ kind: 'avg-pool', size: 2 });
  });

  it('keeps the full 28×28 through every block without pooling', () => {
    expect(shapes({ ...DEFAULT_SETTINGS, blocks: 3, pooling: 'none', denseUnits: 0 })).toEqual(['28×28×8', '28×28×16', '28×28×32', '25088', '10']);
  });

  it('refuses, naming the block, an architecture whose maps would shrink below one pixel', () => {
    const result = buildArchitecture({ ...DEFAULT_SETTINGS, blocks: 3, kernelSize: '5', padding: 'valid' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toMatch(/^Block 3 cannot fit: its 5×5 convolution without padding needs at least 5×5 pixels, but only 4×4 reach it/);
    const pooled = buildArchitecture({ ...DEFAULT_SETTINGS, blocks: 4, kernelSize: '3', padding: 'valid' });
    // 28 →26→13 →11→5 →3→1 → a 3×3 valid conv needs 3×3 but gets 1×1
    expect(!pooled.ok && pooled.problem).toMatch(/^Block 4 cannot fit/);
    expect(buildArchitecture({ ...DEFAULT_SETTINGS, blocks: 4 }).ok).toBe(true); // 'same': 28→14→7→3→1
  });

  it('refuses out-of-range counts', () => {
    expect(buildArchitecture({ ...DEFAULT_SETTINGS, blocks: 5 }).ok).toBe(false);
    expect(buildArchitecture({ ...DEFAULT_SETTINGS, denseUnits: -1 }).ok).toBe(false);
    expect(buildArchitecture({ ...DEFAULT_SETTINGS, filters: '0,16' }).ok).toBe(false);
  });
});

describe('filters in the settings and the share link', () => {
  it('reads 1–4 counts, filling the rest from the defaults', () => {
    expect(parseFilters('4, 12')).toEqual([4, 12, 32, 64]);
    expect(parseFilters('8,16,32,64')).toEqual([8, 16, 32, 64]);
    expect(parseFilters('8,16,32,64,128')).toBeNull();
    expect(parseFilters('65')).toBeNull();
    expect(parseFilters('abc')).toBeNull();
    expect(parseFilters('')).toBeNull();
    expect(withFilterCount('8,16,32,64', 2, 5)).toBe('8,16,5,64');
  });

  it('restores every setting from a link and reports garbage, keeping the defaults', () => {
    const link = '?cnn.dataset=fashion-mnist&cnn.blocks=3&cnn.filters=4,8,12&cnn.kernelSize=5&cnn.pooling=avg&cnn.optimizer=momentum&cnn.learningRate=0.01&cnn.seed=7';
    const { values, problems } = readSharedSettings(link, 'cnn', SETTINGS_SCHEMA, DEFAULT_SETTINGS);
    expect(problems).toEqual([]);
    expect(values).toMatchObject({
      dataset: 'fashion-mnist',
      blocks: 3,
      filters: '4,8,12,64',
      kernelSize: '5',
      pooling: 'avg',
      optimizer: 'momentum',
      learningRate: 0.01,
      seed: 7,
    });
    const mangled = readSharedSettings('?cnn.blocks=lots&cnn.filters=1;2&cnn.kernelSize=7&cnn.optimizer=magic', 'cnn', SETTINGS_SCHEMA, DEFAULT_SETTINGS);
    expect(mangled.values).toEqual(DEFAULT_SETTINGS);
    expect(mangled.problems).toHaveLength(4);
  });
});

describe('training config and schedule of scoring', () => {
  it('trains softmax cross entropy with the chosen optimizer, validating about every 2,000 examples', () => {
    const result = buildArchitecture(DEFAULT_SETTINGS);
    if (!result.ok) throw new Error(result.problem);
    const config = trainerConfig(DEFAULT_SETTINGS, result.network);
    expect(config).toMatchObject({ loss: 'softmax-cross-entropy', learningRate: 0.002, batchSize: 32, seed: 1, optimizer: { kind: 'adam' }, evaluateEvery: 63 });
    expect(evaluateEvery(512)).toBe(10);
    expect(stepsForEpochs(3, 54000, 32)).toBe(3 * 1688);
  });

  it('asks for parameters, training and test outputs, and every validation image only when given', () => {
    const images = new Uint8Array(784 * 3);
    const readouts = trainerReadouts({ trainImages: images, testImages: images.subarray(0, 784), fullValidation: null, trainEvery: 120, parametersEvery: 10 });
    expect(Object.keys(readouts)).toEqual(['parameters', 'train', 'test']);
    expect(readouts.train).toMatchObject({ kind: 'outputs', count: 3, everySteps: 120 });
    expect(readouts.test).toMatchObject({ kind: 'outputs', count: 1 });
    const paused = trainerReadouts({ trainImages: images, testImages: images, fullValidation: images, trainEvery: 120, parametersEvery: 10 });
    expect(paused.fullValidation).toMatchObject({ kind: 'outputs', count: 3 });
  });

  it('turns a split into one-hot labelled data, optionally its first images only', () => {
    const split: DatasetSplit = {
      name: 'mnist',
      split: 'test',
      count: 3,
      totalCount: 3,
      imageWidth: 28,
      imageHeight: 28,
      classNames: Array.from({ length: 10 }, (_, i) => String(i)),
      images: new Uint8Array(3 * 784),
      labels: Uint8Array.from([2, 0, 9]),
    };
    const data = labelledSplit(split, 2);
    expect(data.count).toBe(2);
    expect(data.inputs.length).toBe(2 * 784);
    expect(Array.from(data.targets)).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('scores from outputs', () => {
  it('computes a stable softmax: equal logits give uniform probabilities, huge ones do not overflow', () => {
    expect(Array.from(softmaxRow([0, 0], 0, 2))).toEqual([0.5, 0.5]);
    const p = softmaxRow([1000, 1000 + Math.log(3)], 0, 2);
    expect(p[0]).toBeCloseTo(0.25, 12);
    expect(p[1]).toBeCloseTo(0.75, 12);
  });

  it('scores two images by hand: cross entropy −(log ¾ + log ½)/2, accuracy ½', () => {
    // row 0: logits (0, ln 3) → p = (¼, ¾), label 1: correct, −log ¾; row 1: (0, 0) → (½, ½), argmax 0 (first of a tie),
    // label 1: a mistake with confidence ½, −log ½.
    const scores = scoreOutputs([0, Math.log(3), 0, 0], [1, 1], 2, 2);
    expect(scores.loss).toBeCloseTo(-(Math.log(0.75) + Math.log(0.5)) / 2, 12);
    expect(scores.accuracy).toBe(0.5);
    expect(Array.from(scores.predicted)).toEqual([1, 0]);
    expect(scores.confidence[0]).toBeCloseTo(0.75, 6);
    expect(findMistakes(scores, [1, 1], 5)).toEqual([{ index: 1, label: 1, predicted: 0, confidence: 0.5 }]);
  });

  it('lists mistakes most confident first, optionally of one confusion only', () => {
    const scores = { predicted: Uint8Array.from([1, 2, 1, 0]), confidence: Float32Array.from([0.6, 0.9, 0.6, 0.99]) };
    const labels = [0, 0, 0, 0];
    expect(findMistakes(scores, labels, 10).map((m) => m.index)).toEqual([1, 0, 2]);
    expect(findMistakes(scores, labels, 1).map((m) => m.index)).toEqual([1]);
    expect(findMistakes(scores, labels, 10, { label: 0, predicted: 1 }).map((m) => m.index)).toEqual([0, 2]);
  });

  it('finds the first step reaching the target accuracy', () => {
    expect(firstStepReaching({ steps: [50, 100, 150], accuracy: [0.9, 0.971, 0.965] }, 0.97)).toBe(100);
    expect(firstStepReaching({ steps: [50], accuracy: [0.9] }, 0.97)).toBeNull();
  });

  it('appends curve points, replaces a recomputed step and starts over on an earlier step', () => {
    let curve = appendScore(EMPTY_CURVE, 0, 2.3, 0.1);
    curve = appendScore(curve, 100, 0.5, 0.9);
    curve = appendScore(curve, 100, 0.4, 0.92);
    expect(curve).toEqual({ steps: [0, 100], loss: [2.3, 0.4], accuracy: [0.1, 0.92] });
    expect(appendScore(curve, 0, 2.2, 0.1)).toEqual({ steps: [0], loss: [2.2], accuracy: [0.1] });
  });

  it('measures examples per second over the newest samples', () => {
    expect(examplesPerSecond([{ ms: 0, step: 0 }], 32)).toBeNull();
    expect(
      examplesPerSecond(
        [
          { ms: 0, step: 0 },
          { ms: 1000, step: 30 },
        ],
        32,
      ),
    ).toBe(960);
    expect(
      examplesPerSecond(
        [
          { ms: 0, step: 0 },
          { ms: 100, step: 3 },
        ],
        32,
      ),
    ).toBeNull();
  });

  it('formats durations', () => {
    expect(formatDuration(18_240)).toBe('18.2 s');
    expect(formatDuration(65_000)).toBe('1 min 05 s');
  });
});
