import { formatCount, ratioOf } from '../../core/math/layer-counts';
import { receptivePaths, type PathGrid } from '../../core/math/receptive-field';
import {
  convolutionStackCounts,
  convolutionStackOnImage,
  stackDepthFor,
  stackLayers,
  type ConvolutionStackCounts,
  type ConvolutionStackOnImage,
} from '../../core/math/stacked-convolutions';
import { choiceSetting, numberSetting, type SettingsSchema } from '../../core/url/shared-settings';
import type { NumberInputRule } from '../../core/validation/parse-number-input';

/*
 * Stacking 3×3: one 5×5 or 7×7 convolution against two or three stacked 3×3 convolutions. Pure: settings,
 * their share-link schema, and every number the widget shows. Runs under Node.
 */

export type TargetKernel = '5' | '7';
export const TARGET_KERNELS: readonly TargetKernel[] = ['5', '7'];

export interface Stacking3x3Settings {
  /** The large kernel the stack replaces. */
  target: TargetKernel;
  /** Channels C in and out of every layer. */
  channels: number;
  /** Side n of the square input image, for output sizes and whole-image multiply–adds. */
  inputSize: number;
  /** How many of the stacked 3×3 layers the drawing follows back (1 … (K − 1)/2). */
  depth: number;
}

export const DEFAULT_SETTINGS: Stacking3x3Settings = { target: '5', channels: 64, inputSize: 32, depth: 2 };

export const CHANNELS_RULE: NumberInputRule = { label: 'Channels C', min: 1, max: 4096, integer: true };
export const INPUT_SIZE_RULE: NumberInputRule = { label: 'Input size n', min: 1, max: 1024, integer: true };
export const DEPTH_RULE: NumberInputRule = { label: 'Layers drawn', min: 1, max: 3, integer: true };

export const settingsSchema: SettingsSchema<Stacking3x3Settings> = {
  target: choiceSetting('Target kernel', TARGET_KERNELS),
  channels: numberSetting(CHANNELS_RULE),
  inputSize: numberSetting(INPUT_SIZE_RULE),
  depth: numberSetting(DEPTH_RULE),
};

/** One row of the comparison table: the single kernel's value, the stack's, and stack ÷ single. */
export interface ComparisonRow {
  key: string;
  label: string;
  single: string;
  stack: string;
  /** "0.72×" or "" where a ratio means nothing. */
  ratio: string;
}

export interface Stacking3x3View {
  kernel: number;
  stackDepth: number;
  /** The drawn depth, clamped to 1 … stackDepth. */
  depth: number;
  single: ConvolutionStackCounts;
  stack: ConvolutionStackCounts;
  singleOnImage: ConvolutionStackOnImage;
  stackOnImage: ConvolutionStackOnImage;
  /** Side of the drawn input grid: K + 4. */
  gridSize: number;
  /** Paths from the centre output unit of the single K×K back to each input pixel. */
  singleGrid: PathGrid;
  /** Paths from the centre output unit after `depth` stacked 3×3 layers back to each input pixel. */
  stackGrid: PathGrid;
  /** Receptive-field side after `depth` stacked layers: 1 + 2·depth. */
  stackReceptiveField: number;
  rows: ComparisonRow[];
  /** One sentence with the key comparison, for captions and screen readers. */
  summary: string;
}

/** A ratio for reading: 0.72×, 1.39×, 2×. */
export function formatRatioTimes(ratio: number): string {
  return `${Number(ratio.toPrecision(3))}×`;
}

/** Weights as a multiple of C² ("25C²"), with the product for the chosen C. */
function squareMultiple(count: ConvolutionStackCounts): string {
  return `${count.layers * count.kernel * count.kernel}C²`;
}

/** The grid path counts of the centre output unit for a stack of layers of `kernel` on a `gridSize` input. */
function centreGrid(gridSize: number, layers: number, kernel: number): PathGrid {
  const outputSize = gridSize - layers * (kernel - 1);
  const centre = Math.floor((outputSize - 1) / 2);
  return receptivePaths(gridSize, stackLayers(layers, kernel), centre, centre)[0];
}

