import { choiceSetting, numberSetting, type SettingParser, type SettingsSchema } from '../../core/url/shared-settings';
import { OPTIMIZER_KINDS, type OptimizerKind } from '../../core/training/optimizers/optimizer-config';
import { DATASET_IDS, MAX_CLASSES, PLANE_RADIUS, type DataPoint, type DatasetId, type ProblemType } from './mlp-datasets';
import { FEATURE_IDS, orderFeatures, type FeatureId } from './mlp-features';

/*
 * Everything the playground puts in its share link: the settings, their limits, how lists (features, hidden layers)
 * and drawn points are written as text, and how a link is read back (clamped, or refused with a reason).
 */

export type HiddenActivation = 'relu' | 'tanh' | 'sigmoid' | 'linear';
export type Regularization = 'none' | 'l1' | 'l2';
export type Toggle = 'on' | 'off';

export interface MlpSettings {
  problem: ProblemType;
  dataset: DatasetId;
  /** Classes of a classification data set that allows more than two (2 … MAX_CLASSES). */
  classes: number;
  /** Noise in percent (0 … 50). */
  noise: number;
  /** Share of the points used for training, in percent (10 … 90); the rest are test points. */
  trainPercent: number;
  /** Points a built-in data set has. */
  count: number;
  /** The chosen input features, written as ids joined by "-" (e.g. "x1-x2"). */
  features: string;
  /** Units per hidden layer joined by "-" (e.g. "4-2"); "none" for no hidden layer. */
  layers: string;
  activation: HiddenActivation;
  learningRate: number;
  batchSize: number;
  regularization: Regularization;
  regularizationRate: number;
  optimizer: OptimizerKind;
  seed: number;
  showTest: Toggle;
  discretize: Toggle;
}

export const MAX_HIDDEN_LAYERS = 6;
export const MAX_UNITS = 8;

export const LIMITS = {
  classes: { label: 'Classes', min: 2, max: MAX_CLASSES, integer: true },
  noise: { label: 'Noise', min: 0, max: 50, integer: true },
  trainPercent: { label: 'Training share', min: 10, max: 90, integer: true },
  count: { label: 'Points', min: 20, max: 1000, integer: true },
  learningRate: { label: 'Learning rate', min: 0.00001, max: 10 },
  batchSize: { label: 'Batch size', min: 1, max: 500, integer: true },
  regularizationRate: { label: 'Regularization rate', min: 0, max: 10 },
  seed: { label: 'Seed', min: 0, max: 999_999, integer: true },
} as const;

export const ACTIVATIONS: ReadonlyArray<{ value: HiddenActivation; label: string }> = [
  { value: 'relu', label: 'ReLU' },
  { value: 'tanh', label: 'Tanh' },
  { value: 'sigmoid', label: 'Sigmoid' },
  { value: 'linear', label: 'Linear' },
];

export const REGULARIZATIONS: ReadonlyArray<{ value: Regularization; label: string }> = [
  { value: 'none', label: 'None' },
  { value: 'l1', label: 'L1' },
  { value: 'l2', label: 'L2' },
];

/** TF Playground's starting point: circle, x₁ and x₂, hidden layers of 4 and 2 tanh units, η 0.03, batch 10. */
export const DEFAULT_SETTINGS: MlpSettings = {
  problem: 'classification',
  dataset: 'circle',
  classes: 2,
  noise: 0,
  trainPercent: 50,
  count: 500,
  features: 'x1-x2',
  layers: '4-2',
  activation: 'tanh',
  learningRate: 0.03,
  batchSize: 10,
  regularization: 'none',
  regularizationRate: 0,
  optimizer: 'sgd',
  seed: 1,
  showTest: 'off',
  discretize: 'off',
};

/** Hidden layer sizes from their text ("4-2" → [4, 2]; "none" → []); null when unreadable. Sizes are clamped to 1 … MAX_UNITS. */
export function parseLayers(text: string): number[] | null {
  const trimmed = text.trim();
  if (trimmed === 'none' || trimmed === '') return [];
  const parts = trimmed.split('-');
  if (parts.length > MAX_HIDDEN_LAYERS || parts.some((part) => !/^\d{1,3}$/.test(part))) return null;
  return parts.map((part) => Math.max(1, Math.min(MAX_UNITS, Number(part))));
}

/** The text of hidden layer sizes ([4, 2] → "4-2", [] → "none"). */
export function formatLayers(sizes: readonly number[]): string {
  return sizes.length === 0 ? 'none' : sizes.join('-');
}

/** Feature ids from their text ("x1-x2"), in diagram order; null when a name is unknown or none is chosen. */
export function parseFeatures(text: string): FeatureId[] | null {
  const parts = text.trim().split('-');
  if (parts.some((part) => !(FEATURE_IDS as readonly string[]).includes(part))) return null;
  const ordered = orderFeatures(parts as FeatureId[]);
  return ordered.length > 0 ? ordered : null;
}

/** The text of a feature set, in diagram order. */
export function formatFeatures(ids: readonly FeatureId[]): string {
  return orderFeatures(ids).join('-');
}

/** A list setting: `normalize` gives the list's canonical text, or null when the link's text is unreadable. */
function listSetting(label: string, normalize: (text: string) => string | null, expected: string): SettingParser<string> {
  return (raw) => {
    const value = normalize(raw);
    return value === null ? { problem: `${label} "${raw}" in the link is not ${expected}` } : { value };
  };
}

