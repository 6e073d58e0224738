import { tf, type Scalar, type Tensor, type Tensor2D, type Variable } from '../tf/tf-core';
import { Network } from '../nn/network';
import { initializeParameters, type NetworkParameters } from '../nn/network-spec';
import { computeAccuracy, computeLoss, isPerOutputLoss } from '../nn/losses';
import { createSeededRandom } from '../random/seeded-random';
import { assertLabelledDataShape, uploadInputs, type LabelledData } from './labelled-data';
import { createOptimizer, type Optimizer } from './optimizers/create-optimizer';
import { learningRateAt } from './learning-rate-schedule';
import { clipByGlobalNorm, groupNorms, l1Penalty, l2Penalty } from './gradient-math';
import { ReadoutSet, type NewestStep, type ReadoutPlan } from './readout-set';
import { INITIAL_EARLY_STOPPING_STATUS, observeEvaluation, type EarlyStoppingStatus } from './early-stopping';
import type { ReadoutRequests, ReadoutValues } from './readouts';
import { validateTrainingConfig, type TrainingSessionConfig } from './training-config';

export type { TrainingSessionConfig };

/** What happened since the previous `collect()`, as plain numbers. */
export interface TrainingProgress {
  step: number;
  epoch: number;
  trainLoss: { steps: number[]; values: number[] };
  validation: { steps: number[]; loss: number[]; accuracy: number[] };
  /** Latest recorded training loss, or null before the first record. */
  latestLoss: number | null;
  /** η the next step will use (the base rate through the schedule). */
  learningRate: number;
  /** The read-outs computed for this report, by name (see ReadoutRequests). */
  readouts: ReadoutValues;
  /** True when a recorded loss is NaN or ±Infinity: training must stop. */
  diverged: boolean;
  /** Where early stopping stands (only when the config asks for it). */
  earlyStopping?: EarlyStoppingStatus;
  /**
   * Where the time of the last chunk went (set by the training loop): dispatching steps on this thread
   * versus waiting for the backend to finish them and read the results back.
   */
  timing?: { steps: number; dispatchMs: number; readBackMs: number };
}

/** Options of one `collect`. */
export interface CollectOptions {
  /** Compute every read-out now, even those whose `everySteps` has not elapsed (pause, single step). */
  forceReadouts?: boolean;
}

/** A copy of the parameters on the host, taken at `step`. */
export interface ParameterSnapshot {
  step: number;
  parameters: NetworkParameters;
}

interface PendingRecord {
  step: number;
  scalars: Scalar[];
  /** With early stopping: a copy of every parameter at this evaluation, kept on the device if it becomes the best. */
  parameters?: Tensor[];
}

/** A seed for the random numbers of one step (dropout masks): a different one per step, fixed by the run's seed. */
export function stepSeed(runSeed: number, step: number): number {
  return (Math.imul(runSeed >>> 0, 0x9e3779b1) ^ Math.imul(step + 1, 0x85ebca6b)) >>> 0;
}

/**
 * One network being trained: each step draws a minibatch, computes ∇_θ L (plus ½λ₂‖W‖² when `l2Penalty` is
 * set and λ₁Σ|W| when `l1Penalty` is), optionally clips it by global norm, and lets the configured optimizer update the unfrozen
 * parameters with η = schedule(η₀, step).
 *
 * Ownership: the session owns every tensor it creates (data, network, optimizer state, read-out inputs,
 * recorded losses); `dispose()` frees them all. Steps are dispatched without reading anything back;
 * recorded scalars and read-outs wait on the device until `collect()` reads them in one batched read-back.
 */
