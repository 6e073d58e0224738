import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, computeParameterView, countLatex, formatRatio, parameterFormulasLatex } from '../../../../src/widgets/parameter-calculator/parameter-calculator-state';

describe('parameter calculator state', () => {
  it('compares 1,000 dense units with 64 3×3 filters on a 224×224×3 image', () => {
    const view = computeParameterView(DEFAULT_SETTINGS);
    expect(view.dense.parameters).toBe(150_529_000n);
    expect(view.conv.parameters).toBe(1792n);
    expect(view.parameterRatio).toBeCloseTo(150_529_000 / 1792, 6);
    expect(formatRatio(view.parameterRatio)).toBe('84,001');
    expect(view.bars.map((bar) => bar.text)).toEqual(['150.5 million', '1,792', '150.5 million', '86.7 million']);
    expect(view.axisMaxLog10).toBe(9);
    expect(view.kernelNote).toBeNull();
  });

  it('writes both formulas with the numbers', () => {
    const view = computeParameterView(DEFAULT_SETTINGS);
    const latex = parameterFormulasLatex(DEFAULT_SETTINGS, view);
    expect(latex.dense).toContain('224 \\cdot 224 \\cdot 3 \\cdot 1{,}000 + 1{,}000 = 150{,}529{,}000');
    expect(latex.conv).toContain('3 \\cdot 3 \\cdot 3 \\cdot 64 + 64 = 1{,}792');
    const video = { ...DEFAULT_SETTINGS, frames: 16 };
    expect(parameterFormulasLatex(video, computeParameterView(video)).dense).toContain('\\cdot T \\cdot N');
  });

  it('shrinks a kernel larger than the image and says so', () => {
    const view = computeParameterView({ ...DEFAULT_SETTINGS, height: 5, width: 8, kernel: 7 });
    expect(view.kernel).toBe(5);
    expect(view.kernelNote).toMatch(/7×7 kernel does not fit a 5×8 image; using 5×5/);
  });

  it('keeps the largest inputs exact and the axis finite', () => {
    const view = computeParameterView({ height: 100_000, width: 100_000, channels: 10_000, frames: 10_000, units: 1_000_000, filters: 1, kernel: 1, stride: 1 });
    expect(view.dense.weights).toBe(10n ** 24n);
    expect(view.axisMaxLog10).toBe(25);
    expect(formatRatio(view.parameterRatio)).toBe('1.0 × 10^20');
  });

  it('formats ratios and counts', () => {
    expect(formatRatio(2.54321)).toBe('2.54');
    expect(formatRatio(0.0312)).toBe('0.031');
    expect(formatRatio(Infinity)).toBe('∞');
    expect(countLatex(1792n)).toBe('1{,}792');
  });
});
