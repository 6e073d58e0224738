import { describe, expect, it } from 'vitest';
import { LOSS_SURFACES, SURFACE_NAMES } from '../../../../src/core/math/loss-surfaces';
import { OPTIMIZER_KINDS } from '../../../../src/core/training/optimizers/optimizer-config';
import { TrainingSession } from '../../../../src/core/training/training-session';
import {
  CIRCLE_POINT_COUNT,
  MAX_TRACE_POINTS,
  advanceSurfaceRace,
  bestCurrentLoss,
  createCircleData,
  createSurfaceRace,
  defaultRacerSettings,
  networkConfig,
  optimizerConfigOf,
  parseEnabled,
  parseRacer,
  rankRacers,
  serializeEnabled,
  serializeRacer,
  withSuggestedRates,
} from '../../../../src/widgets/optimizer-race/optimizer-race-state';

describe('the race on a surface', () => {
  it('starts every optimizer at the surface start with f there', () => {
    const race = createSurfaceRace('ravine');
    for (const kind of OPTIMIZER_KINDS) {
      expect(race.racers[kind].point).toEqual(LOSS_SURFACES.ravine.start);
      expect(race.racers[kind].lossValues).toEqual([LOSS_SURFACES.ravine.value(...LOSS_SURFACES.ravine.start)]);
    }
  });

  it('steps each optimizer by its own rule: SGD is w − η∇f, momentum doubles back on its velocity', () => {
    const settings = defaultRacerSettings('ravine');
    const race = advanceSurfaceRace(createSurfaceRace('ravine'), settings, 2);
    const [x0, y0] = LOSS_SURFACES.ravine.start;
    const sgdX1 = x0 - 0.045 * x0;
    expect(race.racers.sgd.path[1][0]).toBeCloseTo(sgdX1, 12);
    expect(race.racers.sgd.point[0]).toBeCloseTo(sgdX1 - 0.045 * sgdX1, 12);
    // Momentum: v1 = g0; v2 = 0.9 g0 + g1, with g = (x, 20y).
    const v1 = [x0, 20 * y0];
    const w1 = [x0 - 0.02 * v1[0], y0 - 0.02 * v1[1]];
    const v2 = [0.9 * v1[0] + w1[0], 0.9 * v1[1] + 20 * w1[1]];
    expect(race.racers.momentum.point[0]).toBeCloseTo(w1[0] - 0.02 * v2[0], 12);
    expect(race.racers.momentum.point[1]).toBeCloseTo(w1[1] - 0.02 * v2[1], 12);
    expect(race.step).toBe(2);
    expect(race.racers.adam.lossSteps).toEqual([0, 1, 2]);
  });

  it.each(['ravine', 'rosenbrock'] as const)('on the %s every optimizer gets far below the start with the suggested rates', (surface) => {
    const race = advanceSurfaceRace(createSurfaceRace(surface), defaultRacerSettings(surface), 1000);
    const start = LOSS_SURFACES[surface].value(...LOSS_SURFACES[surface].start);
    for (const kind of OPTIMIZER_KINDS) {
      expect(race.racers[kind].diverged).toBe(false);
      expect(race.racers[kind].lossValues.at(-1)).toBeLessThan(start / 10);
    }
    // The lesson's point on Rosenbrock: momentum beats plain SGD along the curved valley.
    if (surface === 'rosenbrock') expect(race.racers.momentum.lossValues.at(-1)).toBeLessThan(race.racers.sgd.lossValues.at(-1)! / 100);
  });

  it.each(SURFACE_NAMES)('no optimizer diverges on the %s with the suggested rates', (surface) => {
    const race = advanceSurfaceRace(createSurfaceRace(surface), defaultRacerSettings(surface), 500);
    for (const kind of OPTIMIZER_KINDS) expect(race.racers[kind].diverged).toBe(false);
  });

  it('stops a racer that diverges and keeps the others going; the best loss ignores it', () => {
    const settings = defaultRacerSettings('bowl');
    settings.sgd.learningRate = 3;
    const race = advanceSurfaceRace(createSurfaceRace('bowl'), settings, 80);
    expect(race.racers.sgd.diverged).toBe(true);
    expect(race.racers.adam.diverged).toBe(false);
    const stepsWhenStopped = race.racers.sgd.lossSteps.length;
    const later = advanceSurfaceRace(race, settings, 5);
    expect(later.racers.sgd.lossSteps).toHaveLength(stepsWhenStopped);
    expect(bestCurrentLoss(later, ['sgd'])).toBeNull();
    expect(bestCurrentLoss(later, ['sgd', 'adam'])).toBe(later.racers.adam.lossValues.at(-1));
    expect(rankRacers(later, ['sgd', 'adam', 'momentum']).at(-1)).toBe('sgd');
  });

  it('keeps at most MAX_TRACE_POINTS points per racer, the newest last', () => {
    const settings = defaultRacerSettings('bowl');
    let race = createSurfaceRace('bowl');
    for (let i = 0; i < 5; i++) race = advanceSurfaceRace(race, settings, 1000);
    expect(race.racers.sgd.path.length).toBeLessThanOrEqual(MAX_TRACE_POINTS);
    expect(race.racers.sgd.lossSteps.at(-1)).toBe(5000);
    expect(race.racers.sgd.lossSteps[0]).toBe(0);
  });
});