export class TrainingSession {
  private readonly network: Network;
  private readonly optimizer: Optimizer;
  /** The whole training set as tensors, uploaded only for full-batch steps (minibatches are gathered on the host). */
  private fullBatch: { inputs: Tensor2D; targets: Tensor2D } | null = null;
  private readonly validationInputs: Tensor2D | null;
  private readonly validationTargets: Tensor2D | null;
  private readonly shuffle: () => number;
  private readonly threshold: number;
  private readonly frozenLayers: ReadonlySet<number>;
  private readonly trainable: Variable[];
  /** The trainable parameters that weight decay and the L2 penalty apply to (kernels). */
  private readonly decaying: Variable[];
  /** For each trainable variable, whether it is in `decaying`. */
  private readonly trainableDecays: boolean[];
  /** Trainable parameters grouped by layer (for gradient norms), in layer order. */
  private readonly gradientGroups: Array<{ layer: number; name: string; variables: Variable[] }>;
  private readonly readouts: ReadoutSet;
  private readonly snapshots = new Map<string, ParameterSnapshot>();
  private baseLearningRate: number;
  private order: Int32Array;
  private cursor = 0;
  private pendingLoss: PendingRecord[] = [];
  private pendingValidation: PendingRecord[] = [];
  private lastLoss: number | null = null;
  /** The newest step's loss when that step was not recorded: read by `collect`, which also makes it a GPU sync point. */
  private newestUnrecordedCost: Scalar | null = null;
  /** Per-layer gradient norms of the newest step, kept only while a gradient-norms read-out is set. */
  private newestGradientNorms: Tensor | null = null;
  /** ∂L/∂kernel of the newest step (one per entry of `kernelGroups`), kept only while a gradient-histograms read-out is set. */
  private newestKernelGradients: Tensor[] | null = null;
  /** The trainable kernels, by layer, whose gradients the gradient histograms show. */
  private readonly kernelGroups: Array<{ layer: number; name: string; variable: Variable }>;
  private earlyStoppingStatus: EarlyStoppingStatus = INITIAL_EARLY_STOPPING_STATUS;
  /** With early stopping: every parameter (in `network.parameters` order) at the best evaluation so far, on the device. */
  private bestParameters: Tensor[] | null = null;
  private disposed = false;
  stepCount = 0;

  constructor(
    readonly config: TrainingSessionConfig,
    private train: LabelledData,
    validation: LabelledData | null,
  ) {
    const problem = validateTrainingConfig(config);
    if (problem) throw new Error(problem);
    assertLabelledDataShape(train, 'training data');
    if (validation) assertLabelledDataShape(validation, 'validation data');
    this.network = new Network(config.network, config.initialParameters ?? initializeParameters(config.network, config.seed));
    for (const [name, data] of [
      ['training data', train],
      ['validation data', validation],
    ] as const) {
      if (data && data.inputSize !== this.network.inputSize) {
        this.network.dispose();
        throw new Error(`${name}: examples have ${data.inputSize} inputs, the network expects ${this.network.inputSize}`);
      }
    }
    this.optimizer = createOptimizer(config.optimizer ?? { kind: 'sgd' });
    this.baseLearningRate = config.learningRate;
    this.frozenLayers = new Set(config.frozenLayers ?? []);
    this.trainable = this.network.trainableVariables(this.frozenLayers);
    const trainableSet = new Set(this.trainable);
    const decayingSet = new Set(this.network.parameters.filter((p) => p.decays && trainableSet.has(p.variable)).map((p) => p.variable));
    this.decaying = [...decayingSet];
    this.trainableDecays = this.trainable.map((variable) => decayingSet.has(variable));
    this.gradientGroups = this.network.summary
      .map((layer) => ({
        layer: layer.index,
        name: layer.name,
        variables: this.network.parameters.filter((p) => p.layer === layer.index && trainableSet.has(p.variable)).map((p) => p.variable),
      }))
      .filter((group) => group.variables.length > 0);
    this.kernelGroups = this.network.parameters
      .filter((p) => p.name === 'kernel' && trainableSet.has(p.variable))
      .map((p) => ({ layer: p.layer, name: this.network.summary[p.layer].name, variable: p.variable }));
    this.readouts = new ReadoutSet(this.network);
    this.validationInputs = validation ? uploadInputs(validation.inputs, validation.count, validation.inputSize) : null;
    this.validationTargets = validation ? tf.tensor2d(validation.targets, [validation.count, validation.targetSize]) : null;
    this.uploadFullBatchIfUsed();
    this.shuffle = createSeededRandom(config.seed ^ 0x5bd1e995);
    this.order = Int32Array.from({ length: train.count }, (_, i) => i);
    this.reshuffle();
    this.threshold = outputsProbabilities(config) ? 0.5 : 0;
    this.stepCount = config.startStep ?? 0;
  }

