import { tf, type Tensor, type Tensor2D, type Variable } from '../tf/tf-core';
import { formatShape, product } from './layers/layer-definition';
import { layerDefinition } from './layers/layer-registry';
import { describeLayer, summarizeNetwork, type LayerSummary, type NetworkParameters, type NetworkSpec } from './network-spec';

/** One parameter of a network as a TF.js variable. */
export interface NetworkParameter {
  /** 0-based layer index. */
  layer: number;
  name: string;
  variable: Variable;
  /** Whether an optimizer updates it (false for batch-norm moving statistics). */
  trainable: boolean;
  /** Whether weight decay applies (kernels). */
  decays: boolean;
}

/** How a forward pass runs. */
export interface ForwardOptions {
  /** Training mode: dropout drops, batch norm uses and updates batch statistics. Inference: neither. */
  training: boolean;
  /** Seeds dropout masks (derive it from the run seed and the step); default 0. */
  seed?: number;
  /**
   * Layers whose parameters must not change: a frozen layer that has parameters runs in inference mode
   * even while training (so a frozen batch-norm layer keeps its moving statistics).
   */
  frozenLayers?: ReadonlySet<number>;
}

/**
 * Throws unless `parameters` holds exactly the parameters `summary` expects, with matching shapes
 * and value counts: "layer 3 (dense) kernel: expected shape [784, 10], got [784, 12]".
 */
function validateParameters(summary: readonly LayerSummary[], parameters: NetworkParameters): void {
  const expected = new Set<string>();
  for (const layer of summary) {
    for (const definition of layer.parameters) {
      const where = `${describeLayer(layer.index, layer.layer)} ${definition.name}`;
      expected.add(`${layer.index}/${definition.name}`);
      const given = parameters.filter((parameter) => parameter.layer === layer.index && parameter.name === definition.name);
      if (given.length === 0) throw new Error(`${where}: missing`);
      if (given.length > 1) throw new Error(`${where}: given ${given.length} times`);
      const [{ shape, values }] = given;
      if (shape.length !== definition.shape.length || shape.some((size, axis) => size !== definition.shape[axis])) {
        throw new Error(`${where}: expected shape ${formatShape(definition.shape)}, got ${formatShape(shape)}`);
      }
      if (values.length !== product(shape)) throw new Error(`${where}: shape ${formatShape(shape)} needs ${product(shape)} values, got ${values.length}`);
    }
  }
  const unexpected = parameters.find((parameter) => !expected.has(`${parameter.layer}/${parameter.name}`));
  if (unexpected) throw new Error(`layer ${unexpected.layer + 1}: unexpected parameter '${unexpected.name}'`);
}

/**
 * TF.js variables holding a network's parameters, and its forward pass.
 * Ownership: whoever creates it calls `dispose()`; tensors returned by `apply`, `applyCapturing`
 * and `inputGradient` belong to the caller.
 */
export class Network {
  readonly summary: LayerSummary[];
  readonly parameters: ReadonlyArray<NetworkParameter>;
  /** Per layer: parameter name → variable. */
  private readonly layerVariables: ReadonlyArray<Readonly<Record<string, Variable>>>;

  /** Creates the variables from `parameters` (validated against the spec; see {@link validateParameters}). */
  constructor(
    readonly spec: NetworkSpec,
    parameters: NetworkParameters,
  ) {
    this.summary = summarizeNetwork(spec);
    validateParameters(this.summary, parameters);
    const created: NetworkParameter[] = [];
    this.layerVariables = this.summary.map((layer) => {
      const variables: Record<string, Variable> = {};
      for (const definition of layer.parameters) {
        const { values } = parameters.find((parameter) => parameter.layer === layer.index && parameter.name === definition.name)!;
        // tf.tidy frees the initial-value tensor; variables are never tidied away.
        const variable = tf.tidy(() => tf.variable(tf.tensor(values, definition.shape, 'float32'), definition.trainable, undefined, 'float32'));
        variables[definition.name] = variable;
        created.push({ layer: layer.index, name: definition.name, variable, trainable: definition.trainable, decays: definition.decays });
      }
      return variables;
    });
    this.parameters = created;
  }

  /** The variable of parameter `name` of layer `layer` (0-based), or null. */
  variable(layer: number, name: string): Variable | null {
    return this.layerVariables[layer]?.[name] ?? null;
  }

  /** Variables an optimizer should update, in layer order: trainable ones of layers not in `frozenLayers` (0-based). */
  trainableVariables(frozenLayers?: ReadonlySet<number>): Variable[] {
    return this.parameters.filter((parameter) => parameter.trainable && !frozenLayers?.has(parameter.layer)).map((parameter) => parameter.variable);
  }

  /** Flat features per example (the length of one row of inputs). */
  get inputSize(): number {
    return product(this.spec.inputShape);
  }

