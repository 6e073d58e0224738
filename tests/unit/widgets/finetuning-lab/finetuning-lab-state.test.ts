import { describe, expect, it } from 'vitest';
import type { DatasetSplit } from '../../../../src/core/data/load-dataset';
import { lenet5 } from '../../../../src/core/nn/architectures/lenet5';
import { initializeParameters, type NetworkSpec } from '../../../../src/core/nn/network-spec';
import { readSharedSettings, writeSharedSettings } from '../../../../src/core/url/shared-settings';
import {
  BATCH_SIZE,
  DEFAULT_SETTINGS,
  effectiveFrozenLayers,
  finetuneConfig,
  firstLayerFilters,
  firstStepReaching,
  formatFrozenLayers,
  gapInPoints,
  gatherLabelled,
  incompatibility,
  keptLayersOfKind,
  layerRows,
  maxChange,
  parseFrozenLayers,
  scratchConfig,
  selectBalancedIndices,
  settingsSchema,
  startingPoints,
  stepsPerEpoch,
  summarizeRun,
  totalSteps,
  verdict,
} from '../../../../src/widgets/finetuning-lab/finetuning-lab-state';

/** A stand-in for the shipped MNIST LeNet-5: same architecture, seeded "trained" weights. */
const source = { network: lenet5, parameters: initializeParameters(lenet5, 99) };
const bits = (values: Float32Array) => Buffer.from(values.buffer, values.byteOffset, values.byteLength);

describe('frozen layers in the share link', () => {
  it('reads lists of layer indices, sorted and without repeats', () => {
    expect(parseFrozenLayers('0,2')).toEqual([0, 2]);
    expect(parseFrozenLayers('6,2,2,0')).toEqual([0, 2, 6]);
    expect(parseFrozenLayers('none')).toEqual([]);
    expect(parseFrozenLayers('')).toEqual([]);
  });

  it('rejects anything else', () => {
    for (const text of ['a', '1,,2', '-1', '1.5', '0;2', '1,2,', '12345']) expect(parseFrozenLayers(text)).toBeNull();
  });

  it('writes them back', () => {
    expect(formatFrozenLayers([2, 0, 2])).toBe('0,2');
    expect(formatFrozenLayers([])).toBe('none');
  });

  it('round-trips every setting through a link, and a mangled link keeps the defaults with a notice', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      source: 'learner' as const,
      trainingImages: '1000' as const,
      frozen: '0,2,5',
      optimizer: 'sgd' as const,
      learningRate: 0.01,
      epochs: 7,
      seed: 42,
    };
    const search = writeSharedSettings('', 'finetune', settings, DEFAULT_SETTINGS);
    expect(readSharedSettings(search, 'finetune', settingsSchema, DEFAULT_SETTINGS)).toEqual({ values: settings, problems: [] });
    const mangled = readSharedSettings('?finetune.frozen=zzz&finetune.learningRate=abc&finetune.optimizer=lion', 'finetune', settingsSchema, DEFAULT_SETTINGS);
    expect(mangled.values).toEqual(DEFAULT_SETTINGS);
    expect(mangled.problems).toHaveLength(3);
    expect(mangled.problems[0]).toMatch(/Frozen layers "zzz"/);
  });

  it('clamps out-of-range numbers from a link', () => {
    const read = readSharedSettings('?f.learningRate=50&f.epochs=-3', 'f', settingsSchema, DEFAULT_SETTINGS);
    expect(read.values.learningRate).toBe(1);
    expect(read.values.epochs).toBe(1);
  });
});

describe('layers: kept, new, and which can be frozen', () => {
  const rows = layerRows(lenet5, 7, [0, 1, 2, 4, 7]);

  it('marks the layers with trained parameters as kept and the last dense layer as the new head', () => {
    expect(rows.map((row) => row.role)).toEqual(['kept', 'none', 'kept', 'none', 'none', 'kept', 'kept', 'new']);
    expect(rows.map((row) => row.description)).toEqual(['conv 6@5×5', 'max-pool 2×2', 'conv 16@5×5', 'max-pool 2×2', 'flatten', 'dense 120', 'dense 84', 'dense 10 (new head)']);
    expect(rows.map((row) => row.parameterCount)).toEqual([156, 0, 2416, 0, 0, 48120, 10164, 850]);
  });

  it('lets only kept layers with parameters be frozen: pools, flatten and the new head cannot', () => {
    expect(rows.map((row) => row.freezable)).toEqual([true, false, true, false, false, true, true, false]);
    expect(rows.filter((row) => row.frozen).map((row) => row.index)).toEqual([0, 2]);
    expect(effectiveFrozenLayers(lenet5, 7, [0, 1, 2, 4, 7])).toEqual([0, 2]);
  });

  it('finds every kept convolution (the "freeze the feature extractor" shortcut)', () => {
    expect(keptLayersOfKind(lenet5, 7, 'conv2d')).toEqual([0, 2]);
    expect(keptLayersOfKind(lenet5, 7, 'dense')).toEqual([5, 6]);
  });
});

