import { describe, expect, it } from 'vitest';
import { summarizeNetwork } from '../../../../src/core/nn/network-spec';
import type { ReadoutValue } from '../../../../src/core/training/readouts';
import { validateTrainingConfig } from '../../../../src/core/training/training-config';
import {
  DEFAULT_SETTINGS,
  NORM_FLOOR,
  combinedStatus,
  decadeTicks,
  decadesBetween,
  describeProfiles,
  formatDecade,
  formatNorm,
  initializerFor,
  keepFirstProfiles,
  logDomain,
  normProfile,
  twoSpirals,
  vanishingConfig,
  type NormProfile,
} from '../../../../src/widgets/vanishing-gradients/vanishing-gradients-state';

const norms = (step: number, values: number[]): ReadoutValue => ({
  kind: 'gradient-norms',
  step,
  // Deliberately out of order: the profile sorts by layer.
  layers: values.map((norm, layer) => ({ layer, name: `dense-${layer + 1}`, norm })).reverse(),
});

describe('vanishing gradients: the runs', () => {
  it('builds depth dense layers of the chosen activation and a linear output unit, full batch', () => {
    const config = vanishingConfig('tanh', { ...DEFAULT_SETTINGS, depth: 4, width: 8 }, 200);
    expect(config.network.layers).toHaveLength(5);
    expect(config.network.layers.slice(0, 4).every((layer) => layer.kind === 'dense' && layer.units === 8 && layer.activation === 'tanh')).toBe(true);
    expect(config.network.layers[4]).toEqual({ kind: 'dense', units: 1, activation: 'linear' });
    expect(config.loss).toBe('sigmoid-cross-entropy');
    expect(config.batchSize).toBe(200);
    expect(config.seed).toBe(DEFAULT_SETTINGS.seed);
    expect(validateTrainingConfig(config)).toBeNull();
    expect(summarizeNetwork(config.network).map((layer) => layer.outputShape)).toEqual([[8], [8], [8], [8], [1]]);
  });

  it('gives the three activations the same structure, so the same seed gives the same starting weights', () => {
    const [sigmoid, relu] = [vanishingConfig('sigmoid', DEFAULT_SETTINGS, 200), vanishingConfig('relu', DEFAULT_SETTINGS, 200)];
    expect(sigmoid.network.layers.map((layer) => ({ ...layer, activation: undefined }))).toEqual(relu.network.layers.map((layer) => ({ ...layer, activation: undefined })));
    expect(sigmoid.network.initialization).toEqual(relu.network.initialization);
  });

  it('maps the initialization choices to the engine initializers', () => {
    expect(initializerFor('glorot-normal')).toEqual({ kind: 'glorot-normal' });
    expect(initializerFor('he-normal')).toEqual({ kind: 'he-normal' });
    expect(initializerFor('normal-small')).toEqual({ kind: 'normal', std: 0.1 });
    expect(initializerFor('normal-one')).toEqual({ kind: 'normal', std: 1 });
  });

  it('draws two balanced spirals in about [−1, 1]², the same for the same seed', () => {
    const data = twoSpirals(7);
    expect(data.count).toBe(200);
    expect(data.inputs).toHaveLength(400);
    expect(data.targets.reduce((sum, t) => sum + t, 0)).toBe(100);
    expect(Math.max(...data.inputs.map(Math.abs))).toBeLessThan(1.3);
    expect(twoSpirals(7)).toEqual(data);
    expect(twoSpirals(8).inputs).not.toEqual(data.inputs);
    // The arms are point-symmetric: the last point of arm 1 sits opposite the last point of arm 0 (up to noise).
    expect(data.inputs[2 * 99] + data.inputs[2 * 199]).toBeCloseTo(0, 0);
  });

  it('combines the three runs into one public state', () => {
    expect(combinedStatus(['ready', 'ready', 'ready'])).toBe('ready');
    expect(combinedStatus(['ready', 'loading', 'ready'])).toBe('loading');
    expect(combinedStatus(['paused', 'training', 'paused'])).toBe('training');
    expect(combinedStatus(['paused', 'diverged', 'paused'])).toBe('paused');
    expect(combinedStatus(['diverged', 'diverged', 'diverged'])).toBe('diverged');
    expect(combinedStatus(['training', 'error', 'paused'])).toBe('error');
  });
});

