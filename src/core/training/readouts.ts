import type { NetworkParameters } from '../nn/network-spec';
import type { Histogram } from '../math/histogram';

/*
 * Read-outs by name: a widget asks for exactly what it draws, the training session computes it on the
 * device and returns it in the chunk's one batched read-back. Nothing is copied that nobody asked for.
 */

/**
 * Inputs a read-out evaluates, [count, inputSize] row-major (uploaded once when the read-outs are set);
 * Uint8Array pixels are scaled by 1/255, as training inputs are.
 */
export interface ReadoutInputs {
  inputs: Float32Array | Uint8Array;
  count: number;
}

interface Throttle {
  /**
   * Compute at most once per this many optimizer steps (default: at every report). Skipped read-outs are
   * computed anyway when training pauses or stops, on a single step and on an explicit request.
   */
  everySteps?: number;
}

/** What a widget can ask the engine for. */
export type ReadoutRequest = Throttle &
  (
    | /** The current values of the listed layers' parameters (all layers when omitted). */ { kind: 'parameters'; layers?: number[] }
    | /** Network outputs for fixed inputs in inference mode, e.g. a decision-boundary grid: [count, outputs]. */ ({ kind: 'outputs' } & ReadoutInputs)
    | /** The listed layers' outputs for fixed inputs in inference mode: one [count, ...layerOutputShape] array per layer. */ ({
        kind: 'activations';
        layers: number[];
      } & ReadoutInputs)
    | /** Per-layer L2 norms ‖∂L/∂θ‖ of the newest step's gradient (trainable, unfrozen parameters of each layer). */ { kind: 'gradient-norms' }
    | /** ∂ output[:, outputIndex] / ∂ input for fixed inputs in inference mode (saliency): [count, inputSize]. */ ({
        kind: 'input-gradient';
        outputIndex: number;
      } & ReadoutInputs)
    | /** Histograms of the listed layers' outputs for fixed inputs in inference mode (binned in the worker). */ ({
        kind: 'activation-histograms';
        layers: number[];
      } & HistogramBinning &
        ReadoutInputs)
    | /** Histograms of the newest step's ∂L/∂kernel, one per layer with a trainable kernel (frozen layers have none). */ ({
        kind: 'gradient-histograms';
      } & HistogramBinning)
    | /** Histograms of the kernels (weights; not biases) of the listed layers, or of every layer that has one. */ ({
        kind: 'parameter-histograms';
        layers?: number[];
      } & HistogramBinning)
    | /**
       * Grad-CAM's ingredients for fixed inputs, inference mode: layer `layer`'s activations A and ∂ output[:, outputIndex]/∂A,
       * each [count, ...layerOutputShape].
       */ ({ kind: 'layer-gradient'; layer: number; outputIndex: number } & ReadoutInputs)
    | /**
       * Activation maximization's objective a (per example) and ascent direction ∂a/∂input ([count, inputSize]) for fixed
       * inputs, inference mode: a is channel `unit` of layer `layer` before its activation function, averaged over its
       * positions (`position` 'mean', the default) or at the map's centre ('centre'); see Network.unitInputGradient.
       */ ({ kind: 'unit-input-gradient'; layer: number; unit: number; position?: 'mean' | 'centre' } & ReadoutInputs)
    | /**
       * Which units each dropout layer kept in the newest step, for the first example of its minibatch (the same
       * seeded mask the step used). Before any step: the mask step 0 will use.
       */ { kind: 'dropout-masks' }
  );

/** One layer's histogram; `name` is the layer's name (or its kind and number). */
export interface LayerHistogram {
  layer: number;
  name: string;
  histogram: Histogram;
}

/** Binning of a histogram read-out: `bins` equal-width bins over `range`, or over [−m, m], m = max|x| of each layer's values. */
export interface HistogramBinning {
  bins: number;
  range?: [number, number];
}

/** A widget's read-outs, by the names it chose. */
export type ReadoutRequests = Record<string, ReadoutRequest>;

/** One computed array with its shape (batch axis first). */
export interface ShapedValues {
  shape: number[];
  values: Float32Array;
}

