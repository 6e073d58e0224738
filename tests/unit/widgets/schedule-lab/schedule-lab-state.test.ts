import { describe, expect, it } from 'vitest';
import { learningRateAt } from '../../../../src/core/training/learning-rate-schedule';
import { readSharedSettings, writeSharedSettings } from '../../../../src/core/url/shared-settings';
import type { DatasetSplit } from '../../../../src/core/data/load-dataset';
import {
  DEFAULT_SETTINGS,
  SCHEDULE_KINDS,
  buildSchedule,
  combinedStatus,
  evaluationInterval,
  formatRate,
  gatherLabelledImages,
  leaders,
  optimizerConfig,
  optimizerProblem,
  parseEnabled,
  scheduleProblem,
  scheduleSeries,
  scheduleTexWithValues,
  selectTrainingIndices,
  serializeEnabled,
  settingsSchema,
  summarizeRun,
  texNumber,
  trainingConfig,
  type ScheduleLabSettings,
} from '../../../../src/widgets/schedule-lab/schedule-lab-state';

/** η of `kind` at `step` for the settings (through the engine's own learningRateAt). */
const etaAt = (kind: Parameters<typeof buildSchedule>[0], settings: ScheduleLabSettings, step: number) =>
  learningRateAt(buildSchedule(kind, settings), settings.learningRate, step);

const settings: ScheduleLabSettings = {
  ...DEFAULT_SETTINGS,
  learningRate: 0.1,
  steps: 600,
  stepEvery: 200,
  stepFactor: 0.3,
  exponentialRate: 0.05,
  exponentialSteps: 600,
  cosineSteps: 600,
  cosineMin: 0,
  warmupSteps: 60,
  warmupThen: 'cosine',
};

describe('each schedule built from the settings, at chosen steps (hand-worked)', () => {
  it('constant: η₀ at every step', () => {
    for (const step of [0, 1, 299, 600, 10_000]) expect(etaAt('constant', settings, step)).toBe(0.1);
  });

  it('step decay: 0.1 · 0.3^⌊t/200⌋ → 0.1 until step 199, 0.03 from 200, 0.009 from 400', () => {
    expect(etaAt('step', settings, 0)).toBeCloseTo(0.1, 12);
    expect(etaAt('step', settings, 199)).toBeCloseTo(0.1, 12);
    expect(etaAt('step', settings, 200)).toBeCloseTo(0.03, 12);
    expect(etaAt('step', settings, 399)).toBeCloseTo(0.03, 12);
    expect(etaAt('step', settings, 400)).toBeCloseTo(0.009, 12);
    expect(etaAt('step', settings, 600)).toBeCloseTo(0.0027, 12);
  });

  it('exponential: 0.1 · 0.05^(t/600) → 0.1 at 0, 0.1·√0.05 ≈ 0.022361 at 300, 0.005 at 600', () => {
    expect(etaAt('exponential', settings, 0)).toBeCloseTo(0.1, 12);
    expect(etaAt('exponential', settings, 300)).toBeCloseTo(0.1 * Math.sqrt(0.05), 12);
    expect(etaAt('exponential', settings, 300)).toBeCloseTo(0.0223607, 6);
    expect(etaAt('exponential', settings, 600)).toBeCloseTo(0.005, 12);
    // 0.05^(150/600) = 0.05^¼ ≈ 0.472871
    expect(etaAt('exponential', settings, 150)).toBeCloseTo(0.0472871, 6);
  });

  it('cosine to 0 over 600: 0.1 at 0, 0.085355 at 150 (½(1+cos π/4)), 0.05 at 300, 0 at 600 and after', () => {
    expect(etaAt('cosine', settings, 0)).toBeCloseTo(0.1, 12);
    expect(etaAt('cosine', settings, 150)).toBeCloseTo(0.05 * (1 + Math.SQRT1_2), 12);
    expect(etaAt('cosine', settings, 150)).toBeCloseTo(0.0853553, 6);
    expect(etaAt('cosine', settings, 300)).toBeCloseTo(0.05, 12);
    expect(etaAt('cosine', settings, 450)).toBeCloseTo(0.0146447, 6);
    expect(etaAt('cosine', settings, 600)).toBeCloseTo(0, 12);
    expect(etaAt('cosine', settings, 900)).toBeCloseTo(0, 12);
  });

  it('cosine with a floor: η_min + ½(η₀ − η_min)(1 + cos(πt/T)) → 0.01 + 0.045 = 0.055 halfway, 0.01 at the end', () => {
    const floored = { ...settings, cosineMin: 0.01 };
    expect(etaAt('cosine', floored, 300)).toBeCloseTo(0.055, 12);
    expect(etaAt('cosine', floored, 600)).toBeCloseTo(0.01, 12);
  });

  it('warm-up over 60 steps, then cosine from step 60: 0.1/60 at 0, 0.05 at 29, 0.1 at 59 and 60, 0.05 at 360, 0 at 660', () => {
    expect(etaAt('warmup', settings, 0)).toBeCloseTo(0.1 / 60, 12);
    expect(etaAt('warmup', settings, 29)).toBeCloseTo(0.05, 12);
    expect(etaAt('warmup', settings, 59)).toBeCloseTo(0.1, 12);
    expect(etaAt('warmup', settings, 60)).toBeCloseTo(0.1, 12);
    expect(etaAt('warmup', settings, 360)).toBeCloseTo(0.05, 12);
    expect(etaAt('warmup', settings, 660)).toBeCloseTo(0, 12);
  });

  it('warm-up hands over to whichever schedule is chosen, with that schedule’s own fields', () => {
    expect(buildSchedule('warmup', { ...settings, warmupThen: 'step' })).toEqual({ kind: 'warmup', warmupSteps: 60, then: { kind: 'step', everySteps: 200, factor: 0.3 } });
    // step decay after 60 warm-up steps: t = 260 is step 200 of the decay → 0.03
    expect(etaAt('warmup', { ...settings, warmupThen: 'step' }, 260)).toBeCloseTo(0.03, 12);
    expect(etaAt('warmup', { ...settings, warmupThen: 'constant' }, 500)).toBe(0.1);
    expect(etaAt('warmup', { ...settings, warmupThen: 'exponential' }, 660)).toBeCloseTo(0.005, 12);
  });
});

