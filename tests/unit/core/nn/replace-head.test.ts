import { describe, expect, it } from 'vitest';
import { lenet5 } from '../../../../src/core/nn/architectures/lenet5';
import { initializeParameters, type NetworkSpec } from '../../../../src/core/nn/network-spec';
import { findHeadLayer, replaceHead } from '../../../../src/core/nn/replace-head';

const trained = initializeParameters(lenet5, 123);
const HE = { kind: 'he-normal' } as const;

describe('findHeadLayer', () => {
  it('is the last dense layer (LeNet-5: layer 7 of 0–7)', () => {
    expect(findHeadLayer(lenet5)).toBe(7);
  });

  it('looks past parameter-free layers after the head (activation, dropout)', () => {
    const network: NetworkSpec = {
      inputShape: [4],
      layers: [
        { kind: 'dense', units: 3 },
        { kind: 'dropout', rate: 0.5 },
      ],
      initialization: HE,
    };
    expect(findHeadLayer(network)).toBe(0);
  });

  it('is null without a dense layer, or with a layer with parameters (batch norm) after the last dense one', () => {
    expect(findHeadLayer({ inputShape: [4, 4, 1], layers: [{ kind: 'conv2d', filters: 2, kernelSize: 3, padding: 'valid', activation: 'relu' }], initialization: HE })).toBeNull();
    expect(
      findHeadLayer({
        inputShape: [4, 4, 1],
        layers: [{ kind: 'flatten' }, { kind: 'dense', units: 16 }, { kind: 'batch-norm' }],
        initialization: HE,
      }),
    ).toBeNull();
  });
});

describe('replaceHead', () => {
  const result = replaceHead(lenet5, trained, { units: 5, seed: 7 });

  it('changes only the head’s number of units', () => {
    expect(result.headLayer).toBe(7);
    expect(result.network.layers.slice(0, 7)).toEqual(lenet5.layers.slice(0, 7));
    expect(result.network.layers[7]).toEqual({ kind: 'dense', units: 5, activation: 'linear' });
    expect(lenet5.layers[7]).toEqual({ kind: 'dense', units: 10, activation: 'linear' });
  });

  it('keeps every layer with parameters before the head, bit for bit, as copies', () => {
    expect(result.keptLayers).toEqual([0, 2, 5, 6]);
    for (const layer of result.keptLayers) {
      for (const name of ['kernel', 'bias']) {
        const before = trained.find((p) => p.layer === layer && p.name === name)!;
        const after = result.parameters.find((p) => p.layer === layer && p.name === name)!;
        expect(after.shape).toEqual(before.shape);
        expect(Buffer.from(after.values.buffer).equals(Buffer.from(before.values.buffer))).toBe(true);
        expect(after.values).not.toBe(before.values);
      }
    }
  });

  it('gives the head a fresh kernel [84, 5] and zero bias, exactly what the seed draws for the new network', () => {
    const kernel = result.parameters.find((p) => p.layer === 7 && p.name === 'kernel')!;
    const bias = result.parameters.find((p) => p.layer === 7 && p.name === 'bias')!;
    expect(kernel.shape).toEqual([84, 5]);
    expect(bias.values).toEqual(new Float32Array(5));
    const seeded = initializeParameters(result.network, 7).find((p) => p.layer === 7 && p.name === 'kernel')!;
    expect(kernel.values).toEqual(seeded.values);
    // He-normal: std √(2 / 84) ≈ 0.154; 420 draws, so the sample std is within ~15 %.
    const std = Math.sqrt(kernel.values.reduce((sum, v) => sum + v * v, 0) / kernel.values.length);
    expect(std).toBeGreaterThan(0.154 * 0.85);
    expect(std).toBeLessThan(0.154 * 1.15);
  });

  it('is reproducible from the seed and differs between seeds', () => {
    const again = replaceHead(lenet5, trained, { units: 5, seed: 7 });
    const other = replaceHead(lenet5, trained, { units: 5, seed: 8 });
    const head = (r: typeof result) => r.parameters.find((p) => p.layer === 7 && p.name === 'kernel')!.values;
    expect(head(again)).toEqual(head(result));
    expect(head(other)).not.toEqual(head(result));
  });

  it('lists parameters in layer order, as the engine expects', () => {
    expect(result.parameters.map((p) => `${p.layer}/${p.name}`)).toEqual([
      '0/kernel',
      '0/bias',
      '2/kernel',
      '2/bias',
      '5/kernel',
      '5/bias',
      '6/kernel',
      '6/bias',
      '7/kernel',
      '7/bias',
    ]);
  });

  it('refuses networks without a head, bad unit counts and missing or misshapen parameters', () => {
    const convOnly: NetworkSpec = { inputShape: [4, 4, 1], layers: [{ kind: 'conv2d', filters: 2, kernelSize: 3, padding: 'valid' }], initialization: HE };
    expect(() => replaceHead(convOnly, initializeParameters(convOnly, 1), { units: 3, seed: 1 })).toThrow(/no dense layer/);
    expect(() => replaceHead(lenet5, trained, { units: 0, seed: 1 })).toThrow(/units/);
    expect(() =>
      replaceHead(
        lenet5,
        trained.filter((p) => p.layer !== 2),
        { units: 3, seed: 1 },
      ),
    ).toThrow(/layer 3 \(conv2d\).*kernel/);
    const short = trained.map((p) => (p.layer === 5 && p.name === 'bias' ? { ...p, values: new Float32Array(3) } : p));
    expect(() => replaceHead(lenet5, short, { units: 3, seed: 1 })).toThrow(/wrong size/);
  });
});
