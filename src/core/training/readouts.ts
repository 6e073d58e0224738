import type { NetworkParameters } from '../nn/network-spec';

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
  );

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
  | ({ kind: 'input-gradient'; step: number } & ShapedValues);

/** Read-out values by name: only those computed in this report. */
export type ReadoutValues = Record<string, ReadoutValue>;

/** Every typed array inside the values, so a worker can transfer their buffers instead of copying them. */
export function readoutBuffers(values: ReadoutValues): ArrayBuffer[] {
  const arrays: Float32Array[] = [];
  for (const value of Object.values(values)) {
    if (value.kind === 'parameters') arrays.push(...value.parameters.map((parameter) => parameter.values));
    else if (value.kind === 'activations') arrays.push(...value.layers.map((layer) => layer.values));
    else if (value.kind === 'outputs' || value.kind === 'input-gradient') arrays.push(value.values);
  }
  return arrays.map((array) => array.buffer as ArrayBuffer);
}

/** A problem with a request (learner- and developer-readable), or null when it can be computed. */
export function validateReadout(name: string, request: ReadoutRequest, inputSize: number, layerCount: number): string | null {
  if (request.everySteps !== undefined && !(Number.isInteger(request.everySteps) && request.everySteps >= 1)) {
    return `read-out "${name}": everySteps must be a whole number ≥ 1, got ${request.everySteps}`;
  }
  if (request.kind === 'parameters' || request.kind === 'activations') {
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