describe('invalid parameters get the engine validator’s message', () => {
  it('a zero step interval, a zero factor, a zero decay rate, a zero length', () => {
    expect(scheduleProblem('step', { ...settings, stepEvery: 0 })).toBe("The step schedule's interval must be a whole number of steps ≥ 1, got 0");
    expect(scheduleProblem('step', { ...settings, stepFactor: 0 })).toBe("The step schedule's factor must be > 0 and ≤ 1, got 0");
    expect(scheduleProblem('exponential', { ...settings, exponentialRate: 0 })).toBe('The exponential decay rate must be > 0 and ≤ 1, got 0');
    expect(scheduleProblem('exponential', { ...settings, exponentialSteps: 0 })).toBe("The exponential decay's step count must be a positive number, got 0");
    expect(scheduleProblem('cosine', { ...settings, cosineSteps: 0 })).toBe("The cosine schedule's length must be a whole number of steps ≥ 1, got 0");
    expect(scheduleProblem('warmup', { ...settings, warmupSteps: 0 })).toBe('The warm-up length must be a whole number of steps ≥ 1, got 0');
  });

  it('a cosine floor above η₀, also when the warm-up hands over to that cosine', () => {
    const high = { ...settings, cosineMin: 0.5 };
    expect(scheduleProblem('cosine', high)).toBe("The cosine schedule's minimum learning rate (0.5) is above the learning rate (0.1)");
    expect(scheduleProblem('warmup', high)).toBe("After warm-up: The cosine schedule's minimum learning rate (0.5) is above the learning rate (0.1)");
    expect(scheduleProblem('warmup', { ...high, warmupThen: 'constant' })).toBeNull();
    expect(scheduleProblem('constant', high)).toBeNull();
  });

  it('the defaults are all valid', () => {
    for (const kind of SCHEDULE_KINDS) expect(scheduleProblem(kind, DEFAULT_SETTINGS)).toBeNull();
    expect(optimizerProblem(DEFAULT_SETTINGS)).toBeNull();
  });
});

