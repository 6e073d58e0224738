/**
 * The classic CNN architectures (LeNet-5, AlexNet, VGG-16, VGG-19 and the course's mini-VGG) as plain layer lists,
 * and every layer's output shape, parameters and multiply–adds on a square input of any size.
 *
 * Counting conventions (the usual ones, and those of the published totals):
 * - convolution, F filters of K×K on C channels in g groups: parameters K·K·(C/g)·F + F,
 *   multiply–adds H′·W′·K·K·(C/g)·F; output side ⌊(n + 2p − K)/s⌋ + 1.
 * - fully connected, N inputs to M units: parameters N·M + M, multiply–adds N·M.
 * - pooling, local response normalization (LRN), ReLU, dropout and flatten: no parameters, and they are not
 *   counted as multiply–adds (their comparisons and few operations per value are tiny next to the convolutions).
 */
import type { NetworkSpec } from '../nn/network-spec';
import { miniVgg } from '../nn/architectures/mini-vgg';
import { slidingWindowCount } from './layer-counts';

/** One layer of a classic architecture. Padding is explicit zero padding p on every side. */
export type ClassicLayer =
  | { kind: 'conv'; name: string; filters: number; kernel: number; stride: number; padding: number; groups?: number }
  | { kind: 'max-pool' | 'avg-pool'; name: string; size: number; stride: number }
  /** Average pooling to a fixed output×output grid, whatever the input size (torchvision's AdaptiveAvgPool2d). */
  | { kind: 'adaptive-avg-pool'; name: string; output: number }
  | { kind: 'lrn'; name: string }
  | { kind: 'dropout'; name: string; rate: number }
  | { kind: 'flatten'; name: string }
  | { kind: 'dense'; name: string; units: number };

export type ArchitectureId = 'lenet5' | 'alexnet' | 'alexnet-two-gpu' | 'alexnet-torchvision' | 'vgg16' | 'vgg19' | 'mini-vgg';

/** An architecture and the facts needed to check it against its paper. */
export interface ClassicArchitecture {
  id: ArchitectureId;
  name: string;
  /** Side of the square input it was designed for. */
  nativeSize: number;
  channels: number;
  layers: readonly ClassicLayer[];
  /** The published (or, for the course's own nets, documented) total parameter count. */
  publishedParameters: number;
  /** Which variant this is, in one or two sentences. */
  variant: string;
}

const conv = (name: string, filters: number, kernel: number, stride = 1, padding = 0, groups = 1): ClassicLayer => ({
  kind: 'conv',
  name,
  filters,
  kernel,
  stride,
  padding,
  ...(groups > 1 ? { groups } : {}),
});
const maxPool = (name: string, size: number, stride = size): ClassicLayer => ({ kind: 'max-pool', name, size, stride });
const dense = (name: string, units: number): ClassicLayer => ({ kind: 'dense', name, units });
const dropout = (name: string, rate = 0.5): ClassicLayer => ({ kind: 'dropout', name, rate });
const flatten: ClassicLayer = { kind: 'flatten', name: 'flatten' };

/**
 * LeNet-5 in the course's form (src/core/nn/architectures/lenet5.ts): 28×28 MNIST with a 5×5 "same" first
 * convolution (padding 2), which gives the same 28×28×6 map as the 1998 paper's valid convolution on 32×32.
 */
export const LENET5: ClassicArchitecture = {
  id: 'lenet5',
  name: 'LeNet-5',
  nativeSize: 28,
  channels: 1,
  publishedParameters: 61_706,
  variant:
    'The common modern form, as the course trains it: 28×28 input with a "same" (padding 2) first 5×5 convolution, max pooling, ReLU, a fully connected C3 and a plain 10-way output. It has exactly the shapes of the 1998 original from C1 on (that one read 32×32 with no padding); the original differed in details (C3 connected to only some S2 maps, trainable subsampling, RBF outputs), about 60,000 parameters.',
  layers: [conv('conv1', 6, 5, 1, 2), maxPool('pool1', 2), conv('conv2', 16, 5), maxPool('pool2', 2), flatten, dense('fc1', 120), dense('fc2', 84), dense('fc3', 10)],
};

