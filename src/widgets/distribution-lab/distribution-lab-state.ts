import { crossEntropy, distributionProblem, entropy, inBits, klDivergence, normalize, softmax } from '../../core/math/information';

/** How many outcomes the two distributions have: OUTCOME_COUNT_MIN … OUTCOME_COUNT_MAX. */
export const OUTCOME_COUNT_MIN = 4;
export const OUTCOME_COUNT_MAX = 8;
export const OUTCOME_COUNTS = [4, 5, 6, 7, 8] as const;
/** Outcome names, in order. */
export const OUTCOME_NAMES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
/** Keyboard steps for a focused bar: arrow keys and PageUp/PageDown. */
export const SMALL_STEP = 0.01;
export const LARGE_STEP = 0.1;

export type InformationUnit = 'nats' | 'bits';
export const INFORMATION_UNITS: readonly InformationUnit[] = ['bits', 'nats'];
export type DistributionName = 'p' | 'q';

export interface DistributionLabState {
  p: number[];
  q: number[];
  unit: InformationUnit;
}

export type DistributionLabAction =
  | { type: 'setProbability'; which: DistributionName; index: number; value: number }
  | { type: 'nudge'; which: DistributionName; index: number; delta: number }
  | { type: 'setCount'; count: number }
  | { type: 'setUnit'; unit: InformationUnit }
  | { type: 'preset'; preset: PresetName };

/** The starting pair: a skewed P and a Q that disagrees with it, so the two KL directions differ. */
export function createDistributionLabState(): DistributionLabState {
  return { p: [0.5, 0.25, 0.125, 0.125], q: [0.05, 0.6, 0.25, 0.1], unit: 'bits' };
}

/** Snaps tiny rounding leftovers (0.03 − 3 × 0.01 ≈ 1e-17) to exact values on a 1e-9 grid, within [0, 1]. */
function snapProbability(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const clamped = Math.min(1, Math.max(0, value));
  return Math.round(clamped * 1e9) / 1e9;
}

/**
 * Sets outcome `index` to `value` (clamped to [0, 1]) and renormalizes by scaling the others: each other
 * outcome j becomes pⱼ · (1 − value) / Σ_{k≠index} pₖ, so they keep their proportions and the total stays 1.
 * When the others are all 0, the remaining 1 − value is shared equally among them.
 */
export function setProbability(distribution: readonly number[], index: number, value: number): number[] {
  if (index < 0 || index >= distribution.length) return [...distribution];
  const target = snapProbability(value);
  const rest = distribution.reduce((sum, pj, j) => (j === index ? sum : sum + pj), 0);
  const others = distribution.length - 1;
  const next = distribution.map((pj, j) => {
    if (j === index) return target;
    if (others === 0) return 0;
    return rest > 0 ? (pj * (1 - target)) / rest : (1 - target) / others;
  });
  // Put the last rounding crumb on the edited bar's largest neighbour so the sum is 1 to the last bit.
  const sum = next.reduce((a, b) => a + b, 0);
  if (sum !== 1 && others > 0) {
    let largest = -1;
    next.forEach((pj, j) => {
      if (j !== index && (largest < 0 || pj > next[largest])) largest = j;
    });
    next[largest] = Math.max(0, next[largest] + (1 - sum));
  }
  return next;
}

/**
 * Changes the number of outcomes: a new outcome gets 1/(count) of the mass, the old ones are scaled by
 * (count − 1)/count; removing the last outcome renormalizes the rest (uniform if nothing is left).
 */
export function resizeDistribution(distribution: readonly number[], count: number): number[] {
  let next = [...distribution];
  while (next.length < count) {
    const size = next.length + 1;
    next = [...next.map((pj) => (pj * (size - 1)) / size), 1 / size];
  }
  if (next.length > count) next = normalize(next.slice(0, count));
  return next;
}

export type PresetName = 'classification' | 'uniform' | 'near' | 'disjoint';

