import { describe, expect, it } from 'vitest';
import type { DatasetSplit } from '../../../../src/core/data/load-dataset';
import { HAND_FEATURE_LENGTH, handFeatures } from '../../../../src/core/math/hand-features';
import { readSharedSettings } from '../../../../src/core/url/shared-settings';
import {
  accuracyCurve,
  BATCH_SIZE,
  cnnConfig,
  combinedStatus,
  comparisonSentence,
  DEFAULT_SETTINGS,
  evaluationImages,
  evaluationInterval,
  extractFeaturesInSlices,
  featureData,
  gatherImages,
  latestAccuracy,
  linearConfig,
  oneHot,
  parameterCounts,
  pixelData,
  selectTrainingIndices,
  settingsSchema,
  stepsPerEpoch,
  totalSteps,
} from '../../../../src/widgets/two-stage-vs-end-to-end/two-stage-vs-end-to-end-state';

/** A split of `count` 28×28 images; image i is filled with grey level i (mod 256), label i mod 10. */
function fakeSplit(count: number): DatasetSplit {
  const images = new Uint8Array(count * 784);
  for (let i = 0; i < count; i++) images.fill(i % 256, i * 784, (i + 1) * 784);
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  return { name: 'mnist', split: 'train', count, imageWidth: 28, imageHeight: 28, classNames: Array.from({ length: 10 }, (_, i) => String(i)), images, labels } as DatasetSplit;
}

describe('settings and share link', () => {
  it('reads a link, and falls back to defaults with a message for a mangled one', () => {
    const good = readSharedSettings(
      '?twostage.dataset=fashion-mnist&twostage.trainingImages=1000&twostage.features=orientation&twostage.epochs=5&twostage.seed=7',
      'twostage',
      settingsSchema,
      DEFAULT_SETTINGS,
    );
    expect(good.values).toEqual({ dataset: 'fashion-mnist', trainingImages: '1000', features: 'orientation', epochs: 5, seed: 7 });
    const bad = readSharedSettings('?twostage.trainingImages=12&twostage.epochs=999&twostage.features=pixels', 'twostage', settingsSchema, DEFAULT_SETTINGS);
    expect(bad.values.trainingImages).toBe(DEFAULT_SETTINGS.trainingImages);
    expect(bad.values.features).toBe(DEFAULT_SETTINGS.features);
    expect(bad.values.epochs).toBe(30);
    expect(bad.problems).toHaveLength(2);
  });
});

describe('steps and evaluations', () => {
  it('cuts an epoch into ⌈images / 50⌉ steps and evaluates a whole number of times per epoch', () => {
    expect(BATCH_SIZE).toBe(50);
    expect([1000, 5000, 10000].map(stepsPerEpoch)).toEqual([20, 100, 200]);
    // once, twice and five times per epoch
    expect([1000, 5000, 10000].map(evaluationInterval)).toEqual([20, 50, 40]);
    expect(totalSteps(5000, 3)).toBe(300);
    for (const images of [1000, 5000, 10000]) expect(totalSteps(images, 3) % evaluationInterval(images)).toBe(0);
  });

  it('gives both models the same optimizer, batch, seed, schedule and evaluation points, differing only in network and learning rate', () => {
    const linear = linearConfig(176, 5000, 3, 4);
    const cnn = cnnConfig(5000, 3, 4);
    const { network: _a, learningRate: _b, ...linearRest } = linear;
    const { network: _c, learningRate: _d, ...cnnRest } = cnn;
    expect(linearRest).toEqual(cnnRest);
    expect(linear.schedule).toEqual({ kind: 'cosine', totalSteps: 300 });
    expect(linear.network.inputShape).toEqual([176]);
    expect(cnn.network.inputShape).toEqual([28, 28, 1]);
  });

  it('counts (features + 1) × 10 parameters for the linear classifier and 7,434 for the CNN', () => {
    expect(parameterCounts('both')).toEqual({ linear: 1770, cnn: 7434 });
    expect(parameterCounts('intensity').linear).toBe(330);
    expect(parameterCounts('orientation').linear).toBe(1450);
  });
});

