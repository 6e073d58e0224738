import { LOSS_SURFACES, hasDiverged, type Point, type SurfaceName } from '../../core/math/loss-surfaces';
import { applyOptimizerStep, createOptimizerMemory, type OptimizerMemory } from '../../core/math/optimizer-steps';
import { createSeededRandom, gaussian } from '../../core/random/seeded-random';
import type { LabelledData } from '../../core/training/labelled-data';
import type { TrainingSessionConfig } from '../../core/training/training-config';
import { OPTIMIZER_DEFAULTS, OPTIMIZER_KINDS, validateOptimizerConfig, type OptimizerConfig, type OptimizerKind } from '../../core/training/optimizers/optimizer-config';

/** Where the race runs: on a 2-D surface (plain JS on the page) or a small real network (the engine, one worker per optimizer). */
export type RaceMode = 'surface' | 'network';

/** One optimizer's settings: its learning rate η and its own hyper-parameters (those of its kind). */
export interface RacerSettings {
  learningRate: number;
  /** μ (momentum, Nesterov). */
  momentum: number;
  /** ρ (RMSProp). */
  decay: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** λ, decoupled weight decay (AdamW). */
  weightDecay: number;
}

export type RacerSettingsMap = Record<OptimizerKind, RacerSettings>;

export const OPTIMIZER_LABELS: Readonly<Record<OptimizerKind, string>> = {
  sgd: 'SGD',
  momentum: 'Momentum',
  nesterov: 'Nesterov',
  rmsprop: 'RMSProp',
  adam: 'Adam',
  adamw: 'AdamW',
};

/** Stroke patterns that tell the paths apart without colour (colours: `--race-<kind>` in optimizer-race.css, Okabe–Ito hues). */
export const OPTIMIZER_DASHES: Readonly<Record<OptimizerKind, string | undefined>> = {
  sgd: undefined,
  momentum: '9 4',
  nesterov: '3 3',
  rmsprop: '12 4 3 4',
  adam: undefined,
  adamw: '6 3 2 3',
};

/** Which hyper-parameters each kind has, in the order the panel and the share link list them (η first). */
export const RACER_FIELDS: Readonly<Record<OptimizerKind, readonly (keyof RacerSettings)[]>> = {
  sgd: ['learningRate'],
  momentum: ['learningRate', 'momentum'],
  nesterov: ['learningRate', 'momentum'],
  rmsprop: ['learningRate', 'decay', 'epsilon'],
  adam: ['learningRate', 'beta1', 'beta2', 'epsilon'],
  adamw: ['learningRate', 'beta1', 'beta2', 'epsilon', 'weightDecay'],
};

/** Labels and allowed ranges of the fields (validated on commit; fractions stay below 1 as the engine requires). */
export const FIELD_RULES: Readonly<Record<keyof RacerSettings, { label: string; symbol: string; min: number; max: number }>> = {
  learningRate: { label: 'Learning rate', symbol: 'η', min: 1e-6, max: 10 },
  momentum: { label: 'Momentum', symbol: 'μ', min: 0, max: 0.999 },
  decay: { label: 'Decay', symbol: 'ρ', min: 0, max: 0.9999 },
  beta1: { label: 'Beta 1', symbol: 'β₁', min: 0, max: 0.999 },
  beta2: { label: 'Beta 2', symbol: 'β₂', min: 0, max: 0.99999 },
  epsilon: { label: 'Epsilon', symbol: 'ε', min: 1e-10, max: 1 },
  weightDecay: { label: 'Weight decay', symbol: 'λ', min: 0, max: 10 },
};