export const PRESETS: ReadonlyArray<{ name: PresetName; label: string; description: string }> = [
  {
    name: 'classification',
    label: 'Classification',
    description: 'P is a one-hot label (the image is a B), Q is a softmax prediction. H(P) = 0, so H(P, Q) = KL(P‖Q) = −log Q(B): the cross-entropy loss.',
  },
  {
    name: 'uniform',
    label: 'Uniform Q',
    description: 'Q spreads evenly over the outcomes. Against a uniform Q the cross entropy is log N for every P, and KL(P‖Q) = log N − H(P).',
  },
  {
    name: 'near',
    label: 'Near-identical',
    description: 'Q differs from P by a few hundredths. KL is close to 0 in both directions, and nearly symmetric.',
  },
  {
    name: 'disjoint',
    label: 'Disjoint',
    description: 'P and Q put their mass on different outcomes. Each calls impossible what the other says happens: both KL directions are infinite.',
  },
];

/** Scores of the softmax prediction in the classification preset (class B is the true class and the favourite). */
const CLASSIFICATION_SCORES = [0.5, 2.2, 1.1, -0.4, 0.2, -1, 0.6, -0.2];
const NEAR_BASE = [0.3, 0.22, 0.18, 0.12, 0.08, 0.05, 0.03, 0.02];
const NEAR_SHIFT = [-0.03, 0.02, 0.03, -0.02, 0.01, -0.01, 0.01, -0.01];

/** The preset pair for `count` outcomes. */
export function presetDistributions(preset: PresetName, count: number): { p: number[]; q: number[] } {
  const indices = Array.from({ length: count }, (_, i) => i);
  switch (preset) {
    case 'classification':
      return { p: indices.map((i) => (i === 1 ? 1 : 0)), q: softmax(CLASSIFICATION_SCORES.slice(0, count)) };
    case 'uniform':
      // P = (1/2, 1/4, …, 1/2^{N−1}, 1/2^{N−1}): entropies in whole or simple bits.
      return { p: indices.map((i) => (i === count - 1 ? 2 ** -(count - 1) : 2 ** -(i + 1))), q: indices.map(() => 1 / count) };
    case 'near': {
      const p = normalize(NEAR_BASE.slice(0, count));
      return { p, q: normalize(p.map((pi, i) => Math.max(0.001, pi + NEAR_SHIFT[i]))) };
    }
    case 'disjoint': {
      const half = Math.floor(count / 2);
      return { p: normalize(indices.map((i) => (i < half ? half - i : 0))), q: normalize(indices.map((i) => (i >= half ? i - half + 1 : 0))) };
    }
  }
}

/** Pure state transitions of the lab; out-of-range indices and counts leave the state as it was. */
export function distributionLabReducer(state: DistributionLabState, action: DistributionLabAction): DistributionLabState {
  switch (action.type) {
    case 'setProbability':
      return { ...state, [action.which]: setProbability(state[action.which], action.index, action.value) };
    case 'nudge': {
      const current = state[action.which][action.index];
      if (current === undefined) return state;
      return { ...state, [action.which]: setProbability(state[action.which], action.index, current + action.delta) };
    }
    case 'setCount': {
      if (!Number.isInteger(action.count) || action.count < OUTCOME_COUNT_MIN || action.count > OUTCOME_COUNT_MAX) return state;
      return { ...state, p: resizeDistribution(state.p, action.count), q: resizeDistribution(state.q, action.count) };
    }
    case 'setUnit':
      return INFORMATION_UNITS.includes(action.unit) ? { ...state, unit: action.unit } : state;
    case 'preset':
      return { ...state, ...presetDistributions(action.preset, state.p.length) };
  }
}

/** The six read-outs, in the chosen unit (+∞ where Q, or P, calls impossible what the other says happens). */
export interface InformationReadouts {
  entropyP: number;
  entropyQ: number;
  crossEntropyPQ: number;
  crossEntropyQP: number;
  klPQ: number;
  klQP: number;
}

