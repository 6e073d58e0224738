import { describe, expect, it } from 'vitest';
import { histogram } from '../../../../src/core/math/histogram';
import { readSharedSettings } from '../../../../src/core/url/shared-settings';
import { validateTrainingConfig } from '../../../../src/core/training/training-config';
import type { DatasetSplit } from '../../../../src/core/data/load-dataset';
import type { ReadoutValue } from '../../../../src/core/training/readouts';
import {
  DEFAULT_SETTINGS,
  INIT_KINDS,
  PROBE_IMAGES,
  TRAINING_IMAGES,
  VALIDATION_IMAGES,
  combinedStatus,
  describeActivations,
  displayBins,
  edgeFraction,
  fanTable,
  formatPercent,
  formatValue,
  gradientLayers,
  histogramRange,
  keepFirstReadout,
  histogramReadouts,
  labData,
  networkSpec,
  runSummary,
  settingsSchema,
  summarizeLayers,
  trainingConfig,
  varianceGain,
} from '../../../../src/widgets/initialization-lab/initialization-lab-state';

describe('the initialization lab network', () => {
  it('has ten hidden dense layers of the chosen width and activation, then ten linear logits, all drawn by the chosen initializer', () => {
    const spec = networkSpec('he', 'relu', 100);
    expect(spec.inputShape).toEqual([784]);
    expect(spec.layers).toHaveLength(11);
    for (const layer of spec.layers.slice(0, 10)) expect(layer).toMatchObject({ kind: 'dense', units: 100, activation: 'relu' });
    expect(spec.layers[10]).toMatchObject({ kind: 'dense', units: 10, activation: 'linear' });
    expect(spec.initialization).toEqual({ kind: 'he-normal' });
    expect(networkSpec('small', 'tanh', 50).initialization).toEqual({ kind: 'normal', std: 0.01 });
    expect(networkSpec('unit', 'tanh', 50).initialization).toEqual({ kind: 'normal', std: 1 });
    expect(networkSpec('xavier', 'tanh', 50).initialization).toEqual({ kind: 'glorot-normal' });
  });

  it('trains the four starts with everything but the initializer equal, and a valid config', () => {
    const configs = INIT_KINDS.map((kind) => trainingConfig(kind, DEFAULT_SETTINGS));
    for (const config of configs) {
      expect(validateTrainingConfig(config)).toBeNull();
      const { network, ...rest } = config;
      const { network: first, ...firstRest } = configs[0];
      expect(rest).toEqual(firstRest);
      expect(network.layers).toEqual(first.layers);
    }
    expect(configs[0]).toMatchObject({ loss: 'softmax-cross-entropy', seed: 1, optimizer: { kind: 'momentum', momentum: 0.9 } });
  });

  it('asks for activation histograms of the ten hidden layers over a fixed range per activation, and gradient histograms', () => {
    const probe = { inputs: new Uint8Array(PROBE_IMAGES * 784), targets: new Float32Array(PROBE_IMAGES * 10), count: PROBE_IMAGES, inputSize: 784, targetSize: 10 };
    const readouts = histogramReadouts('tanh', probe);
    expect(readouts.activations).toMatchObject({ kind: 'activation-histograms', layers: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], range: [-1, 1], count: PROBE_IMAGES });
    expect(readouts.gradients).toMatchObject({ kind: 'gradient-histograms' });
    expect('range' in readouts.gradients).toBe(false);
    expect(histogramRange('relu')).toEqual([-2, 2]);
  });
});

describe('the settings', () => {
  it('read from a share link, and fall back with a problem for a mangled one', () => {
    const good = readSharedSettings(
      '?init.activation=relu&init.inspect=he&init.when=now&init.width=64&init.learningRate=0.05&init.steps=900&init.seed=7',
      'init',
      settingsSchema,
      DEFAULT_SETTINGS,
    );
    expect(good).toEqual({ values: { activation: 'relu', inspect: 'he', when: 'now', width: 64, learningRate: 0.05, steps: 900, seed: 7 }, problems: [] });
    const bad = readSharedSettings('?init.activation=sigmoid&init.width=lots&init.steps=1e9', 'init', settingsSchema, DEFAULT_SETTINGS);
    expect(bad.values.activation).toBe('tanh');
    expect(bad.values.width).toBe(100);
    expect(bad.values.steps).toBe(5000);
    expect(bad.problems).toHaveLength(2);
  });
});

