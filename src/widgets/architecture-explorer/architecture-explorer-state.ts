import {
  ALEXNET,
  ALEXNET_TORCHVISION,
  ALEXNET_TWO_GPU,
  LENET5,
  MINI_VGG,
  VGG16,
  VGG19,
  analyzeArchitecture,
  formatShape,
  smallestWorkingInput,
  type ArchitectureAnalysis,
  type ClassicArchitecture,
  type ClassicLayer,
  type LayerRow,
} from '../../core/math/classic-architectures';
import { describeMagnitude, formatCount } from '../../core/math/layer-counts';
import type { NumberInputRule } from '../../core/validation/parse-number-input';

/*
 * The course's mini-VGG, for a later trainer, lives in core so that any widget may import it:
 * `miniVgg` (a NetworkSpec) in src/core/nn/architectures/mini-vgg.ts; its layer list here is MINI_VGG.
 */

export const ARCHITECTURE_CHOICES = ['lenet5', 'alexnet', 'vgg16', 'vgg19', 'mini-vgg'] as const;
export type ArchitectureChoice = (typeof ARCHITECTURE_CHOICES)[number];

export const ALEXNET_VARIANTS = ['one-tower', 'two-gpu', 'torchvision'] as const;
export type AlexNetVariant = (typeof ALEXNET_VARIANTS)[number];

/** What the learner sets (all of it goes into the share link). */
export interface ArchitectureExplorerSettings {
  architecture: ArchitectureChoice;
  alexnet: AlexNetVariant;
  /** Side of the square input image, in pixels. */
  size: number;
}

export const DEFAULT_SETTINGS: ArchitectureExplorerSettings = { architecture: 'lenet5', alexnet: 'one-tower', size: 28 };

/** The input side: 1 to 1024 pixels, whole numbers. */
export const SIZE_RULE: NumberInputRule = { label: 'Input size', min: 1, max: 1024, integer: true };

export const ARCHITECTURE_LABELS: Record<ArchitectureChoice, string> = {
  lenet5: 'LeNet-5',
  alexnet: 'AlexNet',
  vgg16: 'VGG-16',
  vgg19: 'VGG-19',
  'mini-vgg': 'Mini-VGG',
};

export const ALEXNET_VARIANT_LABELS: Record<AlexNetVariant, string> = {
  'one-tower': 'One tower (96 filters)',
  'two-gpu': 'Two GPUs (2012 paper)',
  torchvision: 'torchvision (64 filters)',
};

/** The architecture the settings pick. */
export function chosenArchitecture(settings: Pick<ArchitectureExplorerSettings, 'architecture' | 'alexnet'>): ClassicArchitecture {
  switch (settings.architecture) {
    case 'lenet5':
      return LENET5;
    case 'vgg16':
      return VGG16;
    case 'vgg19':
      return VGG19;
    case 'mini-vgg':
      return MINI_VGG;
    case 'alexnet':
      return settings.alexnet === 'two-gpu' ? ALEXNET_TWO_GPU : settings.alexnet === 'torchvision' ? ALEXNET_TORCHVISION : ALEXNET;
  }
}

/** How a layer is named in the table's Type column. */
export function layerTypeLabel(layer: ClassicLayer): string {
  switch (layer.kind) {
    case 'conv':
      return (layer.groups ?? 1) > 1 ? `Convolution, ${layer.groups} groups` : 'Convolution';
    case 'max-pool':
      return 'Max pool';
    case 'avg-pool':
      return 'Average pool';
    case 'adaptive-avg-pool':
      return 'Adaptive avg. pool';
    case 'lrn':
      return 'LRN';
    case 'dropout':
      return `Dropout ${layer.rate}`;
    case 'flatten':
      return 'Flatten';
    case 'dense':
      return 'Fully connected';
  }
}

