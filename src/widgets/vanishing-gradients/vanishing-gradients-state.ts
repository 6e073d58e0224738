import { createSeededRandom, gaussian } from '../../core/random/seeded-random';
import type { Initializer } from '../../core/nn/layers/layer-spec';
import type { LabelledData } from '../../core/training/labelled-data';
import type { ReadoutRequests, ReadoutValue } from '../../core/training/readouts';
import type { TrainingSessionConfig } from '../../core/training/training-config';
import type { WidgetState } from '../../ui/widget-frame';

/*
 * Vanishing gradients: the same deep MLP with sigmoid, tanh and ReLU hidden layers, trained side by side on
 * two spirals, and what the per-layer gradient norms ‖∂L/∂W_l‖ look like on a log scale. Pure functions only.
 */

/** The three hidden activations compared, in column order. */
export const VANISHING_ACTIVATIONS = ['sigmoid', 'tanh', 'relu'] as const;
export type VanishingActivation = (typeof VANISHING_ACTIVATIONS)[number];

export const ACTIVATION_LABELS: Record<VanishingActivation, string> = { sigmoid: 'Sigmoid', tanh: 'Tanh', relu: 'ReLU' };

/** How the kernels start (biases start at 0). */
export type VanishingInitialization = 'glorot-normal' | 'he-normal' | 'normal-small' | 'normal-one';

export const INITIALIZATION_OPTIONS: ReadonlyArray<{ value: VanishingInitialization; label: string }> = [
  { value: 'glorot-normal', label: 'Glorot: σ² = 2 / (in + out)' },
  { value: 'he-normal', label: 'He: σ² = 2 / in' },
  { value: 'normal-small', label: 'Normal, σ = 0.1' },
  { value: 'normal-one', label: 'Normal, σ = 1' },
];

/** The engine's initializer for a choice. */
export function initializerFor(choice: VanishingInitialization): Initializer {
  switch (choice) {
    case 'glorot-normal':
      return { kind: 'glorot-normal' };
    case 'he-normal':
      return { kind: 'he-normal' };
    case 'normal-small':
      return { kind: 'normal', std: 0.1 };
    case 'normal-one':
      return { kind: 'normal', std: 1 };
  }
}

/** What the learner sets (all of it is in the share link). */
export interface VanishingSettings {
  /** Hidden layers (2–20). */
  depth: number;
  /** Units per hidden layer. */
  width: number;
  initialization: VanishingInitialization;
  learningRate: number;
  seed: number;
}

export const DEPTH_RULE = { label: 'Hidden layers', min: 2, max: 20, integer: true };
export const WIDTH_RULE = { label: 'Units per layer', min: 2, max: 64, integer: true };
export const LEARNING_RATE_RULE = { label: 'Learning rate', min: 0.0001, max: 10 };
export const SEED_RULE = { label: 'Seed', min: 0, max: 1_000_000, integer: true };

/**
 * η 0.1 by default: measured here (seed 1, full batch, ~900 steps), ReLU fits the spirals (loss 0.002) while tanh
 * creeps (0.65) and sigmoid has not moved from ln 2 ≈ 0.693; at 0.03 all three still looked alike, at 0.3 ReLU bounced.
 */
export const DEFAULT_SETTINGS: VanishingSettings = { depth: 10, width: 16, initialization: 'glorot-normal', learningRate: 0.1, seed: 1 };

/** Points per spiral arm. */
export const POINTS_PER_CLASS = 100;

/**
 * Two interleaved spirals in [−1, 1]², seeded: for class c ∈ {0, 1} and r = 0.1 … 1, the point at radius r and angle
 * 3π·r + c·π, plus N(0, 0.04²) noise on each coordinate. Targets are the class (0 or 1), for a sigmoid cross entropy.
 */
