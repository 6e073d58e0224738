import { tf, type Tensor, type Tensor2D } from '../tf/tf-core';
import type { Network } from '../nn/network';
import { uploadInputs } from './labelled-data';
import { validateReadout, type ReadoutRequest, type ReadoutRequests, type ReadoutValue } from './readouts';
import { histogram } from '../math/histogram';
import type { DropoutSpec } from '../nn/layers/layer-spec';

/** What the session knows about its newest step that some read-outs report. */
export interface NewestStep {
  /** Per-layer gradient norms ([layers with trainable parameters]) with their layer and parameter names, or null before any step. */
  gradientNorms: { tensor: Tensor; layers: Array<{ layer: number; name: string }> } | null;
  /** ∂L/∂kernel of each layer with a trainable kernel, or null before any step (kept only while a gradient-histograms read-out is set). */
  kernelGradients: { tensors: Tensor[]; layers: Array<{ layer: number; name: string }> } | null;
  /** The seed and minibatch size of the newest step (of the first step before any), which fix its dropout masks. */
  dropout: { seed: number; batchSize: number };
}

/** A read-out's pieces as flat tensors, and how to turn their values back into a ReadoutValue. */
export interface ReadoutPlan {
  name: string;
  tensors: Tensor[];
  /** Builds the value from the pieces' read-back numbers (fresh arrays, in the order of `tensors`). */
  assemble: (pieces: Float32Array[], step: number) => ReadoutValue;
}

interface ActiveReadout {
  name: string;
  request: ReadoutRequest;
  /** The request's inputs on the device, [count, inputSize]; null for read-outs without inputs. */
  inputs: Tensor2D | null;
  /** The step it was last computed at; -1 = never. */
  lastStep: number;
}

/**
 * The read-outs a training session computes at each report, with their inputs uploaded once.
 * Ownership: owns the uploaded input tensors (freed by `replace` and `dispose`); the plans' tensors belong to
 * the caller's tf.tidy.
 */
export class ReadoutSet {
  private active: ActiveReadout[] = [];

  constructor(private readonly network: Network) {}

  /** Replaces every read-out. Throws (nothing changed) when a request is invalid. */
  replace(requests: ReadoutRequests): void {
    const entries = Object.entries(requests);
    for (const [name, request] of entries) {
      const problem = validateReadout(name, request, this.network.inputSize, this.network.spec.layers.length);
      if (problem) throw new Error(problem);
    }
    this.dispose();
    this.active = entries.map(([name, request]) => ({
      name,
      request,
      inputs: 'inputs' in request ? uploadInputs(request.inputs, request.count, this.network.inputSize) : null,
      lastStep: -1,
    }));
  }

  /** True when some read-out has not been computed at `step` (a report at pause should include it). */
  hasStale(step: number): boolean {
    return this.active.some((readout) => readout.lastStep !== step);
  }

  /**
   * The read-outs due at `step`: all of them when forced (the parameters may have changed without a step,
   * by a restore); otherwise those never computed, or not computed at this step and without `everySteps`,
   * or whose `everySteps` have elapsed. Marks them computed.
   */
  takeDue(step: number, force: boolean): ActiveReadout[] {
    const due = this.active.filter((readout) => {
      if (force || readout.lastStep < 0) return true;
      if (readout.lastStep === step) return false;
      const every = readout.request.everySteps;
      return every === undefined || step - readout.lastStep >= every;
    });
    due.forEach((readout) => (readout.lastStep = step));
    return due;
  }

  /** True when a gradient-norms read-out is set: the session then keeps the newest step's norms. */
  get wantsGradientNorms(): boolean {
    return this.active.some((readout) => readout.request.kind === 'gradient-norms');
  }

  /** True when a gradient-histograms read-out is set: the session then keeps the newest step's kernel gradients. */
  get wantsKernelGradients(): boolean {
    return this.active.some((readout) => readout.request.kind === 'gradient-histograms');
  }

