import { describe, expect, it } from 'vitest';
import {
  INPUT_MAX,
  INPUT_MIN,
  activationGalleryReducer,
  computeCurves,
  computeReadout,
  computeTangent,
  computeValueDomain,
  createActivationGalleryState,
  formatValue,
  normalizeInput,
  sampleCurve,
} from '../../../../src/widgets/activation-gallery/activation-gallery-state';
import { ACTIVATIONS, type ActivationName } from '../../../../src/core/math/activations';

describe('activation gallery state', () => {
  it('starts from props, with safe defaults', () => {
    expect(createActivationGalleryState()).toEqual({ activation: 'sigmoid', input: 1, compareAll: false });
    expect(createActivationGalleryState('relu', 12).input).toBe(INPUT_MAX);
    expect(createActivationGalleryState('nonsense' as ActivationName, -2).activation).toBe('sigmoid');
  });

  it('clamps and snaps inputs, and ignores non-numbers', () => {
    expect(normalizeInput(-9)).toBe(INPUT_MIN);
    expect(normalizeInput(1.234)).toBe(1.25);
    expect(normalizeInput(Number.NaN)).toBe(0);
    expect(Object.is(normalizeInput(-0.01), 0)).toBe(true);
  });

  it('reduces actions', () => {
    const start = createActivationGalleryState('sigmoid', 0);
    const relu = activationGalleryReducer(start, { type: 'selectActivation', activation: 'relu' });
    expect(relu.activation).toBe('relu');
    expect(relu.input).toBe(0);
    const moved = activationGalleryReducer(relu, { type: 'setInput', input: 2.5 });
    expect(moved.input).toBe(2.5);
    expect(activationGalleryReducer(moved, { type: 'setInput', input: 2.5 })).toBe(moved);
    expect(activationGalleryReducer(moved, { type: 'setCompareAll', compareAll: true }).compareAll).toBe(true);
  });

  it('reads out f and its derivative, with a note at a kink', () => {
    const sigmoidAtZero = computeReadout('sigmoid', 0);
    expect(sigmoidAtZero.value).toBe(0.5);
    expect(sigmoidAtZero.derivative).toBe(0.25);
    expect(sigmoidAtZero.note).toBeNull();
    expect(computeReadout('relu', 0).note).toMatch(/undefined at x = 0/);
    expect(computeReadout('step', 0).note).toMatch(/reported as 0\.000/);
    expect(computeReadout('relu', 1).note).toBeNull();
  });

  it('formats numbers with a real minus sign and no negative zero', () => {
    expect(formatValue(-1.5)).toBe('−1.500');
    expect(formatValue(-0.0001)).toBe('0.000');
    expect(formatValue(0.25)).toBe('0.250');
  });

  it('splits curves at jumps, each side keeping its own value', () => {
    const segments = sampleCurve(ACTIVATIONS.step.apply, [0]);
    expect(segments).toHaveLength(2);
    expect(segments[0][0].x).toBe(INPUT_MIN);
    expect(segments[0].every((point) => point.y === 0)).toBe(true);
    expect(segments[1].every((point) => point.y === 1)).toBe(true);
    expect(segments[1][segments[1].length - 1].x).toBe(INPUT_MAX);
    const smooth = computeCurves(ACTIVATIONS.sigmoid);
    expect(smooth.value).toHaveLength(1);
    expect(smooth.derivative).toHaveLength(1);
  });

  it('fits both curves in the y range', () => {
    const [low, high] = computeValueDomain(computeCurves(ACTIVATIONS.relu));
    expect(low).toBeLessThan(0);
    expect(high).toBeGreaterThan(5);
    const [tanhLow] = computeValueDomain(computeCurves(ACTIVATIONS.tanh));
    expect(tanhLow).toBeLessThan(-1);
  });

  it('draws the tangent with slope f′(x)', () => {
    const tangent = computeTangent('sigmoid', 0, 1);
    expect(tangent.from).toEqual({ x: -1, y: 0.25 });
    expect(tangent.to).toEqual({ x: 1, y: 0.75 });
  });
});