  /**
   * Forward pass: [batch, inputSize] (reshaped to [batch, ...inputShape]) → [batch, outputs].
   * Training mode drops units (dropout) and uses and updates batch statistics (batch norm).
   * Call inside tf.tidy or an optimizer's minimize: intermediate tensors are not disposed here.
   */
  apply(inputs: Tensor2D, options: ForwardOptions): Tensor2D {
    return this.forward(inputs, options, null).output;
  }

  /**
   * Forward pass that also returns the outputs of the listed layers (0-based index → tensor of shape
   * [batch, ...outputShape]). The returned tensors are the caller's; intermediates are not disposed.
   */
  applyCapturing(inputs: Tensor2D, options: ForwardOptions, layers: readonly number[]): { output: Tensor2D; activations: Map<number, Tensor> } {
    for (const layer of layers) {
      if (!Number.isInteger(layer) || layer < 0 || layer >= this.spec.layers.length) {
        throw new Error(`cannot capture layer index ${layer}: the network has layers 0–${this.spec.layers.length - 1}`);
      }
    }
    return this.forward(inputs, options, new Set(layers));
  }

  /**
   * ∂(Σ_batch output[:, outputIndex]) / ∂inputs in inference mode: [batch, inputSize]; row n is the
   * gradient of example n's output (examples do not interact in inference). The caller owns the result.
   */
  inputGradient(inputs: Tensor2D, outputIndex: number): Tensor2D {
    const outputs = this.summary.length ? product(this.summary[this.summary.length - 1].outputShape) : this.inputSize;
    if (!Number.isInteger(outputIndex) || outputIndex < 0 || outputIndex >= outputs) {
      throw new Error(`output index ${outputIndex} is out of range: the network has ${outputs} outputs`);
    }
    return tf.tidy(() => tf.grad((x: Tensor) => tf.sum(tf.slice(this.apply(x as Tensor2D, { training: false }), [0, outputIndex], [-1, 1])))(inputs)) as Tensor2D;
  }

  /**
   * Copies every parameter out to fresh arrays the caller owns (safe to transfer: backends may cache
   * the arrays that `data()` returns, so those are never handed out).
   */
  async readParameters(): Promise<NetworkParameters> {
    return Promise.all(
      this.parameters.map(async ({ layer, name, variable }) => ({
        layer,
        name,
        shape: [...variable.shape],
        values: ((await variable.data()) as Float32Array).slice(),
      })),
    );
  }

  /** Overwrites every parameter (validated like the constructor's; nothing changes when invalid). */
  assignParameters(parameters: NetworkParameters): void {
    validateParameters(this.summary, parameters);
    for (const { layer, name, variable } of this.parameters) {
      const { values } = parameters.find((parameter) => parameter.layer === layer && parameter.name === name)!;
      tf.tidy(() => variable.assign(tf.tensor(values, variable.shape, 'float32')));
    }
  }

  /**
   * Grad-CAM's ingredients, in inference mode: layer `layer`'s activations A ([batch, ...outputShape]) and
   * ∂ output[:, outputIndex] / ∂A (same shape; row n belongs to example n). The caller owns both tensors.
   */
  layerGradient(inputs: Tensor2D, layer: number, outputIndex: number): { activations: Tensor; gradient: Tensor } {
    this.assertLayer(layer);
    this.assertOutputIndex(outputIndex);
    return tf.tidy(() => {
      const activations = this.forward(inputs, { training: false }, new Set([layer]), layer).activations.get(layer) as Tensor;
      const gradient = tf.grad((a: Tensor) => tf.sum(tf.slice(this.runFrom(a, layer + 1), [0, outputIndex], [-1, 1])))(activations);
      return { activations, gradient };
    });
  }

  /**
   * Activation maximization's objective and its gradient, in inference mode. The objective a is channel `unit` of layer
   * `layer` **before** its activation function (z, not ReLU(z): a ReLU unit that is silent for the start image would
   * otherwise have a zero gradient and never move; ReLU is monotonic, so raising z raises ReLU(z) once it is positive),
   * either averaged over the map's positions (`position` 'mean') or taken at its centre row ⌊H/2⌋ and column ⌊W/2⌋
   * ('centre': one neuron, whose receptive field is a patch of the input). The last axis of a layer's output is its
   * channel (conv) or unit (dense: one position, so both agree). Returns a per example ([batch]) and ∂a/∂inputs
   * ([batch, inputSize]); the caller owns both.
   */
  unitInputGradient(inputs: Tensor2D, layer: number, unit: number, position: 'mean' | 'centre' = 'mean'): { value: Tensor; gradient: Tensor2D } {
    this.assertLayer(layer);
    const shape = this.summary[layer].outputShape;
    const channels = shape[shape.length - 1];
    if (!Number.isInteger(unit) || unit < 0 || unit >= channels) throw new Error(`unit ${unit} is out of range: layer ${layer} has ${channels} channels or units`);
    const positions = product(shape.slice(0, -1));
    const objective = (x: Tensor2D): Tensor => {
      const flat = tf.reshape(this.preActivation(x, layer), [-1, positions, channels]);
      if (position === 'centre') return tf.reshape(tf.slice(flat, [0, centrePosition(shape), unit], [-1, 1, 1]), [-1]);
      return tf.mean(tf.reshape(tf.slice(flat, [0, 0, unit], [-1, -1, 1]), [-1, positions]), 1);
    };
    return tf.tidy(() => ({ value: objective(inputs), gradient: tf.grad((x: Tensor) => tf.sum(objective(x as Tensor2D)))(inputs) as Tensor2D }));
  }

