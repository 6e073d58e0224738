import { describe, expect, it } from 'vitest';
import { lenet5 } from '../../../../src/core/nn/architectures/lenet5';
import { initializeParameters } from '../../../../src/core/nn/network-spec';
import { IDENTITY_NUISANCES } from '../../../../src/core/math/image-transforms';
import { readSharedSettings } from '../../../../src/core/url/shared-settings';
import {
  DEFAULT_SETTINGS,
  SETTINGS_SCHEMA,
  classifyWithNetwork,
  describeTransform,
  emptyTally,
  formatAccuracy,
  imageAt,
  isIdentity,
  nearestNeighbours,
  nuisancesOf,
  studyStep,
  type ImageSet,
} from '../../../../src/widgets/nuisance-explorer/nuisance-explorer-state';

const PIXELS = 784;

/** A set of images, each a filled square of a given side at a given place, labelled by the caller. */
function squares(specs: Array<{ x: number; y: number; side: number; label: number }>): ImageSet {
  const images = new Uint8Array(specs.length * PIXELS);
  specs.forEach(({ x, y, side }, n) => {
    for (let row = y; row < y + side; row++) for (let col = x; col < x + side; col++) images[n * PIXELS + row * 28 + col] = 255;
  });
  return { images, labels: Uint8Array.from(specs.map((s) => s.label)), count: specs.length };
}

describe('settings', () => {
  it('defaults are the identity transform', () => {
    expect(isIdentity(DEFAULT_SETTINGS)).toBe(true);
    expect(describeTransform(DEFAULT_SETTINGS)).toBe('no change');
    const nuisances = nuisancesOf(DEFAULT_SETTINGS);
    expect({ ...nuisances, warpSeed: IDENTITY_NUISANCES.warpSeed }).toEqual(IDENTITY_NUISANCES);
  });

  it('describes a transform in words', () => {
    const settings = { ...DEFAULT_SETTINGS, rotation: -30, scale: 0.8, patchSize: 6, patchFill: 'white' as const, brightness: -0.25 };
    expect(isIdentity(settings)).toBe(false);
    expect(describeTransform(settings)).toBe('scaled ×0.8, rotated -30°, a 6-pixel white patch at column 14, row 14, brightness −0.25');
  });

  it('reads a share link, clamping out-of-range numbers and reporting garbage', () => {
    const { values, problems } = readSharedSettings(
      '?nuisance.dataset=fashion-mnist&nuisance.rotation=400&nuisance.scale=abc&nuisance.patchFill=red&nuisance.index=12',
      'nuisance',
      SETTINGS_SCHEMA,
      DEFAULT_SETTINGS,
    );
    expect(values.dataset).toBe('fashion-mnist');
    expect(values.rotation).toBe(180);
    expect(values.scale).toBe(1);
    expect(values.patchFill).toBe('black');
    expect(values.index).toBe(12);
    expect(problems).toHaveLength(2);
  });
});

