/**
 * Pure logic of the convolution explorer: kernel presets, the settings a share link keeps, how they turn
 * into convolution options, the output map, the arithmetic of the picked cell, and the sliding window.
 * No React, no DOM.
 */
import {
  conv2dSingle,
  convolutionGeometry,
  convolutionProblem,
  outputCellTerms,
  type ConvolutionGeometry,
  type ConvolutionOptions,
  type OutputCellArithmetic,
  type Plane,
} from '../../core/math/convolution';
import { formatBound } from '../../core/validation/parse-number-input';

export type ImageSource = 'mnist' | 'fashion-mnist' | 'drawing';
export type KernelSize = 3 | 5;
export type PaddingMode = 'valid' | 'same' | 'explicit';
export type PresetName = 'identity' | 'edge' | 'sobel-x' | 'sobel-y' | 'box-blur' | 'gaussian-blur' | 'sharpen' | 'emboss';

export const IMAGE_SIZE = 28;
/** Largest magnitude of a kernel entry or the bias. */
export const KERNEL_LIMIT = 100;
export const STRIDE_RULE = { label: 'Stride', min: 1, max: 6, integer: true } as const;
export const DILATION_RULE = { label: 'Dilation', min: 1, max: 8, integer: true } as const;
export const PADDING_RULE = { label: 'Padding', min: 0, max: 8, integer: true } as const;
export const BIAS_RULE = { label: 'Bias', min: -KERNEL_LIMIT, max: KERNEL_LIMIT } as const;
export const INDEX_LIMIT = 9999;

export const SOURCE_OPTIONS: readonly { value: ImageSource; label: string }[] = [
  { value: 'mnist', label: 'MNIST digit' },
  { value: 'fashion-mnist', label: 'Fashion-MNIST' },
  { value: 'drawing', label: 'Your drawing' },
];

export const PADDING_OPTIONS: readonly { value: PaddingMode; label: string }[] = [
  { value: 'valid', label: "'valid' (none)" },
  { value: 'same', label: "'same'" },
  { value: 'explicit', label: 'P zeros' },
];

/** The kernel presets: name, label, and the 3×3 and 5×5 versions (row-major). */
export const PRESETS: readonly { value: PresetName; label: string; kernels: Record<KernelSize, number[]> }[] = [
  {
    value: 'identity',
    label: 'Identity',
    kernels: { 3: [0, 0, 0, 0, 1, 0, 0, 0, 0], 5: Array.from({ length: 25 }, (_, i) => (i === 12 ? 1 : 0)) },
  },
  {
    value: 'edge',
    label: 'Edges (Laplacian)',
    kernels: {
      3: [0, -1, 0, -1, 4, -1, 0, -1, 0],
      5: [0, 0, -1, 0, 0, 0, -1, -2, -1, 0, -1, -2, 16, -2, -1, 0, -1, -2, -1, 0, 0, 0, -1, 0, 0],
    },
  },
  {
    value: 'sobel-x',
    label: 'Sobel x',
    kernels: {
      3: [-1, 0, 1, -2, 0, 2, -1, 0, 1],
      5: [-1, -2, 0, 2, 1, -4, -8, 0, 8, 4, -6, -12, 0, 12, 6, -4, -8, 0, 8, 4, -1, -2, 0, 2, 1],
    },
  },
  {
    value: 'sobel-y',
    label: 'Sobel y',
    kernels: {
      3: [-1, -2, -1, 0, 0, 0, 1, 2, 1],
      5: [-1, -4, -6, -4, -1, -2, -8, -12, -8, -2, 0, 0, 0, 0, 0, 2, 8, 12, 8, 2, 1, 4, 6, 4, 1],
    },
  },
  {
    value: 'box-blur',
    label: 'Box blur',
    kernels: { 3: Array<number>(9).fill(1 / 9), 5: Array<number>(25).fill(1 / 25) },
  },
  {
    value: 'gaussian-blur',
    label: 'Gaussian blur',
    kernels: {
      3: [1, 2, 1, 2, 4, 2, 1, 2, 1].map((v) => v / 16),
      5: [1, 4, 6, 4, 1, 4, 16, 24, 16, 4, 6, 24, 36, 24, 6, 4, 16, 24, 16, 4, 1, 4, 6, 4, 1].map((v) => v / 256),
    },
  },
  {
    value: 'sharpen',
    label: 'Sharpen',
    kernels: {
      3: [0, -1, 0, -1, 5, -1, 0, -1, 0],
      5: [0, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, -1, 5, -1, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0],
    },
  },
  {
    value: 'emboss',
    label: 'Emboss',
    kernels: {
      3: [-2, -1, 0, -1, 1, 1, 0, 1, 2],
      5: [-2, -1, -1, 0, 0, -1, -2, -1, 0, 0, -1, -1, 1, 1, 1, 0, 0, 1, 2, 1, 0, 0, 1, 1, 2],
    },
  },
];