describe('the numbers behind the formulas', () => {
  it('gives each rule its σ for layer 1 (784 → 100), the hidden layers (100 → 100) and the output (100 → 10)', () => {
    const [first, hidden, output] = fanTable(100);
    expect(first).toMatchObject({ layers: 'Layer 1', fanIn: 784, fanOut: 100 });
    expect(first.std.small).toBe(0.01);
    expect(first.std.unit).toBe(1);
    expect(first.std.xavier).toBeCloseTo(Math.sqrt(2 / 884), 12); // 0.04757
    expect(first.std.he).toBeCloseTo(Math.sqrt(2 / 784), 12); // 0.05051
    expect(hidden).toMatchObject({ layers: 'Layers 2–10', fanIn: 100, fanOut: 100 });
    expect(hidden.std.xavier).toBeCloseTo(0.1, 12);
    expect(hidden.std.he).toBeCloseTo(Math.sqrt(0.02), 12);
    expect(output).toMatchObject({ fanIn: 100, fanOut: 10 });
    expect(output.std.xavier).toBeCloseTo(Math.sqrt(2 / 110), 12);
  });

  it('says how much a hidden layer multiplies the variance, n_in·σ²: 0.01, 100, 1 and 2 at width 100', () => {
    expect(varianceGain('small', 100)).toBeCloseTo(0.01, 12);
    expect(varianceGain('unit', 100)).toBeCloseTo(100, 12);
    expect(varianceGain('xavier', 100)).toBeCloseTo(1, 12);
    expect(varianceGain('he', 100)).toBeCloseTo(2, 12);
    expect(varianceGain('xavier', 37)).toBeCloseTo(1, 12);
  });
});

describe('the histogram summaries', () => {
  const tanhReadout: ReadoutValue = {
    kind: 'activation-histograms',
    step: 0,
    layers: [
      { layer: 1, name: 'hidden 2', histogram: histogram([0, 0, 0.5, -1, 1], 4, [-1, 1]) },
      { layer: 0, name: 'hidden 1', histogram: histogram([0.2, -0.2], 4, [-1, 1]) },
    ],
  };

  it('orders the layers, numbers them from 1 and keeps each mean and std', () => {
    const layers = summarizeLayers(tanhReadout);
    expect(layers.map((layer) => layer.layer)).toEqual([1, 2]);
    expect(layers[0]).toMatchObject({ mean: 0, zeroFraction: 0, edgeFraction: 0 });
    expect(layers[0].std).toBeCloseTo(0.2, 6);
    // [0, 0, 0.5, −1, 1]: μ = 0.1, σ² = (0.01·2 + 0.16 + 1.21 + 0.81) / 5 = 0.44
    expect(layers[1].mean).toBeCloseTo(0.1, 6);
    expect(layers[1].std).toBeCloseTo(Math.sqrt(0.44), 6);
    expect(layers[1].zeroFraction).toBeCloseTo(0.4, 12);
    // bins of [−1, 1] by 0.5: −1 in the first, 0.5 and 1 in the last: 3 of 5 at the edges
    expect(layers[1].edgeFraction).toBeCloseTo(0.6, 12);
    expect(summarizeLayers(undefined)).toEqual([]);
  });

  it('counts the edge bins: both for tanh, only the upper one for ReLU', () => {
    // bins [−2, −1), [−1, 0), [0, 1), [1, 2]: −2, −2 in the first; 1 and 2 in the last
    const h = histogram([-2, -2, 0, 1, 2], 4, [-2, 2]);
    expect(edgeFraction(h)).toBeCloseTo(4 / 5, 12);
    expect(edgeFraction(h, true)).toBeCloseTo(2 / 5, 12);
  });

  it('draws all bins for tanh, and for ReLU only x ≥ 0 with the exact zeros taken out of the first bar', () => {
    const tanh = displayBins(histogram([-0.9, 0.1, 0.2, 0.9], 4, [-1, 1]), 'tanh');
    expect(tanh).toEqual({ lo: -1, hi: 1, shares: [0.25, 0, 0.5, 0.25], zeroShare: 0 });
    // ReLU outputs: half exactly 0; 0.3, 0.4 in [0, 0.5); 1.2 in [1, 1.5); 3 is past the axis: the last bin, [1.5, 2].
    const relu = displayBins(histogram([0, 0, 0, 0, 0.3, 0.4, 1.2, 3], 8, [-2, 2]), 'relu');
    expect(relu.lo).toBe(0);
    expect(relu.hi).toBe(2);
    expect(relu.zeroShare).toBe(0.5);
    expect(relu.shares).toEqual([0.25, 0, 0.125, 0.125]);
  });

  it('keeps the first histograms since a (re)build: later steps leave them, a new step 0 replaces them, empty ones do not count', () => {
    const at = (step: number, layers = 1): ReadoutValue => ({
      kind: 'gradient-histograms',
      step,
      layers: Array.from({ length: layers }, (_, layer) => ({ layer, name: 'dense', histogram: histogram([step], 2) })),
    });
    const first = at(1);
    expect(keepFirstReadout(undefined, first)).toBe(first);
    expect(keepFirstReadout(first, at(25))).toBe(first);
    const rebuilt = at(0);
    expect(keepFirstReadout(first, rebuilt)).toBe(rebuilt);
    // gradients before any step come back without layers: nothing to keep yet
    expect(keepFirstReadout(undefined, at(0, 0))).toBeUndefined();
    expect(keepFirstReadout(first, undefined)).toBeUndefined();
  });

  it('numbers the gradient layers from 1, the output layer last', () => {
    const readout: ReadoutValue = {
      kind: 'gradient-histograms',
      step: 1,
      layers: [
        { layer: 10, name: 'output', histogram: histogram([1], 2) },
        { layer: 0, name: 'hidden 1', histogram: histogram([1e-9], 2) },
      ],
    };
    expect(gradientLayers(readout).map((entry) => entry.layer)).toEqual([1, 11]);
    expect(gradientLayers(tanhReadout)).toEqual([]);
  });

  it('describes the activations for a screen reader with σ at layers 1, 5 and 10', () => {
    const layers = Array.from({ length: 10 }, (_, i) => ({ layer: i + 1, mean: 0, std: 10 ** -i, zeroFraction: 0, edgeFraction: 0, min: 0, max: 0 }));
    const text = describeActivations('small', 'tanh', layers, 0);
    expect(text).toContain('N(0, 0.01²) with tanh on 500 validation images at step 0');
    expect(text).toContain('layer 1 std 1, layer 5 std 1×10⁻⁴, layer 10 std 1×10⁻⁹');
  });
});

