import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  PRESETS,
  cellArithmetic,
  computeExplorerView,
  convolutionOptions,
  describeArithmetic,
  formatValue,
  kernelValues,
  matchingPreset,
  moveCell,
  nextSweepCell,
  outputSizeLatex,
  parseKernel,
  resizeKernel,
  serializeKernel,
  strongestCell,
  type ExplorerSettings,
} from '../../../../src/widgets/convolution-explorer/convolution-explorer-state';

/** A 28×28 image with a single vertical white bar in column 10. */
const bar = { values: Float32Array.from({ length: 784 }, (_, i) => (i % 28 === 10 ? 1 : 0)), height: 28, width: 28 };
const settings = (patch: Partial<ExplorerSettings>): ExplorerSettings => ({ ...DEFAULT_SETTINGS, ...patch });

describe('kernel presets', () => {
  it('every preset has a 3×3 and a 5×5 version, and the blurs keep brightness (weights sum to 1)', () => {
    for (const preset of PRESETS) {
      expect(preset.kernels[3]).toHaveLength(9);
      expect(preset.kernels[5]).toHaveLength(25);
    }
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    for (const name of ['box-blur', 'gaussian-blur', 'identity', 'sharpen'] as const) {
      const preset = PRESETS.find((p) => p.value === name)!;
      expect(sum(preset.kernels[3])).toBeCloseTo(1, 12);
      expect(sum(preset.kernels[5])).toBeCloseTo(1, 12);
    }
    for (const name of ['edge', 'sobel-x', 'sobel-y'] as const) {
      const preset = PRESETS.find((p) => p.value === name)!;
      expect(sum(preset.kernels[3])).toBe(0); // flat regions give 0
      expect(sum(preset.kernels[5])).toBe(0);
    }
  });

  it('recognises a preset from its numbers, and a hand-edited kernel as none', () => {
    expect(matchingPreset(PRESETS[5].kernels[3], 3)).toBe('gaussian-blur');
    expect(matchingPreset([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)).toBeNull();
    expect(matchingPreset(kernelValues(DEFAULT_SETTINGS), 3)).toBe('sobel-x');
  });

  it('resizing keeps a preset a preset, and keeps a hand-made kernel centred', () => {
    expect(matchingPreset(resizeKernel(PRESETS[3].kernels[3], 3, 5), 5)).toBe('sobel-y');
    const own = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const big = resizeKernel(own, 3, 5);
    expect(big[6]).toBe(1);
    expect(big[18]).toBe(9);
    expect(big.filter((v) => v !== 0)).toHaveLength(9);
    expect(resizeKernel(big, 5, 3)).toEqual(own);
  });
});

describe('kernel text in a share link', () => {
  it('round-trips and refuses the wrong count, text and huge values', () => {
    const text = serializeKernel(PRESETS[4].kernels[3]);
    expect(parseKernel(text)).toEqual({ values: PRESETS[4].kernels[3].map((v) => Number(v.toPrecision(6))), size: 3 });
    expect(parseKernel('1,2,3')).toEqual({ problem: 'a kernel needs 9 (3×3) or 25 (5×5) numbers, not 3' });
    expect(parseKernel('1,2,3,4,x,6,7,8,9')).toHaveProperty('problem');
    expect(parseKernel('1,2,3,4,,6,7,8,9')).toHaveProperty('problem');
    expect(parseKernel('1,2,3,4,1e9,6,7,8,9')).toHaveProperty('problem');
  });

  it('a kernel whose size disagrees with the kernel size falls back to Sobel x', () => {
    expect(kernelValues(settings({ kernelSize: 5, kernel: serializeKernel(PRESETS[0].kernels[3]) }))).toEqual(PRESETS[2].kernels[5]);
  });
});

describe('the explorer view', () => {
  it('padding modes become convolution options', () => {
    expect(convolutionOptions(settings({ paddingMode: 'explicit', padding: 2, stride: 3, dilation: 2 }))).toEqual({ padding: 2, stride: 3, dilation: 2 });
    expect(convolutionOptions(settings({ paddingMode: 'same' })).padding).toBe('same');
  });

  it('Sobel x answers a vertical bar with +4 on its left and −4 on its right', () => {
    const view = computeExplorerView(bar, settings({}));
    if (!('output' in view)) throw new Error('expected an output');
    expect([view.output.height, view.output.width]).toEqual([26, 26]);
    // Output column c looks at input columns c..c+2: the bar (column 10) sits in the right column for c = 8, left for c = 10.
    expect(view.output.values[5 * 26 + 8]).toBe(4);
    expect(view.output.values[5 * 26 + 10]).toBe(-4);
    expect(view.output.values[5 * 26 + 9]).toBe(0);
    expect(strongestCell(view.output)).toEqual({ row: 0, column: 8 });
  });

  it('impossible settings give a message instead of a map', () => {
    const view = computeExplorerView(bar, settings({ kernelSize: 5, kernel: serializeKernel(PRESETS[0].kernels[5]), dilation: 8 }));
    expect(view).toEqual({ problem: expect.stringMatching(/spans 33×33 pixels, more than the 28×28 padded input/) });
  });

  it('writes out the arithmetic of a cell, with the bias', () => {
    const s = settings({ bias: 0.5 });
    const cell = cellArithmetic(bar, s, 3, 8);
    expect(cell.value).toBe(4.5);
    const text = describeArithmetic(cell, 3);
    expect(text.rows).toEqual(['0 × (−1) + 0 × 0 + 1 × 1', '0 × (−2) + 0 × 0 + 1 × 2', '0 × (−1) + 0 × 0 + 1 × 1']);
    expect(text.lead).toBe('Σ 4 + bias 0.5');
    const padded = describeArithmetic(cellArithmetic(bar, settings({ paddingMode: 'explicit', padding: 1 }), 0, 0), 3);
    expect(padded.rows[0]).toBe('pad 0 × (−1) + pad 0 × 0 + pad 0 × 1');
    expect(padded.lead).toBe('Σ');
  });

  it('substitutes the numbers into the output-size formula', () => {
    const view = computeExplorerView(bar, settings({ paddingMode: 'explicit', padding: 2, stride: 2, kernelSize: 5, kernel: serializeKernel(PRESETS[0].kernels[5]) }));
    if (!('geometry' in view)) throw new Error('expected a geometry');
    const latex = outputSizeLatex(28, 5, view.geometry);
    expect(latex.substituted).toContain('\\frac{28 + 2\\cdot 2 - 1\\cdot(5-1) - 1}{2}');
    expect(latex.substituted).toMatch(/\\frac\{27\}\{2\} \\right\\rfloor \+ 1 = 14$/);
    const same = computeExplorerView(bar, settings({ paddingMode: 'same', stride: 2, kernelSize: 5, kernel: serializeKernel(PRESETS[0].kernels[5]) }));
    if (!('geometry' in same)) throw new Error('expected a geometry');
    expect(outputSizeLatex(28, 5, same.geometry).substituted).toContain('(1 + 2)'); // 'same' pads unevenly here
  });
});

describe('picking and sliding', () => {
  it('arrow keys move within the map, Home and End jump to the corners', () => {
    expect(moveCell({ row: 0, column: 0 }, 'ArrowLeft', 5, 5)).toEqual({ row: 0, column: 0 });
    expect(moveCell({ row: 0, column: 0 }, 'ArrowRight', 5, 5)).toEqual({ row: 0, column: 1 });
    expect(moveCell({ row: 4, column: 4 }, 'ArrowDown', 5, 5)).toEqual({ row: 4, column: 4 });
    expect(moveCell({ row: 2, column: 2 }, 'End', 5, 6)).toEqual({ row: 4, column: 5 });
    expect(moveCell({ row: 2, column: 2 }, 'Home', 5, 6)).toEqual({ row: 0, column: 0 });
    expect(moveCell({ row: 2, column: 2 }, 'a', 5, 6)).toBeNull();
  });

  it('the window walks in reading order and stops after the last cell', () => {
    expect(nextSweepCell({ row: 0, column: 1 }, 2, 2)).toEqual({ row: 1, column: 0 });
    expect(nextSweepCell({ row: 1, column: 1 }, 2, 2)).toBeNull();
  });

  it('formats numbers with a true minus and no negative zero', () => {
    expect(formatValue(-0)).toBe('0');
    expect(formatValue(-1.23456)).toBe('−1.235');
    expect(formatValue(1e-9)).toBe('0');
  });
});