  /** Completed passes over the training data (fractional). */
  get epoch(): number {
    return (this.stepCount * Math.min(this.config.batchSize, this.train.count)) / this.train.count;
  }

  /** η the next step will use: the schedule applied to the base learning rate. */
  get learningRate(): number {
    const { schedule } = this.config;
    return schedule && schedule.kind !== 'constant' ? learningRateAt(schedule, this.baseLearningRate, this.stepCount) : this.baseLearningRate;
  }

  /** Changes the base learning rate η₀ for the following steps (the curve so far and the optimizer state are kept). */
  setLearningRate(learningRate: number): void {
    if (!(Number.isFinite(learningRate) && learningRate > 0)) throw new Error(`The learning rate must be a positive number, got ${learningRate}`);
    this.baseLearningRate = learningRate;
  }

  /** Replaces the read-outs that `collect` computes (see ReadoutRequests). Throws on an invalid request. */
  setReadouts(requests: ReadoutRequests): void {
    this.assertAlive();
    this.readouts.replace(requests);
    if (!this.readouts.wantsGradientNorms) this.replaceGradientNorms(null);
    if (!this.readouts.wantsKernelGradients) this.replaceKernelGradients(null);
  }

  /** True when some read-out was skipped since the newest step (a pause should report it). */
  get hasStaleReadouts(): boolean {
    return this.readouts.hasStale(this.stepCount);
  }

  /** Dispatches `count` optimizer steps. Nothing is read back. */
  runSteps(count: number): void {
    this.assertAlive();
    const { recordEvery, evaluateEvery } = this.config;
    for (let i = 0; i < count; i++) {
      const last = i === count - 1;
      const cost = this.runOneStep(last && this.readouts.wantsGradientNorms, last && this.readouts.wantsKernelGradients);
      this.stepCount++;
      this.newestUnrecordedCost?.dispose();
      this.newestUnrecordedCost = null;
      if (this.stepCount % recordEvery === 0) this.pendingLoss.push({ step: this.stepCount, scalars: [cost] });
      else if (i === count - 1) this.newestUnrecordedCost = cost;
      else cost.dispose();
      if (evaluateEvery > 0 && this.stepCount % evaluateEvery === 0) this.queueEvaluation();
    }
  }