describe('starting points and training configs', () => {
  const { finetuned, scratch } = startingPoints(source, 5);
  const settings = { ...DEFAULT_SETTINGS, seed: 5, frozen: '0,1,2,7' };

  it('keeps the source’s body bit for bit and gives both runs the very same new head', () => {
    for (const layer of [0, 2, 5, 6]) {
      for (const name of ['kernel', 'bias']) {
        const trained = source.parameters.find((p) => p.layer === layer && p.name === name)!;
        const kept = finetuned.parameters.find((p) => p.layer === layer && p.name === name)!;
        expect(bits(kept.values).equals(bits(trained.values))).toBe(true);
      }
    }
    const head = (list: typeof scratch) => list.find((p) => p.layer === 7 && p.name === 'kernel')!.values;
    expect(head(finetuned.parameters)).toEqual(head(scratch));
    expect(finetuned.parameters.find((p) => p.layer === 7 && p.name === 'kernel')!.shape).toEqual([84, 10]);
  });

  it('starts the from-scratch run from seeded random weights, not the trained ones', () => {
    const kernel = scratch.find((p) => p.layer === 0 && p.name === 'kernel')!.values;
    expect(kernel).toEqual(initializeParameters(lenet5, 5).find((p) => p.layer === 0 && p.name === 'kernel')!.values);
    expect(kernel).not.toEqual(source.parameters.find((p) => p.layer === 0 && p.name === 'kernel')!.values);
  });

  it('trains both with the same optimizer, learning rate, batch, seed and evaluation; only start and freezing differ', () => {
    const a = finetuneConfig(finetuned, settings, 300);
    const b = scratchConfig(finetuned.network, scratch, settings, 300);
    const { initialParameters: _a, frozenLayers: frozenA, ...restA } = a;
    const { initialParameters: _b, frozenLayers: frozenB, ...restB } = b;
    expect(restA).toEqual(restB);
    expect(frozenA).toEqual([0, 2]);
    expect(frozenB).toEqual([]);
    expect(a.initialParameters).toBe(finetuned.parameters);
    expect(b.initialParameters).toBe(scratch);
    expect(restA).toMatchObject({ loss: 'softmax-cross-entropy', batchSize: BATCH_SIZE, seed: 5, learningRate: 0.001, optimizer: { kind: 'adam' }, evaluateEvery: 15 });
  });

  it('counts steps: 300 images in batches of 20 are 15 steps an epoch', () => {
    expect(stepsPerEpoch(300)).toBe(15);
    expect(stepsPerEpoch(100)).toBe(5);
    expect(totalSteps(1000, 8)).toBe(400);
  });
});

describe('which networks can be finetuned', () => {
  it('accepts LeNet-5', () => expect(incompatibility(lenet5)).toBeNull());
  it('refuses other inputs and networks whose only parameters are the head', () => {
    expect(incompatibility({ ...lenet5, inputShape: [32, 32, 3] })).toMatch(/28×28/);
    const headOnly: NetworkSpec = { inputShape: [28, 28, 1], layers: [{ kind: 'flatten' }, { kind: 'dense', units: 10 }], initialization: { kind: 'he-normal' } };
    expect(incompatibility(headOnly)).toMatch(/no layers before/);
  });
});

