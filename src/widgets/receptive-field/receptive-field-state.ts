import { receptiveFieldTable, receptivePaths, reachedBounds, type PathGrid, type ReceptiveLayer, type ReceptiveLayerRow } from '../../core/math/receptive-field';
import type { NumberInputRule } from '../../core/validation/parse-number-input';

/** Most layers in a stack (three VGG blocks of conv, conv, pool need nine). */
export const MAX_LAYERS = 9;

export const LAYER_RULES = {
  kernel: { label: 'Kernel', min: 1, max: 11, integer: true },
  stride: { label: 'Stride', min: 1, max: 4, integer: true },
  dilation: { label: 'Dilation', min: 1, max: 8, integer: true },
} satisfies Record<string, NumberInputRule>;

export const INPUT_RULE: NumberInputRule = { label: 'Input size', min: 1, max: 64, integer: true };

/** What a share link keeps: the input side, the stack (see {@link serializeLayers}) and the chosen output unit (1-based). */
export interface ReceptiveFieldSettings {
  inputSize: number;
  layers: string;
  row: number;
  column: number;
}

export interface Preset {
  id: string;
  label: string;
  inputSize: number;
  layers: ReceptiveLayer[];
}

const conv = (kernel: number, stride = 1, dilation = 1, padding: 'same' | 'valid' = 'valid'): ReceptiveLayer => ({ kind: 'conv', kernel, stride, dilation, padding });
const pool = (kernel: number, stride = kernel): ReceptiveLayer => ({ kind: 'pool', kernel, stride });
const vggBlock = [conv(3, 1, 1, 'same'), conv(3, 1, 1, 'same'), pool(2)];

export const PRESETS: Preset[] = [
  { id: 'lenet', label: 'LeNet-5', inputSize: 32, layers: [conv(5), pool(2), conv(5), pool(2)] },
  { id: 'two-3x3', label: 'Two 3×3', inputSize: 12, layers: [conv(3), conv(3)] },
  { id: 'three-3x3', label: 'Three 3×3 (VGG)', inputSize: 14, layers: [conv(3, 1, 1, 'same'), conv(3, 1, 1, 'same'), conv(3, 1, 1, 'same')] },
  { id: 'vgg-blocks', label: 'VGG block ×3', inputSize: 40, layers: [...vggBlock, ...vggBlock, ...vggBlock] },
  { id: 'dilated', label: 'Dilated 1, 2, 4', inputSize: 24, layers: [conv(3, 1, 1, 'same'), conv(3, 1, 2, 'same'), conv(3, 1, 4, 'same')] },
];

/** The stack as link text: `c5s1d1v` (conv 5×5, stride 1, dilation 1, valid; `s` for same) and `p2s2`, joined by "-". */
export function serializeLayers(layers: readonly ReceptiveLayer[]): string {
  return layers
    .map((layer) => (layer.kind === 'conv' ? `c${layer.kernel}s${layer.stride}d${layer.dilation}${layer.padding === 'same' ? 's' : 'v'}` : `p${layer.kernel}s${layer.stride}`))
    .join('-');
}

const within = (value: number, rule: NumberInputRule) => Number.isInteger(value) && value >= rule.min && value <= rule.max;

/** Reads {@link serializeLayers}' text back: the layers, or a learner-readable problem. */
export function parseLayers(text: string): { layers: ReceptiveLayer[] } | { problem: string } {
  if (text === '') return { layers: [] };
  const parts = text.split('-');
  if (parts.length > MAX_LAYERS) return { problem: `at most ${MAX_LAYERS} layers` };
  const layers: ReceptiveLayer[] = [];
  for (const part of parts) {
    const convMatch = /^c(\d{1,2})s(\d)d(\d)([sv])$/.exec(part);
    const poolMatch = /^p(\d{1,2})s(\d)$/.exec(part);
    if (convMatch) {
      const [kernel, stride, dilation] = [convMatch[1], convMatch[2], convMatch[3]].map(Number);
      if (!within(kernel, LAYER_RULES.kernel) || !within(stride, LAYER_RULES.stride) || !within(dilation, LAYER_RULES.dilation))
        return { problem: `layer "${part}" is out of range` };
      layers.push({ kind: 'conv', kernel, stride, dilation, padding: convMatch[4] === 's' ? 'same' : 'valid' });
    } else if (poolMatch) {
      const [kernel, stride] = [poolMatch[1], poolMatch[2]].map(Number);
      if (!within(kernel, LAYER_RULES.kernel) || !within(stride, LAYER_RULES.stride)) return { problem: `layer "${part}" is out of range` };
      layers.push({ kind: 'pool', kernel, stride });
    } else {
      return { problem: `layer "${part}" is not a layer` };
    }
  }
  return { layers };
}

export const DEFAULT_SETTINGS: ReceptiveFieldSettings = { inputSize: PRESETS[0].inputSize, layers: serializeLayers(PRESETS[0].layers), row: 3, column: 3 };

/** Edits of the stack. */
export type StackAction =
  | { type: 'add'; kind: 'conv' | 'pool' }
  | { type: 'remove'; index: number }
  | { type: 'move'; index: number; by: -1 | 1 }
  | { type: 'update'; index: number; layer: ReceptiveLayer }
  | { type: 'preset'; id: string }
  | { type: 'input'; size: number };

