/**
 * Learning-rate schedules as plain data: η at each optimizer step as a function of the base rate η₀
 * and the step t (the number of optimizer steps taken so far: 0 for the first step).
 */
export type LearningRateSchedule =
  /** η₀ at every step. */
  | { kind: 'constant' }
  /** η₀ · factor^⌊t / everySteps⌋: multiplied by `factor` every `everySteps` steps. */
  | { kind: 'step'; everySteps: number; factor: number }
  /** η₀ · decayRate^(t / decaySteps): smoothly multiplied by `decayRate` every `decaySteps` steps. */
  | { kind: 'exponential'; decayRate: number; decaySteps: number }
  /** η_min + ½ (η₀ − η_min)(1 + cos(π · min(t, T) / T)), T = `totalSteps`, η_min = `minLearningRate` (default 0); η_min after T. */
  | { kind: 'cosine'; totalSteps: number; minLearningRate?: number }
  /** η₀ · (t + 1) / W for t < W = `warmupSteps` (linear from η₀/W up to η₀), then `then` at step t − W. */
  | { kind: 'warmup'; warmupSteps: number; then: LearningRateSchedule };

export type LearningRateScheduleKind = LearningRateSchedule['kind'];

export const LEARNING_RATE_SCHEDULE_KINDS: readonly LearningRateScheduleKind[] = ['constant', 'step', 'exponential', 'cosine', 'warmup'];

const isPositiveInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1;
const isFraction = (value: unknown): value is number => typeof value === 'number' && value > 0 && value <= 1;

/**
 * The first problem with a schedule, in words a learner can act on, or null when it is usable.
 * Step counts are whole numbers ≥ 1 (`decaySteps` any positive number); `factor` and `decayRate` are
 * in (0, 1] (they shrink η); `minLearningRate` is finite, ≥ 0 and, when `baseLearningRate` is given, at most η₀.
 */
export function validateSchedule(schedule: LearningRateSchedule, baseLearningRate?: number): string | null {
  const kind: unknown = (schedule as { kind?: unknown } | null)?.kind;
  switch (kind) {
    case 'constant':
      return null;
    case 'step': {
      const { everySteps, factor } = schedule as Extract<LearningRateSchedule, { kind: 'step' }>;
      if (!isPositiveInteger(everySteps)) return `The step schedule's interval must be a whole number of steps ≥ 1, got ${everySteps}`;
      if (!isFraction(factor)) return `The step schedule's factor must be > 0 and ≤ 1, got ${factor}`;
      return null;
    }
    case 'exponential': {
      const { decayRate, decaySteps } = schedule as Extract<LearningRateSchedule, { kind: 'exponential' }>;
      if (!isFraction(decayRate)) return `The exponential decay rate must be > 0 and ≤ 1, got ${decayRate}`;
      if (!(typeof decaySteps === 'number' && Number.isFinite(decaySteps) && decaySteps > 0)) {
        return `The exponential decay's step count must be a positive number, got ${decaySteps}`;
      }
      return null;
    }
    case 'cosine': {
      const { totalSteps, minLearningRate = 0 } = schedule as Extract<LearningRateSchedule, { kind: 'cosine' }>;
      if (!isPositiveInteger(totalSteps)) return `The cosine schedule's length must be a whole number of steps ≥ 1, got ${totalSteps}`;
      if (!(typeof minLearningRate === 'number' && Number.isFinite(minLearningRate) && minLearningRate >= 0)) {
        return `The cosine schedule's minimum learning rate must be a number ≥ 0, got ${minLearningRate}`;
      }
      if (baseLearningRate !== undefined && minLearningRate > baseLearningRate) {
        return `The cosine schedule's minimum learning rate (${minLearningRate}) is above the learning rate (${baseLearningRate})`;
      }
      return null;
    }
    case 'warmup': {
      const { warmupSteps, then } = schedule as Extract<LearningRateSchedule, { kind: 'warmup' }>;
      if (!isPositiveInteger(warmupSteps)) return `The warm-up length must be a whole number of steps ≥ 1, got ${warmupSteps}`;
      if (then === undefined || then === null) return 'The warm-up needs a schedule to follow it';
      const problem = validateSchedule(then, baseLearningRate);
      return problem === null ? null : `After warm-up: ${problem}`;
    }
    default:
      return `Unknown learning-rate schedule ${JSON.stringify(kind)}: expected one of ${LEARNING_RATE_SCHEDULE_KINDS.join(', ')}`;
  }
}

function rateAt(schedule: LearningRateSchedule, base: number, step: number): number {
  switch (schedule.kind) {
    case 'constant':
      return base;
    case 'step':
      return base * schedule.factor ** Math.floor(step / schedule.everySteps);
    case 'exponential':
      return base * schedule.decayRate ** (step / schedule.decaySteps);
    case 'cosine': {
      const minimum = schedule.minLearningRate ?? 0;
      const progress = Math.min(step, schedule.totalSteps) / schedule.totalSteps;
      return minimum + 0.5 * (base - minimum) * (1 + Math.cos(Math.PI * progress));
    }
    case 'warmup':
      return step < schedule.warmupSteps ? (base * (step + 1)) / schedule.warmupSteps : rateAt(schedule.then, base, step - schedule.warmupSteps);
  }
}

/**
 * η for the optimizer step that follows `step` steps already taken (0 for the first step), given η₀ =
 * `baseLearningRate`. Throws an Error for an invalid schedule (`validateSchedule`'s message), a negative
 * or non-finite η₀, or a step that is not a whole number ≥ 0.
 */
export function learningRateAt(schedule: LearningRateSchedule, baseLearningRate: number, step: number): number {
  if (!(Number.isFinite(baseLearningRate) && baseLearningRate >= 0)) {
    throw new Error(`The learning rate must be a finite number ≥ 0, got ${baseLearningRate}`);
  }
  if (!(Number.isInteger(step) && step >= 0)) throw new Error(`The step must be a whole number ≥ 0, got ${step}`);
  const problem = validateSchedule(schedule);
  if (problem !== null) throw new Error(problem);
  return rateAt(schedule, baseLearningRate, step);
}

/**
 * The schedule sampled for a chart: `points` steps spread evenly (rounded to whole steps, without
 * repeats) from 0 to `totalSteps` inclusive, with η at each. Every step is included when
 * `points` > `totalSteps`. Throws like `learningRateAt`, and for `totalSteps` < 1 or `points` < 2.
 */
export function scheduleCurve(schedule: LearningRateSchedule, baseLearningRate: number, totalSteps: number, points: number): { steps: number[]; values: number[] } {
  if (!isPositiveInteger(totalSteps)) throw new Error(`The number of steps must be a whole number ≥ 1, got ${totalSteps}`);
  if (!(Number.isInteger(points) && points >= 2)) throw new Error(`A curve needs a whole number of points ≥ 2, got ${points}`);
  const steps: number[] = [];
  const count = Math.min(points, totalSteps + 1);
  for (let i = 0; i < count; i++) {
    const step = Math.round((i * totalSteps) / (count - 1));
    if (steps.length === 0 || steps[steps.length - 1] !== step) steps.push(step);
  }
  return { steps, values: steps.map((step) => learningRateAt(schedule, baseLearningRate, step)) };
}
