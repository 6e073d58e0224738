import { convolutionParameterCount, formatCount } from '../../core/math/layer-counts';
import type { NumberInputRule } from '../../core/validation/parse-number-input';

/** What the learner sets: the layer and which output channel to follow (1-based). */
export interface ConvChannelsSettings {
  inChannels: number;
  outChannels: number;
  kernel: number;
  /** Output channel whose weights are highlighted, 1..outChannels. */
  channel: number;
}

export const DEFAULT_SETTINGS: ConvChannelsSettings = { inChannels: 3, outChannels: 64, kernel: 3, channel: 1 };

export const SETTING_RULES: { [K in Exclude<keyof ConvChannelsSettings, 'channel'>]: NumberInputRule } = {
  inChannels: { label: 'Input channels', min: 1, max: 2048, integer: true },
  outChannels: { label: 'Output channels', min: 1, max: 2048, integer: true },
  kernel: { label: 'Kernel size', min: 1, max: 11, integer: true },
};

/** Most filters drawn in the stack (the rest are an ellipsis). */
export const MAX_DRAWN_FILTERS = 7;
/** Most channel slices drawn for one volume. */
export const MAX_DRAWN_SLABS = 48;

/** A settings object that always makes sense: the followed channel is within 1..outChannels. */
export function normalizeSettings(settings: ConvChannelsSettings): ConvChannelsSettings {
  return { ...settings, channel: Math.min(Math.max(1, Math.round(settings.channel)), settings.outChannels) };
}

/** One entry of the drawn filter stack: a filter (1-based) or a gap standing for `hidden` filters. */
export type StackEntry = { kind: 'filter'; index: number } | { kind: 'gap'; hidden: number };

/**
 * Which filters the stack draws: all when there are few, else the first ones, the followed one, the last one,
 * with gaps for the rest (so the highlighted filter is always drawn).
 */
export function filterStackEntries(outChannels: number, channel: number, maxDrawn = MAX_DRAWN_FILTERS): StackEntry[] {
  if (outChannels <= maxDrawn) return Array.from({ length: outChannels }, (_, i) => ({ kind: 'filter', index: i + 1 }));
  const shown = new Set<number>([1, 2, 3, outChannels]);
  if (channel > 3 && channel < outChannels) shown.add(channel);
  else shown.add(4);
  const sorted = [...shown].sort((a, b) => a - b);
  const entries: StackEntry[] = [];
  sorted.forEach((index, i) => {
    const previous = i === 0 ? 0 : sorted[i - 1];
    if (index - previous > 1) entries.push({ kind: 'gap', hidden: index - previous - 1 });
    entries.push({ kind: 'filter', index });
  });
  return entries;
}

/** Which channel slices of a volume are drawn: every one up to `maxDrawn`, else evenly spaced ones (always the followed one). */
export function drawnSlabs(channels: number, followed: number | null, maxDrawn = MAX_DRAWN_SLABS): number[] {
  if (channels <= maxDrawn) return Array.from({ length: channels }, (_, i) => i + 1);
  const picked = new Set<number>();
  for (let i = 0; i < maxDrawn; i += 1) picked.add(1 + Math.round((i * (channels - 1)) / (maxDrawn - 1)));
  if (followed !== null) picked.add(followed);
  return [...picked].sort((a, b) => a - b);
}

/** Counts of the layer and the LaTeX shown for them. */
export interface ConvChannelsView {
  weightsPerFilter: bigint;
  parametersPerFilter: bigint;
  weights: bigint;
  parameters: bigint;
  totalLatex: string;
  channelLatex: string;
  description: string;
}

const latexCount = (value: bigint | number) => formatCount(BigInt(value)).replace(/,/g, '{,}');

/** K·K·C_in weights per filter, one bias each, C_out filters: K·K·C_in·C_out + C_out parameters. */
export function computeConvChannelsView(settings: ConvChannelsSettings): ConvChannelsView {
  const { inChannels, outChannels, kernel, channel } = settings;
  const weightsPerFilter = BigInt(kernel * kernel) * BigInt(inChannels);
  const parameters = convolutionParameterCount(kernel, inChannels, outChannels);
  const totalLatex = `\\underbrace{${kernel} \\cdot ${kernel} \\cdot ${latexCount(inChannels)}}_{\\text{weights of one filter}} \\cdot \\underbrace{${latexCount(outChannels)}}_{\\text{filters}} + \\underbrace{${latexCount(outChannels)}}_{\\text{biases}} = ${latexCount(parameters)}`;
  const channelLatex = `\\text{output channel } ${channel}: \\quad ${kernel} \\cdot ${kernel} \\cdot ${latexCount(inChannels)} + 1 = ${latexCount(weightsPerFilter + 1n)}`;
  const description =
    `A ${kernel}×${kernel} convolution from ${formatCount(inChannels)} input channels to ${formatCount(outChannels)} output channels. ` +
    `Each output channel has its own filter of ${kernel}×${kernel}×${formatCount(inChannels)} = ${formatCount(weightsPerFilter)} weights, which spans every input channel, plus one bias. ` +
    `Output channel ${channel} is highlighted: its filter slides over the whole input volume and writes one ${kernel}×${kernel}×${formatCount(inChannels)}-window sum per position into slice ${channel} of the output. ` +
    `In all ${formatCount(parameters)} parameters.`;
  return {
    weightsPerFilter,
    parametersPerFilter: weightsPerFilter + 1n,
    weights: weightsPerFilter * BigInt(outChannels),
    parameters,
    totalLatex,
    channelLatex,
    description,
  };
}

/** Colour name of input channel `index` (1-based): red, green, blue for an RGB input, else a neutral tone. */
export function inputChannelTone(index: number, inChannels: number): 'red' | 'green' | 'blue' | 'neutral' {
  if (inChannels !== 3) return 'neutral';
  return (['red', 'green', 'blue'] as const)[index - 1];
}
