import { describe, expect, it } from 'vitest';
import { initializeParameters } from '../../../../src/core/nn/network-spec';
import { CLASSIC_SETUPS, classicConfig, layerTable, plateauSchedule, shallowMiniVgg, warmStartFromShallow } from '../../../../src/widgets/classic-trainer/classic-trainer-state';

describe('layer tables', () => {
  it('LeNet-5: 61,706 parameters; conv1 6@5×5 same on 28×28 is 28·28·6·25 = 117,600 multiply–adds', () => {
    const table = layerTable(CLASSIC_SETUPS.lenet5.network);
    expect(table.parameters).toBe(61_706);
    expect(table.rows[0]).toMatchObject({ outputShape: '28×28×6', parameters: 156, multiplyAdds: 117_600 });
    expect(table.rows[2]).toMatchObject({ outputShape: '10×10×16', parameters: 2_416 });
  });

  it('mini-VGG: 122,434 parameters; dense 784 → 128 holds 100,480', () => {
    const table = layerTable(CLASSIC_SETUPS['mini-vgg'].network);
    expect(table.parameters).toBe(122_434);
    expect(table.rows.find((row) => row.name === 'fc1')).toMatchObject({ parameters: 100_480, outputShape: '128' });
    expect(table.rows.find((row) => row.name === 'dropout1')?.description).toBe('Dropout 0.5');
  });
});

describe('the VGG recipe as an engine config', () => {
  it('mini-VGG: momentum 0.9, coupled L2 penalty λ, softmax cross entropy', () => {
    const setup = CLASSIC_SETUPS['mini-vgg'];
    const config = classicConfig(setup, setup.defaults);
    expect(config.optimizer).toEqual({ kind: 'momentum', momentum: 0.9 });
    expect(config.l2Penalty).toBe(0.0005);
    expect(config.loss).toBe('softmax-cross-entropy');
  });

  it('LeNet-5 has no weight decay; a learning rate override replaces η only', () => {
    const setup = CLASSIC_SETUPS.lenet5;
    const config = classicConfig(setup, { ...setup.defaults, l2: 0.01 }, { learningRate: 0.5 });
    expect(config.l2Penalty).toBeUndefined();
    expect(config.learningRate).toBe(0.5);
  });
});

describe('plateauSchedule (η ÷ 10 when validation stalls)', () => {
  const steps = (n: number) => Array.from({ length: n }, (_, i) => (i + 1) * 50);

  it('keeps η while the accuracy keeps improving', () => {
    const accuracy = [0.5, 0.6, 0.7, 0.75, 0.8];
    expect(plateauSchedule({ steps: steps(5), accuracy }, 0.02, 3)).toMatchObject({ learningRate: 0.02, drops: [], best: 0.8, sinceBest: 0 });
  });

  it('divides η by 10 after `patience` evaluations without a new best, then counts again', () => {
    // best 0.80 at step 100; 0.79, 0.80, 0.801 (within minDelta 0.002) do not improve: drop at the 3rd, step 250.
    const accuracy = [0.7, 0.8, 0.79, 0.8, 0.801, 0.85, 0.84, 0.84, 0.845];
    const result = plateauSchedule({ steps: steps(9), accuracy }, 0.02, 3);
    expect(result.drops).toHaveLength(2);
    expect(result.drops[0].step).toBe(250);
    expect(result.drops[0].learningRate).toBeCloseTo(0.002, 12);
    expect(result.drops[1].step).toBe(450);
    expect(result.learningRate).toBeCloseTo(0.0002, 12);
  });

  it('stops after maxDrops divisions, and an empty curve (a reset) gives back the base rate', () => {
    const flat = { steps: steps(20), accuracy: Array(20).fill(0.5) };
    expect(plateauSchedule(flat, 0.1, 1, { maxDrops: 2 }).drops).toHaveLength(2);
    expect(plateauSchedule({ steps: [], accuracy: [] }, 0.1, 1)).toMatchObject({ learningRate: 0.1, drops: [] });
  });
});

describe('shallow-first initialization', () => {
  it('the shallow net has one convolution per block and the same head', () => {
    const names = shallowMiniVgg.layers.map((layer) => layer.name);
    expect(names).toEqual(['conv1-1', 'pool1', 'conv2-1', 'pool2', 'flatten', 'fc1', 'dropout1', 'fc2', 'dropout2', 'fc3']);
    expect(layerTable(shallowMiniVgg).parameters).toBe(122_434 - 584 - 2_320);
  });

  it('copies each block’s first convolution and the dense layers; the second convolutions stay seeded random', () => {
    const deep = CLASSIC_SETUPS['mini-vgg'].network;
    const shallow = initializeParameters(shallowMiniVgg, 7).map((p) => ({ ...p, values: p.values.map(() => 0.25) }));
    const warm = warmStartFromShallow(shallowMiniVgg, shallow, deep, 3);
    expect(warm.copied).toEqual(['conv1-1', 'conv2-1', 'fc1', 'fc2', 'fc3']);
    expect(warm.fresh).toEqual(['conv1-2', 'conv2-2']);
    const random = initializeParameters(deep, 3);
    warm.parameters.forEach((parameter, i) => {
      const name = deep.layers[parameter.layer].name!;
      if (warm.copied.includes(name)) expect(Array.from(parameter.values).every((v) => v === 0.25)).toBe(true);
      else expect(parameter.values).toEqual(random[i].values);
    });
  });
});
