import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel, loadPretrainedModel, ModelFileError, type PretrainedModelMetadata } from '../../../../src/core/models/pretrained-model';
import { initializeParameters, type NetworkSpec } from '../../../../src/core/nn/network-spec';

const tiny: NetworkSpec = {
  inputShape: [4, 4, 1],
  layers: [{ kind: 'conv2d', filters: 2, kernelSize: 3, padding: 'valid', activation: 'relu' }, { kind: 'flatten' }, { kind: 'dense', units: 3 }],
  initialization: { kind: 'he-normal' },
};
const parameters = initializeParameters(tiny, 4);

describe('the shipped model format', () => {
  it('writes a TF.js weights manifest naming every parameter as layer/name with its shape, and reads it back exactly', () => {
    const { modelJson, weights } = encodeModel(tiny, parameters);
    expect(modelJson.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect(modelJson.weightsManifest[0].weights.map((w) => `${w.name} ${w.shape.join('×')}`)).toEqual(['0/kernel 3×3×1×2', '0/bias 2', '2/kernel 8×3', '2/bias 3']);
    // 18 + 2 + 24 + 3 float32 numbers.
    expect(weights.byteLength).toBe(47 * 4);
    const decoded = decodeModel(JSON.parse(JSON.stringify(modelJson)), weights, 'test model');
    expect(decoded.network).toEqual(tiny);
    expect(decoded.parameters.map((p) => [p.layer, p.name, p.shape])).toEqual(parameters.map((p) => [p.layer, p.name, p.shape]));
    decoded.parameters.forEach((p, i) => expect(Array.from(p.values)).toEqual(Array.from(parameters[i].values)));
  });

  it('rejects a weights file of the wrong length, a manifest that disagrees with the topology, and non-finite weights', () => {
    const { modelJson, weights } = encodeModel(tiny, parameters);
    expect(() => decodeModel(modelJson, weights.subarray(0, weights.length - 4), 'm')).toThrow(/weights.bin has 184 bytes, the manifest needs 188/);
    const reordered = structuredClone(modelJson);
    reordered.weightsManifest[0].weights.reverse();
    expect(() => decodeModel(reordered, weights, 'm')).toThrow(/weight 1 is 2\/bias \[3\], expected 0\/kernel \[3×3×1×2\]/);
    const otherTopology = structuredClone(modelJson);
    (otherTopology.modelTopology.layers[2] as { units: number }).units = 4;
    expect(() => decodeModel(otherTopology, weights, 'm')).toThrow(ModelFileError);
    const bad = new Float32Array(weights.slice().buffer);
    bad[5] = Number.NaN;
    expect(() => decodeModel(modelJson, new Uint8Array(bad.buffer), 'm')).toThrow(/not finite/);
    expect(() => decodeModel({ format: 'layers-model' }, weights, 'm')).toThrow(/not a Receptive Field model/);
  });

  it('loads model.json, weights.bin and metadata.json over HTTP, and names a missing file', async () => {
    const { modelJson, weights } = encodeModel(tiny, parameters);
    const metadata = { id: 'lenet5-mnist', testAccuracy: 0.5 } as PretrainedModelMetadata;
    const files: Record<string, BodyInit> = { 'model.json': JSON.stringify(modelJson), 'weights.bin': weights as BodyInit, 'metadata.json': JSON.stringify(metadata) };
    const serve = (available: Record<string, BodyInit>) => async (url: string) => {
      const file = url.replace('/models/lenet5-mnist/', '');
      return file in available ? new Response(available[file]) : new Response('missing', { status: 404 });
    };
    const model = await loadPretrainedModel('lenet5-mnist', { baseUrl: '/models/', fetchImpl: serve(files) });
    expect(model.metadata.testAccuracy).toBe(0.5);
    expect(model.parameters).toHaveLength(4);
    const withoutWeights = { ...files };
    delete withoutWeights['weights.bin'];
    await expect(loadPretrainedModel('lenet5-mnist', { baseUrl: '/models/', fetchImpl: serve(withoutWeights) })).rejects.toThrow(/weights.bin answered 404/);
    const otherMetadata = { ...files, 'metadata.json': JSON.stringify({ ...metadata, id: 'fashion-cnn' }) };
    await expect(loadPretrainedModel('lenet5-mnist', { baseUrl: '/models/', fetchImpl: serve(otherMetadata) })).rejects.toThrow(/describes "fashion-cnn"/);
  });
});

describe('decodeModel refuses every kind of mismatch, naming it', () => {
  const { modelJson, weights } = encodeModel(tiny, parameters);
  const variant = (change: (json: Record<string, unknown> & typeof modelJson) => unknown) => change(structuredClone(modelJson) as Record<string, unknown> & typeof modelJson);

  it.each<[string, unknown, RegExp]>([
    ['nothing', null, /not a Receptive Field model/],
    ['another format', variant((j) => ({ ...j, format: 'layers-model' })), /not a Receptive Field model/],
    ['no topology', variant((j) => ({ ...j, modelTopology: undefined })), /not a Receptive Field model/],
    ['no weights manifest', variant((j) => ({ ...j, weightsManifest: 'weights.bin' })), /not a Receptive Field model/],
    ['two weight groups', variant((j) => ({ ...j, weightsManifest: [j.weightsManifest[0], j.weightsManifest[0]] })), /not a Receptive Field model/],
    ['an invalid topology', variant((j) => ({ ...j, modelTopology: { ...j.modelTopology, inputShape: [0] } })), /its topology is invalid/],
    ['a missing weight', variant((j) => (j.weightsManifest[0].weights.pop(), j)), /lists 3 weights, the topology needs 4/],
    ['a renamed weight', variant((j) => ((j.weightsManifest[0].weights[1].name = '0/gamma'), j)), /weight 2 is 0\/gamma/],
    ['another dtype', variant((j) => ((j.weightsManifest[0].weights[0].dtype = 'int32' as 'float32'), j)), /weight 1 is 0\/kernel/],
    ['another shape', variant((j) => ((j.weightsManifest[0].weights[2].shape = [3, 8]), j)), /weight 3 is 2\/kernel \[3×8\], expected 2\/kernel \[8×3\]/],
  ])('%s', (_, json, message) => {
    const error = (() => {
      try {
        decodeModel(json, weights, 'test model');
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as Error).name).toBe('ModelFileError');
    expect((error as Error).message).toMatch(/^The test model files are corrupt \(/);
    expect((error as Error).message).toMatch(message);
  });
});
