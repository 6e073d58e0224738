import { describe, expect, it } from 'vitest';
import { readSharedSettings } from '../../../../src/core/url/shared-settings';
import type { NetworkSpec } from '../../../../src/core/nn/network-spec';
import {
  DEFAULT_SETTINGS,
  IMAGE_SIZE,
  SETTINGS_SCHEMA,
  argmax,
  ascentStart,
  channelOf,
  clampToNetwork,
  datasetOf,
  describeNetwork,
  explainedClass,
  formatMs,
  gradCamLayer,
  overlayRgba,
  softmax,
  tinyDataset,
} from '../../../../src/widgets/cnn-explainer/cnn-explainer-state';

const lenet: NetworkSpec = {
  inputShape: [28, 28, 1],
  layers: [
    { kind: 'conv2d', filters: 6, kernelSize: 5, padding: 'same', activation: 'relu' },
    { kind: 'max-pool', size: 2 },
    { kind: 'conv2d', filters: 16, kernelSize: 5, padding: 'valid', activation: 'relu' },
    { kind: 'max-pool', size: 2 },
    { kind: 'flatten' },
    { kind: 'dense', units: 120, activation: 'relu' },
    { kind: 'dense', units: 10 },
  ],
  initialization: { kind: 'he-normal' },
};

describe('CNN explainer state', () => {
  it('finds the convolution layers and reads Grad-CAM at the last one (LeNet-5: layer 2, 10×10×16)', () => {
    const { summary, convLayers } = describeNetwork(lenet);
    expect(convLayers).toEqual([0, 2]);
    expect(gradCamLayer(summary)).toBe(2);
    expect(summary[2].outputShape).toEqual([10, 10, 16]);
  });

  it('has no Grad-CAM layer for a network without convolutions', () => {
    const { summary } = describeNetwork({ inputShape: [28, 28, 1], layers: [{ kind: 'flatten' }, { kind: 'dense', units: 10 }], initialization: { kind: 'he-normal' } });
    expect(gradCamLayer(summary)).toBeNull();
  });

  it('explains the predicted class unless a valid class is chosen', () => {
    expect(explainedClass(-1, 7, 10)).toBe(7);
    expect(explainedClass(3, 7, 10)).toBe(3);
    expect(explainedClass(12, 7, 10)).toBe(7);
    expect(argmax([0.1, 2, 2, -1])).toBe(1);
  });

  it('softmax of (0, ln 3) is (1/4, 3/4)', () => {
    const p = softmax([0, Math.log(3)]);
    expect(p[0]).toBeCloseTo(0.25, 6);
    expect(p[1]).toBeCloseTo(0.75, 6);
  });

  it('takes one channel of a channels-last map', () => {
    const values = [1, 10, 2, 20, 3, 30, 4, 40]; // 2×2 positions, 2 channels
    expect(Array.from(channelOf(values, 4, 2, 1))).toEqual([10, 20, 30, 40]);
  });

  it('keeps the ascent target inside the network (conv layer and channel clamped)', () => {
    const { summary, convLayers } = describeNetwork(lenet);
    expect(clampToNetwork({ ...DEFAULT_SETTINGS, convLayer: 5, channel: 99 }, summary, convLayers)).toEqual({ convLayer: 2, channel: 15, layer: 2 });
    expect(clampToNetwork({ ...DEFAULT_SETTINGS, convLayer: 1, channel: 3 }, summary, convLayers)).toEqual({ convLayer: 1, channel: 3, layer: 0 });
  });

  it('starts the ascent from the same seeded dim image every time, within [0, 1]', () => {
    const a = ascentStart(5);
    expect(a).toEqual(ascentStart(5));
    expect(a).not.toEqual(ascentStart(6));
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    const mean = a.reduce((sum, v) => sum + v, 0) / IMAGE_SIZE;
    expect(mean).toBeCloseTo(0.15, 1);
  });

  it('overlays heat: cold pixels keep their grey, the hottest blends 75 % towards red', () => {
    const out = new Uint8ClampedArray(8);
    overlayRgba([1, 1], [0, 2], 2, out);
    expect(Array.from(out.slice(0, 4))).toEqual([200, 200, 200, 255]);
    expect(Array.from(out.slice(4, 8))).toEqual([Math.round(200 * 0.25 + 255 * 0.75), 50, 50, 255]);
  });

  it('builds the engine’s tiny dataset from uint8 pixels with one-hot targets', () => {
    const images = new Uint8Array(2 * IMAGE_SIZE).fill(255);
    const data = tinyDataset(images, [3, 1], 2, 4);
    expect(data.inputs[0]).toBe(1);
    expect(Array.from(data.targets)).toEqual([0, 0, 0, 1, 0, 1, 0, 0]);
  });

  it('reads the share link, and a mangled one falls back to the defaults with a problem listed', () => {
    const good = readSharedSettings('?ex.model=fashion-cnn&ex.index=42&ex.classIndex=3&ex.patch=8&ex.fill=grey', 'ex', SETTINGS_SCHEMA, DEFAULT_SETTINGS);
    expect(good.problems).toEqual([]);
    expect(good.values).toMatchObject({ model: 'fashion-cnn', index: 42, classIndex: 3, patch: 8, fill: 'grey' });
    expect(datasetOf(good.values.model)).toBe('fashion-mnist');
    const bad = readSharedSettings('?ex.model=resnet&ex.index=abc', 'ex', SETTINGS_SCHEMA, DEFAULT_SETTINGS);
    expect(bad.values.model).toBe(DEFAULT_SETTINGS.model);
    expect(bad.values.index).toBe(DEFAULT_SETTINGS.index);
    expect(bad.problems).toHaveLength(2);
  });

  it('formats times', () => {
    expect(formatMs(12.4)).toBe('12 ms');
    expect(formatMs(1530)).toBe('1.5 s');
  });
});