/** Every number and drawing the widget shows for the settings. */
export function computeStackingView(settings: Stacking3x3Settings): Stacking3x3View {
  const kernel = Number(settings.target);
  const stackDepth = stackDepthFor(kernel);
  const depth = Math.min(stackDepth, Math.max(1, Math.round(settings.depth)));
  const c = settings.channels;
  const single = convolutionStackCounts(1, kernel, c);
  const stack = convolutionStackCounts(stackDepth, 3, c);
  const singleOnImage = convolutionStackOnImage(1, kernel, c, settings.inputSize);
  const stackOnImage = convolutionStackOnImage(stackDepth, 3, c, settings.inputSize);
  const gridSize = kernel + 4;
  const singleGrid = centreGrid(gridSize, 1, kernel);
  const stackGrid = centreGrid(gridSize, depth, 3);
  const ratio = (a: bigint, b: bigint) => formatRatioTimes(ratioOf(a, b));
  const outputText = (size: number) => (size > 0 ? `${formatCount(size)}×${formatCount(size)}` : 'none (input too small)');
  const rows: ComparisonRow[] = [
    {
      key: 'weights',
      label: 'Weights (no biases)',
      single: `${squareMultiple(single)} = ${formatCount(single.weights)}`,
      stack: `${squareMultiple(stack)} = ${formatCount(stack.weights)}`,
      ratio: ratio(stack.weights, single.weights),
    },
    { key: 'biases', label: 'Biases', single: formatCount(single.biases), stack: formatCount(stack.biases), ratio: ratio(stack.biases, single.biases) },
    {
      key: 'parameters',
      label: 'Parameters with biases',
      single: formatCount(single.parameters),
      stack: formatCount(stack.parameters),
      ratio: ratio(stack.parameters, single.parameters),
    },
    {
      key: 'multiply-adds',
      label: 'Multiply–adds per output position',
      single: formatCount(single.multiplyAddsPerPosition),
      stack: formatCount(stack.multiplyAddsPerPosition),
      ratio: ratio(stack.multiplyAddsPerPosition, single.multiplyAddsPerPosition),
    },
    { key: 'non-linearities', label: 'Non-linearities (ReLUs)', single: String(single.nonLinearities), stack: String(stack.nonLinearities), ratio: '' },
    {
      key: 'receptive-field',
      label: 'Receptive field',
      single: `${single.receptiveField}×${single.receptiveField}`,
      stack: `${stack.receptiveField}×${stack.receptiveField}`,
      ratio: '',
    },
    {
      key: 'output-valid',
      label: `Output on ${settings.inputSize}×${settings.inputSize}, no padding`,
      single: outputText(singleOnImage.validOutputSize),
      stack: outputText(stackOnImage.validOutputSize),
      ratio: '',
    },
    {
      key: 'image-multiply-adds',
      label: `Multiply–adds on ${settings.inputSize}×${settings.inputSize}, no padding`,
      single: formatCount(singleOnImage.validMultiplyAdds),
      stack: formatCount(stackOnImage.validMultiplyAdds),
      ratio: singleOnImage.validMultiplyAdds > 0n && stackOnImage.validMultiplyAdds > 0n ? ratio(stackOnImage.validMultiplyAdds, singleOnImage.validMultiplyAdds) : '',
    },
    {
      key: 'image-multiply-adds-same',
      label: `Multiply–adds on ${settings.inputSize}×${settings.inputSize}, “same” padding`,
      single: formatCount(singleOnImage.sameMultiplyAdds),
      stack: formatCount(stackOnImage.sameMultiplyAdds),
      ratio: ratio(stackOnImage.sameMultiplyAdds, singleOnImage.sameMultiplyAdds),
    },
  ];
  const saving = Math.round((1 - ratioOf(stack.weights, single.weights)) * 100);
  const summary =
    `One ${kernel}×${kernel} convolution has ${formatCount(single.weights)} weights for C = ${formatCount(c)}; ` +
    `${stackDepth} stacked 3×3 convolutions see the same ${kernel}×${kernel} window with ${formatCount(stack.weights)} weights (${saving}% fewer) ` +
    `and ${stackDepth} non-linearities instead of 1.`;
  return { kernel, stackDepth, depth, single, stack, singleOnImage, stackOnImage, gridSize, singleGrid, stackGrid, stackReceptiveField: 1 + 2 * depth, rows, summary };
}

/** A text description of a path grid: how many pixels are seen, and how many paths reach the centre and a corner. */
export function describeGrid(grid: PathGrid, label: string): string {
  const side = Math.round(Math.sqrt(grid.reached));
  const centre = Math.floor(grid.size / 2);
  const centreCount = grid.counts[centre * grid.size + centre];
  let cornerCount = 0;
  for (let i = 0; i < grid.counts.length && cornerCount === 0; i += 1) if (grid.counts[i] > 0) cornerCount = grid.counts[i];
  return (
    `${label}: on a ${grid.size}×${grid.size} input, the centre output unit sees a ${side}×${side} block of ${grid.reached} pixels; ` +
    (centreCount === cornerCount
      ? `every one is reached by ${centreCount} path${centreCount === 1 ? '' : 's'}.`
      : `the centre pixel is reached by ${centreCount} paths, a corner of the block by ${cornerCount}.`)
  );
}