describe('settings', () => {
  it('round-trips every racer through its share-link text', () => {
    const settings = defaultRacerSettings('rosenbrock');
    settings.adamw = { ...settings.adamw, beta1: 0.8, weightDecay: 0.05, epsilon: 1e-8 };
    for (const kind of OPTIMIZER_KINDS) {
      const text = serializeRacer(kind, settings[kind]);
      expect(parseRacer(kind, text, defaultRacerSettings('bowl')[kind])).toEqual({ value: settings[kind] });
    }
    expect(serializeRacer('adamw', settings.adamw)).toBe('0.1,0.8,0.999,1e-8,0.05');
    expect(serializeRacer('momentum', settings.momentum)).toBe('0.001,0.9');
  });

  it('rejects mangled racer text with a reason', () => {
    const fallback = defaultRacerSettings('bowl').adam;
    expect(parseRacer('adam', '0.1,0.9', fallback)).toEqual({ problem: expect.stringMatching(/Adam needs 4 numbers/) });
    expect(parseRacer('adam', 'abc,0.9,0.999,1e-7', fallback)).toEqual({ problem: expect.stringMatching(/Adam η "abc"/) });
    expect(parseRacer('momentum', '0.1,1', fallback)).toEqual({ problem: expect.stringMatching(/μ "1" in the link is not a number from 0 to 0.999/) });
    expect(parseRacer('sgd', '-1', fallback)).toEqual({ problem: expect.stringMatching(/SGD η/) });
  });

  it('round-trips the enabled optimizers in the canonical order', () => {
    expect(serializeEnabled(['adam', 'sgd'])).toBe('sgd,adam');
    expect(serializeEnabled([])).toBe('none');
    expect(parseEnabled('adam,sgd')).toEqual({ value: ['sgd', 'adam'] });
    expect(parseEnabled('none')).toEqual({ value: [] });
    expect(parseEnabled('sgd,lion')).toEqual({ problem: expect.stringMatching(/"lion"/) });
  });

  it('swaps in the suggested rates for a new target and keeps the other hyper-parameters', () => {
    const settings = defaultRacerSettings('bowl');
    settings.momentum.momentum = 0.5;
    const swapped = withSuggestedRates(settings, 'rosenbrock');
    expect(swapped.momentum).toEqual({ ...settings.momentum, learningRate: 0.001 });
    expect(optimizerConfigOf('adamw', swapped.adamw)).toEqual({ kind: 'adamw', beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0.01 });
    expect(optimizerConfigOf('sgd', swapped.sgd)).toEqual({ kind: 'sgd' });
  });
});

describe('the real network', () => {
  it('makes a seeded, balanced circle dataset', () => {
    const data = createCircleData();
    expect(data.count).toBe(CIRCLE_POINT_COUNT);
    expect(Array.from(data.targets).filter((t) => t === 1)).toHaveLength(CIRCLE_POINT_COUNT / 2);
    expect(Array.from(createCircleData().inputs)).toEqual(Array.from(data.inputs));
    for (let i = 0; i < data.count; i++) {
      const radius = Math.hypot(data.inputs[2 * i], data.inputs[2 * i + 1]);
      expect(radius).toBeLessThan(data.targets[i] === 1 ? 0.75 : 1.3);
    }
  });

  it('every optimizer lowers the loss of the 2-8-8-1 network with its suggested η (engine, cpu backend)', async () => {
    const settings = defaultRacerSettings('network');
    const data = createCircleData();
    const finals: Record<string, number> = {};
    for (const kind of OPTIMIZER_KINDS) {
      const session = new TrainingSession(networkConfig(kind, settings[kind]), data, null);
      try {
        session.runSteps(150);
        const curve = (await session.collect()).trainLoss.values;
        expect(curve[0]).toBeGreaterThan(0.6);
        finals[kind] = curve.at(-1)!;
        expect(finals[kind], kind).toBeLessThan(curve[0] * 0.8);
      } finally {
        session.dispose();
      }
    }
  });
});
