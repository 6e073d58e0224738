import { describe, expect, it } from 'vitest';
import { readSharedSettings } from '../../../../src/core/url/shared-settings';
import { computeStackingView, DEFAULT_SETTINGS, describeGrid, settingsSchema } from '../../../../src/widgets/stacking-3x3/stacking-3x3-state';

const rowOf = (view: ReturnType<typeof computeStackingView>, key: string) => view.rows.find((row) => row.key === key)!;

describe('stacking 3×3 view', () => {
  it('compares one 5×5 with two 3×3 for C = 64 (the defaults)', () => {
    const view = computeStackingView(DEFAULT_SETTINGS);
    expect(view.kernel).toBe(5);
    expect(view.stackDepth).toBe(2);
    expect(rowOf(view, 'weights').single).toBe('25C² = 102,400');
    expect(rowOf(view, 'weights').stack).toBe('18C² = 73,728');
    expect(rowOf(view, 'weights').ratio).toBe('0.72×'); // 18/25
    expect(rowOf(view, 'parameters').single).toBe('102,464');
    expect(rowOf(view, 'parameters').stack).toBe('73,856');
    expect(rowOf(view, 'multiply-adds').stack).toBe('73,728');
    expect(rowOf(view, 'non-linearities').single).toBe('1');
    expect(rowOf(view, 'non-linearities').stack).toBe('2');
    expect(rowOf(view, 'output-valid').single).toBe('28×28');
    expect(rowOf(view, 'output-valid').stack).toBe('28×28');
    expect(view.summary).toContain('28% fewer');
  });

  it('compares one 7×7 with three 3×3 for C = 64: 49C² against 27C²', () => {
    const view = computeStackingView({ ...DEFAULT_SETTINGS, target: '7', depth: 3 });
    expect(rowOf(view, 'weights').single).toBe('49C² = 200,704');
    expect(rowOf(view, 'weights').stack).toBe('27C² = 110,592');
    expect(rowOf(view, 'non-linearities').stack).toBe('3');
    expect(rowOf(view, 'receptive-field').stack).toBe('7×7');
    expect(view.summary).toContain('45% fewer'); // 1 − 27/49 ≈ 0.449
  });

  it('draws the receptive field on the input: uniform for the single kernel, peaked at the centre for the stack', () => {
    const view = computeStackingView(DEFAULT_SETTINGS);
    expect(view.gridSize).toBe(9);
    expect(view.singleGrid.reached).toBe(25);
    expect(view.singleGrid.maxCount).toBe(1);
    // Two stacked 3×3: 1-D path counts 1, 2, 3, 2, 1, so the centre pixel has 3 · 3 = 9 paths.
    expect(view.stackGrid.reached).toBe(25);
    expect(view.stackGrid.maxCount).toBe(9);
    expect(view.stackGrid.counts[4 * 9 + 4]).toBe(9);
    expect(view.stackGrid.counts[2 * 9 + 2]).toBe(1);
    expect(describeGrid(view.stackGrid, 'Stack')).toContain('5×5 block of 25 pixels');
    expect(describeGrid(view.singleGrid, 'Single')).toContain('every one is reached by 1 path');

    const oneLayer = computeStackingView({ ...DEFAULT_SETTINGS, depth: 1 });
    expect(oneLayer.stackGrid.reached).toBe(9);
    expect(oneLayer.stackReceptiveField).toBe(3);

    const seven = computeStackingView({ ...DEFAULT_SETTINGS, target: '7', depth: 3 });
    // Three stacked 3×3: 1-D counts 1, 3, 6, 7, 6, 3, 1; centre 7 · 7 = 49.
    expect(seven.stackGrid.reached).toBe(49);
    expect(seven.stackGrid.maxCount).toBe(49);
  });

  it('clamps the drawn depth to the stack', () => {
    expect(computeStackingView({ ...DEFAULT_SETTINGS, target: '5', depth: 3 }).depth).toBe(2);
    expect(computeStackingView({ ...DEFAULT_SETTINGS, depth: 0 }).depth).toBe(1);
  });

  it('says when the input is too small for any output', () => {
    const view = computeStackingView({ ...DEFAULT_SETTINGS, inputSize: 3 });
    expect(rowOf(view, 'output-valid').single).toBe('none (input too small)');
    expect(rowOf(view, 'image-multiply-adds').ratio).toBe('');
  });

  it('reads its share link, and reports garbage', () => {
    const good = readSharedSettings('?stack3.target=7&stack3.channels=128&stack3.inputSize=56', 'stack3', settingsSchema, DEFAULT_SETTINGS);
    expect(good.values).toEqual({ target: '7', channels: 128, inputSize: 56, depth: 2 });
    expect(good.problems).toEqual([]);
    const bad = readSharedSettings('?stack3.target=9&stack3.channels=lots', 'stack3', settingsSchema, DEFAULT_SETTINGS);
    expect(bad.values).toEqual(DEFAULT_SETTINGS);
    expect(bad.problems).toHaveLength(2);
    // Out of range is clamped, not rejected.
    expect(readSharedSettings('?stack3.channels=1e9', 'stack3', settingsSchema, DEFAULT_SETTINGS).values.channels).toBe(4096);
  });
});