describe('data', () => {
  it('draws the same training images for the same seed, different ones for another, without repeats', () => {
    const a = selectTrainingIndices(1000, 100, 1);
    expect(Array.from(a)).toEqual(Array.from(selectTrainingIndices(1000, 100, 1)));
    expect(Array.from(a)).not.toEqual(Array.from(selectTrainingIndices(1000, 100, 2)));
    expect(new Set(a).size).toBe(100);
    expect(selectTrainingIndices(30, 100, 1)).toHaveLength(30);
  });

  it('gathers images and labels in order, evaluates on the first 2,000 validation images', () => {
    const split = fakeSplit(2500);
    const set = gatherImages(split, [3, 1]);
    expect(Array.from(set.labels)).toEqual([3, 1]);
    expect(set.images[0]).toBe(3);
    expect(set.images[784]).toBe(1);
    expect(evaluationImages(split).count).toBe(2000);
    expect(evaluationImages(fakeSplit(600)).count).toBe(600);
    expect(Array.from(oneHot(Uint8Array.from([2]), 4))).toEqual([0, 0, 1, 0]);
    expect(pixelData(set).inputSize).toBe(784);
  });

  it('standardizes features with the training rows only and selects the chosen columns', () => {
    const split = fakeSplit(40);
    const train = gatherImages(
      split,
      Array.from({ length: 20 }, (_, i) => i),
    );
    const evaluation = gatherImages(
      split,
      Array.from({ length: 20 }, (_, i) => 20 + i),
    );
    const features = (set: typeof train) => {
      const out = new Float32Array(set.count * HAND_FEATURE_LENGTH);
      for (let i = 0; i < set.count; i++) handFeatures(set.images.subarray(i * 784, (i + 1) * 784), 28, 28, out, i * HAND_FEATURE_LENGTH);
      return out;
    };
    const data = featureData(features(train), train, features(evaluation), evaluation, 'intensity');
    expect(data.train.inputSize).toBe(32);
    // each training column has mean 0 after standardization
    for (let j = 0; j < 32; j++) {
      let sum = 0;
      for (let i = 0; i < 20; i++) sum += data.train.inputs[i * 32 + j];
      expect(Math.abs(sum / 20)).toBeLessThan(1e-5);
    }
    expect(data.validation.count).toBe(20);
    expect(data.validation.targetSize).toBe(10);
  });
});

describe('extractFeaturesInSlices', () => {
  it('computes every image’s features, yielding between slices and reporting progress', async () => {
    const split = fakeSplit(12);
    let clock = 0;
    let yields = 0;
    const fractions: number[] = [];
    const features = await extractFeaturesInSlices(split.images, 12, 28, 28, {
      sliceMs: 3,
      now: () => (clock += 1),
      yieldControl: async () => {
        yields++;
      },
      onProgress: (fraction) => fractions.push(fraction),
    });
    const expected = new Float32Array(HAND_FEATURE_LENGTH);
    handFeatures(split.images.subarray(5 * 784, 6 * 784), 28, 28, expected);
    expect(Array.from(features!.subarray(5 * HAND_FEATURE_LENGTH, 6 * HAND_FEATURE_LENGTH))).toEqual(Array.from(expected));
    expect(yields).toBeGreaterThan(1);
    expect(fractions[fractions.length - 1]).toBe(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });

  it('stops when cancelled', async () => {
    let calls = 0;
    const result = await extractFeaturesInSlices(fakeSplit(50).images, 50, 28, 28, { sliceMs: 0, cancelled: () => ++calls > 2, yieldControl: async () => undefined });
    expect(result).toBeNull();
  });
});

describe('read-outs', () => {
  it('plots accuracy in percent against epochs', () => {
    expect(accuracyCurve({ steps: [20, 40], accuracy: [0.5, 0.75] }, 1000)).toEqual({ X: [1, 2], Y: [50, 75] });
    expect(latestAccuracy({ steps: [], accuracy: [] })).toBeNull();
    expect(latestAccuracy({ steps: [20, 40], accuracy: [0.5, 0.75] })).toEqual({ accuracy: 0.75, step: 40 });
  });

  it('says who leads by how many points', () => {
    expect(comparisonSentence(null, null, 'both')).toMatch(/Press Train/);
    expect(comparisonSentence({ accuracy: 0.12, step: 0 }, { accuracy: 0.09, step: 0 }, 'both')).toMatch(/Press Train/);
    expect(comparisonSentence({ accuracy: 0.9, step: 300 }, { accuracy: 0.975, step: 300 }, 'both')).toBe(
      'The CNN, learning its own features from pixels, leads the linear classifier on both histograms by 7.5 percentage points.',
    );
    expect(comparisonSentence({ accuracy: 0.95, step: 300 }, { accuracy: 0.9, step: 100 }, 'orientation')).toMatch(
      /linear classifier on the orientation histogram leads the CNN by 5.0 .*different steps/,
    );
  });

  it('combines the two runs’ states: errors and loading first, then training', () => {
    expect(combinedStatus(['paused', 'training'])).toBe('training');
    expect(combinedStatus(['ready', 'loading'])).toBe('loading');
    expect(combinedStatus(['error', 'training'])).toBe('error');
    expect(combinedStatus(['ready', 'ready'])).toBe('ready');
    expect(combinedStatus(['ready', 'paused'])).toBe('paused');
  });
});
