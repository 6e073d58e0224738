import { describe, expect, it } from 'vitest';
import type { DatasetSplit } from '../../../../src/core/data/load-dataset';
import { readSharedSettings, writeSharedSettings } from '../../../../src/core/url/shared-settings';
import {
  batchSizeLabConfig,
  combinedStatus,
  commonRangeLimit,
  cropCurve,
  DEFAULT_SETTINGS,
  effectiveSubsetSize,
  examplesSeen,
  flipLabels,
  flippedCount,
  millisecondsPerStep,
  recentTrainingLoss,
  runBatchSizes,
  runConfigs,
  selectTwoClassSubset,
  settingsSchema,
  smoothingWindowSteps,
  trailingMean,
  twoClassSplit,
  validationInterval,
} from '../../../../src/widgets/batch-size-lab/batch-size-lab-state';

/** A tiny split of 2×2 "images": image i has every pixel equal to i, so where each came from can be read back. */
function fakeSplit(labels: number[]): DatasetSplit {
  const pixels = 4;
  const images = new Uint8Array(labels.length * pixels);
  labels.forEach((_, i) => images.fill(i, i * pixels, (i + 1) * pixels));
  return {
    name: 'mnist',
    split: 'train',
    count: labels.length,
    totalCount: labels.length,
    imageWidth: 2,
    imageHeight: 2,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    images,
    labels: Uint8Array.from(labels),
  };
}

// 6 threes (at 0, 2, 4, 6, 8, 10), 5 eights (at 1, 3, 5, 7, 9), and some other digits at 11..14.
const LABELS = [3, 8, 3, 8, 3, 8, 3, 8, 3, 8, 3, 1, 2, 0, 9];
const split = fakeSplit(LABELS);

