import { multiLabelSoftMargin, sigmoid, softmax, softmaxCrossEntropy } from '../../core/math/information';

/** The classes of the example image (a street scene with a cat, a person and a bicycle in it). */
export const CLASS_NAMES = ['cat', 'dog', 'person', 'car', 'bicycle'] as const;
/** Scores (logits) are kept within ±SCORE_LIMIT and on a 0.1 grid. */
export const SCORE_LIMIT = 6;
export const SCORE_STEP = 0.1;
export const LEARNING_RATE_MIN = 0.01;
export const LEARNING_RATE_MAX = 20;

/**
 * What softmax cross entropy is trained against when an image holds several classes:
 * - 'spread': the multi-hot target normalized, tₖ = yₖ / Σy (each present class gets 1/m);
 * - 'first': a one-hot target on the first present class only (the others are treated as absent).
 */
export type SoftmaxTarget = 'spread' | 'first';
export const SOFTMAX_TARGETS: readonly SoftmaxTarget[] = ['spread', 'first'];

export interface MultiLabelState {
  /** One score zₖ per class. */
  scores: number[];
  /** yₖ ∈ {0, 1}: whether class k is in the image. */
  present: number[];
  softmaxTarget: SoftmaxTarget;
  learningRate: number;
}

export type MultiLabelAction =
  | { type: 'setScore'; index: number; score: number }
  | { type: 'setPresent'; index: number; present: boolean }
  | { type: 'setSoftmaxTarget'; softmaxTarget: SoftmaxTarget }
  | { type: 'setLearningRate'; learningRate: number }
  | { type: 'step'; loss: 'softmax' | 'sigmoid' }
  | { type: 'reset' };

/** The starting scores: the model likes cat and person, is unsure about bicycle, and mildly says no to dog and car. */
export const DEFAULT_SCORES: readonly number[] = [2, -0.5, 1.5, -1, 0.3];
export const DEFAULT_PRESENT: readonly number[] = [1, 0, 1, 0, 1];
export const DEFAULT_LEARNING_RATE = 2;

export function createMultiLabelState(): MultiLabelState {
  return { scores: [...DEFAULT_SCORES], present: [...DEFAULT_PRESENT], softmaxTarget: 'spread', learningRate: DEFAULT_LEARNING_RATE };
}

/** Clamps a score to ±SCORE_LIMIT and rounds it to 2 decimals (non-finite → 0). */
export function normalizeScore(score: number): number {
  if (!Number.isFinite(score)) return 0;
  return Math.round(Math.min(SCORE_LIMIT, Math.max(-SCORE_LIMIT, score)) * 100) / 100 + 0;
}

/**
 * The softmax target t for a multi-hot y: spread (tₖ = yₖ / Σy) or one-hot on the first present class.
 * With no class present there is nothing for softmax to aim at: null.
 */
export function softmaxTargets(present: readonly number[], mode: SoftmaxTarget): number[] | null {
  const count = present.reduce((a, b) => a + b, 0);
  if (count === 0) return null;
  if (mode === 'spread') return present.map((y) => y / count);
  const first = present.indexOf(1);
  return present.map((_, k) => (k === first ? 1 : 0));
}

/** Everything both panels show for one set of scores and labels. Losses in nats. */
export interface MultiLabelView {
  softmax: {
    probabilities: number[];
    /** The target distribution t, or null when no class is present. */
    targets: number[] | null;
    /** −Σₖ tₖ log pₖ (null without a target). */
    loss: number | null;
    /** ∂loss/∂zₖ = pₖ − tₖ: sums to 0, so raising one class lowers the others. */
    gradient: number[] | null;
    /** The single class argmax p (ties: the first). */
    decision: number;
    /** The smallest loss softmax can reach for this target: H(t) = log m for m classes spread evenly. */
    lowestLoss: number | null;
  };
  sigmoid: {
    probabilities: number[];
    /** ℓₖ = −[yₖ log σ(zₖ) + (1 − yₖ) log(1 − σ(zₖ))], computed stably from the score. */
    terms: number[];
    /** (1/C) Σ ℓₖ: the multi-label soft-margin loss. */
    loss: number;
    /** ∂loss/∂zₖ = (σ(zₖ) − yₖ)/C: each class on its own. */
    gradient: number[];
    /** Classes with σ(zₖ) > 0.5 (i.e. zₖ > 0). */
    decision: number[];
  };
}

/** One class's soft-margin term from its score, stable for any z: max(z, 0) − zy + log(1 + e^{−|z|}). */
export function softMarginTerm(score: number, present: number): number {
  return Math.max(score, 0) - score * present + Math.log1p(Math.exp(-Math.abs(score)));
}