/** η per optimizer suited to each surface (chosen by running them: see the unit tests) and to the real network. */
export const SUGGESTED_LEARNING_RATES: Readonly<Record<SurfaceName | 'network', Readonly<Record<OptimizerKind, number>>>> = {
  bowl: { sgd: 0.1, momentum: 0.05, nesterov: 0.05, rmsprop: 0.05, adam: 0.1, adamw: 0.1 },
  ravine: { sgd: 0.045, momentum: 0.02, nesterov: 0.02, rmsprop: 0.03, adam: 0.2, adamw: 0.2 },
  rosenbrock: { sgd: 0.002, momentum: 0.001, nesterov: 0.001, rmsprop: 0.01, adam: 0.1, adamw: 0.1 },
  saddle: { sgd: 0.1, momentum: 0.03, nesterov: 0.03, rmsprop: 0.05, adam: 0.1, adamw: 0.1 },
  bumpy: { sgd: 0.1, momentum: 0.03, nesterov: 0.03, rmsprop: 0.05, adam: 0.1, adamw: 0.1 },
  network: { sgd: 0.5, momentum: 0.05, nesterov: 0.05, rmsprop: 0.01, adam: 0.03, adamw: 0.03 },
};

/** The engine's defaults for every hyper-parameter, with η from `SUGGESTED_LEARNING_RATES[target]`. */
export function defaultRacerSettings(target: SurfaceName | 'network'): RacerSettingsMap {
  const rates = SUGGESTED_LEARNING_RATES[target];
  const base = {
    momentum: OPTIMIZER_DEFAULTS.momentum.momentum,
    decay: OPTIMIZER_DEFAULTS.rmsprop.decay,
    beta1: OPTIMIZER_DEFAULTS.adam.beta1,
    beta2: OPTIMIZER_DEFAULTS.adam.beta2,
    epsilon: OPTIMIZER_DEFAULTS.adam.epsilon,
  };
  const map = {} as RacerSettingsMap;
  for (const kind of OPTIMIZER_KINDS) {
    map[kind] = { ...base, learningRate: rates[kind], weightDecay: kind === 'adamw' ? OPTIMIZER_DEFAULTS.adamw.weightDecay : 0 };
  }
  return map;
}

/** The same settings with every η replaced by the suggestion for `target` (the other hyper-parameters kept). */
export function withSuggestedRates(settings: RacerSettingsMap, target: SurfaceName | 'network'): RacerSettingsMap {
  const map = {} as RacerSettingsMap;
  for (const kind of OPTIMIZER_KINDS) map[kind] = { ...settings[kind], learningRate: SUGGESTED_LEARNING_RATES[target][kind] };
  return map;
}

/** The engine's optimizer config for one racer (η is passed per step, not part of it). */
export function optimizerConfigOf(kind: OptimizerKind, settings: RacerSettings): OptimizerConfig {
  switch (kind) {
    case 'sgd':
      return { kind };
    case 'momentum':
    case 'nesterov':
      return { kind, momentum: settings.momentum };
    case 'rmsprop':
      return { kind, decay: settings.decay, epsilon: settings.epsilon };
    case 'adam':
      return { kind, beta1: settings.beta1, beta2: settings.beta2, epsilon: settings.epsilon };
    case 'adamw':
      return { kind, beta1: settings.beta1, beta2: settings.beta2, epsilon: settings.epsilon, weightDecay: settings.weightDecay };
  }
}

/** One racer's fields as a share-link value: its fields in `RACER_FIELDS` order, comma-separated ("0.02,0.9"). */
export function serializeRacer(kind: OptimizerKind, settings: RacerSettings): string {
  return RACER_FIELDS[kind].map((field) => String(settings[field])).join(',');
}

/** Reads `serializeRacer`'s text back over `fallback`; a problem in words when it is not usable. */
export function parseRacer(kind: OptimizerKind, text: string, fallback: RacerSettings): { value: RacerSettings } | { problem: string } {
  const fields = RACER_FIELDS[kind];
  const parts = text.split(',');
  if (parts.length !== fields.length) return { problem: `${OPTIMIZER_LABELS[kind]} needs ${fields.length} number${fields.length === 1 ? '' : 's'} in the link, got "${text}"` };
  const value = { ...fallback };
  for (let i = 0; i < fields.length; i++) {
    const number = Number(parts[i]);
    const rule = FIELD_RULES[fields[i]];
    if (parts[i].trim() === '' || !Number.isFinite(number) || number < rule.min || number > rule.max) {
      return { problem: `${OPTIMIZER_LABELS[kind]} ${rule.symbol} "${parts[i]}" in the link is not a number from ${rule.min} to ${rule.max}` };
    }
    value[fields[i]] = number;
  }
  const problem = validateOptimizerConfig(optimizerConfigOf(kind, value));
  return problem ? { problem } : { value };
}