/** The five convolutions and three dense layers of AlexNet, with its filters and groups. */
function alexNetLayers(filters: readonly number[], groups: readonly number[], conv1Padding: number, adaptive: boolean): ClassicLayer[] {
  const [f1, f2, f3, f4, f5] = filters;
  const [g2, g4, g5] = groups;
  const lrn = (name: string): ClassicLayer[] => (adaptive ? [] : [{ kind: 'lrn', name }]);
  return [
    conv('conv1', f1, 11, 4, conv1Padding),
    ...lrn('lrn1'),
    maxPool('pool1', 3, 2),
    conv('conv2', f2, 5, 1, 2, g2),
    ...lrn('lrn2'),
    maxPool('pool2', 3, 2),
    conv('conv3', f3, 3, 1, 1),
    conv('conv4', f4, 3, 1, 1, g4),
    conv('conv5', f5, 3, 1, 1, g5),
    maxPool('pool5', 3, 2),
    ...(adaptive ? [{ kind: 'adaptive-avg-pool', name: 'avgpool', output: 6 } as const] : []),
    flatten,
    dense('fc6', 4096),
    dropout('dropout6'),
    dense('fc7', 4096),
    dropout('dropout7'),
    dense('fc8', 1000),
  ];
}

/**
 * AlexNet as one tower (Caffe's "one weird trick"-free single-GPU reading of the 2012 paper): 227×227×3,
 * conv 96@11×11/4, LRN, max-pool 3/2, conv 256@5×5 pad 2, LRN, pool, conv 384, 384, 256 @3×3 pad 1, pool,
 * dense 4096, 4096, 1000, every convolution seeing all its input channels: 62,378,344 parameters.
 */
export const ALEXNET: ClassicArchitecture = {
  id: 'alexnet',
  name: 'AlexNet (one tower)',
  nativeSize: 227,
  channels: 3,
  publishedParameters: 62_378_344,
  variant:
    'The 2012 layer sizes (96, 256, 384, 384, 256 filters) as one tower: every convolution sees all of its input channels. Input 227×227 (the paper says 224, but 11×11 windows with stride 4 give 55×55 only from 227).',
  layers: alexNetLayers([96, 256, 384, 384, 256], [1, 1, 1], 0, false),
};

/** AlexNet as published, split over two GPUs: conv2, conv4 and conv5 see only their own GPU's half of the channels. 60,965,224 parameters. */
export const ALEXNET_TWO_GPU: ClassicArchitecture = {
  id: 'alexnet-two-gpu',
  name: 'AlexNet (two GPUs, 2012 paper)',
  nativeSize: 227,
  channels: 3,
  publishedParameters: 60_965_224,
  variant:
    'As published in 2012, split over two GPUs: conv2, conv4 and conv5 are grouped convolutions (each half sees only its own GPU’s 48, 192 or 192 channels); conv3 and the dense layers cross between the GPUs. This is the paper’s “60 million parameters”.',
  layers: alexNetLayers([96, 256, 384, 384, 256], [2, 2, 2], 0, false),
};

/** torchvision's AlexNet (from the 2014 "one weird trick" paper): 64, 192, 384, 256, 256 filters, no LRN, adaptive average pool to 6×6. 61,100,840 parameters. */
export const ALEXNET_TORCHVISION: ClassicArchitecture = {
  id: 'alexnet-torchvision',
  name: 'AlexNet (torchvision)',
  nativeSize: 224,
  channels: 3,
  publishedParameters: 61_100_840,
  variant:
    'The single-tower variant most libraries ship (torchvision, after Krizhevsky’s 2014 “one weird trick” paper): 64, 192, 384, 256, 256 filters, padding 2 on conv1 for a 224×224 input, no LRN, and an adaptive average pool that resizes the last map to 6×6 whatever the input size. This is the “61.1 million” often quoted for AlexNet.',
  layers: alexNetLayers([64, 192, 384, 256, 256], [1, 1, 1], 2, true),
};

/** VGG blocks: `counts[b]` 3×3 "same" convolutions of `widths[b]` filters, then a 2×2 max pool; then dense 4096, 4096, 1000. */
function vggLayers(counts: readonly number[]): ClassicLayer[] {
  const widths = [64, 128, 256, 512, 512];
  const layers: ClassicLayer[] = [];
  counts.forEach((count, block) => {
    for (let i = 1; i <= count; i++) layers.push(conv(`conv${block + 1}-${i}`, widths[block], 3, 1, 1));
    layers.push(maxPool(`pool${block + 1}`, 2));
  });
  return [...layers, flatten, dense('fc6', 4096), dropout('dropout6'), dense('fc7', 4096), dropout('dropout7'), dense('fc8', 1000)];
}