describe('images', () => {
  const labels = Uint8Array.from({ length: 200 }, (_, i) => i % 10);

  it('draws a class-balanced, seeded, duplicate-free subset of the pool', () => {
    const indices = selectBalancedIndices(labels, 150, 43, 10, 3);
    expect(indices.length).toBe(43);
    expect(new Set(indices).size).toBe(43);
    expect(Math.max(...indices)).toBeLessThan(150);
    const perClass = Array.from({ length: 10 }, (_, c) => [...indices].filter((i) => labels[i] === c).length);
    expect(perClass).toEqual([5, 5, 5, 4, 4, 4, 4, 4, 4, 4]);
    expect(selectBalancedIndices(labels, 150, 43, 10, 3)).toEqual(indices);
    expect(selectBalancedIndices(labels, 150, 43, 10, 4)).not.toEqual(indices);
  });

  it('stops short when a class runs out', () => {
    expect(selectBalancedIndices(labels, 20, 100, 10, 1).length).toBe(20);
  });

  it('copies images and one-hot labels in the order given', () => {
    const split = {
      images: Uint8Array.from({ length: 3 * 4 }, (_, i) => i),
      labels: Uint8Array.from([2, 0, 1]),
      count: 3,
      imageWidth: 2,
      imageHeight: 2,
      classNames: ['a', 'b', 'c'],
    } as unknown as DatasetSplit;
    const data = gatherLabelled(split, [2, 0]);
    expect([...data.inputs]).toEqual([8, 9, 10, 11, 0, 1, 2, 3]);
    expect([...data.targets]).toEqual([0, 1, 0, 0, 0, 1]);
    expect(data).toMatchObject({ count: 2, inputSize: 4, targetSize: 3 });
  });
});

describe('the comparison', () => {
  const finetunedRecord = { steps: [0, 15, 30, 45], loss: [2.4, 1.0, 0.8, 0.85], accuracy: [0.05, 0.6, 0.72, 0.7] };
  const scratchRecord = { steps: [0, 15, 30, 45], loss: [2.3, 1.5, 1.0, 0.9], accuracy: [0.1, 0.4, 0.6, 0.66] };

  it('reads final, best and starting accuracy', () => {
    expect(summarizeRun(finetunedRecord)).toEqual({ finalAccuracy: 0.7, finalLoss: 0.85, finalStep: 45, bestAccuracy: 0.72, bestStep: 30, startAccuracy: 0.05 });
    expect(summarizeRun({ steps: [], loss: [], accuracy: [] })).toEqual({
      finalAccuracy: null,
      finalLoss: null,
      finalStep: null,
      bestAccuracy: null,
      bestStep: null,
      startAccuracy: null,
    });
  });

  it('takes the gap in percentage points, finetuned minus scratch', () => {
    expect(gapInPoints(0.7, 0.66)).toBeCloseTo(4, 10);
    expect(gapInPoints(null, 0.66)).toBeNull();
  });

  it('finds when a run first reached an accuracy', () => {
    expect(firstStepReaching(scratchRecord, 0.6)).toBe(30);
    expect(firstStepReaching(scratchRecord, 0.9)).toBeNull();
  });

  it('says who leads, and invites to train before anything is measured', () => {
    expect(verdict(summarizeRun(finetunedRecord), summarizeRun(scratchRecord))).toBe('Finetuning leads training from scratch by 4.0 percentage points.');
    expect(verdict(summarizeRun(scratchRecord), summarizeRun(finetunedRecord))).toBe('Training from scratch leads finetuning by 4.0 percentage points.');
    expect(verdict(summarizeRun({ steps: [0], loss: [2], accuracy: [0.1] }), summarizeRun(scratchRecord))).toMatch(/^Press Train/);
  });
});

describe('read-outs of the parameters', () => {
  it('measures the largest change of a layer over its kernel and bias', () => {
    const before = [
      { layer: 0, name: 'kernel', shape: [2], values: Float32Array.from([1, 2]) },
      { layer: 0, name: 'bias', shape: [1], values: Float32Array.from([0]) },
    ];
    const after = [
      { layer: 0, name: 'kernel', shape: [2], values: Float32Array.from([1.25, 1.5]) },
      { layer: 0, name: 'bias', shape: [1], values: Float32Array.from([-0.75]) },
    ];
    expect(maxChange(before, after, 0)).toBe(0.75);
    expect(maxChange(before, before, 0)).toBe(0);
    expect(maxChange(before, null, 0)).toBeNull();
    expect(maxChange(before, after, 1)).toBeNull();
  });

  it('cuts the first conv kernel [k, k, 1, filters] into one k×k image per filter', () => {
    const filters = firstLayerFilters(lenet5, source.parameters)!;
    const kernel = source.parameters.find((p) => p.layer === 0 && p.name === 'kernel')!.values;
    expect(filters).toHaveLength(6);
    expect(filters[0]).toHaveLength(25);
    // element (row 1, column 2) of filter 3 is kernel[1, 2, 0, 3] = kernel[(1·5 + 2)·6 + 3]
    expect(filters[3][1 * 5 + 2]).toBe(kernel[(1 * 5 + 2) * 6 + 3]);
    expect(firstLayerFilters({ inputShape: [4], layers: [{ kind: 'dense', units: 2 }], initialization: { kind: 'he-normal' } }, [])).toBeNull();
  });
});
