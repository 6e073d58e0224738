import { describe, expect, it } from 'vitest';
import { learningRateAt, scheduleCurve, validateSchedule, type LearningRateSchedule } from '../../../../src/core/training/learning-rate-schedule';

const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12);

describe('learningRateAt', () => {
  it('constant: η₀ at every step', () => {
    for (const step of [0, 1, 1000]) expect(learningRateAt({ kind: 'constant' }, 0.1, step)).toBe(0.1);
  });

  it('step: η₀ · factor^⌊t / everySteps⌋', () => {
    const schedule: LearningRateSchedule = { kind: 'step', everySteps: 10, factor: 0.5 };
    close(learningRateAt(schedule, 0.1, 0), 0.1);
    close(learningRateAt(schedule, 0.1, 9), 0.1);
    close(learningRateAt(schedule, 0.1, 10), 0.05);
    close(learningRateAt(schedule, 0.1, 25), 0.025);
  });

  it('exponential: η₀ · decayRate^(t / decaySteps)', () => {
    const schedule: LearningRateSchedule = { kind: 'exponential', decayRate: 0.5, decaySteps: 10 };
    close(learningRateAt(schedule, 0.1, 0), 0.1);
    close(learningRateAt(schedule, 0.1, 5), 0.1 * Math.SQRT1_2);
    close(learningRateAt(schedule, 0.1, 10), 0.05);
    close(learningRateAt(schedule, 0.1, 20), 0.025);
  });

  it('cosine: η_min + ½ (η₀ − η_min)(1 + cos(π min(t, T) / T))', () => {
    const schedule: LearningRateSchedule = { kind: 'cosine', totalSteps: 100 };
    close(learningRateAt(schedule, 0.1, 0), 0.1);
    close(learningRateAt(schedule, 0.1, 25), 0.05 * (1 + Math.SQRT1_2));
    close(learningRateAt(schedule, 0.1, 50), 0.05);
    close(learningRateAt(schedule, 0.1, 100), 0);
    close(learningRateAt(schedule, 0.1, 150), 0);
    const floored: LearningRateSchedule = { kind: 'cosine', totalSteps: 100, minLearningRate: 0.01 };
    close(learningRateAt(floored, 0.1, 50), 0.01 + 0.5 * 0.09);
    close(learningRateAt(floored, 0.1, 200), 0.01);
  });

  it('warm-up: η₀ (t + 1) / W for t < W, then the next schedule from its step 0', () => {
    const schedule: LearningRateSchedule = { kind: 'warmup', warmupSteps: 4, then: { kind: 'cosine', totalSteps: 8 } };
    close(learningRateAt(schedule, 0.2, 0), 0.05);
    close(learningRateAt(schedule, 0.2, 1), 0.1);
    close(learningRateAt(schedule, 0.2, 3), 0.2);
    close(learningRateAt(schedule, 0.2, 4), 0.2);
    close(learningRateAt(schedule, 0.2, 6), 0.1 * (1 + Math.SQRT1_2));
    close(learningRateAt(schedule, 0.2, 8), 0.1);
    close(learningRateAt(schedule, 0.2, 12), 0);
    close(learningRateAt(schedule, 0.2, 40), 0);
  });

  it('nests warm-up in front of a step decay', () => {
    const schedule: LearningRateSchedule = { kind: 'warmup', warmupSteps: 2, then: { kind: 'step', everySteps: 3, factor: 0.1 } };
    expect([0, 1, 2, 4, 5, 8].map((step) => learningRateAt(schedule, 1, step))).toEqual([0.5, 1, 1, 1, 0.1, 0.1 ** 2]);
  });

  it('rejects an invalid schedule, step or base rate', () => {
    expect(() => learningRateAt({ kind: 'step', everySteps: 0, factor: 0.5 }, 0.1, 0)).toThrow(/interval must be a whole number of steps ≥ 1, got 0/);
    expect(() => learningRateAt({ kind: 'constant' }, 0.1, -1)).toThrow(/step must be a whole number ≥ 0, got -1/);
    expect(() => learningRateAt({ kind: 'constant' }, 0.1, 1.5)).toThrow(/got 1.5/);
    expect(() => learningRateAt({ kind: 'constant' }, NaN, 0)).toThrow(/learning rate must be a finite number ≥ 0, got NaN/);
  });
});