  /** Layer `layer`'s output with its activation function left out (conv and dense layers; other layers as they are). */
  private preActivation(inputs: Tensor2D, layer: number): Tensor {
    const below = layer === 0 ? this.inputTensor(inputs) : (this.forward(inputs, { training: false }, new Set([layer - 1]), layer - 1).activations.get(layer - 1) as Tensor);
    const spec = this.spec.layers[layer];
    const linear = spec.kind === 'conv2d' || spec.kind === 'dense' ? { ...spec, activation: 'linear' as const } : spec;
    return layerDefinition(linear).apply(linear, below, this.layerVariables[layer], { tf, training: false, seed: 0, layerIndex: layer });
  }

  /** The flat inputs [batch, inputSize] in the network's input shape. */
  private inputTensor(inputs: Tensor2D): Tensor {
    return this.spec.inputShape.length === 1 ? inputs : tf.reshape(inputs, [-1, ...this.spec.inputShape]);
  }

  dispose(): void {
    this.parameters.forEach(({ variable }) => variable.dispose());
  }

  private assertLayer(layer: number): void {
    if (!Number.isInteger(layer) || layer < 0 || layer >= this.spec.layers.length) {
      throw new Error(`layer ${layer} does not exist: the network has layers 0–${this.spec.layers.length - 1}`);
    }
  }

  private assertOutputIndex(outputIndex: number): void {
    const outputs = this.summary.length ? product(this.summary[this.summary.length - 1].outputShape) : this.inputSize;
    if (!Number.isInteger(outputIndex) || outputIndex < 0 || outputIndex >= outputs) {
      throw new Error(`output index ${outputIndex} is out of range: the network has ${outputs} outputs`);
    }
  }

  /** Layers `from`… to the end, in inference mode, on x = the output of layer from − 1; returns [batch, outputs]. */
  private runFrom(x: Tensor, from: number): Tensor2D {
    let y = x;
    for (let layerIndex = from; layerIndex < this.spec.layers.length; layerIndex++) {
      const layer = this.spec.layers[layerIndex];
      y = layerDefinition(layer).apply(layer, y, this.layerVariables[layerIndex], { tf, training: false, seed: 0, layerIndex });
    }
    return (y.rank === 2 ? y : tf.reshape(y, [y.shape[0], -1])) as Tensor2D;
  }

  /** Layers 0… `lastLayer` (all by default), capturing the listed layers' outputs. */
  private forward(
    inputs: Tensor2D,
    options: ForwardOptions,
    capture: ReadonlySet<number> | null,
    lastLayer = this.spec.layers.length - 1,
  ): { output: Tensor2D; activations: Map<number, Tensor> } {
    if (inputs.rank !== 2 || inputs.shape[1] !== this.inputSize) {
      throw new Error(`inputs must have shape [batch, ${this.inputSize}], got ${formatShape(inputs.shape)}`);
    }
    const activations = new Map<number, Tensor>();
    const seed = options.seed ?? 0;
    let x: Tensor = this.inputTensor(inputs);
    this.spec.layers.forEach((layer, layerIndex) => {
      if (layerIndex > lastLayer) return;
      const frozen = options.frozenLayers?.has(layerIndex) === true && this.summary[layerIndex].parameters.length > 0;
      const context = { tf, training: options.training && !frozen, seed, layerIndex };
      x = layerDefinition(layer).apply(layer, x, this.layerVariables[layerIndex], context);
      if (capture?.has(layerIndex)) activations.set(layerIndex, x);
    });
    const output = (x.rank === 2 ? x : tf.reshape(x, [x.shape[0], -1])) as Tensor2D;
    return { output, activations };
  }
}

/** The flat index of the centre position (⌊H/2⌋, ⌊W/2⌋) of a [H, W, C] map; 0 for a dense layer's [units]. */
function centrePosition(shape: readonly number[]): number {
  if (shape.length < 3) return 0;
  return Math.floor(shape[0] / 2) * shape[1] + Math.floor(shape[1] / 2);
}