/** Window, stride and padding ("11×11 / 4 / 0"), or "→ 6×6" for an adaptive pool, "—" for layers without a window. */
export function layerWindowLabel(layer: ClassicLayer): string {
  switch (layer.kind) {
    case 'conv':
      return `${layer.kernel}×${layer.kernel} / ${layer.stride} / ${layer.padding}`;
    case 'max-pool':
    case 'avg-pool':
      return `${layer.size}×${layer.size} / ${layer.stride} / 0`;
    case 'adaptive-avg-pool':
      return `→ ${layer.output}×${layer.output}`;
    default:
      return '—';
  }
}

/** One box of the diagram: the input, a convolution, a pool or a dense layer. */
export interface DiagramBox {
  key: string;
  label: string;
  kind: 'input' | 'conv' | 'pool' | 'dense';
  /** Height as a fraction (0…1] of the tallest: log₂ of the map side for images, log₂ of the units for dense layers. */
  height: number;
  /** Width as a fraction (0…1] of the widest: log₂ of the channels (1 for dense layers' thin bars). */
  width: number;
  shape: string;
  /** The layer cannot be computed (input too small). */
  broken: boolean;
}

/** Before/after figures that show what scales with the input size. */
export interface ScalingFigure {
  key: 'conv-parameters' | 'dense-parameters' | 'multiply-adds';
  label: string;
  native: number;
  here: number | null;
  /** here / native (null when the network breaks). */
  ratio: number | null;
}

export interface ArchitectureExplorerView {
  architecture: ClassicArchitecture;
  analysis: ArchitectureAnalysis;
  native: ArchitectureAnalysis;
  /** True when the network cannot run at this size. */
  broken: boolean;
  /** Smallest input on which every layer has an output. */
  smallestInput: number | null;
  scaling: ScalingFigure[];
  boxes: DiagramBox[];
  /** Notes on layers whose windows stop short of the edge (not errors). */
  cropNotes: string[];
  /** The diagram in words, for assistive technology. */
  diagramDescription: string;
}

const isDrawn = (layer: ClassicLayer) =>
  layer.kind === 'conv' || layer.kind === 'max-pool' || layer.kind === 'avg-pool' || layer.kind === 'adaptive-avg-pool' || layer.kind === 'dense';

/** The diagram's boxes: map side and channels on log₂ scales, dense layers as thin bars whose height is log₂ of their units. */
export function diagramBoxes(analysis: ArchitectureAnalysis): DiagramBox[] {
  const { architecture, inputSize } = analysis;
  const drawn: { key: string; label: string; kind: DiagramBox['kind']; side: number | null; channels: number | null; units: number | null; shape: string }[] = [
    { key: 'input', label: 'input', kind: 'input', side: inputSize, channels: architecture.channels, units: null, shape: `${inputSize}×${inputSize}×${architecture.channels}` },
  ];
  for (const row of analysis.rows) {
    if (!isDrawn(row.layer)) continue;
    const out = row.outputShape;
    const kind: DiagramBox['kind'] = row.layer.kind === 'conv' ? 'conv' : row.layer.kind === 'dense' ? 'dense' : 'pool';
    drawn.push({
      key: row.layer.name,
      label: row.layer.name,
      kind,
      side: out && out.length === 3 ? out[0] : null,
      channels: out && out.length === 3 ? out[2] : null,
      units: out && out.length === 1 ? out[0] : null,
      shape: out ? formatShape(out) : 'no output',
    });
  }
  const log = (value: number) => Math.log2(value + 1);
  const maxSide = Math.max(...drawn.map((box) => (box.side === null ? 1 : log(box.side))));
  const maxUnits = Math.max(...drawn.map((box) => (box.units === null ? 1 : log(box.units))));
  const maxChannels = Math.max(...drawn.map((box) => (box.channels === null ? 1 : log(box.channels))));
  const tallest = Math.max(maxSide, maxUnits);
  return drawn.map((box) => {
    const broken = box.side === null && box.units === null;
    const height = broken ? 0.04 : box.units !== null ? log(box.units) / tallest : log(box.side ?? 1) / tallest;
    const width = box.units !== null || broken ? 0.2 : log(box.channels ?? 1) / maxChannels;
    return { key: box.key, label: box.label, kind: box.kind, height: Math.max(0.04, height), width: Math.max(0.12, width), shape: box.shape, broken };
  });
}

