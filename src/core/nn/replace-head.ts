import { initializeParameters, summarizeNetwork, type NetworkParameters, type NetworkSpec } from './network-spec';

/*
 * Transfer learning's first move: keep a trained network's body and give it a new head for a new task.
 * "Head" here is the network's last dense layer (the classifier that maps features to class scores); every
 * layer before it keeps its trained parameters, bit for bit.
 */

export interface HeadReplacement {
  /** The same layers with the head's `units` changed (its other settings, e.g. activation, kept). */
  network: NetworkSpec;
  /** The kept layers' parameters (copies, bit-identical to the trained ones) and the new head's seeded ones. */
  parameters: NetworkParameters;
  /** Index of the head in `network.layers`. */
  headLayer: number;
  /** Indices of the layers before the head that have parameters: the ones that keep their trained values. */
  keptLayers: number[];
}

/** Index of the network's head: its last dense layer, provided no layer after it has parameters; null otherwise. */
export function findHeadLayer(network: NetworkSpec): number | null {
  const summary = summarizeNetwork(network);
  for (let index = summary.length - 1; index >= 0; index--) {
    if (summary[index].layer.kind === 'dense') return index;
    if (summary[index].parameters.length > 0) return null;
  }
  return null;
}

/**
 * Replaces the head of a trained network by a fresh dense layer of `units` outputs.
 *
 * The new head's parameters are exactly those `initializeParameters(newNetwork, seed)` draws for that layer
 * (its initializer, or the network's, for the weights W ∈ ℝ^{fanIn×units}; zeros for the bias), so the same
 * network trained from scratch with the same seed starts with the very same head. Every other layer's
 * parameters are copied unchanged from `parameters`. Throws when the network has no head (no dense layer, or
 * a layer with parameters after the last one) or when a kept layer's parameters are missing or misshapen.
 */
export function replaceHead(network: NetworkSpec, parameters: NetworkParameters, { units, seed }: { units: number; seed: number }): HeadReplacement {
  if (!(Number.isInteger(units) && units >= 1)) throw new Error(`The new head needs a whole number of units ≥ 1, got ${units}`);
  const headLayer = findHeadLayer(network);
  if (headLayer === null) throw new Error('This network has no dense layer at its end to replace');
  const head = network.layers[headLayer];
  if (head.kind !== 'dense') throw new Error('This network has no dense layer at its end to replace');
  const replaced: NetworkSpec = { ...network, layers: network.layers.map((layer, index) => (index === headLayer ? { ...head, units } : layer)) };
  const summary = summarizeNetwork(replaced);
  const fresh = initializeParameters(replaced, seed);
  const keptLayers: number[] = [];
  const result: NetworkParameters = [];
  for (const layer of summary) {
    if (layer.parameters.length === 0) continue;
    if (layer.index === headLayer) {
      result.push(...fresh.filter((parameter) => parameter.layer === headLayer));
      continue;
    }
    keptLayers.push(layer.index);
    for (const definition of layer.parameters) {
      const trained = parameters.find((parameter) => parameter.layer === layer.index && parameter.name === definition.name);
      const expected = definition.shape.reduce((a, b) => a * b, 1);
      if (!trained || trained.values.length !== expected) {
        throw new Error(`layer ${layer.index + 1} (${layer.layer.kind}): parameter "${definition.name}" is missing or has the wrong size`);
      }
      result.push({ layer: layer.index, name: definition.name, shape: [...definition.shape], values: new Float32Array(trained.values) });
    }
  }
  return { network: replaced, parameters: result, headLayer, keptLayers };
}
