import { describe, expect, it } from 'vitest';
import { LEARNING_RATE_SCHEDULE_KINDS, learningRateAt, scheduleCurve, validateSchedule, type LearningRateSchedule } from '../../../../src/core/training/learning-rate-schedule';

const as = (value: unknown) => value as LearningRateSchedule;

describe('validateSchedule at the edges of each range', () => {
  it('accepts factors and decay rates of exactly 1, step counts of 1 and fractional decay steps', () => {
    expect(validateSchedule({ kind: 'step', everySteps: 1, factor: 1 })).toBeNull();
    expect(validateSchedule({ kind: 'exponential', decayRate: 1, decaySteps: 0.5 })).toBeNull();
    expect(validateSchedule({ kind: 'cosine', totalSteps: 1, minLearningRate: 0 })).toBeNull();
    expect(validateSchedule({ kind: 'cosine', totalSteps: 5, minLearningRate: 0.1 }, 0.1)).toBeNull();
    expect(validateSchedule({ kind: 'warmup', warmupSteps: 1, then: { kind: 'constant' } })).toBeNull();
  });

  it('rejects numbers given as strings and non-finite values', () => {
    expect(validateSchedule(as({ kind: 'step', everySteps: '2', factor: 0.5 }))).toBe("The step schedule's interval must be a whole number of steps ≥ 1, got 2");
    expect(validateSchedule(as({ kind: 'step', everySteps: 2, factor: '0.5' }))).toBe("The step schedule's factor must be > 0 and ≤ 1, got 0.5");
    expect(validateSchedule(as({ kind: 'exponential', decayRate: 0, decaySteps: 10 }))).toBe('The exponential decay rate must be > 0 and ≤ 1, got 0');
    expect(validateSchedule(as({ kind: 'exponential', decayRate: 1.5, decaySteps: 10 }))).toBe('The exponential decay rate must be > 0 and ≤ 1, got 1.5');
    for (const decaySteps of [Infinity, NaN, -1, '10']) {
      expect(validateSchedule(as({ kind: 'exponential', decayRate: 0.5, decaySteps }))).toBe(`The exponential decay's step count must be a positive number, got ${decaySteps}`);
    }
    for (const minLearningRate of [Infinity, NaN, '0.1']) {
      expect(validateSchedule(as({ kind: 'cosine', totalSteps: 10, minLearningRate }))).toBe(
        `The cosine schedule's minimum learning rate must be a number ≥ 0, got ${minLearningRate}`,
      );
    }
    expect(validateSchedule(as({ kind: 'cosine', totalSteps: 2.5 }))).toBe("The cosine schedule's length must be a whole number of steps ≥ 1, got 2.5");
    expect(validateSchedule(as({ kind: 'warmup', warmupSteps: 1.5, then: { kind: 'constant' } }))).toBe('The warm-up length must be a whole number of steps ≥ 1, got 1.5');
  });

  it('needs a schedule after the warm-up and passes the base rate on to it', () => {
    expect(validateSchedule(as({ kind: 'warmup', warmupSteps: 3 }))).toBe('The warm-up needs a schedule to follow it');
    expect(validateSchedule(as({ kind: 'warmup', warmupSteps: 3, then: null }))).toBe('The warm-up needs a schedule to follow it');
    expect(validateSchedule({ kind: 'warmup', warmupSteps: 3, then: { kind: 'cosine', totalSteps: 5, minLearningRate: 0.5 } }, 0.1)).toBe(
      "After warm-up: The cosine schedule's minimum learning rate (0.5) is above the learning rate (0.1)",
    );
    expect(validateSchedule({ kind: 'warmup', warmupSteps: 3, then: { kind: 'constant' } })).toBeNull();
  });

  it('names a missing or unknown kind and lists the known ones', () => {
    expect(LEARNING_RATE_SCHEDULE_KINDS).toEqual(['constant', 'step', 'exponential', 'cosine', 'warmup']);
    expect(validateSchedule(as(null))).toBe('Unknown learning-rate schedule undefined: expected one of constant, step, exponential, cosine, warmup');
    expect(validateSchedule(as({}))).toMatch(/^Unknown learning-rate schedule undefined/);
  });
});

describe('learningRateAt at the edges', () => {
  it('allows η₀ = 0 and step 0; rejects negative or infinite η₀', () => {
    expect(learningRateAt({ kind: 'constant' }, 0, 0)).toBe(0);
    expect(() => learningRateAt({ kind: 'constant' }, -0.1, 0)).toThrow('The learning rate must be a finite number ≥ 0, got -0.1');
    expect(() => learningRateAt({ kind: 'constant' }, Infinity, 0)).toThrow('got Infinity');
    expect(() => learningRateAt({ kind: 'constant' }, 0.1, NaN)).toThrow('The step must be a whole number ≥ 0, got NaN');
    expect(() => learningRateAt(as({ kind: 'nope' }), 0.1, 0)).toThrow('Unknown learning-rate schedule "nope"');
  });

  it('cosine with a floor stays at the floor after T and starts at η₀', () => {
    const schedule: LearningRateSchedule = { kind: 'cosine', totalSteps: 4, minLearningRate: 0.2 };
    expect(learningRateAt(schedule, 1, 0)).toBeCloseTo(1, 12);
    expect(learningRateAt(schedule, 1, 2)).toBeCloseTo(0.6, 12);
    expect(learningRateAt(schedule, 1, 4)).toBeCloseTo(0.2, 12);
    expect(learningRateAt(schedule, 1, 9)).toBeCloseTo(0.2, 12);
  });

  it('warm-up hands over at exactly W steps', () => {
    const schedule: LearningRateSchedule = { kind: 'warmup', warmupSteps: 3, then: { kind: 'exponential', decayRate: 0.5, decaySteps: 1 } };
    const expected = [0.3, 0.6, 0.9, 0.9, 0.45, 0.225];
    expected.forEach((rate, step) => expect(learningRateAt(schedule, 0.9, step), `step ${step}`).toBeCloseTo(rate, 12));
  });
});

describe('scheduleCurve at the edges', () => {
  it('gives the two ends for two points, and every step for totalSteps + 1 points', () => {
    expect(scheduleCurve({ kind: 'constant' }, 0.1, 10, 2).steps).toEqual([0, 10]);
    expect(scheduleCurve({ kind: 'constant' }, 0.1, 4, 5).steps).toEqual([0, 1, 2, 3, 4]);
    expect(scheduleCurve({ kind: 'constant' }, 0.1, 1, 9)).toEqual({ steps: [0, 1], values: [0.1, 0.1] });
    expect(scheduleCurve({ kind: 'step', everySteps: 1, factor: 0.5 }, 1, 6, 4)).toEqual({ steps: [0, 2, 4, 6], values: [1, 0.25, 0.0625, 0.015625] });
  });

  it('rejects fractional step and point counts', () => {
    expect(() => scheduleCurve({ kind: 'constant' }, 0.1, 2.5, 3)).toThrow('The number of steps must be a whole number ≥ 1, got 2.5');
    expect(() => scheduleCurve({ kind: 'constant' }, 0.1, 10, 2.5)).toThrow('A curve needs a whole number of points ≥ 2, got 2.5');
  });
});