describe('the comparison', () => {
  it('averages the last 20 losses and keeps the newest and best validation accuracy', () => {
    const values = Array.from({ length: 30 }, (_, i) => (i < 10 ? 5 : 1 + (i % 2) * 0.5));
    expect(runSummary(30, { values }, { accuracy: [0.5, 0.8, 0.7] })).toEqual({ step: 30, loss: 1.25, accuracy: 0.7, bestAccuracy: 0.8 });
    expect(runSummary(0, { values: [] }, { accuracy: [] })).toEqual({ step: 0, loss: null, accuracy: null, bestAccuracy: null });
  });

  it('combines the four runs: loading or error first, then training, all diverged, paused', () => {
    expect(combinedStatus(['ready', 'loading', 'ready', 'ready'])).toBe('loading');
    expect(combinedStatus(['ready', 'error', 'ready', 'ready'])).toBe('error');
    expect(combinedStatus(['paused', 'training', 'diverged', 'paused'])).toBe('training');
    expect(combinedStatus(['diverged', 'diverged', 'diverged', 'diverged'])).toBe('diverged');
    expect(combinedStatus(['paused', 'diverged', 'paused', 'paused'])).toBe('paused');
    expect(combinedStatus(['ready', 'ready', 'ready', 'ready'])).toBe('ready');
  });

  it('takes its images once the splits hold enough: 2,000 training, 1,000 validation, the first 500 of them as the probe', () => {
    const split = (count: number): DatasetSplit => ({
      name: 'mnist',
      split: 'train',
      count,
      totalCount: 6000,
      imageWidth: 28,
      imageHeight: 28,
      classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
      images: new Uint8Array(count * 784).map((_, i) => i % 251),
      labels: new Uint8Array(count).map((_, i) => i % 10),
    });
    expect(labData(split(1999), split(6000))).toBeNull();
    expect(labData(split(2000), null)).toBeNull();
    const data = labData(split(4000), split(2000));
    expect(data?.train.count).toBe(TRAINING_IMAGES);
    expect(data?.validation.count).toBe(VALIDATION_IMAGES);
    expect(data?.probe.count).toBe(PROBE_IMAGES);
    expect(Array.from(data!.probe.inputs.slice(0, 784))).toEqual(Array.from(data!.validation.inputs.slice(0, 784)));
  });
});

describe('formatting', () => {
  it('writes numbers plainly between 0.001 and 10,000 and with powers of ten outside', () => {
    expect(formatValue(0.047565)).toBe('0.0476');
    expect(formatValue(-0.5)).toBe('−0.5');
    expect(formatValue(1.51e8)).toBe('1.5×10⁸');
    expect(formatValue(8.42e-11)).toBe('8.4×10⁻¹¹');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(null)).toBe('–');
    expect(formatValue(Infinity)).toBe('∞');
    expect(formatPercent(0.9123)).toBe('91.2%');
    expect(formatPercent(null)).toBe('–');
  });
});