/** VGG-16 (configuration D of Simonyan & Zisserman, 2014): 13 convolutions and 3 dense layers, 138,357,544 parameters. */
export const VGG16: ClassicArchitecture = {
  id: 'vgg16',
  name: 'VGG-16',
  nativeSize: 224,
  channels: 3,
  publishedParameters: 138_357_544,
  variant: 'Configuration D of the 2014 paper: five blocks of 2, 2, 3, 3, 3 convolutions of 3×3 (padding 1), each block ending in a 2×2 max pool, then 4096, 4096, 1000.',
  layers: vggLayers([2, 2, 3, 3, 3]),
};

/** VGG-19 (configuration E): 16 convolutions and 3 dense layers, 143,667,240 parameters. */
export const VGG19: ClassicArchitecture = {
  id: 'vgg19',
  name: 'VGG-19',
  nativeSize: 224,
  channels: 3,
  publishedParameters: 143_667_240,
  variant: 'Configuration E of the 2014 paper: blocks of 2, 2, 4, 4, 4 convolutions of 3×3 (padding 1), each ending in a 2×2 max pool, then 4096, 4096, 1000.',
  layers: vggLayers([2, 2, 4, 4, 4]),
};

/**
 * A {@link NetworkSpec} of convolutions (odd kernels, stride 1, "same" or "valid"), pools, flatten, dropout and dense
 * layers as a classic layer list ("same" on a K×K kernel becomes padding (K − 1)/2).
 */
export function classicLayersFromSpec(spec: NetworkSpec): ClassicLayer[] {
  return spec.layers.map((layer, index): ClassicLayer => {
    const name = layer.name ?? `${layer.kind}-${index + 1}`;
    switch (layer.kind) {
      case 'conv2d':
        return conv(name, layer.filters, layer.kernelSize, layer.stride ?? 1, layer.padding === 'same' ? (layer.kernelSize - 1) / 2 : 0);
      case 'max-pool':
      case 'avg-pool':
        return { kind: layer.kind, name, size: layer.size, stride: layer.stride ?? layer.size };
      case 'flatten':
        return { kind: 'flatten', name };
      case 'dropout':
        return { kind: 'dropout', name, rate: layer.rate };
      case 'dense':
        return { kind: 'dense', name, units: layer.units };
      default:
        throw new Error(`${name}: ${layer.kind} layers are not part of the classic architectures`);
    }
  });
}

/** The course's mini-VGG (src/core/nn/architectures/mini-vgg.ts) for 28×28 Fashion-MNIST: 122,434 parameters. */
export const MINI_VGG: ClassicArchitecture = {
  id: 'mini-vgg',
  name: 'Mini-VGG (this course)',
  nativeSize: 28,
  channels: 1,
  publishedParameters: 122_434,
  variant:
    'The course’s VGG scaled down for 28×28 Fashion-MNIST: two blocks of two 3×3 convolutions (8, then 16 filters, padding 1) each ending in a 2×2 max pool, then 128, 128, 10 with dropout 0.5 after the first two dense layers.',
  layers: classicLayersFromSpec(miniVgg),
};

/** Every architecture the explorer offers, by id. */
export const CLASSIC_ARCHITECTURES: Readonly<Record<ArchitectureId, ClassicArchitecture>> = {
  lenet5: LENET5,
  alexnet: ALEXNET,
  'alexnet-two-gpu': ALEXNET_TWO_GPU,
  'alexnet-torchvision': ALEXNET_TORCHVISION,
  vgg16: VGG16,
  vgg19: VGG19,
  'mini-vgg': MINI_VGG,
};

/** [height, width, channels] of a feature map, or [units] after flatten and dense layers. */
export type FeatureShape = readonly [number, number, number] | readonly [number];

