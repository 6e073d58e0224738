import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  computeConvChannelsView,
  drawnSlabs,
  filterStackEntries,
  inputChannelTone,
  normalizeSettings,
} from '../../../../src/widgets/conv-channels/conv-channels-state';

describe('conv channels state', () => {
  it('counts 3·3·3·64 + 64 = 1,792 parameters, 28 per output channel', () => {
    const view = computeConvChannelsView(DEFAULT_SETTINGS);
    expect(view.parameters).toBe(1792n);
    expect(view.weights).toBe(1728n);
    expect(view.weightsPerFilter).toBe(27n);
    expect(view.parametersPerFilter).toBe(28n);
    expect(view.totalLatex).toContain('= 1{,}792');
    expect(view.channelLatex).toContain('3 \\cdot 3 \\cdot 3 + 1 = 28');
    expect(view.description).toMatch(/1,792 parameters/);
  });

  it('follows the learner: 5×5 from 64 to 128 channels', () => {
    const view = computeConvChannelsView({ inChannels: 64, outChannels: 128, kernel: 5, channel: 7 });
    expect(view.parameters).toBe(5n * 5n * 64n * 128n + 128n);
    expect(view.channelLatex).toContain('output channel } 7');
  });

  it('keeps the followed channel within the output channels', () => {
    expect(normalizeSettings({ ...DEFAULT_SETTINGS, outChannels: 8, channel: 40 }).channel).toBe(8);
    expect(normalizeSettings({ ...DEFAULT_SETTINGS, channel: 0 }).channel).toBe(1);
  });

  it('draws a short stack whole and a long one with gaps, always showing the followed filter', () => {
    expect(filterStackEntries(4, 2)).toEqual([1, 2, 3, 4].map((index) => ({ kind: 'filter', index })));
    expect(filterStackEntries(64, 1)).toEqual([
      { kind: 'filter', index: 1 },
      { kind: 'filter', index: 2 },
      { kind: 'filter', index: 3 },
      { kind: 'filter', index: 4 },
      { kind: 'gap', hidden: 59 },
      { kind: 'filter', index: 64 },
    ]);
    expect(filterStackEntries(64, 30)).toEqual([
      { kind: 'filter', index: 1 },
      { kind: 'filter', index: 2 },
      { kind: 'filter', index: 3 },
      { kind: 'gap', hidden: 26 },
      { kind: 'filter', index: 30 },
      { kind: 'gap', hidden: 33 },
      { kind: 'filter', index: 64 },
    ]);
  });

  it('draws at most 48 slices, including the followed one', () => {
    expect(drawnSlabs(3, null)).toEqual([1, 2, 3]);
    const slabs = drawnSlabs(512, 100);
    expect(slabs).toContain(100);
    expect(slabs[0]).toBe(1);
    expect(slabs[slabs.length - 1]).toBe(512);
    expect(slabs.length).toBeLessThanOrEqual(49);
  });

  it('colours an RGB input red, green, blue', () => {
    expect([1, 2, 3].map((i) => inputChannelTone(i, 3))).toEqual(['red', 'green', 'blue']);
    expect(inputChannelTone(1, 4)).toBe('neutral');
  });
});