export function computeMultiLabelView(state: Pick<MultiLabelState, 'scores' | 'present' | 'softmaxTarget'>): MultiLabelView {
  const { scores, present } = state;
  const probabilities = softmax(scores);
  const targets = softmaxTargets(present, state.softmaxTarget);
  const decision = probabilities.indexOf(Math.max(...probabilities));
  const sigmoidProbabilities = scores.map(sigmoid);
  const terms = scores.map((z, k) => softMarginTerm(z, present[k]));
  const count = targets ? targets.filter((t) => t > 0).length : 0;
  return {
    softmax: {
      probabilities,
      targets,
      loss: targets ? softmaxCrossEntropy(scores, targets) : null,
      gradient: targets ? probabilities.map((p, k) => p - targets[k]) : null,
      decision,
      lowestLoss: targets ? Math.log(count) : null,
    },
    sigmoid: {
      probabilities: sigmoidProbabilities,
      terms,
      loss: multiLabelSoftMargin(scores, present),
      gradient: sigmoidProbabilities.map((s, k) => (s - present[k]) / scores.length),
      decision: scores.flatMap((z, k) => (z > 0 ? [k] : [])),
    },
  };
}

/** Pure state transitions; a gradient step is z ← z − η ∇loss(z), scores clamped to ±SCORE_LIMIT. */
export function multiLabelReducer(state: MultiLabelState, action: MultiLabelAction): MultiLabelState {
  switch (action.type) {
    case 'setScore':
      if (action.index < 0 || action.index >= state.scores.length) return state;
      return { ...state, scores: state.scores.map((z, k) => (k === action.index ? normalizeScore(action.score) : z)) };
    case 'setPresent':
      if (action.index < 0 || action.index >= state.present.length) return state;
      return { ...state, present: state.present.map((y, k) => (k === action.index ? (action.present ? 1 : 0) : y)) };
    case 'setSoftmaxTarget':
      return SOFTMAX_TARGETS.includes(action.softmaxTarget) ? { ...state, softmaxTarget: action.softmaxTarget } : state;
    case 'setLearningRate':
      if (!Number.isFinite(action.learningRate)) return state;
      return { ...state, learningRate: Math.min(LEARNING_RATE_MAX, Math.max(LEARNING_RATE_MIN, action.learningRate)) };
    case 'step': {
      const view = computeMultiLabelView(state);
      const gradient = action.loss === 'softmax' ? view.softmax.gradient : view.sigmoid.gradient;
      if (!gradient) return state;
      return { ...state, scores: state.scores.map((z, k) => normalizeScore(z - state.learningRate * gradient[k])) };
    }
    case 'reset':
      return { ...state, scores: [...DEFAULT_SCORES] };
  }
}

/** Link form of the scores: "2,-0.5,1.5,-1,0.3". */
export function serializeScores(scores: readonly number[]): string {
  return scores.map((z) => String(normalizeScore(z))).join(',');
}

/** Reads the scores from a link: one number per class, each clamped to ±SCORE_LIMIT. */
export function parseScores(text: string): { value: number[] } | { problem: string } {
  const parts = text.split(',');
  if (parts.length !== CLASS_NAMES.length) return { problem: `the scores in the link need ${CLASS_NAMES.length} numbers, got ${parts.length}` };
  const values = parts.map((part) => (/^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(part) ? Number(part) : NaN));
  if (values.some((value) => !Number.isFinite(value))) return { problem: 'the scores in the link must be numbers separated by commas' };
  return { value: values.map(normalizeScore) };
}

/** Link form of the labels: one 0/1 digit per class ("10101"). */
export function serializePresent(present: readonly number[]): string {
  return present.join('');
}

export function parsePresent(text: string): { value: number[] } | { problem: string } {
  if (!new RegExp(`^[01]{${CLASS_NAMES.length}}$`).test(text)) return { problem: `the labels in the link must be ${CLASS_NAMES.length} digits 0 or 1` };
  return { value: [...text].map(Number) };
}

/** 3 decimals, a real minus sign, no "−0.000". */
export function formatNumber(value: number, digits = 3): string {
  const text = value.toFixed(digits);
  if (/^-0\.0+$/.test(text)) return text.slice(1);
  return text.replace('-', '−');
}

/** Signed gradient: "+0.123" / "−0.045" / "0.000". */
export function formatSigned(value: number): string {
  const text = formatNumber(value);
  return /^0\.0+$/.test(text) || text.startsWith('−') ? text : `+${text}`;
}