  /** One step; returns its data loss (kept, owned by the caller). */
  private runOneStep(keepGradientNorms: boolean, keepKernelGradients: boolean): Scalar {
    const batch = this.nextBatch();
    const { loss, l2Penalty: lambda2 = 0, l1Penalty: lambda1 = 0, gradientClipNorm } = this.config;
    const learningRate = this.learningRate;
    const seed = stepSeed(this.config.seed, this.stepCount);
    const applyOptions = { training: true, seed, frozenLayers: this.frozenLayers };
    try {
      return tf.tidy(() => {
        if (this.trainable.length === 0) return computeLoss(loss, this.network.apply(batch.inputs, applyOptions), batch.targets);
        let dataLoss: Scalar | null = null;
        const { value, grads } = tf.variableGrads(() => {
          const cost = computeLoss(loss, this.network.apply(batch.inputs, applyOptions), batch.targets);
          if (lambda2 <= 0 && lambda1 <= 0) return cost;
          dataLoss = tf.keep(cost);
          let penalized = cost;
          if (lambda2 > 0) penalized = tf.add(penalized, l2Penalty(this.decaying, lambda2));
          if (lambda1 > 0) penalized = tf.add(penalized, l1Penalty(this.decaying, lambda1));
          return penalized;
        }, this.trainable);
        let gradients: Tensor[] = this.trainable.map((variable) => grads[variable.name]);
        if (gradientClipNorm !== undefined) gradients = clipByGlobalNorm(gradients, gradientClipNorm);
        const byVariable = new Map(this.trainable.map((variable, i) => [variable, gradients[i]]));
        if (keepGradientNorms) {
          this.replaceGradientNorms(tf.keep(groupNorms(this.gradientGroups.map((group) => group.variables.map((v) => byVariable.get(v) as Tensor)))));
        }
        if (keepKernelGradients) this.replaceKernelGradients(this.kernelGroups.map(({ variable }) => tf.keep(tf.clone(byVariable.get(variable) as Tensor))));
        this.optimizer.applyGradients(
          this.trainable.map((variable, i) => ({ variable, gradient: gradients[i], decays: this.trainableDecays[i] })),
          learningRate,
        );
        return dataLoss ?? value;
      });
    } finally {
      if (batch.owned) tf.dispose([batch.inputs, batch.targets]);
    }
  }

  private replaceGradientNorms(norms: Tensor | null): void {
    this.newestGradientNorms?.dispose();
    this.newestGradientNorms = norms;
  }

  private replaceKernelGradients(gradients: Tensor[] | null): void {
    if (this.newestKernelGradients) tf.dispose(this.newestKernelGradients);
    this.newestKernelGradients = gradients;
  }

  private replaceBestParameters(parameters: Tensor[] | null): void {
    if (this.bestParameters) tf.dispose(this.bestParameters);
    this.bestParameters = parameters;
  }

  /** Queues a validation evaluation at the current step (read at the next collect). */
  queueEvaluation(): void {
    const inputs = this.validationInputs;
    const targets = this.validationTargets;
    if (!inputs || !targets) return;
    const scalars = tf.tidy(() => {
      const outputs = this.network.apply(inputs, { training: false });
      return [computeLoss(this.config.loss, outputs, targets), computeAccuracy(outputs, targets, this.threshold, isPerOutputLoss(this.config.loss))];
    });
    // With early stopping, the weights of this evaluation are copied now: by the time its numbers are read, training has moved on.
    const parameters = this.config.earlyStopping ? this.network.parameters.map(({ variable }) => tf.keep(tf.clone(variable))) : undefined;
    this.pendingValidation.push({ step: this.stepCount, scalars, parameters });
  }

  /** Where early stopping stands, or null when the config does not ask for it. */
  get earlyStopping(): EarlyStoppingStatus | null {
    return this.config.earlyStopping ? this.earlyStoppingStatus : null;
  }

  /**
   * Puts the weights of the best validation evaluation so far back into the model (early stopping's "restore best
   * weights"); the step count, the curves and the optimizer's state go on from where they are. Returns false when
   * there is nothing to restore (no early stopping in the config, or no evaluation read yet).
   */
  restoreBestWeights(): boolean {
    this.assertAlive();
    const best = this.bestParameters;
    const bestStep = this.earlyStoppingStatus.bestStep;
    if (!best || bestStep === null) return false;
    this.network.parameters.forEach(({ variable }, i) => variable.assign(best[i]));
    this.earlyStoppingStatus = { ...this.earlyStoppingStatus, restoredStep: bestStep };
    return true;
  }

  /** Feeds the evaluations just read to early stopping, keeping the weights of a new best and freeing the others'. */
  private observeEvaluations(records: PendingRecord[], loss: number[], accuracy: number[]): void {
    const config = this.config.earlyStopping;
    records.forEach((record, i) => {
      if (!config || !record.parameters) return;
      const { status, improved } = observeEvaluation(config, this.earlyStoppingStatus, record.step, loss[i], accuracy[i]);
      this.earlyStoppingStatus = status;
      if (improved) this.replaceBestParameters(record.parameters);
      else tf.dispose(record.parameters);
      record.parameters = undefined;
    });
  }