/** What a read-out returns; `step` is the optimizer step the values belong to. */
export type ReadoutValue =
  | { kind: 'parameters'; step: number; parameters: NetworkParameters }
  | ({ kind: 'outputs'; step: number } & ShapedValues)
  | { kind: 'activations'; step: number; layers: Array<{ layer: number } & ShapedValues> }
  | { kind: 'gradient-norms'; step: number; layers: Array<{ layer: number; name: string; norm: number }> }
  | ({ kind: 'input-gradient'; step: number } & ShapedValues)
  | { kind: 'activation-histograms' | 'gradient-histograms' | 'parameter-histograms'; step: number; layers: LayerHistogram[] }
  | { kind: 'dropout-masks'; step: number; layers: Array<{ layer: number; shape: number[]; kept: Uint8Array }> }
  | { kind: 'layer-gradient'; step: number; layer: number; shape: number[]; activations: Float32Array; gradient: Float32Array }
  | ({ kind: 'unit-input-gradient'; step: number; /** The objective a per example (pre-activation). */ objective: Float32Array } & ShapedValues);

/** Read-out values by name: only those computed in this report. */
export type ReadoutValues = Record<string, ReadoutValue>;

/** Every typed array inside the values, so a worker can transfer their buffers instead of copying them. */
export function readoutBuffers(values: ReadoutValues): ArrayBuffer[] {
  const arrays: Array<Float32Array | Uint8Array> = [];
  for (const value of Object.values(values)) {
    if (value.kind === 'parameters') arrays.push(...value.parameters.map((parameter) => parameter.values));
    else if (value.kind === 'activations') arrays.push(...value.layers.map((layer) => layer.values));
    else if (value.kind === 'outputs' || value.kind === 'input-gradient') arrays.push(value.values);
    else if (value.kind === 'unit-input-gradient') arrays.push(value.values, value.objective);
    else if (value.kind === 'layer-gradient') arrays.push(value.activations, value.gradient);
    else if (value.kind === 'dropout-masks') arrays.push(...value.layers.map((layer) => layer.kept));
  }
  return arrays.map((array) => array.buffer as ArrayBuffer);
}

/** A problem with a request (learner- and developer-readable), or null when it can be computed. */
export function validateReadout(name: string, request: ReadoutRequest, inputSize: number, layerCount: number): string | null {
  if (request.everySteps !== undefined && !(Number.isInteger(request.everySteps) && request.everySteps >= 1)) {
    return `read-out "${name}": everySteps must be a whole number ≥ 1, got ${request.everySteps}`;
  }
  if ('bins' in request) {
    if (!(Number.isInteger(request.bins) && request.bins >= 1 && request.bins <= 1000))
      return `read-out "${name}": bins must be a whole number from 1 to 1000, got ${request.bins}`;
    const range = request.range;
    if (range !== undefined && !(Array.isArray(range) && range.length === 2 && Number.isFinite(range[0]) && Number.isFinite(range[1]) && range[0] < range[1])) {
      return `read-out "${name}": a histogram range must be two finite numbers [lo, hi] with lo < hi`;
    }
  }
  if ((request.kind === 'layer-gradient' || request.kind === 'unit-input-gradient') && !(Number.isInteger(request.layer) && request.layer >= 0 && request.layer < layerCount)) {
    return `read-out "${name}": layer ${request.layer} does not exist (the network has layers 0–${layerCount - 1})`;
  }
  if (request.kind === 'parameters' || request.kind === 'activations' || request.kind === 'activation-histograms' || request.kind === 'parameter-histograms') {
    const bad = (request.layers ?? []).find((layer) => !Number.isInteger(layer) || layer < 0 || layer >= layerCount);
    if (bad !== undefined) return `read-out "${name}": layer ${bad} does not exist (the network has layers 0–${layerCount - 1})`;
  }
  if ('inputs' in request) {
    if (!Number.isInteger(request.count) || request.count < 1) return `read-out "${name}": needs at least one input (count = ${request.count})`;
    if (request.inputs.length !== request.count * inputSize) {
      return `read-out "${name}": inputs hold ${request.inputs.length} numbers, expected ${request.count} × ${inputSize}`;
    }
  }
  return null;
}