export function twoSpirals(seed: number, perClass = POINTS_PER_CLASS): LabelledData {
  const random = createSeededRandom(seed);
  const inputs = new Float32Array(perClass * 2 * 2);
  const targets = new Float32Array(perClass * 2);
  for (let label = 0; label < 2; label++) {
    for (let i = 0; i < perClass; i++) {
      const radius = 0.1 + (0.9 * i) / Math.max(1, perClass - 1);
      const angle = 3 * Math.PI * radius + label * Math.PI;
      const index = label * perClass + i;
      inputs[2 * index] = radius * Math.cos(angle) + gaussian(random, 0, 0.04);
      inputs[2 * index + 1] = radius * Math.sin(angle) + gaussian(random, 0, 0.04);
      targets[index] = label;
    }
  }
  return { inputs, targets, count: perClass * 2, inputSize: 2, targetSize: 1 };
}

/**
 * One column's training run: `depth` dense layers of `width` units with the given activation, a linear output
 * unit (a logit), sigmoid cross entropy, full-batch gradient descent. Only the activation differs between columns.
 */
export function vanishingConfig(activation: VanishingActivation, settings: VanishingSettings, exampleCount: number): TrainingSessionConfig {
  return {
    network: {
      inputShape: [2],
      layers: [...Array.from({ length: settings.depth }, () => ({ kind: 'dense' as const, units: settings.width, activation })), { kind: 'dense', units: 1, activation: 'linear' }],
      initialization: initializerFor(settings.initialization),
    },
    loss: 'sigmoid-cross-entropy',
    learningRate: settings.learningRate,
    batchSize: Math.max(1, exampleCount),
    seed: settings.seed,
    recordEvery: 1,
    evaluateEvery: 0,
  };
}

/** Read the per-layer gradient norms every few steps (and on every pause or single step): a bounded cost while training. */
export const NORM_EVERY_STEPS = 5;
export const VANISHING_READOUTS: ReadoutRequests = { norms: { kind: 'gradient-norms', everySteps: NORM_EVERY_STEPS } };

/** One activation's gradient norms by layer (layer 1 next to the input; the last is the output layer). */
export interface NormProfile {
  activation: VanishingActivation;
  /** The optimizer step the norms belong to. */
  step: number;
  norms: number[];
  /** ‖∂L/∂W₁‖ (next to the input). */
  first: number;
  /** ‖∂L/∂W_last‖ (the output layer, next to the loss). */
  last: number;
  /** first ÷ last: ≪ 1 when the gradient vanishes on its way back to the input. */
  ratio: number;
}

/** The profile of a 'gradient-norms' read-out (null before the first step has computed one). */
export function normProfile(activation: VanishingActivation, readout: ReadoutValue | undefined): NormProfile | null {
  if (readout?.kind !== 'gradient-norms' || readout.layers.length === 0) return null;
  const norms = [...readout.layers].sort((a, b) => a.layer - b.layer).map((layer) => layer.norm);
  const first = norms[0];
  const last = norms[norms.length - 1];
  return { activation, step: readout.step, norms, first, last, ratio: first / last };
}

/** Smallest norm drawn on the log axis: exact zeros (dead ReLUs, saturated sigmoids) sit on this floor. */
export const NORM_FLOOR = 1e-12;

/**
 * The log₁₀ range of a chart of several profiles: whole decades around every finite norm (floored at NORM_FLOOR),
 * at least one decade wide; [−3, 0] when there is nothing to draw yet.
 */
export function logDomain(profiles: ReadonlyArray<NormProfile | null>): [number, number] {
  const logs = profiles
    .flatMap((profile) => profile?.norms ?? [])
    .filter((norm) => Number.isFinite(norm))
    .map((norm) => Math.log10(Math.max(NORM_FLOOR, norm)));
  if (logs.length === 0) return [-3, 0];
  const low = Math.floor(Math.min(...logs));
  const high = Math.ceil(Math.max(...logs));
  return high > low ? [low, high] : [low, low + 1];
}

/** Decade ticks of a log domain, thinned to at most `maxTicks` (every 2nd, 3rd… decade). */
export function decadeTicks([low, high]: [number, number], maxTicks = 7): number[] {
  const every = Math.max(1, Math.ceil((high - low + 1) / maxTicks));
  const ticks: number[] = [];
  for (let exponent = high; exponent >= low; exponent -= every) ticks.push(exponent);
  return ticks.reverse();
}

