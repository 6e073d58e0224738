import {
  convolutionLayerCounts,
  denseLayerCounts,
  describeMagnitude,
  formatCount,
  log10BigInt,
  ratioOf,
  type ConvolutionCounts,
  type LayerCounts,
} from '../../core/math/layer-counts';
import type { NumberInputRule } from '../../core/validation/parse-number-input';

/** What the learner sets: the image (or clip), the dense layer's width and the convolution. */
export interface ParameterCalculatorSettings {
  height: number;
  width: number;
  channels: number;
  frames: number;
  units: number;
  filters: number;
  kernel: number;
  stride: number;
}

export const DEFAULT_SETTINGS: ParameterCalculatorSettings = { height: 224, width: 224, channels: 3, frames: 1, units: 1000, filters: 64, kernel: 3, stride: 1 };

/** Limits of every field (counts stay exact far beyond 2^53: they are BigInt). */
export const SETTING_RULES: { [K in keyof ParameterCalculatorSettings]: NumberInputRule } = {
  height: { label: 'Height', min: 1, max: 100_000, integer: true },
  width: { label: 'Width', min: 1, max: 100_000, integer: true },
  channels: { label: 'Channels', min: 1, max: 10_000, integer: true },
  frames: { label: 'Video frames', min: 1, max: 10_000, integer: true },
  units: { label: 'Hidden units', min: 1, max: 1_000_000, integer: true },
  filters: { label: 'Filters', min: 1, max: 100_000, integer: true },
  kernel: { label: 'Kernel size', min: 1, max: 99, integer: true },
  stride: { label: 'Stride', min: 1, max: 99, integer: true },
};

/** One bar of the log-scale comparison. */
export interface CountBar {
  key: string;
  label: string;
  layer: 'dense' | 'conv';
  value: bigint;
  /** log₁₀ of the value (0 for a value of 1). */
  log10: number;
  /** The value in words ("150.5 million"). */
  text: string;
}

export interface ParameterCalculatorView {
  dense: LayerCounts;
  conv: ConvolutionCounts;
  /** The kernel actually used: the typed one, shrunk to the image's shorter side where it was larger. */
  kernel: number;
  /** Set when the kernel had to be shrunk. */
  kernelNote: string | null;
  /** Dense parameters / convolution parameters. */
  parameterRatio: number;
  /** Dense multiply–adds / convolution multiply–adds. */
  multiplyAddRatio: number;
  bars: CountBar[];
  /** Upper end of the log axis, a whole power of ten ≥ every bar. */
  axisMaxLog10: number;
}

/** Counts, ratios and bars for the settings; the convolution uses zero padding ("same"). */
export function computeParameterView(settings: ParameterCalculatorSettings): ParameterCalculatorView {
  const shape = { height: settings.height, width: settings.width, channels: settings.channels, frames: settings.frames };
  const shorter = Math.min(settings.height, settings.width);
  const kernel = Math.min(settings.kernel, shorter);
  const kernelNote =
    kernel < settings.kernel ? `A ${settings.kernel}×${settings.kernel} kernel does not fit a ${settings.height}×${settings.width} image; using ${kernel}×${kernel}.` : null;
  const dense = denseLayerCounts(shape, settings.units);
  const conv = convolutionLayerCounts(shape, { kernelSize: kernel, filters: settings.filters, stride: settings.stride, padding: 'same' });
  const bar = (key: string, label: string, layer: 'dense' | 'conv', value: bigint): CountBar => ({
    key,
    label,
    layer,
    value,
    log10: Math.max(0, log10BigInt(value)),
    text: describeMagnitude(value),
  });
  const bars = [
    bar('dense-parameters', 'Fully connected: parameters', 'dense', dense.parameters),
    bar('conv-parameters', 'Convolution: parameters', 'conv', conv.parameters),
    bar('dense-multiply-adds', 'Fully connected: multiply–adds', 'dense', dense.multiplyAdds),
    bar('conv-multiply-adds', 'Convolution: multiply–adds', 'conv', conv.multiplyAdds),
  ];
  const axisMaxLog10 = Math.max(1, Math.ceil(Math.max(...bars.map((b) => b.log10)) + 1e-9));
  return {
    dense,
    conv,
    kernel,
    kernelNote,
    parameterRatio: ratioOf(dense.parameters, conv.parameters),
    multiplyAddRatio: ratioOf(dense.multiplyAdds, conv.multiplyAdds),
    bars,
    axisMaxLog10,
  };
}

/** A ratio for reading: "84,000×", "2.5×", "0.031×", "1.2 × 10^21×". */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '∞';
  if (ratio >= 1e15) {
    let power = Math.floor(Math.log10(ratio));
    let mantissa = (ratio / 10 ** power).toFixed(1);
    if (mantissa === '10.0') {
      power += 1;
      mantissa = '1.0';
    }
    return `${mantissa} × 10^${power}`;
  }
  if (ratio >= 100) return formatCount(BigInt(Math.round(ratio)));
  if (ratio >= 1) return String(Number(ratio.toPrecision(3)));
  return String(Number(ratio.toPrecision(2)));
}

/** A count in KaTeX: thousands separators as `{,}` so they do not add space. */
export function countLatex(value: bigint | number): string {
  return formatCount(BigInt(value)).replace(/,/g, '{,}');
}

/** The two parameter formulas with the learner's numbers, in LaTeX. */
export function parameterFormulasLatex(settings: ParameterCalculatorSettings, view: ParameterCalculatorView): { dense: string; conv: string } {
  const { height, width, channels, frames, units, filters } = settings;
  const video = frames > 1 ? ` \\cdot ${countLatex(frames)}` : '';
  const videoSymbol = frames > 1 ? ' \\cdot T' : '';
  return {
    dense: `H \\cdot W \\cdot C${videoSymbol} \\cdot N + N = ${countLatex(height)} \\cdot ${countLatex(width)} \\cdot ${countLatex(channels)}${video} \\cdot ${countLatex(units)} + ${countLatex(units)} = ${countLatex(view.dense.parameters)}`,
    conv: `K \\cdot K \\cdot C \\cdot F + F = ${view.kernel} \\cdot ${view.kernel} \\cdot ${countLatex(channels)} \\cdot ${countLatex(filters)} + ${countLatex(filters)} = ${countLatex(view.conv.parameters)}`,
  };
}