describe('the η chart', () => {
  it('samples each valid schedule from step 0 to the run length and leaves invalid ones out', () => {
    const series = scheduleSeries(['constant', 'step', 'cosine'], { ...settings, cosineSteps: 0 });
    expect(series.map((entry) => entry.kind)).toEqual(['constant', 'step']);
    const step = series[1];
    expect(step.X[0]).toBe(0);
    expect(step.X[step.X.length - 1]).toBe(600);
    expect(step.X.length).toBeLessThanOrEqual(400);
    expect(step.Y[0]).toBeCloseTo(0.1, 12);
    expect(step.Y[step.Y.length - 1]).toBeCloseTo(0.0027, 12);
  });

  it('has every step of a short run', () => {
    const [series] = scheduleSeries(['cosine'], { ...settings, steps: 100, cosineSteps: 100 });
    expect(series.X).toEqual(Array.from({ length: 101 }, (_, i) => i));
    expect(series.Y[50]).toBeCloseTo(0.05, 12);
  });
});

describe('formulas with the numbers put in', () => {
  it('writes each rule with the settings', () => {
    expect(scheduleTexWithValues('constant', settings)).toBe('\\eta_t = 0.1');
    expect(scheduleTexWithValues('step', settings)).toBe('\\eta_t = 0.1 \\cdot 0.3^{\\lfloor t / 200 \\rfloor}');
    expect(scheduleTexWithValues('exponential', settings)).toBe('\\eta_t = 0.1 \\cdot 0.05^{\\,t / 600}');
    expect(scheduleTexWithValues('cosine', settings)).toBe('\\eta_t = 0 + 0.05\\bigl(1 + \\cos\\tfrac{\\pi t}{600}\\bigr)');
    expect(scheduleTexWithValues('warmup', settings)).toBe('\\eta_t = 0.1 \\cdot \\tfrac{t + 1}{60} \\;\\; (t < 60)');
  });

  it('writes tiny and huge numbers with powers of ten', () => {
    expect(texNumber(0.0001)).toBe('1 \\times 10^{-4}');
    expect(texNumber(250000)).toBe('2.5 \\times 10^{5}');
    expect(texNumber(0.003)).toBe('0.003');
  });
});

describe('the optimizer and the training configs', () => {
  it('gives the engine the chosen update rule with its own hyper-parameters', () => {
    expect(optimizerConfig({ optimizer: 'momentum', momentum: 0.9, weightDecay: 0.01 })).toEqual({ kind: 'momentum', momentum: 0.9 });
    expect(optimizerConfig({ optimizer: 'adam', momentum: 0.9, weightDecay: 0.01 })).toEqual({ kind: 'adam' });
    expect(optimizerConfig({ optimizer: 'adamw', momentum: 0.9, weightDecay: 0.02 })).toEqual({ kind: 'adamw', weightDecay: 0.02 });
  });

  it('gives every schedule the same network, seed, batch, η₀ and optimizer: only the schedule differs', () => {
    const configs = SCHEDULE_KINDS.map((kind) => trainingConfig(kind, settings));
    const withoutSchedule = configs.map(({ schedule: _schedule, ...rest }) => rest);
    for (const rest of withoutSchedule) expect(rest).toEqual(withoutSchedule[0]);
    expect(configs.map((config) => config.schedule?.kind)).toEqual([...SCHEDULE_KINDS]);
    expect(configs[0].evaluateEvery).toBe(evaluationInterval(600));
  });

  it('evaluates about 24 times a run, at least every 5 steps', () => {
    expect(evaluationInterval(600)).toBe(25);
    expect(evaluationInterval(50)).toBe(5);
    expect(evaluationInterval(5000)).toBe(208);
  });
});

describe('the training images', () => {
  it('draws distinct indices, the same for the same seed, others for another seed', () => {
    const a = selectTrainingIndices(2000, 1000, 1);
    expect(a).toHaveLength(1000);
    expect(new Set(a).size).toBe(1000);
    expect(Math.max(...a)).toBeLessThan(2000);
    expect(selectTrainingIndices(2000, 1000, 1)).toEqual(a);
    expect(selectTrainingIndices(2000, 1000, 2)).not.toEqual(a);
    expect(selectTrainingIndices(10, 50, 1)).toHaveLength(10);
  });

  it('gathers images and one-hot labels in the order of the indices', () => {
    const split: DatasetSplit = {
      images: Uint8Array.from({ length: 3 * 4 }, (_, i) => i),
      labels: Uint8Array.from([2, 0, 1]),
      count: 3,
      imageWidth: 2,
      imageHeight: 2,
      classNames: ['a', 'b', 'c'],
    } as DatasetSplit;
    const data = gatherLabelledImages(split, [2, 0]);
    expect(Array.from(data.inputs)).toEqual([8, 9, 10, 11, 0, 1, 2, 3]);
    expect(Array.from(data.targets)).toEqual([0, 1, 0, 0, 0, 1]);
    expect(data).toMatchObject({ count: 2, inputSize: 4, targetSize: 3 });
  });
});