/** One layer computed on one input size. */
export interface LayerRow {
  layer: ClassicLayer;
  /** Null once an earlier layer (or this one) had no output. */
  inputShape: FeatureShape | null;
  outputShape: FeatureShape | null;
  parameters: number;
  multiplyAdds: number;
  /** This layer's window does not fit its (padded) input: its output would be smaller than 1×1. */
  tooSmall: boolean;
  /** Input rows/columns at the bottom/right edge that no window reaches (⌊…⌋ dropped a remainder). */
  croppedEdge: number;
}

/** Why the network cannot run, or cannot reuse its published weights, at an input size. */
export type ArchitectureProblem =
  | { kind: 'too-small'; layer: string; inputSide: number; window: number; message: string }
  | { kind: 'head-mismatch'; layer: string; expected: number; actual: number; message: string };

/** Every layer and the totals of one architecture on an inputSize × inputSize image. */
export interface ArchitectureAnalysis {
  architecture: ClassicArchitecture;
  inputSize: number;
  rows: LayerRow[];
  /** Totals over the layers that could be computed (all of them unless the input is too small). */
  parameters: number;
  convolutionParameters: number;
  denseParameters: number;
  multiplyAdds: number;
  convolutionMultiplyAdds: number;
  denseMultiplyAdds: number;
  /** Values entering the first dense layer (null when the network breaks before it). */
  flattenSize: number | null;
  /** The first problem that stops the network (too small), then a head mismatch if any. */
  problems: ArchitectureProblem[];
}

/** "7×7×512" or "4,096". */
export function formatShape(shape: FeatureShape): string {
  return shape.length === 3 ? `${shape[0]}×${shape[1]}×${shape[2]}` : shape[0].toLocaleString('en-US');
}

/** Output side of a window of `window` inputs, stride `stride`, zero padding `padding` each side, on `side` inputs (0 when none fits). */
export function windowOutputSide(side: number, window: number, stride: number, padding: number): number {
  return slidingWindowCount(side + 2 * padding, window, stride, 'valid');
}

const product = (shape: FeatureShape): number => shape.reduce((a, b) => a * b, 1);

/**
 * Walks the layers on an inputSize × inputSize × channels image. Conv parameters K·K·(C/g)·F + F depend only on
 * the channels; dense parameters N·M + M depend on N, the flattened size, which grows with the input; every
 * multiply–add count grows with the output area. Throws only for a non-positive or non-integer size.
 */