/** The settings a share link keeps (`?conv.source=mnist&conv.index=7&conv.kernel=0,-1,0,…`). */
export interface ExplorerSettings {
  source: ImageSource;
  /** Test-split image index (MNIST or Fashion-MNIST). */
  index: number;
  kernelSize: KernelSize;
  /** K² kernel entries, row-major, comma-separated. */
  kernel: string;
  bias: number;
  stride: number;
  paddingMode: PaddingMode;
  /** Zeros on each side when `paddingMode` is 'explicit'. */
  padding: number;
  dilation: number;
}

export const DEFAULT_SETTINGS: ExplorerSettings = {
  source: 'mnist',
  index: 0,
  kernelSize: 3,
  kernel: serializeKernel(PRESETS[2].kernels[3]),
  bias: 0,
  stride: 1,
  paddingMode: 'valid',
  padding: 1,
  dilation: 1,
};

/** Kernel entries as link text: shortest round-tripping decimals joined by commas. */
export function serializeKernel(values: readonly number[]): string {
  return values.map((v) => String(Number(v.toPrecision(6)))).join(',');
}

/** Reads a kernel from link text: exactly 9 or 25 finite numbers within ±KERNEL_LIMIT. */
export function parseKernel(text: string): { values: number[]; size: KernelSize } | { problem: string } {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length !== 9 && parts.length !== 25) return { problem: `a kernel needs 9 (3×3) or 25 (5×5) numbers, not ${parts.length}` };
  const values = parts.map(Number);
  if (parts.some((part) => part === '') || values.some((v) => !Number.isFinite(v) || Math.abs(v) > KERNEL_LIMIT)) {
    return { problem: `every kernel entry must be a number between −${KERNEL_LIMIT} and ${KERNEL_LIMIT}` };
  }
  return { values, size: parts.length === 9 ? 3 : 5 };
}

/** The kernel of the settings (falls back to the default when the text is unusable or the wrong size). */
export function kernelValues(settings: ExplorerSettings): number[] {
  const parsed = parseKernel(settings.kernel);
  if ('values' in parsed && parsed.size === settings.kernelSize) return parsed.values;
  return PRESETS[2].kernels[settings.kernelSize];
}

/** Which preset the kernel equals (to 6 significant digits), or null for a hand-edited one. */
export function matchingPreset(values: readonly number[], size: KernelSize): PresetName | null {
  const text = serializeKernel(values);
  return PRESETS.find((preset) => serializeKernel(preset.kernels[size]) === text)?.value ?? null;
}

/**
 * A kernel of the other size that keeps the learner's work: the preset's other version when the kernel is
 * a preset; otherwise the 3×3 centre of a 5×5, or a 3×3 placed in the middle of a zero 5×5.
 */
export function resizeKernel(values: readonly number[], from: KernelSize, to: KernelSize): number[] {
  if (from === to) return [...values];
  const preset = matchingPreset(values, from);
  if (preset) return [...(PRESETS.find((p) => p.value === preset)?.kernels[to] ?? [])];
  if (to === 3) return [6, 7, 8, 11, 12, 13, 16, 17, 18].map((i) => values[i]);
  const out = Array<number>(25).fill(0);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) out[(r + 1) * 5 + c + 1] = values[r * 3 + c];
  return out;
}

/** The convolution options the settings describe. */
export function convolutionOptions(settings: Pick<ExplorerSettings, 'stride' | 'paddingMode' | 'padding' | 'dilation'>): ConvolutionOptions {
  return {
    stride: settings.stride,
    dilation: settings.dilation,
    padding: settings.paddingMode === 'explicit' ? settings.padding : settings.paddingMode,
  };
}

/** Everything the explorer draws for one image: the output map, its geometry, or why there is none. */
export type ExplorerView = { problem: string } | { geometry: ConvolutionGeometry; output: Plane & { values: Float64Array }; kernel: Plane };

/** Convolves the image with the settings' kernel and bias; a problem instead when the settings are impossible. */
export function computeExplorerView(image: Plane, settings: ExplorerSettings): ExplorerView {
  const kernel = { values: kernelValues(settings), height: settings.kernelSize, width: settings.kernelSize };
  const options = convolutionOptions(settings);
  const problem = convolutionProblem(image.height, image.width, kernel.height, kernel.width, options);
  if (problem) return { problem };
  return {
    geometry: convolutionGeometry(image.height, image.width, kernel.height, kernel.width, options),
    output: conv2dSingle(image, kernel, options, settings.bias),
    kernel,
  };
}

/** The cell kept inside an output of `height` × `width` (after a settings change shrank it). */
export function clampCell(cell: { row: number; column: number }, height: number, width: number) {
  return { row: Math.min(Math.max(cell.row, 0), height - 1), column: Math.min(Math.max(cell.column, 0), width - 1) };
}

