import { describe, expect, it } from 'vitest';
import { readSharedSettings } from '../../../../src/core/url/shared-settings';
import {
  DEFAULT_SETTINGS,
  findEvent,
  formatFromLog10,
  gradientSurvival,
  layersToShrinkBelow,
  neighbourEvent,
  powerOfTen,
  settingsSchema,
  sigmoidSlope,
  sigmoidSurvivalLog10,
  SIGMOID_MAX_SLOPE,
  survivalSentence,
  TIMELINE_EVENTS,
  YEAR_RANGE,
} from '../../../../src/widgets/deep-learning-timeline/deep-learning-timeline-state';

describe('timeline events', () => {
  it('are in time order, inside the axis, with unique ids', () => {
    const years = TIMELINE_EVENTS.map((event) => event.year);
    expect(years).toEqual([...years].sort((a, b) => a - b));
    expect(Math.min(...years)).toBeGreaterThanOrEqual(YEAR_RANGE[0]);
    expect(Math.max(...years)).toBeLessThanOrEqual(YEAR_RANGE[1]);
    expect(new Set(TIMELINE_EVENTS.map((event) => event.id)).size).toBe(TIMELINE_EVENTS.length);
  });

  it('carry the dates of the papers', () => {
    const year = (id: string) => findEvent(id).year;
    expect([year('perceptron'), year('backprop'), year('zip-codes'), year('lenet-5'), year('imagenet'), year('alexnet'), year('batch-norm'), year('resnet')]).toEqual([
      1958, 1986, 1989, 1998, 2009, 2012, 2015, 2015,
    ]);
  });

  it('step to neighbours, clamped at both ends; an unknown id gives the default event', () => {
    expect(neighbourEvent('perceptron', -1)).toBe('perceptron');
    expect(neighbourEvent('perceptron', 1)).toBe('perceptrons-book');
    expect(neighbourEvent('resnet', 1)).toBe('resnet');
    expect(findEvent('nope').id).toBe(DEFAULT_SETTINGS.event);
  });

  it('share link: event and depth, a mangled one gives defaults and a message', () => {
    expect(readSharedSettings('?timeline.event=relu&timeline.layers=20', 'timeline', settingsSchema, DEFAULT_SETTINGS).values).toEqual({ event: 'relu', layers: 20 });
    const bad = readSharedSettings('?timeline.event=skynet&timeline.layers=9999', 'timeline', settingsSchema, DEFAULT_SETTINGS);
    expect(bad.values).toEqual({ event: DEFAULT_SETTINGS.event, layers: 160 });
    expect(bad.problems).toHaveLength(1);
  });
});

describe('gradient survival', () => {
  it('the sigmoid’s slope peaks at 1/4 at 0', () => {
    expect(sigmoidSlope(0)).toBe(SIGMOID_MAX_SLOPE);
    for (const z of [-3, -0.5, 0.5, 2]) expect(sigmoidSlope(z)).toBeLessThan(0.25);
  });

  it('is 0.25ⁿ through n sigmoid layers and 1 through ReLU layers', () => {
    expect(gradientSurvival('sigmoid', 1)).toBe(0.25);
    expect(gradientSurvival('sigmoid', 3)).toBe(1 / 64);
    expect(gradientSurvival('sigmoid', 10)).toBeCloseTo(9.5367e-7, 10);
    expect(gradientSurvival('relu', 152)).toBe(1);
    expect(sigmoidSurvivalLog10(10)).toBeCloseTo(Math.log10(9.5367431640625e-7), 10);
  });

  it('falls below a millionth after 10 sigmoid layers (0.25⁹ ≈ 3.8 × 10⁻⁶, 0.25¹⁰ ≈ 9.5 × 10⁻⁷)', () => {
    expect(layersToShrinkBelow(1e-6)).toBe(10);
    expect(layersToShrinkBelow(0.25)).toBe(1);
    expect(layersToShrinkBelow(1 / 16)).toBe(2);
  });

  it('writes numbers for people, even where the power underflows', () => {
    expect(formatFromLog10(0)).toBe('1');
    expect(formatFromLog10(Math.log10(0.0625))).toBe('0.0625');
    expect(formatFromLog10(sigmoidSurvivalLog10(10))).toBe('9.5 × 10⁻⁷');
    expect(formatFromLog10(sigmoidSurvivalLog10(8))).toBe('1.5 × 10⁻⁵');
    expect(formatFromLog10(sigmoidSurvivalLog10(152))).toBe('3.1 × 10⁻⁹²');
    expect(formatFromLog10(-5.99999)).toBe('1.0 × 10⁻⁶');
    expect(powerOfTen(-20)).toBe('10⁻²⁰');
    expect(survivalSentence(10)).toBe(
      'Through 10 sigmoid layers, at most 0.25¹⁰ = 9.5 × 10⁻⁷ of the gradient survives; through 10 ReLU layers, along active units, all of it (1).',
    );
  });
});
