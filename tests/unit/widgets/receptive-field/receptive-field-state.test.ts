import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  MAX_LAYERS,
  PRESETS,
  applyStackAction,
  computeReceptiveFieldView,
  moveUnit,
  parseLayers,
  serializeLayers,
} from '../../../../src/widgets/receptive-field/receptive-field-state';

describe('receptive field state', () => {
  it('starts on LeNet-5: a 5×5 output whose units see 16×16 input pixels', () => {
    expect(DEFAULT_SETTINGS.layers).toBe('c5s1d1v-p2s2-c5s1d1v-p2s2');
    const view = computeReceptiveFieldView(DEFAULT_SETTINGS);
    expect(view.problem).toBeNull();
    expect(view.outputSide).toBe(5);
    expect(view.table.map((row) => row.receptiveField)).toEqual([5, 6, 14, 16]);
    expect([view.seenHeight, view.seenWidth]).toEqual([16, 16]);
    expect(view.grids[0].reached).toBe(256);
  });

  it('reads and writes stacks, and rejects mangled ones', () => {
    for (const preset of PRESETS) expect(parseLayers(serializeLayers(preset.layers))).toEqual({ layers: preset.layers });
    expect(parseLayers('c3s1d1v-x')).toEqual({ problem: 'layer "x" is not a layer' });
    expect(parseLayers('c99s1d1v')).toEqual({ problem: 'layer "c99s1d1v" is out of range' });
    expect(
      parseLayers(
        Array(MAX_LAYERS + 1)
          .fill('p2s2')
          .join('-'),
      ),
    ).toEqual({ problem: `at most ${MAX_LAYERS} layers` });
    expect(
      'problem' in computeReceptiveFieldView({ ...DEFAULT_SETTINGS, layers: 'nonsense' }) && computeReceptiveFieldView({ ...DEFAULT_SETTINGS, layers: 'nonsense' }).problem,
    ).toMatch(/could not be read/);
  });

  it('the VGG presets: three 3×3 see 7×7; three VGG blocks see 6, 16, then 36 pixels at jump 8', () => {
    const three = applyStackAction(DEFAULT_SETTINGS, { type: 'preset', id: 'three-3x3' });
    expect(computeReceptiveFieldView(three).table.map((row) => row.receptiveField)).toEqual([3, 5, 7]);
    const blocks = computeReceptiveFieldView(applyStackAction(DEFAULT_SETTINGS, { type: 'preset', id: 'vgg-blocks' }));
    expect(blocks.table.at(-1)).toMatchObject({ receptiveField: 36, jump: 8, outputSize: 5 });
    expect(blocks.table.map((row) => row.receptiveField)).toEqual([3, 5, 6, 10, 14, 16, 24, 32, 36]);
  });

  it('adds, moves and removes layers, re-centring the chosen unit', () => {
    let settings = applyStackAction({ ...DEFAULT_SETTINGS, layers: '', inputSize: 9 }, { type: 'add', kind: 'conv' });
    expect(settings.layers).toBe('c3s1d1s');
    settings = applyStackAction(settings, { type: 'add', kind: 'pool' });
    expect(settings.layers).toBe('c3s1d1s-p2s2');
    expect([settings.row, settings.column]).toEqual([2, 2]);
    settings = applyStackAction(settings, { type: 'move', index: 1, by: -1 });
    expect(settings.layers).toBe('p2s2-c3s1d1s');
    expect(applyStackAction(settings, { type: 'move', index: 0, by: -1 })).toBe(settings);
    settings = applyStackAction(settings, { type: 'remove', index: 0 });
    expect(settings.layers).toBe('c3s1d1s');
    settings = applyStackAction(settings, { type: 'input', size: 20 });
    expect(settings.inputSize).toBe(20);
    expect(settings.row).toBe(10);
  });

  it('explains a stack that leaves no output', () => {
    const view = computeReceptiveFieldView({ ...DEFAULT_SETTINGS, inputSize: 12 });
    expect(view.problem).toMatch(/^Layer 3 \(conv 5×5, spanning 5 units\) gets a 4×4 input and leaves no output/);
    expect(view.grids).toEqual([]);
  });

  it('moves the chosen unit with arrow keys, staying on the grid', () => {
    expect(moveUnit({ ...DEFAULT_SETTINGS, row: 1, column: 1 }, 'ArrowUp', 5)).toMatchObject({ row: 1, column: 1 });
    expect(moveUnit({ ...DEFAULT_SETTINGS, row: 1, column: 1 }, 'ArrowRight', 5)).toMatchObject({ row: 1, column: 2 });
    expect(moveUnit({ ...DEFAULT_SETTINGS, row: 5, column: 5 }, 'ArrowDown', 5)).toMatchObject({ row: 5, column: 5 });
    expect(moveUnit(DEFAULT_SETTINGS, 'Enter', 5)).toBeNull();
  });

  it('clips the field at the border: a corner unit of two same-padded 3×3 convs sees 3×3', () => {
    const view = computeReceptiveFieldView({ inputSize: 8, layers: 'c3s1d1s-c3s1d1s', row: 1, column: 1 });
    expect([view.seenHeight, view.seenWidth]).toEqual([3, 3]);
    expect(view.table.at(-1)?.receptiveField).toBe(5);
  });
});