export function analyzeArchitecture(architecture: ClassicArchitecture, inputSize: number): ArchitectureAnalysis {
  if (!Number.isInteger(inputSize) || inputSize < 1) throw new Error(`input size must be a positive integer, got ${inputSize}`);
  const nativeFlatten = flattenSizeAt(architecture, architecture.nativeSize);
  let shape: FeatureShape | null = [inputSize, inputSize, architecture.channels];
  const rows: LayerRow[] = [];
  const problems: ArchitectureProblem[] = [];
  let flattenSize: number | null = null;
  let firstDense = true;
  for (const layer of architecture.layers) {
    const inputShape: FeatureShape | null = shape;
    let outputShape: FeatureShape | null = null;
    let parameters = 0;
    let multiplyAdds = 0;
    let tooSmall = false;
    let croppedEdge = 0;
    if (inputShape !== null) {
      const side = inputShape[0];
      const channels: number = inputShape.length === 3 ? inputShape[2] : inputShape[0];
      switch (layer.kind) {
        case 'conv':
        case 'max-pool':
        case 'avg-pool': {
          const window = layer.kind === 'conv' ? layer.kernel : layer.size;
          const padding = layer.kind === 'conv' ? layer.padding : 0;
          const outSide = windowOutputSide(side, window, layer.stride, padding);
          if (outSide < 1) {
            tooSmall = true;
            const padded = side + 2 * padding;
            problems.push({
              kind: 'too-small',
              layer: layer.name,
              inputSide: side,
              window,
              message: `At ${inputSize}×${inputSize} the network breaks at ${layer.name}: its ${window}×${window} window does not fit the ${side}×${side} map it receives${padding > 0 ? ` (${padded}×${padded} with padding)` : ''}, so its output would be smaller than 1×1. The input must be larger.`,
            });
            break;
          }
          croppedEdge = side + 2 * padding - ((outSide - 1) * layer.stride + window);
          const outChannels: number = layer.kind === 'conv' ? layer.filters : channels;
          outputShape = [outSide, outSide, outChannels];
          if (layer.kind === 'conv') {
            const groups = layer.groups ?? 1;
            const weights = layer.kernel * layer.kernel * (channels / groups) * layer.filters;
            parameters = weights + layer.filters;
            multiplyAdds = outSide * outSide * weights;
          }
          break;
        }
        case 'adaptive-avg-pool':
          outputShape = [layer.output, layer.output, channels];
          break;
        case 'lrn':
        case 'dropout':
          outputShape = inputShape;
          break;
        case 'flatten':
          outputShape = [product(inputShape)];
          break;
        case 'dense': {
          const inputs = product(inputShape);
          if (firstDense) {
            firstDense = false;
            flattenSize = inputs;
            if (nativeFlatten !== null && inputs !== nativeFlatten) {
              problems.push({
                kind: 'head-mismatch',
                layer: layer.name,
                expected: nativeFlatten,
                actual: inputs,
                message: `The original ${layer.name} no longer fits: at ${architecture.nativeSize}×${architecture.nativeSize} it reads ${nativeFlatten.toLocaleString('en-US')} values, here flatten gives ${inputs.toLocaleString('en-US')}. Its trained weights cannot be loaded; the table counts a new ${layer.name} with ${inputs.toLocaleString('en-US')} inputs, which would have to be trained from scratch.`,
              });
            }
          }
          parameters = inputs * layer.units + layer.units;
          multiplyAdds = inputs * layer.units;
          outputShape = [layer.units];
          break;
        }
      }
    }
    rows.push({ layer, inputShape, outputShape, parameters, multiplyAdds, tooSmall, croppedEdge });
    shape = outputShape;
  }
  const sum = (kind: 'conv' | 'dense' | null, key: 'parameters' | 'multiplyAdds') =>
    rows.filter((row) => kind === null || row.layer.kind === kind).reduce((total, row) => total + row[key], 0);
  return {
    architecture,
    inputSize,
    rows,
    parameters: sum(null, 'parameters'),
    convolutionParameters: sum('conv', 'parameters'),
    denseParameters: sum('dense', 'parameters'),
    multiplyAdds: sum(null, 'multiplyAdds'),
    convolutionMultiplyAdds: sum('conv', 'multiplyAdds'),
    denseMultiplyAdds: sum('dense', 'multiplyAdds'),
    flattenSize,
    problems: shape === null || rows.some((row) => row.tooSmall) ? problems.filter((problem) => problem.kind === 'too-small') : problems,
  };
}

/** Values entering the first dense layer at `inputSize` (null when the input is too small to reach it). */
function flattenSizeAt(architecture: ClassicArchitecture, inputSize: number): number | null {
  let shape: FeatureShape | null = [inputSize, inputSize, architecture.channels];
  for (const layer of architecture.layers) {
    if (shape === null) return null;
    if (layer.kind === 'dense') return product(shape);
    if (layer.kind === 'conv' || layer.kind === 'max-pool' || layer.kind === 'avg-pool') {
      const window = layer.kind === 'conv' ? layer.kernel : layer.size;
      const side = windowOutputSide(shape[0], window, layer.stride, layer.kind === 'conv' ? layer.padding : 0);
      const channels: number = shape.length === 3 ? shape[2] : shape[0];
      shape = side < 1 ? null : [side, side, layer.kind === 'conv' ? layer.filters : channels];
    } else if (layer.kind === 'adaptive-avg-pool') {
      shape = [layer.output, layer.output, shape.length === 3 ? shape[2] : shape[0]];
    } else if (layer.kind === 'flatten') {
      shape = [product(shape)];
    }
  }
  return null;
}

/** The smallest square input on which every layer has an output (searching 1…limit; null if none). */
export function smallestWorkingInput(architecture: ClassicArchitecture, limit = 4096): number | null {
  for (let size = 1; size <= limit; size++) {
    if (flattenSizeAt(architecture, size) !== null) return size;
  }
  return null;
}

/** Input sizes in 1…limit at which the published head fits (the flattened size equals the native one). */
export function sizesKeepingTheHead(architecture: ClassicArchitecture, limit = 1024): number[] {
  const native = flattenSizeAt(architecture, architecture.nativeSize);
  const sizes: number[] = [];
  for (let size = 1; size <= limit; size++) if (flattenSizeAt(architecture, size) === native) sizes.push(size);
  return sizes;
}