describe('validateSchedule', () => {
  it('accepts usable schedules', () => {
    const usable: LearningRateSchedule[] = [
      { kind: 'constant' },
      { kind: 'step', everySteps: 100, factor: 0.1 },
      { kind: 'exponential', decayRate: 0.96, decaySteps: 12.5 },
      { kind: 'cosine', totalSteps: 1000, minLearningRate: 0.001 },
      { kind: 'warmup', warmupSteps: 50, then: { kind: 'cosine', totalSteps: 950 } },
    ];
    for (const schedule of usable) expect(validateSchedule(schedule)).toBeNull();
  });

  const invalid: [LearningRateSchedule, RegExp][] = [
    [{ kind: 'step', everySteps: 2.5, factor: 0.5 }, /step schedule's interval must be a whole number of steps ≥ 1, got 2.5/],
    [{ kind: 'step', everySteps: 10, factor: 0 }, /step schedule's factor must be > 0 and ≤ 1, got 0/],
    [{ kind: 'step', everySteps: 10, factor: 2 }, /factor must be > 0 and ≤ 1, got 2/],
    [{ kind: 'exponential', decayRate: NaN, decaySteps: 10 }, /exponential decay rate must be > 0 and ≤ 1, got NaN/],
    [{ kind: 'exponential', decayRate: 0.5, decaySteps: 0 }, /decay's step count must be a positive number, got 0/],
    [{ kind: 'cosine', totalSteps: 0 }, /cosine schedule's length must be a whole number of steps ≥ 1, got 0/],
    [{ kind: 'cosine', totalSteps: 10, minLearningRate: -0.1 }, /minimum learning rate must be a number ≥ 0, got -0.1/],
    [{ kind: 'warmup', warmupSteps: -5, then: { kind: 'constant' } }, /warm-up length must be a whole number of steps ≥ 1, got -5/],
    [{ kind: 'warmup', warmupSteps: 5, then: { kind: 'cosine', totalSteps: Infinity } }, /^After warm-up: The cosine schedule's length/],
    [{ kind: 'linear' } as unknown as LearningRateSchedule, /Unknown learning-rate schedule "linear": expected one of constant, step/],
  ];

  it.each(invalid)('explains what is wrong with %o', (schedule, message) => {
    expect(validateSchedule(schedule)).toMatch(message);
  });

  it('checks the cosine floor against the base rate when given', () => {
    const schedule: LearningRateSchedule = { kind: 'cosine', totalSteps: 10, minLearningRate: 0.5 };
    expect(validateSchedule(schedule)).toBeNull();
    expect(validateSchedule(schedule, 0.1)).toMatch(/minimum learning rate \(0.5\) is above the learning rate \(0.1\)/);
  });
});

describe('scheduleCurve', () => {
  it('samples evenly spread whole steps from 0 to totalSteps', () => {
    const curve = scheduleCurve({ kind: 'cosine', totalSteps: 10 }, 1, 10, 3);
    expect(curve.steps).toEqual([0, 5, 10]);
    curve.values.forEach((value, i) => close(value, [1, 0.5, 0][i]));
  });

  it('gives every step when asked for more points than steps, without repeats', () => {
    const schedule: LearningRateSchedule = { kind: 'warmup', warmupSteps: 2, then: { kind: 'constant' } };
    expect(scheduleCurve(schedule, 0.1, 4, 50)).toEqual({ steps: [0, 1, 2, 3, 4], values: [0.05, 0.1, 0.1, 0.1, 0.1] });
    const { steps } = scheduleCurve({ kind: 'constant' }, 0.1, 7, 5);
    expect(steps).toEqual([0, 2, 4, 5, 7]);
  });

  it('rejects a curve it cannot draw', () => {
    expect(() => scheduleCurve({ kind: 'constant' }, 0.1, 0, 10)).toThrow(/number of steps must be a whole number ≥ 1, got 0/);
    expect(() => scheduleCurve({ kind: 'constant' }, 0.1, 10, 1)).toThrow(/whole number of points ≥ 2, got 1/);
    expect(() => scheduleCurve({ kind: 'step', everySteps: 0, factor: 1 }, 0.1, 10, 5)).toThrow(/interval/);
  });
});
