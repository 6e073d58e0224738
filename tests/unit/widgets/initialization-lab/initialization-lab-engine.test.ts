import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { labelledImages } from '../../../../src/core/data/labelled-images';
import { loadDatasetSplit, type DatasetSplit } from '../../../../src/core/data/load-dataset';
import { TrainingSession } from '../../../../src/core/training/training-session';
import {
  DEFAULT_SETTINGS,
  PROBE_IMAGES,
  gradientLayers,
  histogramReadouts,
  summarizeLayers,
  trainingConfig,
  type HiddenActivation,
  type InitKind,
  type LayerSummary,
} from '../../../../src/widgets/initialization-lab/initialization-lab-state';

/*
 * The lesson's claims, checked against the engine (TF.js CPU backend under Node) on real MNIST validation images,
 * at the widget's defaults (width 100, seed 1): what each start does to the activations of ten hidden layers at
 * initialization, and to the gradients of the first step.
 */

/** Serves public/data/ from disk, as the site would over HTTP. */
const fromDisk = async (url: string) => new Response(await readFile(resolve(__dirname, '../../../../public', url.replace(/^\//, ''))));

let validation: DatasetSplit;
beforeAll(async () => {
  validation = await loadDatasetSplit('mnist', 'validation', { baseUrl: '/data/', fetchImpl: fromDisk });
});

interface Measured {
  layers: LayerSummary[];
  /** σ of ∂L/∂W of layers 1–10 and the output layer, after one step. */
  gradientStds: number[];
}

async function measure(init: InitKind, activation: HiddenActivation): Promise<Measured> {
  const probe = labelledImages(validation, 0, PROBE_IMAGES);
  const train = labelledImages(validation, 1000, 2000);
  const session = new TrainingSession(trainingConfig(init, { ...DEFAULT_SETTINGS, activation }), train, null);
  try {
    session.setReadouts(histogramReadouts(activation, probe));
    const start = await session.collect({ forceReadouts: true });
    expect(start.readouts.activations?.step).toBe(0);
    const layers = summarizeLayers(start.readouts.activations, activation);
    session.runSteps(1);
    const first = await session.collect({ forceReadouts: true });
    expect(first.readouts.gradients?.step).toBe(1);
    if (process.env.INIT_LAB_PRINT)
      console.log(
        init,
        activation,
        layers.map((l) => l.std.toExponential(2)).join(' '),
        '| grad',
        gradientLayers(first.readouts.gradients)
          .map((layer) => layer.histogram.std.toExponential(1))
          .join(' '),
      );
    return { layers, gradientStds: gradientLayers(first.readouts.gradients).map((layer) => layer.histogram.std) };
  } finally {
    session.dispose();
  }
}

const std = (measured: Measured, layer: number) => measured.layers[layer - 1].std;

describe('ten layers of tanh at initialization', () => {
  it('N(0, 0.01²): the signal shrinks ~100-fold per layer (n_in·σ² = 0.01) and is gone by layer 10', async () => {
    const m = await measure('small', 'tanh');
    expect(m.layers).toHaveLength(10);
    expect(std(m, 1)).toBeGreaterThan(0.03);
    expect(std(m, 5)).toBeLessThan(1e-4);
    expect(std(m, 10)).toBeLessThan(1e-8);
    // ∂L/∂W_l = x_{l−1} · δ_l: the forward signal x shrinks with depth, the backward signal δ towards the input, so
    // every layer's weight gradient is tiny (measured ~1e−12, against ~6e−3 with Xavier): nothing learns.
    for (const gradient of m.gradientStds) expect(gradient).toBeLessThan(1e-9);
  });

  it('N(0, 1): every layer saturates, most values within a bin of ±1', async () => {
    const m = await measure('unit', 'tanh');
    for (const layer of m.layers) {
      expect(layer.std).toBeGreaterThan(0.9);
      expect(layer.edgeFraction).toBeGreaterThan(0.7);
    }
    // the backward signal grows ~×2.5 per layer towards the input (measured 0.035 at layer 10, 31 at layer 1)
    expect(m.gradientStds[0] / m.gradientStds[9]).toBeGreaterThan(100);
  });

  it('Xavier: the spread stays healthy through all ten layers, few saturated units', async () => {
    const m = await measure('xavier', 'tanh');
    for (const layer of m.layers) {
      expect(layer.std).toBeGreaterThan(0.1);
      expect(layer.std).toBeLessThan(0.6);
      expect(layer.edgeFraction).toBeLessThan(0.1);
    }
    expect(std(m, 10) / std(m, 1)).toBeGreaterThan(0.3);
    // the weight gradients of the ten hidden layers are within a factor 3 of one another
    const hidden = m.gradientStds.slice(0, 10);
    expect(Math.max(...hidden) / Math.min(...hidden)).toBeLessThan(3);
  });
});

describe('ten layers of ReLU at initialization', () => {
  it('Xavier: ReLU halves the signal’s mean square per layer, so σ shrinks by ~√2 each layer', async () => {
    const m = await measure('xavier', 'relu');
    expect(std(m, 10) / std(m, 1)).toBeLessThan(0.1);
    expect(std(m, 10) / std(m, 1)).toBeGreaterThan(0.005);
    for (const layer of m.layers) expect(layer.zeroFraction).toBeGreaterThan(0.3);
  });

  it('He: σ holds steady from layer 1 to layer 10', async () => {
    const m = await measure('he', 'relu');
    expect(std(m, 10) / std(m, 1)).toBeGreaterThan(0.4);
    expect(std(m, 10) / std(m, 1)).toBeLessThan(2.5);
    const hidden = m.gradientStds.slice(0, 10);
    expect(Math.max(...hidden) / Math.min(...hidden)).toBeLessThan(3);
  });

  it('N(0, 1) explodes (×√50 per layer) and N(0, 0.01²) collapses', async () => {
    const unit = await measure('unit', 'relu');
    expect(std(unit, 10)).toBeGreaterThan(1e6);
    for (const gradient of unit.gradientStds) expect(gradient).toBeGreaterThan(1e4);
    const small = await measure('small', 'relu');
    expect(std(small, 10)).toBeLessThan(1e-8);
  });
});
