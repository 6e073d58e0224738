import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWasmBackendInNode } from '../../../../src/engine/wasm/start-wasm-backend-node';
import { tf } from '../../../../src/core/tf/tf-core';
import { loadDatasetSplit } from '../../../../src/core/data/load-dataset';
import { loadPretrainedModel, type PretrainedModelId } from '../../../../src/core/models/pretrained-model';
import { evaluateAccuracy } from '../../../../src/core/models/evaluate-model';
import { countParameters } from '../../../../src/core/nn/network-spec';

/** Serves public/ from disk, as the site would over HTTP (npm test runs prepare-data first; the models are committed). */
const fromDisk = async (url: string) => new Response(await readFile(resolve(__dirname, '../../../../public', url)));

/**
 * The models the lessons use, as committed: each is measured again here on its whole test split (10,000 images), so
 * the accuracy the pages print is one that this check reproduces, and it must reach the bar.
 */
describe.each<[PretrainedModelId, number]>([
  ['lenet5-mnist', 0.985],
  ['fashion-cnn', 0.89],
])('the shipped %s model', (id, bar) => {
  beforeAll(async () => {
    await startWasmBackendInNode();
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it(`reaches ≥ ${bar * 100} % on all 10,000 test images, the accuracy its metadata states`, async () => {
    const model = await loadPretrainedModel(id, { baseUrl: 'models/', fetchImpl: fromDisk });
    const test = await loadDatasetSplit(model.metadata.dataset, 'test', { baseUrl: 'data/', fetchImpl: fromDisk });
    const report = await evaluateAccuracy(model.network, model.parameters, test.images, test.labels, test.count);
    expect(report.count).toBe(10000);
    expect(report.accuracy).toBeGreaterThanOrEqual(bar);
    expect(Math.abs(report.accuracy - model.metadata.testAccuracy)).toBeLessThanOrEqual(0.0005);
    expect(model.metadata.testCount).toBe(10000);
    expect(model.metadata.parameterCount).toBe(countParameters(model.network));
  }, 120_000);
});