/** The enabled optimizers as a share-link value ("sgd,adam"; "none" for none). */
export function serializeEnabled(enabled: readonly OptimizerKind[]): string {
  return enabled.length === 0 ? 'none' : OPTIMIZER_KINDS.filter((kind) => enabled.includes(kind)).join(',');
}

export function parseEnabled(text: string): { value: OptimizerKind[] } | { problem: string } {
  if (text === 'none') return { value: [] };
  const names = text.split(',');
  const unknown = names.find((name) => !(OPTIMIZER_KINDS as readonly string[]).includes(name));
  if (unknown !== undefined) return { problem: `Optimizer "${unknown}" in the link is not one of ${OPTIMIZER_KINDS.join(', ')}` };
  return { value: OPTIMIZER_KINDS.filter((kind) => names.includes(kind)) };
}

/** Most path points and loss points kept per racer; beyond it every second one is dropped (the newest stays). */
export const MAX_TRACE_POINTS = 600;

/** One optimizer on the surface. */
export interface Racer {
  kind: OptimizerKind;
  point: Point;
  memory: OptimizerMemory;
  /** Positions so far (thinned past MAX_TRACE_POINTS), starting at the start. */
  path: Point[];
  /** f after each recorded step (steps in `lossSteps`), starting with step 0. */
  lossSteps: number[];
  lossValues: number[];
  diverged: boolean;
}

/** Every racer and the step count (the same for all: they step together). */
export interface SurfaceRace {
  surface: SurfaceName;
  step: number;
  racers: Record<OptimizerKind, Racer>;
}

/** Every optimizer at the surface's start, step 0. */
export function createSurfaceRace(surfaceName: SurfaceName): SurfaceRace {
  const surface = LOSS_SURFACES[surfaceName];
  const start = surface.start;
  const racers = {} as Record<OptimizerKind, Racer>;
  for (const kind of OPTIMIZER_KINDS) {
    racers[kind] = { kind, point: start, memory: createOptimizerMemory(kind, 2), path: [start], lossSteps: [0], lossValues: [surface.value(...start)], diverged: false };
  }
  return { surface: surfaceName, step: 0, racers };
}

function thin<T>(values: T[]): T[] {
  let kept = values;
  while (kept.length > MAX_TRACE_POINTS) kept = kept.filter((_, i, all) => i % 2 === 0 || i === all.length - 1);
  return kept;
}

/**
 * `count` steps of every racer that has not diverged, each by its own rule and settings on f's gradient at
 * its own point (racers are independent: enabling one later shows where it would be). A racer whose point
 * diverges (see `hasDiverged`) stops there. Returns a new race; the argument is not changed.
 */
export function advanceSurfaceRace(race: SurfaceRace, settings: RacerSettingsMap, count = 1): SurfaceRace {
  const surface = LOSS_SURFACES[race.surface];
  const racers = {} as Record<OptimizerKind, Racer>;
  for (const kind of OPTIMIZER_KINDS) {
    const racer = race.racers[kind];
    if (racer.diverged) {
      racers[kind] = racer;
      continue;
    }
    const config = optimizerConfigOf(kind, settings[kind]);
    let { point, memory } = racer;
    const path = racer.path.slice();
    const lossSteps = racer.lossSteps.slice();
    const lossValues = racer.lossValues.slice();
    let diverged = false;
    for (let i = 0; i < count; i++) {
      const result = applyOptimizerStep(config, memory, point, surface.gradient(point[0], point[1]), settings[kind].learningRate);
      memory = result.memory;
      point = [result.parameters[0], result.parameters[1]];
      path.push(point);
      if (hasDiverged(surface, point)) {
        diverged = true;
        break;
      }
      lossSteps.push(race.step + i + 1);
      lossValues.push(surface.value(point[0], point[1]));
    }
    racers[kind] = { kind, point, memory, path: thin(path), lossSteps: thin(lossSteps), lossValues: thin(lossValues), diverged };
  }
  return { surface: race.surface, step: race.step + count, racers };
}