  /** The tensors of one due read-out, given what the session knows about its newest step. Call inside tf.tidy. */
  plan(readout: ActiveReadout, newest: NewestStep): ReadoutPlan {
    const { gradientNorms } = newest;
    const { name, request, inputs } = readout;
    const network = this.network;
    const count = inputs?.shape[0] ?? 0;
    switch (request.kind) {
      case 'parameters': {
        const wanted = request.layers ? new Set(request.layers) : null;
        const parameters = network.parameters.filter((parameter) => !wanted || wanted.has(parameter.layer));
        return {
          name,
          tensors: parameters.map((parameter) => tf.reshape(parameter.variable, [-1])),
          assemble: (pieces, step) => ({
            kind: 'parameters',
            step,
            parameters: parameters.map((parameter, i) => ({ layer: parameter.layer, name: parameter.name, shape: [...parameter.variable.shape], values: pieces[i] })),
          }),
        };
      }
      case 'outputs': {
        const output = network.apply(inputs as Tensor2D, { training: false });
        return { name, tensors: [output], assemble: (pieces, step) => ({ kind: 'outputs', step, shape: [...output.shape], values: pieces[0] }) };
      }
      case 'activations': {
        const { activations } = network.applyCapturing(inputs as Tensor2D, { training: false }, request.layers);
        const layers = request.layers.map((layer) => ({ layer, tensor: activations.get(layer) as Tensor }));
        return {
          name,
          tensors: layers.map(({ tensor }) => tensor),
          assemble: (pieces, step) => ({ kind: 'activations', step, layers: layers.map(({ layer, tensor }, i) => ({ layer, shape: [...tensor.shape], values: pieces[i] })) }),
        };
      }
      case 'input-gradient': {
        const gradient = network.inputGradient(inputs as Tensor2D, request.outputIndex);
        return { name, tensors: [gradient], assemble: (pieces, step) => ({ kind: 'input-gradient', step, shape: [count, network.inputSize], values: pieces[0] }) };
      }
      case 'gradient-norms': {
        if (!gradientNorms) return { name, tensors: [], assemble: (_pieces, step) => ({ kind: 'gradient-norms', step, layers: [] }) };
        return {
          name,
          tensors: [gradientNorms.tensor],
          assemble: (pieces, step) => ({
            kind: 'gradient-norms',
            step,
            layers: gradientNorms.layers.map((layer, i) => ({ ...layer, norm: pieces[0][i] })),
          }),
        };
      }
      case 'activation-histograms': {
        const { bins, range } = request;
        const { activations } = network.applyCapturing(inputs as Tensor2D, { training: false }, request.layers);
        return {
          name,
          tensors: request.layers.map((layer) => activations.get(layer) as Tensor),
          assemble: (pieces, step) => ({
            kind: 'activation-histograms',
            step,
            layers: request.layers.map((layer, i) => ({ layer, name: network.summary[layer].name, histogram: histogram(pieces[i], bins, range) })),
          }),
        };
      }
      case 'parameter-histograms': {
        const { bins, range } = request;
        const wanted = request.layers ? new Set(request.layers) : null;
        const kernels = network.parameters.filter((parameter) => parameter.name === 'kernel' && (!wanted || wanted.has(parameter.layer)));
        return {
          name,
          tensors: kernels.map((kernel) => tf.reshape(kernel.variable, [-1])),
          assemble: (pieces, step) => ({
            kind: 'parameter-histograms',
            step,
            layers: kernels.map((kernel, i) => ({ layer: kernel.layer, name: network.summary[kernel.layer].name, histogram: histogram(pieces[i], bins, range) })),
          }),
        };
      }
      case 'gradient-histograms': {
        const { bins, range } = request;
        const gradients = newest.kernelGradients;
        return {
          name,
          tensors: gradients ? gradients.tensors.map((tensor) => tf.reshape(tensor, [-1])) : [],
          assemble: (pieces, step) => ({
            kind: 'gradient-histograms',
            step,
            layers: (gradients?.layers ?? []).map((layer, i) => ({ ...layer, histogram: histogram(pieces[i], bins, range) })),
          }),
        };
      }
      case 'layer-gradient': {
        const { activations, gradient } = network.layerGradient(inputs as Tensor2D, request.layer, request.outputIndex);
        return {
          name,
          tensors: [activations, gradient],
          assemble: (pieces, step) => ({ kind: 'layer-gradient', step, layer: request.layer, shape: [...activations.shape], activations: pieces[0], gradient: pieces[1] }),
        };
      }
      case 'unit-input-gradient': {
        const { gradient, value } = network.unitInputGradient(inputs as Tensor2D, request.layer, request.unit, request.position);
        return {
          name,
          tensors: [gradient, value],
          assemble: (pieces, step) => ({ kind: 'unit-input-gradient', step, shape: [count, network.inputSize], values: pieces[0], objective: pieces[1] }),
        };
      }
      case 'dropout-masks': {
        const { seed, batchSize } = newest.dropout;
        const dropouts = network.summary.filter((layer) => layer.layer.kind === 'dropout');
        // The same op, shape and seed as the step's own mask (dropout.ts), on ones: row 0 is the first example's mask.
        const masks = dropouts.map((layer) => {
          const { rate } = layer.layer as DropoutSpec;
          if (rate === 0) return tf.ones([layer.inputShape.reduce((a, b) => a * b, 1)]);
          const kept = tf.dropout(tf.ones([batchSize, ...layer.inputShape]), rate, undefined, `${seed}:${layer.index}`);
          return tf.reshape(tf.cast(tf.greater(tf.slice(kept, [0], [1]), 0), 'float32'), [-1]);
        });
        return {
          name,
          tensors: masks,
          assemble: (pieces, step) => ({
            kind: 'dropout-masks',
            step,
            layers: dropouts.map((layer, i) => ({ layer: layer.index, shape: [...layer.inputShape], kept: Uint8Array.from(pieces[i]) })),
          }),
        };
      }
    }
  }

  /** Frees the uploaded inputs. */
  dispose(): void {
    tf.dispose(this.active.flatMap((readout) => (readout.inputs ? [readout.inputs] : [])));
    this.active = [];
  }
}