  /**
   * Reads every pending record and every due read-out in one batched read-back.
   * The returned arrays are fresh copies the caller may transfer.
   */
  async collect(options: CollectOptions = {}): Promise<TrainingProgress> {
    this.assertAlive();
    const losses = this.pendingLoss;
    const validations = this.pendingValidation;
    this.pendingLoss = [];
    this.pendingValidation = [];
    const newest = this.newestUnrecordedCost;
    this.newestUnrecordedCost = null;
    // Every collect reads at least the newest step's loss, so the GPU has finished all queued steps when it returns.
    const scalars = [...losses, ...validations].flatMap((record) => record.scalars).concat(newest ? [newest] : []);
    const step = this.stepCount;
    const norms = this.newestGradientNorms ? { tensor: this.newestGradientNorms, layers: this.gradientGroups.map(({ layer, name }) => ({ layer, name })) } : null;
    const kept = new Set<Tensor>([...(norms ? [norms.tensor] : []), ...(this.newestKernelGradients ?? [])]);
    const newestStep: NewestStep = {
      gradientNorms: norms,
      kernelGradients: this.newestKernelGradients ? { tensors: this.newestKernelGradients, layers: this.kernelGroups.map(({ layer, name }) => ({ layer, name })) } : null,
      dropout: { seed: stepSeed(this.config.seed, Math.max(0, step - 1)), batchSize: Math.min(this.config.batchSize, this.train.count) },
    };
    const due = this.readouts.takeDue(step, options.forceReadouts ?? false);
    let values: Float32Array = new Float32Array(0);
    let plans: ReadoutPlan[] = [];
    // The plans' tensors survive this tidy (it returns them); everything else they needed is freed.
    const planned = tf.tidy(() => {
      plans = due.map((readout) => this.readouts.plan(readout, newestStep));
      return plans.flatMap((plan) => plan.tensors);
    });
    const pieces = [...(scalars.length > 0 ? [tf.stack(scalars)] : []), ...planned];
    try {
      if (pieces.length > 0) {
        const all = tf.tidy(() => tf.concat(pieces.map((piece) => tf.reshape(piece, [-1]))));
        try {
          values = (await all.data()) as Float32Array;
        } finally {
          all.dispose();
        }
      }
    } finally {
      tf.dispose(scalars);
      tf.dispose(pieces.filter((piece) => !kept.has(piece)));
    }
    let offset = 0;
    const take = (length: number) => values.slice(offset, (offset += length));
    const scalarValues = take(scalars.length);
    const readouts: ReadoutValues = {};
    for (const plan of plans)
      readouts[plan.name] = plan.assemble(
        plan.tensors.map((tensor) => take(tensor.size)),
        step,
      );

    const trainLoss = { steps: losses.map((r) => r.step), values: Array.from(scalarValues.subarray(0, losses.length)) };
    const validation = { steps: validations.map((r) => r.step), loss: [] as number[], accuracy: [] as number[] };
    validations.forEach((_, i) => {
      validation.loss.push(scalarValues[losses.length + 2 * i]);
      validation.accuracy.push(scalarValues[losses.length + 2 * i + 1]);
    });
    this.observeEvaluations(validations, validation.loss, validation.accuracy);
    if (trainLoss.values.length > 0) this.lastLoss = trainLoss.values[trainLoss.values.length - 1];
    if (newest) this.lastLoss = scalarValues[scalarValues.length - 1];
    const diverged =
      trainLoss.values.some((v) => !Number.isFinite(v)) || validation.loss.some((v) => !Number.isFinite(v)) || (this.lastLoss !== null && !Number.isFinite(this.lastLoss));
    const earlyStopping = this.earlyStopping;
    return {
      step,
      epoch: this.epoch,
      trainLoss,
      validation,
      latestLoss: this.lastLoss,
      learningRate: this.learningRate,
      readouts,
      diverged,
      ...(earlyStopping ? { earlyStopping: { ...earlyStopping } } : {}),
    };
  }