/** The lowest current f among the listed racers that have not diverged; null when none is left. */
export function bestCurrentLoss(race: SurfaceRace, kinds: readonly OptimizerKind[]): number | null {
  const losses = kinds.filter((kind) => !race.racers[kind].diverged).map((kind) => race.racers[kind].lossValues[race.racers[kind].lossValues.length - 1]);
  return losses.length === 0 ? null : Math.min(...losses);
}

/** The listed racers from the best current f to the worst, diverged ones last. */
export function rankRacers(race: SurfaceRace, kinds: readonly OptimizerKind[]): OptimizerKind[] {
  const current = (kind: OptimizerKind) => (race.racers[kind].diverged ? Infinity : race.racers[kind].lossValues[race.racers[kind].lossValues.length - 1]);
  return [...kinds].sort((a, b) => current(a) - current(b));
}

/** The momentum update as the engine writes it (TF / PyTorch convention), in TeX. */
export const MOMENTUM_UPDATE_TEX = '\\begin{aligned} v &\\leftarrow \\mu\\, v + \\nabla f(w) \\\\ w &\\leftarrow w - \\eta\\, v \\end{aligned}';

// ——— The real network ———

/** Points in the circle dataset and its seed. */
export const CIRCLE_POINT_COUNT = 200;
export const CIRCLE_SEED = 7;
/** Steps each optimizer trains on the real network before Train stops by itself. */
export const NETWORK_STEPS = 300;

/**
 * A seeded two-class "circle" dataset: class 1 inside radius 0.5, class 0 on a ring from 0.7 to 1, with
 * a little Gaussian noise (σ 0.05). Inputs [count, 2], targets [count, 1] (0 or 1).
 */
export function createCircleData(count = CIRCLE_POINT_COUNT, seed = CIRCLE_SEED): LabelledData {
  const random = createSeededRandom(seed);
  const inputs = new Float32Array(count * 2);
  const targets = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const inside = i % 2 === 0;
    const radius = inside ? 0.5 * Math.sqrt(random()) : 0.7 + 0.3 * random();
    const angle = 2 * Math.PI * random();
    inputs[2 * i] = radius * Math.cos(angle) + gaussian(random, 0, 0.05);
    inputs[2 * i + 1] = radius * Math.sin(angle) + gaussian(random, 0, 0.05);
    targets[i] = inside ? 1 : 0;
  }
  return { inputs, targets, count, inputSize: 2, targetSize: 1 };
}

/**
 * The same 2-8-8-1 tanh network for every optimizer (same seed, so the same initial weights), trained
 * full-batch on sigmoid cross entropy: the curves differ only by the update rule.
 */
export function networkConfig(kind: OptimizerKind, settings: RacerSettings): TrainingSessionConfig {
  return {
    network: {
      inputShape: [2],
      layers: [
        { kind: 'dense', units: 8, activation: 'tanh' },
        { kind: 'dense', units: 8, activation: 'tanh' },
        { kind: 'dense', units: 1 },
      ],
      initialization: { kind: 'glorot-normal' },
    },
    loss: 'sigmoid-cross-entropy',
    learningRate: settings.learningRate,
    batchSize: CIRCLE_POINT_COUNT,
    seed: 3,
    recordEvery: 1,
    evaluateEvery: 0,
    optimizer: optimizerConfigOf(kind, settings),
  };
}
