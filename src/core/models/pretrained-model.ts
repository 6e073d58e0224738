import { summarizeNetwork, type NetworkParameters, type NetworkSpec } from '../nn/network-spec';
import type { DatasetName } from '../data/dataset-chunks';

/*
 * The course's reference models, trained here by `npm run train:models` (scripts/train-models.ts) and shipped under
 * public/models/<id>/ in TF.js's weights format:
 *   model.json     { format, generatedBy, modelTopology: NetworkSpec, weightsManifest: [{ paths: ['weights.bin'],
 *                    weights: [{ name: '<layer>/<parameter>', shape, dtype: 'float32' }] }] }
 *   weights.bin    every parameter's float32 values (little-endian), in the manifest's order, back to back
 *   metadata.json  how it was trained and what it measured (PretrainedModelMetadata)
 * The topology is the engine's own NetworkSpec (not a Keras config): the site runs these models with its engine,
 * and tf.io.loadWeights can read the weights as any TF.js weights manifest.
 */

/** The models the course ships. */
export type PretrainedModelId = 'lenet5-mnist' | 'fashion-cnn';

/** metadata.json: everything needed to judge and reproduce a shipped model. */
export interface PretrainedModelMetadata {
  id: PretrainedModelId;
  title: string;
  /** A sentence on the layers, e.g. "LeNet-5: conv 6@5×5 → max-pool …". */
  architecture: string;
  parameterCount: number;
  dataset: DatasetName;
  /** Which images trained it and which measured it. */
  split: { train: number; validation: number; test: number; note: string };
  epochs: number;
  batchSize: number;
  optimizer: string;
  learningRate: string;
  seed: number;
  /** Accuracy on the whole standard test split (10,000 images), measured by train:models after training. */
  testAccuracy: number;
  testCount: number;
  validationAccuracy: number;
  /** Where it trained and how long it took. */
  trainedWith: string;
  trainingSeconds: number;
  /** ISO date of the training run. */
  date: string;
}

export interface PretrainedModel {
  id: PretrainedModelId;
  network: NetworkSpec;
  parameters: NetworkParameters;
  metadata: PretrainedModelMetadata;
}

/** model.json as written by encodeModel. */
export interface ModelJson {
  format: 'receptive-field-sequential';
  generatedBy: string;
  modelTopology: NetworkSpec;
  weightsManifest: Array<{ paths: string[]; weights: Array<{ name: string; shape: number[]; dtype: 'float32' }> }>;
}

export const WEIGHTS_FILE = 'weights.bin';

/** A model file that is missing or does not match its manifest; the message is written for the learner. */
export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

/** model.json and weights.bin for a network and its parameters (every parameter, in layer order). */
export function encodeModel(network: NetworkSpec, parameters: NetworkParameters): { modelJson: ModelJson; weights: Uint8Array } {
  const total = parameters.reduce((sum, parameter) => sum + parameter.values.length, 0);
  const values = new Float32Array(total);
  let offset = 0;
  for (const parameter of parameters) {
    values.set(parameter.values, offset);
    offset += parameter.values.length;
  }
  return {
    modelJson: {
      format: 'receptive-field-sequential',
      generatedBy: 'Receptive Field scripts/train-models.ts',
      modelTopology: network,
      weightsManifest: [{ paths: [WEIGHTS_FILE], weights: parameters.map((p) => ({ name: `${p.layer}/${p.name}`, shape: p.shape, dtype: 'float32' })) }],
    },
    weights: new Uint8Array(values.buffer),
  };
}

/**
 * Rebuilds a model from model.json and weights.bin, checking that the manifest names exactly the parameters the
 * topology needs, with their shapes, and that the weights file holds exactly that many numbers.
 */