describe('the results table', () => {
  it('reads the final and best validation accuracy and the recent training loss from the curves', () => {
    const summary = summarizeRun({ steps: [0, 25, 50, 75], accuracy: [0.1, 0.8, 0.85, 0.83] }, { values: [2, 1, 0.5, 0.3] }, 2);
    expect(summary.latest).toEqual({ accuracy: 0.83, step: 75 });
    expect(summary.best).toEqual({ accuracy: 0.85, step: 50 });
    expect(summary.recentLoss).toBeCloseTo(0.4, 12);
    expect(summarizeRun({ steps: [], accuracy: [] }, { values: [] })).toEqual({ latest: null, best: null, recentLoss: null });
  });

  it('keeps the first step of a tied best', () => {
    expect(summarizeRun({ steps: [0, 10, 20], accuracy: [0.5, 0.9, 0.9] }, { values: [] }).best).toEqual({ accuracy: 0.9, step: 10 });
  });

  it('names the leaders among finished runs only', () => {
    const summary = (accuracy: number) => ({ latest: { accuracy, step: 600 }, best: null, recentLoss: null });
    expect(
      leaders([
        { kind: 'constant', summary: summary(0.7), finished: true },
        { kind: 'step', summary: summary(0.8), finished: true },
        { kind: 'cosine', summary: summary(0.8), finished: true },
        { kind: 'exponential', summary: summary(0.9), finished: false },
      ]),
    ).toEqual(['step', 'cosine']);
    expect(leaders([{ kind: 'constant', summary: summary(0.7), finished: false }])).toEqual([]);
  });
});

describe('the widget state from its runs', () => {
  it('errors and loading win, then training, then paused, ready only when none has moved', () => {
    expect(combinedStatus(['ready', 'error', 'training'])).toBe('error');
    expect(combinedStatus(['ready', 'loading'])).toBe('loading');
    expect(combinedStatus(['paused', 'training'])).toBe('training');
    expect(combinedStatus(['ready', 'diverged'])).toBe('paused');
    expect(combinedStatus(['diverged', 'diverged'])).toBe('diverged');
    expect(combinedStatus(['ready', 'ready'])).toBe('ready');
    expect(combinedStatus([])).toBe('loading');
  });
});

describe('the share link', () => {
  it('keeps the selected schedules in order and rejects unknown ones', () => {
    expect(parseEnabled('cosine,constant')).toEqual({ value: ['constant', 'cosine'] });
    expect(parseEnabled('none')).toEqual({ value: [] });
    expect(parseEnabled('cosine,linear')).toEqual({ problem: 'Schedule "linear" in the link is not one of constant, step, exponential, cosine, warmup' });
    expect(serializeEnabled(['warmup', 'constant'])).toBe('constant,warmup');
    expect(serializeEnabled([])).toBe('none');
  });

  it('round-trips every setting and falls back to the defaults for a mangled value, saying why', () => {
    const changed: ScheduleLabSettings = { ...DEFAULT_SETTINGS, optimizer: 'adamw', learningRate: 0.004, on: 'step,cosine', stepFactor: 0.5, warmupThen: 'step', seed: 7 };
    const search = writeSharedSettings('', 'schedules', changed, DEFAULT_SETTINGS);
    expect(readSharedSettings(search, 'schedules', settingsSchema, DEFAULT_SETTINGS)).toEqual({ values: changed, problems: [] });
    const mangled = readSharedSettings('?schedules.on=cosine,bogus&schedules.learningRate=fast&schedules.warmupThen=warmup', 'schedules', settingsSchema, DEFAULT_SETTINGS);
    expect(mangled.values).toEqual(DEFAULT_SETTINGS);
    expect(mangled.problems).toHaveLength(3);
  });
});

describe('read-outs', () => {
  it('formats η compactly', () => {
    expect(formatRate(0.1)).toBe('0.1');
    expect(formatRate(0.0223607)).toBe('0.02236');
    expect(formatRate(0.0001667)).toBe('1.67e-4');
    expect(formatRate(null)).toBe('–');
  });
});