/** The settings after one edit; the chosen unit is re-centred when the stack changes shape. */
export function applyStackAction(settings: ReceptiveFieldSettings, action: StackAction): ReceptiveFieldSettings {
  const parsed = parseLayers(settings.layers);
  const layers = 'layers' in parsed ? [...parsed.layers] : [];
  let inputSize = settings.inputSize;
  switch (action.type) {
    case 'add':
      if (layers.length >= MAX_LAYERS) return settings;
      layers.push(action.kind === 'conv' ? conv(3, 1, 1, 'same') : pool(2));
      break;
    case 'remove':
      layers.splice(action.index, 1);
      break;
    case 'move': {
      const target = action.index + action.by;
      if (target < 0 || target >= layers.length) return settings;
      [layers[action.index], layers[target]] = [layers[target], layers[action.index]];
      break;
    }
    case 'update':
      layers[action.index] = action.layer;
      break;
    case 'input':
      inputSize = action.size;
      break;
    case 'preset': {
      const preset = PRESETS.find((candidate) => candidate.id === action.id);
      if (!preset) return settings;
      layers.splice(0, layers.length, ...preset.layers);
      inputSize = preset.inputSize;
      break;
    }
  }
  const next = { ...settings, inputSize, layers: serializeLayers(layers) };
  const size = outputSideOf(next);
  const centre = Math.max(1, Math.ceil(size / 2));
  return { ...next, row: centre, column: centre };
}

/** Side of the last layer's output (the input's when there are no layers). */
export function outputSideOf(settings: ReceptiveFieldSettings): number {
  const parsed = parseLayers(settings.layers);
  if ('problem' in parsed) return settings.inputSize;
  const rows = receptiveFieldTable(settings.inputSize, parsed.layers);
  return rows.length === 0 ? settings.inputSize : rows[rows.length - 1].outputSize;
}

/** What the widget draws. */
export interface ReceptiveFieldView {
  layers: ReceptiveLayer[];
  table: ReceptiveLayerRow[];
  /** Element 0: input pixels; element l: units of layer l (only when every layer has an output). */
  grids: PathGrid[];
  /** The chosen output unit (0-based), clamped to the output grid. */
  row: number;
  column: number;
  outputSide: number;
  /** The reached input pixels' bounding box side (rows × columns), e.g. clipped at the border. */
  seenHeight: number;
  seenWidth: number;
  /** A stack that leaves no output, or a mangled stack. */
  problem: string | null;
}

/** Layer name for tables and messages: "conv 5×5", "pool 2×2". */
export function describeLayer(layer: ReceptiveLayer): string {
  return layer.kind === 'conv' ? `conv ${layer.kernel}×${layer.kernel}` : `pool ${layer.kernel}×${layer.kernel}`;
}

/** Table, path grids and the chosen unit for the settings. */
export function computeReceptiveFieldView(settings: ReceptiveFieldSettings): ReceptiveFieldView {
  const parsed = parseLayers(settings.layers);
  const layers = 'layers' in parsed ? parsed.layers : [];
  const table = receptiveFieldTable(settings.inputSize, layers);
  const empty = table.findIndex((row) => row.outputSize === 0);
  const base = { layers, table, grids: [] as PathGrid[], row: 0, column: 0, outputSide: 0, seenHeight: 0, seenWidth: 0 };
  if ('problem' in parsed) return { ...base, problem: `The stack in the link could not be read: ${parsed.problem}.` };
  if (empty >= 0) {
    const size = empty === 0 ? settings.inputSize : table[empty - 1].outputSize;
    const row = table[empty];
    return {
      ...base,
      problem: `Layer ${empty + 1} (${describeLayer(row.layer)}, spanning ${row.span} units) gets a ${size}×${size} input and leaves no output. Remove a layer, shrink a window, use "same" padding or enlarge the input.`,
    };
  }
  const outputSide = table.length === 0 ? settings.inputSize : table[table.length - 1].outputSize;
  const row = Math.min(Math.max(1, settings.row), outputSide) - 1;
  const column = Math.min(Math.max(1, settings.column), outputSide) - 1;
  const grids = receptivePaths(settings.inputSize, layers, row, column);
  const bounds = reachedBounds(grids[0]);
  return {
    ...base,
    grids,
    row,
    column,
    outputSide,
    seenHeight: bounds ? bounds.bottom - bounds.top + 1 : 0,
    seenWidth: bounds ? bounds.right - bounds.left + 1 : 0,
    problem: null,
  };
}

/** The chosen unit after an arrow key, kept on the output grid (1-based). */
export function moveUnit(settings: ReceptiveFieldSettings, key: string, outputSide: number): ReceptiveFieldSettings | null {
  const step = ({ ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] } as Record<string, [number, number]>)[key];
  if (!step) return null;
  const clamp = (value: number) => Math.min(Math.max(1, value), outputSide);
  return { ...settings, row: clamp(clamp(settings.row) + step[0]), column: clamp(clamp(settings.column) + step[1]) };
}