export function decodeModel(modelJson: unknown, weights: Uint8Array, what: string): { network: NetworkSpec; parameters: NetworkParameters } {
  const json = modelJson as Partial<ModelJson> | null;
  const corrupt = (detail: string) => new ModelFileError(`The ${what} files are corrupt (${detail}). Reload the page; if it persists, run "npm run train:models".`);
  if (!json || json.format !== 'receptive-field-sequential' || !json.modelTopology || !Array.isArray(json.weightsManifest) || json.weightsManifest.length !== 1) {
    throw corrupt('model.json is not a Receptive Field model');
  }
  let expected;
  try {
    expected = summarizeNetwork(json.modelTopology).flatMap((layer) => layer.parameters.map((p) => ({ name: `${layer.index}/${p.name}`, shape: p.shape })));
  } catch (error) {
    throw corrupt(`its topology is invalid: ${error instanceof Error ? error.message : String(error)}`);
  }
  const listed = json.weightsManifest[0].weights ?? [];
  if (listed.length !== expected.length) throw corrupt(`the manifest lists ${listed.length} weights, the topology needs ${expected.length}`);
  let total = 0;
  listed.forEach((entry, i) => {
    const need = expected[i];
    if (entry.name !== need.name || entry.dtype !== 'float32' || entry.shape.join('×') !== need.shape.join('×')) {
      throw corrupt(`weight ${i + 1} is ${entry.name} [${entry.shape?.join('×')}], expected ${need.name} [${need.shape.join('×')}]`);
    }
    total += need.shape.reduce((a, b) => a * b, 1);
  });
  if (weights.byteLength !== total * 4)
    throw corrupt(`weights.bin has ${weights.byteLength.toLocaleString('en-US')} bytes, the manifest needs ${(total * 4).toLocaleString('en-US')}`);
  const values = new Float32Array(weights.slice().buffer);
  let offset = 0;
  const parameters = listed.map((entry) => {
    const size = entry.shape.reduce((a, b) => a * b, 1);
    const [layer, ...name] = entry.name.split('/');
    const parameter = { layer: Number(layer), name: name.join('/'), shape: [...entry.shape], values: values.slice(offset, offset + size) };
    offset += size;
    return parameter;
  });
  if (parameters.some((p) => p.values.some((v) => !Number.isFinite(v)))) throw corrupt('weights.bin holds numbers that are not finite');
  return { network: json.modelTopology, parameters };
}

export type FetchLike = (url: string) => Promise<Response>;

/** Downloads and checks public/models/<id>/ (model.json, weights.bin, metadata.json). */
export async function loadPretrainedModel(id: PretrainedModelId, options: { baseUrl: string; fetchImpl?: FetchLike }): Promise<PretrainedModel> {
  const fetchImpl = options.fetchImpl ?? ((url: string) => fetch(url));
  const folder = `${options.baseUrl}${id}/`;
  const what = `pretrained model "${id}"`;
  const get = async (file: string) => {
    let response: Response;
    try {
      response = await fetchImpl(folder + file);
    } catch (error) {
      throw new ModelFileError(`Could not download the ${what} (${error instanceof Error ? error.message : String(error)}). Check your connection and press Retry.`);
    }
    if (!response.ok) throw new ModelFileError(`Could not download the ${what}: ${file} answered ${response.status}. Press Retry; if it persists, run "npm run train:models".`);
    return response;
  };
  const [modelResponse, weightsResponse, metadataResponse] = await Promise.all([get('model.json'), get(WEIGHTS_FILE), get('metadata.json')]);
  let modelJson: unknown;
  let metadata: PretrainedModelMetadata;
  try {
    modelJson = await modelResponse.json();
    metadata = (await metadataResponse.json()) as PretrainedModelMetadata;
  } catch {
    throw new ModelFileError(`The ${what} files are corrupt (not JSON). Reload the page; if it persists, run "npm run train:models".`);
  }
  const weights = new Uint8Array(await weightsResponse.arrayBuffer());
  const { network, parameters } = decodeModel(modelJson, weights, what);
  if (metadata?.id !== id || typeof metadata.testAccuracy !== 'number')
    throw new ModelFileError(`The ${what} files are corrupt (metadata.json describes "${String(metadata?.id)}").`);
  return { id, network, parameters, metadata };
}