/** H(P), H(Q), H(P,Q), H(Q,P), KL(P‖Q), KL(Q‖P) from information.ts, converted to bits when asked. */
export function computeReadouts(p: readonly number[], q: readonly number[], unit: InformationUnit): InformationReadouts {
  const convert = unit === 'bits' ? inBits : (value: number) => value;
  return {
    entropyP: convert(entropy(p)),
    entropyQ: convert(entropy(q)),
    crossEntropyPQ: convert(crossEntropy(p, q)),
    crossEntropyQP: convert(crossEntropy(q, p)),
    klPQ: convert(klDivergence(p, q)),
    klQP: convert(klDivergence(q, p)),
  };
}

/** The outcomes that make a direction infinite: `from` says they happen, `to` gives them probability 0. */
export function impossibleOutcomes(from: readonly number[], to: readonly number[]): string[] {
  return from.flatMap((value, i) => (value > 0 && to[i] === 0 ? [OUTCOME_NAMES[i]] : []));
}

/** One row of the term-by-term table: outcome i's share of each sum (in the chosen unit). */
export interface OutcomeTerms {
  name: string;
  p: number;
  q: number;
  /** −pᵢ log qᵢ, this outcome's part of H(P, Q) (0 when pᵢ = 0, +∞ when qᵢ = 0 < pᵢ). */
  crossTerm: number;
  /** pᵢ log(pᵢ/qᵢ), this outcome's part of KL(P‖Q) (same conventions; may be negative). */
  klTerm: number;
}

export function computeTerms(p: readonly number[], q: readonly number[], unit: InformationUnit): OutcomeTerms[] {
  const convert = unit === 'bits' ? inBits : (value: number) => value;
  return p.map((pi, i) => {
    const qi = q[i];
    const crossTerm = pi === 0 ? 0 : qi === 0 ? Infinity : -pi * Math.log(qi);
    const klTerm = pi === 0 ? 0 : qi === 0 ? Infinity : pi * Math.log(pi / qi);
    return { name: OUTCOME_NAMES[i], p: pi, q: qi, crossTerm: convert(crossTerm), klTerm: convert(klTerm) };
  });
}

/** A read-out number: 3 decimals, a real minus sign, "∞" for +∞, no "−0.000". */
export function formatInformation(value: number): string {
  if (value === Infinity) return '∞';
  if (Number.isNaN(value)) return '—';
  const text = value.toFixed(3);
  if (/^-0\.0+$/.test(text)) return text.slice(1);
  return text.replace('-', '−');
}

/** A probability for the bars and text fields: up to 3 decimals, trailing zeros dropped ("0.25", "0.125", "0"). */
export function formatProbability(value: number): string {
  return String(Number(value.toFixed(3)));
}

/**
 * Link form of a distribution: values to 6 significant digits, comma-separated ("0.5,0.25,0.125,0.125"). Small
 * values keep their digits (0.0000412 stays non-zero), so only an exact 0 comes back as 0.
 */
export function serializeDistribution(distribution: readonly number[]): string {
  return distribution.map((value) => String(Number(value.toPrecision(6)))).join(',');
}

/**
 * Reads a distribution from a link: 4 to 8 comma-separated non-negative numbers (weights), normalized to sum 1
 * (a rounded link still sums to 1 exactly). A problem in words otherwise.
 */
export function parseDistribution(text: string, label: string): { value: number[] } | { problem: string } {
  const parts = text.split(',');
  if (parts.length < OUTCOME_COUNT_MIN || parts.length > OUTCOME_COUNT_MAX) {
    return { problem: `${label} in the link needs ${OUTCOME_COUNT_MIN} to ${OUTCOME_COUNT_MAX} probabilities, got ${parts.length}` };
  }
  const values = parts.map((part) => (/^\s*(\d+\.?\d*|\.\d+)(e-?\d+)?\s*$/i.test(part) ? Number(part) : NaN));
  if (values.some((value) => !Number.isFinite(value))) return { problem: `${label} in the link must be non-negative numbers separated by commas` };
  if (values.every((value) => value === 0)) return { problem: `${label} in the link is all zeros` };
  const normalized = normalize(values);
  const problem = distributionProblem(normalized);
  return problem ? { problem: `${label} in the link: ${problem}` } : { value: normalized };
}
