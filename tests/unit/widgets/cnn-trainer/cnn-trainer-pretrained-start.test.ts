// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { readSharedSettings } from '../../../../src/core/url/shared-settings';
import {
  applySettingsChange,
  buildArchitecture,
  DEFAULT_SETTINGS,
  editorSettings,
  PRETRAINED_STARTS,
  sameArchitecture,
  SETTINGS_SCHEMA,
  type CnnTrainerSettings,
} from '../../../../src/widgets/cnn-trainer/cnn-trainer-state';

const readSettingsForTest = (search: string) => readSharedSettings(search, 'cnn', SETTINGS_SCHEMA, DEFAULT_SETTINGS);

describe('the pretrained start', () => {
  it('the editor expresses the Fashion-MNIST CNN exactly, and LeNet-5 only approximately', () => {
    const fashion = PRETRAINED_STARTS['fashion-mnist'];
    const built = buildArchitecture(fashion.settings);
    expect(built.ok && sameArchitecture(built.network, fashion.network)).toBe(true);
    expect(fashion.exact).toBe(true);
    const lenet = PRETRAINED_STARTS.mnist;
    const nearest = buildArchitecture(lenet.settings);
    expect(nearest.ok && sameArchitecture(nearest.network, lenet.network)).toBe(false);
    expect(lenet.exact).toBe(false);
  });

  it('an architecture edit drops the flag; other settings keep it; a new dataset moves to its pretrained network', () => {
    // A link may say only start=pretrained: the editor then shows the pretrained network's settings, not the stored ones.
    const on: CnnTrainerSettings = { ...DEFAULT_SETTINGS, start: 'pretrained' };
    const lenet = PRETRAINED_STARTS.mnist.settings;
    expect(editorSettings(on)).toMatchObject({ ...lenet, start: 'pretrained' });
    expect(editorSettings(DEFAULT_SETTINGS)).toBe(DEFAULT_SETTINGS);
    // An edit leaves the pretrained start and keeps the rest of what the editor showed.
    expect(applySettingsChange(on, { denseUnits: 64 })).toEqual({ ...lenet, denseUnits: 64, start: 'random' });
    expect(applySettingsChange(on, { start: 'random' })).toEqual({ ...lenet, start: 'random' });
    expect(applySettingsChange(on, { learningRate: 0.01 })).toEqual({ learningRate: 0.01 });
    expect(applySettingsChange(on, { dataset: 'fashion-mnist' })).toEqual({ dataset: 'fashion-mnist', ...PRETRAINED_STARTS['fashion-mnist'].settings });
    // Setting the value the editor shows again is no edit.
    expect(applySettingsChange(on, { kernelSize: '5' })).toEqual({ kernelSize: '5' });
    // Off: changes pass through untouched.
    expect(applySettingsChange(DEFAULT_SETTINGS, { denseUnits: 32 })).toEqual({ denseUnits: 32 });
  });

  it('the flag travels in the share link, and a wrong value is refused', () => {
    expect(readSettingsForTest('?cnn.start=pretrained').values.start).toBe('pretrained');
    const bad = readSettingsForTest('?cnn.start=magic');
    expect(bad.values.start).toBe('random');
    expect(bad.problems[0]).toMatch(/Start "magic" in the link is not one of random, pretrained/);
  });
});