const SUPERSCRIPTS: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** 10^exponent as text: "10⁻⁶", "1" for 10⁰, "10" for 10¹. */
export function formatDecade(exponent: number): string {
  if (exponent === 0) return '1';
  if (exponent === 1) return '10';
  return `10${String(exponent)
    .split('')
    .map((c) => SUPERSCRIPTS[c] ?? c)
    .join('')}`;
}

/**
 * A norm or ratio with 2 significant digits: plain from 0.01 to 1000 ("0.41", "4.8", "320"), else in scientific
 * notation ("3.4e−7"); "0", and "–" for not yet.
 */
export function formatNorm(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : '∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  const text = magnitude >= 0.01 && magnitude < 1000 ? String(Number(value.toPrecision(2))) : value.toExponential(1).replace('e+', 'e');
  return text.replace(/-/g, '−');
}

/**
 * Keeps each run's first profile since its last reset (the gradients of the starting weights, before training moved
 * them): replaced when a run restarts (its profile is gone, or comes from an earlier step), else kept.
 * Returns `previous` itself when nothing changed, so React can skip the update.
 */
export function keepFirstProfiles(previous: ReadonlyArray<NormProfile | null>, current: ReadonlyArray<NormProfile | null>): ReadonlyArray<NormProfile | null> {
  const next = current.map((profile, i) => {
    const kept = previous[i] ?? null;
    if (profile === null) return null;
    if (kept === null || profile.step < kept.step || profile.norms.length !== kept.norms.length) return profile;
    return kept;
  });
  return next.every((profile, i) => profile === previous[i]) && next.length === previous.length ? previous : next;
}

/** How many decades apart two positive numbers are (log₁₀ a − log₁₀ b), or null when either is not positive. */
export function decadesBetween(a: number, b: number): number | null {
  return a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b) ? Math.log10(a) - Math.log10(b) : null;
}

/**
 * The text alternative of the chart: each activation's first and last norms and their ratio now, and the ratio at
 * the first measured step when `startProfiles` has one from an earlier step.
 */
export function describeProfiles(profiles: ReadonlyArray<NormProfile | null>, startProfiles: ReadonlyArray<NormProfile | null> = []): string {
  const parts = profiles
    .filter((profile): profile is NormProfile => profile !== null)
    .map((profile) => {
      const decades = decadesBetween(profile.first, profile.last);
      const span = decades === null ? '' : ` (${Math.abs(decades).toFixed(1)} decades ${decades < 0 ? 'smaller' : 'larger'} at the input)`;
      const start = startProfiles.find((candidate) => candidate?.activation === profile.activation);
      const before = start && start.step < profile.step ? ` At step ${start.step} the ratio was ${formatNorm(start.ratio)}.` : '';
      return `${ACTIVATION_LABELS[profile.activation]} at step ${profile.step}: layer 1 ${formatNorm(profile.first)}, output layer ${formatNorm(profile.last)}, ratio ${formatNorm(profile.ratio)}${span}.${before}`;
    });
  return parts.length === 0 ? 'No gradient norms yet: press Step or Train.' : `Gradient norm per layer, log scale. ${parts.join(' ')}`;
}

/**
 * The widget's one public state from its three runs: an error or loading anywhere wins; training while any run
 * trains; diverged only when all three did (a diverged column just stays behind); paused when any run has trained.
 */
export function combinedStatus(statuses: readonly WidgetState[]): WidgetState {
  if (statuses.includes('error')) return 'error';
  if (statuses.includes('loading')) return 'loading';
  if (statuses.includes('training')) return 'training';
  if (statuses.length > 0 && statuses.every((status) => status === 'diverged')) return 'diverged';
  if (statuses.includes('paused')) return 'paused';
  return 'ready';
}

/** True when a run can take Train or Step (the others are skipped by the shared buttons). */
export const canTrain = (status: WidgetState) => status === 'ready' || status === 'paused';