/** Everything the widget shows for its settings. */
export function computeExplorerView(settings: ArchitectureExplorerSettings): ArchitectureExplorerView {
  const architecture = chosenArchitecture(settings);
  const analysis = analyzeArchitecture(architecture, settings.size);
  const native = analysis.inputSize === architecture.nativeSize ? analysis : analyzeArchitecture(architecture, architecture.nativeSize);
  const broken = analysis.rows.some((row) => row.tooSmall);
  const figure = (key: ScalingFigure['key'], label: string, nativeValue: number, hereValue: number): ScalingFigure => ({
    key,
    label,
    native: nativeValue,
    here: broken ? null : hereValue,
    ratio: broken ? null : hereValue / nativeValue,
  });
  const scaling = [
    figure('conv-parameters', 'Convolution parameters', native.convolutionParameters, analysis.convolutionParameters),
    figure('dense-parameters', 'Fully connected parameters', native.denseParameters, analysis.denseParameters),
    figure('multiply-adds', 'Multiply–adds per image', native.multiplyAdds, analysis.multiplyAdds),
  ];
  const cropNotes = broken ? [] : analysis.rows.filter((row) => row.croppedEdge > 0).map((row) => cropNote(row));
  return {
    architecture,
    analysis,
    native,
    broken,
    smallestInput: smallestWorkingInput(architecture),
    scaling,
    boxes: diagramBoxes(analysis),
    cropNotes,
    diagramDescription: describeDiagram(analysis),
  };
}

function cropNote(row: LayerRow): string {
  const side = row.inputShape?.[0] ?? 0;
  const edge = row.croppedEdge;
  return `${row.layer.name}: its windows stop ${edge} pixel${edge === 1 ? '' : 's'} short of the bottom and right edge of its ${side}×${side}${row.layer.kind === 'conv' && row.layer.padding > 0 ? ' (padded)' : ''} input, which are never seen.`;
}

/** The diagram as a sentence: how the maps shrink and deepen, then the dense layers, or where it breaks. */
export function describeDiagram(analysis: ArchitectureAnalysis): string {
  const { architecture, inputSize } = analysis;
  const convs = analysis.rows.filter((row) => row.layer.kind === 'conv').length;
  const pools = analysis.rows.filter((row) => ['max-pool', 'avg-pool', 'adaptive-avg-pool'].includes(row.layer.kind)).length;
  const start = `${architecture.name} on a ${inputSize}×${inputSize}×${architecture.channels} input, ${convs} convolutions and ${pools} pooling layers`;
  const broken = analysis.rows.find((row) => row.tooSmall);
  if (broken) return `${start}: the maps shrink until ${broken.layer.name}, whose window no longer fits, so nothing after it can be computed.`;
  const lastMap = [...analysis.rows].reverse().find((row) => row.outputShape?.length === 3);
  const denses = analysis.rows.filter((row) => row.layer.kind === 'dense').map((row) => formatCount(row.layer.kind === 'dense' ? row.layer.units : 0));
  return `${start}: the feature maps go from ${inputSize}×${inputSize}×${architecture.channels} to ${lastMap?.outputShape ? formatShape(lastMap.outputShape) : '?'}, are flattened to ${formatCount(analysis.flattenSize ?? 0)} values, then fully connected layers of ${denses.join(', ')} units.`;
}

/** "×2.30", "×1", "×0.0012": a ratio for reading. */
export function formatRatio(ratio: number): string {
  if (ratio === 1) return '×1 (unchanged)';
  if (ratio >= 100) return `×${formatCount(Math.round(ratio))}`;
  return `×${Number(ratio.toPrecision(3))}`;
}

/** An exact count with its magnitude in words when it is a million or more: "138,357,544 (138.3 million)". */
export function countWithWords(value: number): string {
  const exact = formatCount(value);
  return value >= 1_000_000 ? `${exact} (${describeMagnitude(BigInt(value))})` : exact;
}