describe('vanishing gradients: norm summaries', () => {
  it('orders the norms by layer and computes first ÷ last', () => {
    const profile = normProfile('sigmoid', norms(5, [1e-6, 1e-4, 1e-2]));
    expect(profile).toMatchObject({ activation: 'sigmoid', step: 5, norms: [1e-6, 1e-4, 1e-2], first: 1e-6, last: 1e-2 });
    expect(profile?.ratio).toBeCloseTo(1e-4, 15);
    expect(normProfile('relu', undefined)).toBeNull();
    expect(normProfile('relu', { kind: 'gradient-norms', step: 0, layers: [] })).toBeNull();
    expect(decadesBetween(1e-6, 1e-2)).toBeCloseTo(-4, 12);
    expect(decadesBetween(0, 1)).toBeNull();
  });

  it('spans whole decades on the log axis, floors zeros and thins the ticks', () => {
    const a = normProfile('sigmoid', norms(1, [3e-7, 2e-3]));
    const b = normProfile('relu', norms(1, [0.5, 4]));
    expect(logDomain([a, b, null])).toEqual([-7, 1]);
    expect(logDomain([])).toEqual([-3, 0]);
    expect(logDomain([normProfile('tanh', norms(1, [0.1, 0.1]))])).toEqual([-1, 0]);
    expect(logDomain([normProfile('relu', norms(1, [0, 1]))])).toEqual([Math.log10(NORM_FLOOR), 0]);
    expect(decadeTicks([-7, 1])).toEqual([-7, -5, -3, -1, 1]);
    expect(decadeTicks([-2, 0])).toEqual([-2, -1, 0]);
    expect(formatDecade(-6)).toBe('10⁻⁶');
    expect(formatDecade(0)).toBe('1');
    expect(formatDecade(1)).toBe('10');
    expect(formatDecade(12)).toBe('10¹²');
  });

  it('formats norms and ratios with two significant digits', () => {
    expect(formatNorm(3.04e-8)).toBe('3.0e−8');
    expect(formatNorm(0.41)).toBe('0.41');
    expect(formatNorm(4.83)).toBe('4.8');
    expect(formatNorm(12345)).toBe('1.2e4');
    expect(formatNorm(0)).toBe('0');
    expect(formatNorm(null)).toBe('–');
  });

  it('keeps each run’s first profile until the run restarts', () => {
    const early = [normProfile('sigmoid', norms(1, [1e-6, 1])), null, null];
    const kept = keepFirstProfiles([null, null, null], early);
    expect(kept).toEqual(early);
    const later = [normProfile('sigmoid', norms(50, [1e-7, 1e-7])), normProfile('tanh', norms(50, [0.1, 0.2])), null];
    const next = keepFirstProfiles(kept, later);
    expect(next[0]).toBe(kept[0]);
    expect(next[1]).toBe(later[1]);
    expect(keepFirstProfiles(next, later)).toBe(next);
    // Reset: the profile disappears, then a new first one arrives.
    expect(keepFirstProfiles(next, [null, later[1], null])[0]).toBeNull();
  });

  it('describes the chart in words: first and last norms, ratios now and at the start', () => {
    const start = normProfile('sigmoid', norms(1, [1e-8, 1e-2])) as NormProfile;
    const now = normProfile('sigmoid', norms(40, [2e-8, 1e-7])) as NormProfile;
    const text = describeProfiles([now, null, null], [start, null, null]);
    expect(text).toContain('Sigmoid at step 40: layer 1 2.0e−8, output layer 1.0e−7, ratio 0.2 (0.7 decades smaller at the input).');
    expect(text).toContain('At step 1 the ratio was 1.0e−6.');
    expect(describeProfiles([null, null, null])).toMatch(/No gradient norms yet/);
  });
});