  /** A copy of every parameter (moving statistics included) that the caller owns and may transfer. */
  exportParameters(): Promise<NetworkParameters> {
    this.assertAlive();
    return this.network.readParameters();
  }

  /** Keeps a host copy of the parameters under `name` (e.g. "best" for early stopping), replacing any older one. */
  async saveSnapshot(name: string): Promise<ParameterSnapshot> {
    const snapshot = { step: this.stepCount, parameters: await this.exportParameters() };
    this.snapshots.set(name, snapshot);
    return snapshot;
  }

  /** The snapshot saved under `name`, if any. */
  getSnapshot(name: string): ParameterSnapshot | null {
    return this.snapshots.get(name) ?? null;
  }

  /**
   * Puts the parameters of snapshot `name` back (step count, curves and optimizer state go on from where
   * they are). Returns false when there is no such snapshot.
   */
  restoreSnapshot(name: string): boolean {
    this.assertAlive();
    const snapshot = this.snapshots.get(name);
    if (!snapshot) return false;
    this.network.assignParameters(snapshot.parameters);
    return true;
  }

  /**
   * Sets one number of one parameter: `values[index] ← value` in parameter `name` of layer `layer` (0-based, row-major
   * index into the parameter; a dense kernel [fanIn, units] holds the weight from input i to unit j at i·units + j).
   * Everything else is kept: the other parameters, the step count, the curves and the optimizer's state (momentum,
   * Adam's moments), so training goes on from the edited weight. Throws, changing nothing, on an unknown parameter,
   * an index out of range or a value that is not a finite number.
   */
  setParameterValue(layer: number, name: string, index: number, value: number): void {
    this.assertAlive();
    const variable = this.network.variable(layer, name);
    if (!variable) throw new Error(`Layer ${layer} has no parameter "${name}"`);
    if (!(Number.isInteger(index) && index >= 0 && index < variable.size)) {
      throw new Error(`Index ${index} is out of range: parameter "${name}" of layer ${layer} holds ${variable.size} numbers`);
    }
    if (!Number.isFinite(value)) throw new Error(`A parameter must be a finite number, got ${value}`);
    const mask = new Float32Array(variable.size);
    mask[index] = 1;
    tf.tidy(() => {
      const selected = tf.tensor(mask, variable.shape, 'float32');
      // Exact: the kept entries are multiplied by 1 and get 0 added, the edited one is 0·w + value.
      variable.assign(tf.add(tf.mul(variable, tf.sub(1, selected)), tf.mul(selected, value)));
    });
  }

  /** Frees every tensor the session owns. Safe to call twice. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose([...this.pendingLoss, ...this.pendingValidation].flatMap((record) => [...record.scalars, ...(record.parameters ?? [])]));
    this.newestUnrecordedCost?.dispose();
    this.newestUnrecordedCost = null;
    this.replaceGradientNorms(null);
    this.replaceKernelGradients(null);
    this.replaceBestParameters(null);
    this.pendingLoss = [];
    this.pendingValidation = [];
    this.readouts.dispose();
    this.network.dispose();
    this.optimizer.dispose();
    this.releaseFullBatch();
    if (this.validationInputs) tf.dispose([this.validationInputs]);
    if (this.validationTargets) tf.dispose([this.validationTargets]);
  }

  /**
   * Takes in a training set that has grown (a dataset streaming in chunk by chunk): `grown` must hold the current
   * examples unchanged as its first rows. The new examples join the end of the current epoch's order, in a seeded
   * random order, so a run whose chunks arrive before training reaches them takes the same steps however fast they came.
   */
  extendTrainingData(grown: LabelledData): void {
    this.assertAlive();
    assertLabelledDataShape(grown, 'training data');
    const { count, inputSize, targetSize } = this.train;
    if (grown.inputSize !== inputSize || grown.targetSize !== targetSize) {
      throw new Error(`training data: new examples have ${grown.inputSize} inputs and ${grown.targetSize} targets, expected ${inputSize} and ${targetSize}`);
    }
    if (grown.count < count) throw new Error(`training data: cannot shrink from ${count} to ${grown.count} examples`);
    const added = Int32Array.from({ length: grown.count - count }, (_, i) => count + i);
    shuffleInPlace(added, this.shuffle);
    const order = new Int32Array(this.order.length + added.length);
    order.set(this.order);
    order.set(added, this.order.length);
    this.order = order;
    this.train = grown;
    this.releaseFullBatch();
    this.uploadFullBatchIfUsed();
  }