describe('selectTwoClassSubset', () => {
  it('takes half of each digit, only those two, with targets 0 for A and 1 for B, and pixels from the right images', () => {
    const subset = selectTwoClassSubset(split, 3, 8, 6, 1)!;
    expect(subset.data.count).toBe(6);
    expect(subset.available).toEqual([6, 5]);
    const sources = Array.from(subset.sourceIndices);
    expect(sources.filter((i) => LABELS[i] === 3)).toHaveLength(3);
    expect(sources.filter((i) => LABELS[i] === 8)).toHaveLength(3);
    expect(new Set(sources).size).toBe(6);
    sources.forEach((source, i) => {
      expect(subset.data.targets[i]).toBe(LABELS[source] === 8 ? 1 : 0);
      expect(Array.from(subset.data.inputs.subarray(i * 4, i * 4 + 4))).toEqual([source, source, source, source]);
    });
    expect(subset.data.inputSize).toBe(4);
    expect(subset.data.targetSize).toBe(1);
  });

  it('is reproducible from the seed, and another seed draws other images', () => {
    const a = selectTwoClassSubset(split, 3, 8, 4, 7)!;
    const b = selectTwoClassSubset(split, 3, 8, 4, 7)!;
    expect(Array.from(a.sourceIndices)).toEqual(Array.from(b.sourceIndices));
    const others = [1, 2, 3, 4, 5].map((seed) => Array.from(selectTwoClassSubset(split, 3, 8, 4, seed)!.sourceIndices).join());
    expect(new Set(others).size).toBeGreaterThan(1);
  });

  it('fills from the other digit when one runs out, and stops at all images of both', () => {
    const subset = selectTwoClassSubset(split, 3, 8, 10, 1)!;
    // ⌊10/2⌋ = 5 threes and 5 eights.
    expect(subset.data.count).toBe(10);
    const all = selectTwoClassSubset(split, 3, 8, 1000, 1)!;
    expect(all.data.count).toBe(11);
    expect(Array.from(all.sourceIndices).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(effectiveSubsetSize(1000, all.available)).toBe(11);
    expect(effectiveSubsetSize(7, all.available)).toBe(7);
  });

  it('returns null for one digit twice or a digit the split does not hold', () => {
    expect(selectTwoClassSubset(split, 3, 3, 4, 1)).toBeNull();
    expect(selectTwoClassSubset(split, 3, 7, 4, 1)).toBeNull();
  });
});

describe('twoClassSplit', () => {
  it('keeps every image of the two digits, in order', () => {
    const data = twoClassSplit(split, 8, 3)!;
    expect(data.count).toBe(11);
    // A = 8 (target 0), B = 3 (target 1).
    expect(Array.from(data.targets)).toEqual([1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    expect(twoClassSplit(split, 3, 7)).toBeNull();
  });
});

describe('flipLabels', () => {
  const targets = Float32Array.from({ length: 1000 }, (_, i) => i % 2);

  it('flips exactly round(fraction · n) labels, t ← 1 − t, and leaves the rest and the input alone', () => {
    for (const fraction of [0, 0.05, 0.2, 0.45]) {
      const { targets: noisy, flipped } = flipLabels(targets, fraction, 3);
      expect(flipped.length).toBe(Math.round(fraction * 1000));
      let changed = 0;
      noisy.forEach((t, i) => {
        if (t !== targets[i]) {
          changed++;
          expect(t).toBe(1 - targets[i]);
        }
      });
      expect(changed).toBe(flipped.length);
      expect(Array.from(flipped)).toEqual([...flipped].sort((a, b) => a - b));
    }
    expect(targets[0]).toBe(0);
    expect(targets[1]).toBe(1);
  });

  it('rounds the count: 15% of 7 labels is 1.05, so 1 flips; 0.25 of 6 is 1.5, so 2', () => {
    expect(flippedCount(7, 0.15)).toBe(1);
    expect(flippedCount(6, 0.25)).toBe(2);
    expect(flippedCount(6, 0)).toBe(0);
    expect(flippedCount(6, Number.NaN)).toBe(0);
  });

  it('is reproducible from the seed; another seed flips other labels', () => {
    const a = flipLabels(targets, 0.1, 42).flipped;
    expect(Array.from(flipLabels(targets, 0.1, 42).flipped)).toEqual(Array.from(a));
    expect(Array.from(flipLabels(targets, 0.1, 43).flipped)).not.toEqual(Array.from(a));
  });
});

describe('the three runs', () => {
  it('use batch sizes 1, the minibatch (clamped to 1..subset size) and the whole subset', () => {
    expect(runBatchSizes(1000, 32)).toEqual({ single: 1, minibatch: 32, full: 1000 });
    expect(runBatchSizes(1000, 5000)).toEqual({ single: 1, minibatch: 1000, full: 1000 });
    expect(runBatchSizes(1000, 0)).toEqual({ single: 1, minibatch: 1, full: 1000 });
    expect(runBatchSizes(1000, 12.7)).toEqual({ single: 1, minibatch: 12, full: 1000 });
  });

  it('have configs that differ only in the batch size (and the validation interval that follows from it)', () => {
    const configs = runConfigs({ learningRate: 0.1, batchSize: 32, seed: 9 }, 1000);
    const strip = ({ batchSize, evaluateEvery, ...rest }: (typeof configs)['single']) => {
      void batchSize;
      void evaluateEvery;
      return rest;
    };
    expect(strip(configs.single)).toEqual(strip(configs.minibatch));
    expect(strip(configs.full)).toEqual(strip(configs.minibatch));
    expect([configs.single.batchSize, configs.minibatch.batchSize, configs.full.batchSize]).toEqual([1, 32, 1000]);
    expect(configs.minibatch).toEqual(batchSizeLabConfig(0.1, 32, 9));
    expect(configs.single.seed).toBe(9);
    expect(configs.single.loss).toBe('sigmoid-cross-entropy');
    expect(configs.single.network.layers).toEqual([{ kind: 'dense', units: 1, activation: 'linear' }]);
  });

  it('are validated every 256 examples seen: 256 steps of 1, 8 of 32, every step of 1000', () => {
    expect(validationInterval(1)).toBe(256);
    expect(validationInterval(32)).toBe(8);
    expect(validationInterval(100)).toBe(3);
    expect(validationInterval(1000)).toBe(1);
    expect(smoothingWindowSteps(32)).toBe(8);
  });
});

describe('curves', () => {
  it('examples seen are steps × batch size', () => {
    expect(examplesSeen([1, 2, 10], 32)).toEqual([32, 64, 320]);
  });

  it('trailing mean averages the values of the last `window` steps, also across gaps', () => {
    expect(trailingMean([1, 2, 3, 4], [4, 2, 6, 0], 2)).toEqual([4, 3, 4, 3]);
    expect(trailingMean([1, 2, 3], [4, 2, 6], 1)).toEqual([4, 2, 6]);
    // Steps 1, 2, 4, 8 (a thinned curve), window 3: at 4 the window is (1, 4] → 2 and 4; at 8 only 8.
    expect(trailingMean([1, 2, 4, 8], [1, 3, 5, 7], 3)).toEqual([1, 2, 4, 7]);
  });

  it('the table loss is the mean of the newest window of steps', () => {
    expect(recentTrainingLoss({ steps: [], values: [] }, 32)).toBeNull();
    // Batch 32 ⇒ the last 8 steps.
    const steps = Array.from({ length: 20 }, (_, i) => i + 1);
    const values = steps.map((s) => (s > 12 ? 1 : 100));
    expect(recentTrainingLoss({ steps, values }, 32)).toBe(1);
    expect(recentTrainingLoss({ steps: [5], values: [0.4] }, 1000)).toBe(0.4);
  });

  it('the common range is the smallest last x; cropping keeps the points up to it', () => {
    expect(commonRangeLimit([[1, 2, 9], [1, 4], []])).toBe(4);
    expect(commonRangeLimit([[], []])).toBeNull();
    expect(cropCurve([1, 2, 9], [5, 6, 7], 4)).toEqual({ X: [1, 2], Y: [5, 6] });
    expect(cropCurve([1, 2], [5, 6], null)).toEqual({ X: [1, 2], Y: [5, 6] });
  });
});

describe('millisecondsPerStep', () => {
  it('divides the time by the steps taken in the window', () => {
    expect(
      millisecondsPerStep([
        { ms: 0, step: 0 },
        { ms: 500, step: 100 },
        { ms: 1000, step: 400 },
      ]),
    ).toBe(2.5);
  });
  it('is null with too little time or no step', () => {
    expect(millisecondsPerStep([{ ms: 0, step: 0 }])).toBeNull();
    expect(
      millisecondsPerStep([
        { ms: 0, step: 0 },
        { ms: 100, step: 10 },
      ]),
    ).toBeNull();
    expect(
      millisecondsPerStep([
        { ms: 0, step: 3 },
        { ms: 1000, step: 3 },
      ]),
    ).toBeNull();
  });
  it('uses only the newest window of samples', () => {
    expect(
      millisecondsPerStep(
        [
          { ms: 0, step: 0 },
          { ms: 5000, step: 10 },
          { ms: 6000, step: 20 },
        ],
        3000,
      ),
    ).toBe(100);
  });
});

describe('combinedStatus', () => {
  it('is training while any run trains, loading or error when any is, else paused or ready', () => {
    expect(combinedStatus(['ready', 'training', 'paused'])).toBe('training');
    expect(combinedStatus(['ready', 'loading', 'training'])).toBe('loading');
    expect(combinedStatus(['error', 'loading', 'training'])).toBe('error');
    expect(combinedStatus(['paused', 'diverged', 'paused'])).toBe('diverged');
    expect(combinedStatus(['paused', 'ready', 'paused'])).toBe('paused');
    expect(combinedStatus(['ready', 'ready', 'ready'])).toBe('ready');
  });
});

describe('settings in the share link', () => {
  const changed = { classA: '1' as const, classB: '7' as const, subsetSize: 500, batchSize: 8, learningRate: 0.3, labelNoise: 0.25, seed: 42 };

  it('round-trip: what is written is read back', () => {
    const search = writeSharedSettings('?x=1', 'batch', changed, DEFAULT_SETTINGS);
    expect(readSharedSettings(search, 'batch', settingsSchema, DEFAULT_SETTINGS)).toEqual({ values: changed, problems: [] });
    expect(writeSharedSettings('', 'batch', DEFAULT_SETTINGS, DEFAULT_SETTINGS)).toBe('');
  });

  it('clamps numbers to their limits and rejects text and unknown digits (defaults kept, problems listed)', () => {
    const { values, problems } = readSharedSettings(
      '?batch.subsetSize=99999&batch.batchSize=-3&batch.labelNoise=0.9&batch.learningRate=banana&batch.classA=x&batch.seed=2.5',
      'batch',
      settingsSchema,
      DEFAULT_SETTINGS,
    );
    expect(values.subsetSize).toBe(1600);
    expect(values.batchSize).toBe(1);
    expect(values.labelNoise).toBe(0.45);
    expect(values.learningRate).toBe(DEFAULT_SETTINGS.learningRate);
    expect(values.classA).toBe(DEFAULT_SETTINGS.classA);
    expect(Number.isInteger(values.seed)).toBe(true);
    expect(problems).toHaveLength(2);
  });
});