const normalizeLayers = (text: string) => {
  const sizes = parseLayers(text);
  return sizes === null ? null : formatLayers(sizes);
};
const normalizeFeatures = (text: string) => {
  const ids = parseFeatures(text);
  return ids === null ? null : formatFeatures(ids);
};

const toggle = (label: string) => choiceSetting<Toggle>(label, ['on', 'off']);

/** How each setting is read from a link: numbers clamped into their limits, names checked, lists parsed. */
export const SETTINGS_SCHEMA: SettingsSchema<MlpSettings> = {
  problem: choiceSetting<ProblemType>('Problem type', ['classification', 'regression']),
  dataset: choiceSetting<DatasetId>('Data set', DATASET_IDS),
  classes: numberSetting(LIMITS.classes),
  noise: numberSetting(LIMITS.noise),
  trainPercent: numberSetting(LIMITS.trainPercent),
  count: numberSetting(LIMITS.count),
  features: listSetting('Features', normalizeFeatures, `a list of features (${FEATURE_IDS.join(', ')}) joined by "-"`),
  layers: listSetting('Hidden layers', normalizeLayers, `up to ${MAX_HIDDEN_LAYERS} layer sizes joined by "-" (or "none")`),
  activation: choiceSetting<HiddenActivation>(
    'Activation',
    ACTIVATIONS.map((a) => a.value),
  ),
  learningRate: numberSetting(LIMITS.learningRate),
  batchSize: numberSetting(LIMITS.batchSize),
  regularization: choiceSetting<Regularization>(
    'Regularization',
    REGULARIZATIONS.map((r) => r.value),
  ),
  regularizationRate: numberSetting(LIMITS.regularizationRate),
  optimizer: choiceSetting<OptimizerKind>('Optimizer', OPTIMIZER_KINDS),
  seed: numberSetting(LIMITS.seed),
  showTest: toggle('Show test data'),
  discretize: toggle('Discretize output'),
};

/** The problem the settings pose: a built-in data set decides it; a drawing follows the problem setting. */
export function effectiveProblem(settings: Pick<MlpSettings, 'dataset' | 'problem'>): ProblemType {
  if (settings.dataset === 'plane' || settings.dataset === 'multi-gauss') return 'regression';
  if (settings.dataset === 'custom') return settings.problem;
  return 'classification';
}

/* Drawn points in the link: each point is 3 URL-safe characters (x and y on a 0.2 grid over the plane, and its class). */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const GRID_STEP = 0.2;
const GRID_CELLS = Math.round((2 * PLANE_RADIUS) / GRID_STEP) + 1; // 61 positions per axis

/** Most drawn points a link carries (3 characters each): beyond this the link keeps only the other settings. */
export const MAX_LINKED_POINTS = 200;

/** The URL key (inside the widget's namespace) of the drawn points. */
export const DRAWN_POINTS_KEY = 'drawn';

/** A coordinate snapped to the link's 0.2 grid and kept on the plane. */
export function snapToLinkGrid(value: number): number {
  const index = Math.max(0, Math.min(GRID_CELLS - 1, Math.round((value + PLANE_RADIUS) / GRID_STEP)));
  return Math.round((index * GRID_STEP - PLANE_RADIUS) * 10) / 10;
}

/**
 * Drawn points as link text. A point's class is its label for classification (0 … 3); for regression, value +1 is
 * stored as class 1 and any other value as class 0 (drawn regression points are ±1).
 */
export function encodeDrawnPoints(points: readonly DataPoint[], problem: ProblemType): string {
  return points
    .map((point) => {
      const xi = Math.round((snapToLinkGrid(point.x) + PLANE_RADIUS) / GRID_STEP);
      const yi = Math.round((snapToLinkGrid(point.y) + PLANE_RADIUS) / GRID_STEP);
      const cls = problem === 'regression' ? (point.label > 0 ? 1 : 0) : Math.max(0, Math.min(MAX_CLASSES - 1, Math.round(point.label)));
      const code = (xi * GRID_CELLS + yi) * MAX_CLASSES + cls;
      return ALPHABET[code >> 12] + ALPHABET[(code >> 6) & 63] + ALPHABET[code & 63];
    })
    .join('');
}

/** Drawn points from link text (see encodeDrawnPoints), or a problem in words when the text is mangled. */
export function decodeDrawnPoints(text: string, problem: ProblemType): { points: DataPoint[] } | { problem: string } {
  const bad = { problem: 'The drawn points in the link are damaged' };
  if (text.length % 3 !== 0 || text.length > MAX_LINKED_POINTS * 3) return bad;
  const points: DataPoint[] = [];
  for (let i = 0; i < text.length; i += 3) {
    const digits = [...text.slice(i, i + 3)].map((c) => ALPHABET.indexOf(c));
    if (digits.some((d) => d < 0)) return bad;
    const code = (digits[0] << 12) | (digits[1] << 6) | digits[2];
    const cls = code % MAX_CLASSES;
    const cell = Math.floor(code / MAX_CLASSES);
    const xi = Math.floor(cell / GRID_CELLS);
    const yi = cell % GRID_CELLS;
    if (xi >= GRID_CELLS) return bad;
    const toCoordinate = (index: number) => Math.round((index * GRID_STEP - PLANE_RADIUS) * 10) / 10;
    points.push({ x: toCoordinate(xi), y: toCoordinate(yi), label: problem === 'regression' ? (cls === 1 ? 1 : -1) : cls });
  }
  return { points };
}