  /** Examples in the training set now. */
  get trainingCount(): number {
    return this.train.count;
  }

  /**
   * The next minibatch, gathered on the host from the shuffled order and uploaded (pixels scaled by 1/255); the
   * whole set (uploaded once) when the batch size covers it.
   */
  private nextBatch(): { inputs: Tensor2D; targets: Tensor2D; owned: boolean } {
    const { count, inputSize, targetSize, inputs, targets } = this.train;
    const size = Math.min(this.config.batchSize, count);
    if (size >= count && this.fullBatch) return { ...this.fullBatch, owned: false };
    if (this.cursor + size > this.order.length) this.reshuffle();
    const batchInputs = new Float32Array(size * inputSize);
    const batchTargets = new Float32Array(size * targetSize);
    for (let row = 0; row < size; row++) {
      const example = this.order[this.cursor + row];
      const source = inputs.subarray(example * inputSize, (example + 1) * inputSize);
      if (source instanceof Uint8Array) {
        const offset = row * inputSize;
        for (let k = 0; k < inputSize; k++) batchInputs[offset + k] = PIXEL_SCALE[source[k]];
      } else {
        batchInputs.set(source, row * inputSize);
      }
      batchTargets.set(targets.subarray(example * targetSize, (example + 1) * targetSize), row * targetSize);
    }
    this.cursor += size;
    return { inputs: tf.tensor2d(batchInputs, [size, inputSize]), targets: tf.tensor2d(batchTargets, [size, targetSize]), owned: true };
  }

  /** Uploads the whole training set once when every step uses all of it (batch size ≥ count). */
  private uploadFullBatchIfUsed(): void {
    const { count, inputSize, targetSize, inputs, targets } = this.train;
    if (this.config.batchSize < count) return;
    this.fullBatch = { inputs: uploadInputs(inputs, count, inputSize), targets: tf.tensor2d(targets, [count, targetSize]) };
  }

  private releaseFullBatch(): void {
    if (this.fullBatch) tf.dispose([this.fullBatch.inputs, this.fullBatch.targets]);
    this.fullBatch = null;
  }

  /** Fisher–Yates shuffle of the example order with the session's seeded generator. */
  private reshuffle(): void {
    shuffleInPlace(this.order, this.shuffle);
    this.cursor = 0;
  }

  private assertAlive(): void {
    if (this.disposed) throw new Error('This training session has been disposed');
  }
}

/** uint8 pixel value → float32 input, v / 255 (the scaling uploadInputs applies). */
const PIXEL_SCALE = Float32Array.from({ length: 256 }, (_, v) => v / 255);

/** Fisher–Yates shuffle in place with `random` (uniform in [0, 1)). */
function shuffleInPlace(order: Int32Array, random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
}

/** True when the network ends in a sigmoid (a dense layer's or a standalone one): outputs are probabilities, split at 0.5. */
function outputsProbabilities(config: TrainingSessionConfig): boolean {
  const last = config.network.layers[config.network.layers.length - 1];
  return last !== undefined && 'activation' in last && last.activation === 'sigmoid';
}