describe('nearestNeighbours (raw pixels, L2)', () => {
  const memory = squares([
    { x: 2, y: 2, side: 6, label: 0 },
    { x: 3, y: 2, side: 6, label: 0 },
    { x: 20, y: 20, side: 6, label: 1 },
    { x: 19, y: 20, side: 6, label: 1 },
    { x: 19, y: 19, side: 6, label: 1 },
  ]);

  it('finds the nearest images by squared distance and votes among the k nearest', () => {
    const query = imageAt(squares([{ x: 2, y: 2, side: 6, label: 0 }]), 0);
    const result = nearestNeighbours(query, memory, 3, 3);
    expect(result.neighbours.map((n) => n.index)).toEqual([0, 1, expect.any(Number)]);
    expect(result.neighbours[0].distanceSquared).toBe(0);
    // Shifting a 6×6 square by one column changes 6 pixels on each side: d² = 12.
    expect(result.neighbours[1].distanceSquared).toBeCloseTo(12, 6);
    expect(result.top).toBe(0);
    expect(result.confidence).toBeCloseTo(2 / 3, 6);
    expect(Array.from(result.scores)).toEqual([2 / 3, 1 / 3, 0].map(Math.fround));
  });

  it('moving the object far enough makes raw pixels vote for the other class', () => {
    const moved = imageAt(squares([{ x: 18, y: 19, side: 6, label: 0 }]), 0);
    expect(nearestNeighbours(moved, memory, 2, 3).top).toBe(1);
  });

  it('breaks a vote tie with the nearest neighbour and caps k at the memory size', () => {
    const query = imageAt(squares([{ x: 20, y: 20, side: 6, label: 1 }]), 0);
    const tie = nearestNeighbours(
      query,
      squares([
        { x: 2, y: 2, side: 6, label: 0 },
        { x: 20, y: 20, side: 6, label: 1 },
      ]),
      2,
      10,
    );
    expect(tie.neighbours).toHaveLength(2);
    expect(tie.top).toBe(1);
    expect(tie.confidence).toBe(0.5);
  });

  it('rejects a wrong query size or an empty memory', () => {
    expect(() => nearestNeighbours(new Float32Array(3), memory, 2)).toThrow('expected 784 pixels, got 3');
    expect(() => nearestNeighbours(new Float32Array(PIXELS), { images: new Uint8Array(0), labels: new Uint8Array(0), count: 0 }, 2)).toThrow('empty');
  });

  it('imageAt scales bytes to 0..1 and checks the index', () => {
    const set = squares([{ x: 0, y: 0, side: 1, label: 3 }]);
    expect(imageAt(set, 0)[0]).toBe(1);
    expect(() => imageAt(set, 1)).toThrow('image 1 is not in 0–0');
  });
});

describe('classifyWithNetwork (a seeded random LeNet-5 through the same code path as the pretrained model)', () => {
  it('gives softmax probabilities over 10 classes and the top one', () => {
    const model = { network: lenet5, parameters: initializeParameters(lenet5, 11) };
    const image = imageAt(squares([{ x: 10, y: 6, side: 8, label: 0 }]), 0);
    const result = classifyWithNetwork(model, image);
    expect(result.scores).toHaveLength(10);
    expect(result.scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(result.confidence).toBe(Math.max(...result.scores));
    expect(result.scores[result.top]).toBe(result.confidence);
  });
});

describe('studyStep', () => {
  it('counts correct answers before and after the transform, one image in two steps', () => {
    const memory = squares([
      { x: 2, y: 2, side: 6, label: 0 },
      { x: 20, y: 20, side: 6, label: 1 },
    ]);
    const test = squares([
      { x: 3, y: 3, side: 6, label: 0 },
      { x: 19, y: 19, side: 6, label: 1 },
    ]);
    const model = { network: lenet5, parameters: initializeParameters(lenet5, 2) };
    // A 180° turn swaps the corners: raw pixels now vote for the wrong class.
    const inputs = { test, memory, classCount: 10, nuisances: { ...IDENTITY_NUISANCES, rotationDegrees: 180 }, field: null, model };
    let tally = emptyTally(2, true);
    tally = studyStep(tally, inputs);
    expect(tally).toMatchObject({ done: 0, halfway: true, knnBefore: 1, knnAfter: 0 });
    tally = studyStep(tally, inputs);
    expect(tally).toMatchObject({ done: 1, halfway: false, knnBefore: 1, knnAfter: 0 });
    tally = studyStep(studyStep(tally, inputs), inputs);
    expect(tally).toMatchObject({ done: 2, total: 2, knnBefore: 2, knnAfter: 0 });
    expect(tally.cnnBefore + tally.cnnAfter).toBeLessThanOrEqual(4);
    expect(studyStep(tally, inputs)).toBe(tally);
    const withoutCnn = studyStep(studyStep(emptyTally(2, false), inputs), inputs);
    expect(withoutCnn).toMatchObject({ cnnBefore: 0, cnnAfter: 0, knnBefore: 1 });
  });

  it('formats accuracies', () => {
    expect(formatAccuracy(187, 200)).toBe('93.5 %');
    expect(formatAccuracy(0, 0)).toBe('–');
  });
});