/** The output cell with the largest |value| (the first in reading order on ties). */
export function strongestCell(output: Plane): { row: number; column: number } {
  let best = 0;
  for (let i = 1; i < output.values.length; i++) if (Math.abs(output.values[i]) > Math.abs(output.values[best])) best = i;
  return { row: Math.floor(best / output.width), column: best % output.width };
}

/** Arrow keys, Home and End move the picked output cell; returns null for other keys. */
export function moveCell(cell: { row: number; column: number }, key: string, height: number, width: number): { row: number; column: number } | null {
  const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  if (key === 'Home') return { row: 0, column: 0 };
  if (key === 'End') return { row: height - 1, column: width - 1 };
  const move = moves[key];
  if (!move) return null;
  return clampCell({ row: cell.row + move[0], column: cell.column + move[1] }, height, width);
}

/** The next cell of the sliding window in reading order (left to right, then the next row); null after the last. */
export function nextSweepCell(cell: { row: number; column: number }, height: number, width: number): { row: number; column: number } | null {
  if (cell.column + 1 < width) return { row: cell.row, column: cell.column + 1 };
  if (cell.row + 1 < height) return { row: cell.row + 1, column: 0 };
  return null;
}

/** A number as the arithmetic shows it: up to 3 decimals, a true minus sign, "0" for ±0. */
export function formatValue(value: number, digits = 3): string {
  if (Object.is(value, -0) || Math.abs(value) < 0.5 * 10 ** -digits) return '0';
  const text = String(Number(value.toFixed(digits)));
  return text.replace('-', '−');
}

/** A number wrapped in brackets when negative, for "a × (−1)". */
function operand(value: number): string {
  const text = formatValue(value);
  return text.startsWith('−') ? `(${text})` : text;
}

/**
 * The arithmetic of a cell, one line per kernel row: "0.5 × (−1) + 0 × 0 + …", with taps in the padding
 * shown as "pad 0". `lead` is what precedes "= value": "Σ" or, with a bias, "Σ 1.25 + bias 0.5".
 */
export function describeArithmetic(cell: OutputCellArithmetic, kernelSize: number): { rows: string[]; lead: string } {
  const rows: string[] = [];
  for (let r = 0; r < kernelSize; r++) {
    rows.push(
      cell.terms
        .slice(r * kernelSize, (r + 1) * kernelSize)
        .map((term) => `${term.inPadding ? 'pad 0' : operand(term.inputValue)} × ${operand(term.kernelValue)}`)
        .join(' + '),
    );
  }
  const sum = cell.terms.reduce((total, term) => total + term.product, 0);
  const lead = cell.bias !== 0 ? `Σ ${formatValue(sum)} + bias ${operand(cell.bias)}` : 'Σ';
  return { rows, lead };
}

/** The arithmetic of output cell (row, column) for these settings. */
export function cellArithmetic(image: Plane, settings: ExplorerSettings, row: number, column: number): OutputCellArithmetic {
  const kernel = { values: kernelValues(settings), height: settings.kernelSize, width: settings.kernelSize };
  return outputCellTerms(image, kernel, convolutionOptions(settings), row, column, settings.bias);
}

/**
 * The output-size formula as LaTeX with the numbers substituted, e.g.
 * `O = \lfloor (28 + 2\cdot 1 - 1\cdot(3-1) - 1)/1 \rfloor + 1 = 28` (with P_before + P_after where 'same' pads unevenly).
 */
export function outputSizeLatex(inputSize: number, kernelSize: number, geometry: ConvolutionGeometry): { general: string; substituted: string } {
  const { stride, dilation, padTop, padBottom } = geometry;
  const padText = padTop === padBottom ? `2\\cdot ${padTop}` : `(${padTop} + ${padBottom})`;
  const numerator = inputSize + padTop + padBottom - dilation * (kernelSize - 1) - 1;
  return {
    general: 'O = \\left\\lfloor \\frac{I + 2P - D\\,(K-1) - 1}{S} \\right\\rfloor + 1',
    substituted:
      `O = \\left\\lfloor \\frac{${inputSize} + ${padText} - ${dilation}\\cdot(${kernelSize}-1) - 1}{${stride}} \\right\\rfloor + 1` +
      ` = \\left\\lfloor \\frac{${numerator}}{${stride}} \\right\\rfloor + 1 = ${geometry.outputHeight}`,
  };
}

/** Words for a padding setting, e.g. "'same' (1 zero before, 1 after)". */
export function describePadding(settings: ExplorerSettings, geometry: ConvolutionGeometry): string {
  if (settings.paddingMode === 'valid') return "'valid': no padding";
  if (settings.paddingMode === 'same') return `'same': ${geometry.padTop} zero${geometry.padTop === 1 ? '' : 's'} before, ${geometry.padBottom} after`;
  return `${formatBound(settings.padding)} zero${settings.padding === 1 ? '' : 's'} on every side`;
}
