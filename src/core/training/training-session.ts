import { tf, type Scalar, type Tensor2D } from '../tf/tf-core';
import { Network } from '../nn/network';
import { initializeParameters, type NetworkSpec, type NetworkParameters } from '../nn/network-spec';
import { computeAccuracy, computeLoss, type LossName } from '../nn/losses';
import { createSeededRandom } from '../random/seeded-random';
import { assertLabelledDataShape, type LabelledData } from './labelled-data';

/** Everything that defines a training run; the same config and seed give the same loss curve. */
export interface TrainingSessionConfig {
  network: NetworkSpec;
  loss: LossName;
  learningRate: number;
  /** Examples per optimizer step; a value ≥ the training-set size means full-batch gradient descent. */
  batchSize: number;
  /** Seeds the initial weights and the order of examples. */
  seed: number;
  /** A loss-curve point every this many steps (1 = every step). */
  recordEvery: number;
  /** Validation loss and accuracy every this many steps (0 = never). */
  evaluateEvery: number;
}

/** What happened since the previous `collect()`, as plain numbers. */
export interface TrainingProgress {
  step: number;
  epoch: number;
  trainLoss: { steps: number[]; values: number[] };
  validation: { steps: number[]; loss: number[]; accuracy: number[] };
  /** Latest recorded training loss, or null before the first record. */
  latestLoss: number | null;
  parameters: NetworkParameters | null;
  /** Network outputs for the probe inputs ([probeCount, outputs]), when asked for and a probe is set. */
  probeOutputs: Float32Array | null;
  /** True when a recorded loss is NaN or ±Infinity: training must stop. */
  diverged: boolean;
  /**
   * Where the time of the last chunk went (set by the training loop): dispatching steps on this thread
   * versus waiting for the backend to finish them and read the results back.
   */
  timing?: { steps: number; dispatchMs: number; readBackMs: number };
}

/** What `collect` reads besides the recorded losses. */
export interface CollectOptions {
  parameters?: boolean;
  probe?: boolean;
}

interface PendingRecord {
  step: number;
  scalars: Scalar[];
}

/**
 * One network being trained with minibatch SGD: w ← w − η ∇_w L(batch).
 *
 * Ownership: the session owns every tensor it creates (data, variables, optimizer state, recorded
 * losses); `dispose()` frees them all. Steps are dispatched without reading anything back; recorded
 * scalars wait on the device until `collect()` reads them in one batched read-back.
 */
export class TrainingSession {
  private readonly network: Network;
  private readonly optimizer: tf.SGDOptimizer;
  private readonly trainInputs: Tensor2D;
  private readonly trainTargets: Tensor2D;
  private readonly validationInputs: Tensor2D | null;
  private readonly validationTargets: Tensor2D | null;
  private readonly shuffle: () => number;
  private readonly threshold: number;
  private order: Int32Array;
  private cursor = 0;
  private pendingLoss: PendingRecord[] = [];
  private pendingValidation: PendingRecord[] = [];
  private lastLoss: number | null = null;
  /** The newest step's loss when that step was not recorded: read by `collect`, which also makes it a GPU sync point. */
  private newestUnrecordedCost: Scalar | null = null;
  private probeInputs: Tensor2D | null = null;
  private disposed = false;
  stepCount = 0;

  constructor(
    readonly config: TrainingSessionConfig,
    private readonly train: LabelledData,
    validation: LabelledData | null,
  ) {
    assertLabelledDataShape(train, 'training data');
    if (validation) assertLabelledDataShape(validation, 'validation data');
    this.network = new Network(config.network, initializeParameters(config.network, config.seed));
    this.optimizer = tf.train.sgd(config.learningRate);
    this.trainInputs = uploadInputs(train);
    this.trainTargets = tf.tensor2d(train.targets, [train.count, train.targetSize]);
    this.validationInputs = validation ? uploadInputs(validation) : null;
    this.validationTargets = validation ? tf.tensor2d(validation.targets, [validation.count, validation.targetSize]) : null;
    this.shuffle = createSeededRandom(config.seed ^ 0x5bd1e995);
    this.order = Int32Array.from({ length: train.count }, (_, i) => i);
    this.reshuffle();
    const lastLayer = config.network.layers[config.network.layers.length - 1];
    this.threshold = lastLayer && 'activation' in lastLayer && lastLayer.activation === 'sigmoid' ? 0.5 : 0;
  }

  /** Completed passes over the training data (fractional). */
  get epoch(): number {
    return (this.stepCount * Math.min(this.config.batchSize, this.train.count)) / this.train.count;
  }

  /**
   * Fixed inputs whose outputs `collect({ probe: true })` reports, e.g. a grid of points for a decision
   * boundary ([count, inputSize]). Replaces any previous probe; null removes it.
   */
  setProbe(inputs: Float32Array | null, count = 0): void {
    this.assertAlive();
    this.probeInputs?.dispose();
    this.probeInputs = inputs ? tf.tensor2d(inputs, [count, this.network.inputSize]) : null;
  }

  /** Changes η for the following steps (the curve so far is kept). */
  setLearningRate(learningRate: number): void {
    this.optimizer.setLearningRate(learningRate);
  }

  /** Dispatches `count` optimizer steps. Nothing is read back. */
  runSteps(count: number): void {
    this.assertAlive();
    const { loss, recordEvery, evaluateEvery } = this.config;
    for (let i = 0; i < count; i++) {
      const batch = this.nextBatch();
      const cost = this.optimizer.minimize(
        () => computeLoss(loss, this.network.apply(batch.inputs), batch.targets),
        true,
        this.network.variables,
      );
      if (batch.owned) tf.dispose([batch.inputs, batch.targets]);
      this.stepCount++;
      this.newestUnrecordedCost?.dispose();
      this.newestUnrecordedCost = null;
      if (cost && this.stepCount % recordEvery === 0) this.pendingLoss.push({ step: this.stepCount, scalars: [cost] });
      else if (cost && i === count - 1) this.newestUnrecordedCost = cost;
      else cost?.dispose();
      if (evaluateEvery > 0 && this.stepCount % evaluateEvery === 0) this.queueEvaluation();
    }
  }

  /** Queues a validation evaluation at the current step (read at the next collect). */
  queueEvaluation(): void {
    const inputs = this.validationInputs;
    const targets = this.validationTargets;
    if (!inputs || !targets) return;
    const scalars = tf.tidy(() => {
      const outputs = this.network.apply(inputs);
      return [computeLoss(this.config.loss, outputs, targets), computeAccuracy(outputs, targets, this.threshold)];
    });
    this.pendingValidation.push({ step: this.stepCount, scalars });
  }

  /**
   * Reads every pending record in one read-back and, if asked, the parameters.
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
    let values: Float32Array = new Float32Array(0);
    if (scalars.length > 0) {
      const stacked = tf.stack(scalars);
      try {
        values = (await stacked.data()) as Float32Array;
      } finally {
        stacked.dispose();
        tf.dispose(scalars);
      }
    }
    const trainLoss = { steps: losses.map((r) => r.step), values: Array.from(values.subarray(0, losses.length)) };
    const validation = { steps: validations.map((r) => r.step), loss: [] as number[], accuracy: [] as number[] };
    validations.forEach((_, i) => {
      validation.loss.push(values[losses.length + 2 * i]);
      validation.accuracy.push(values[losses.length + 2 * i + 1]);
    });
    if (trainLoss.values.length > 0) this.lastLoss = trainLoss.values[trainLoss.values.length - 1];
    if (newest) this.lastLoss = values[values.length - 1];
    const diverged =
      trainLoss.values.some((v) => !Number.isFinite(v)) || validation.loss.some((v) => !Number.isFinite(v)) || (this.lastLoss !== null && !Number.isFinite(this.lastLoss));
    const parameters = options.parameters && !this.disposed ? await this.network.readParameters() : null;
    const probeOutputs = options.probe && this.probeInputs && !this.disposed ? await this.evaluateProbe(this.probeInputs) : null;
    return { step: this.stepCount, epoch: this.epoch, trainLoss, validation, latestLoss: this.lastLoss, parameters, probeOutputs, diverged };
  }

  private async evaluateProbe(inputs: Tensor2D): Promise<Float32Array> {
    const outputs = tf.tidy(() => this.network.apply(inputs));
    try {
      return ((await outputs.data()) as Float32Array).slice();
    } finally {
      outputs.dispose();
    }
  }

  /** Frees every tensor the session owns. Safe to call twice. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose([...this.pendingLoss, ...this.pendingValidation].flatMap((record) => record.scalars));
    this.newestUnrecordedCost?.dispose();
    this.newestUnrecordedCost = null;
    this.pendingLoss = [];
    this.pendingValidation = [];
    this.network.dispose();
    this.optimizer.dispose();
    tf.dispose([this.trainInputs, this.trainTargets]);
    this.probeInputs?.dispose();
    if (this.validationInputs) tf.dispose([this.validationInputs]);
    if (this.validationTargets) tf.dispose([this.validationTargets]);
  }

  private nextBatch(): { inputs: Tensor2D; targets: Tensor2D; owned: boolean } {
    const size = Math.min(this.config.batchSize, this.train.count);
    if (size >= this.train.count) return { inputs: this.trainInputs, targets: this.trainTargets, owned: false };
    if (this.cursor + size > this.order.length) this.reshuffle();
    const indices = this.order.slice(this.cursor, this.cursor + size);
    this.cursor += size;
    const [inputs, targets] = tf.tidy(() => {
      const indexTensor = tf.tensor1d(indices, 'int32');
      return [tf.gather(this.trainInputs, indexTensor), tf.gather(this.trainTargets, indexTensor)] as Tensor2D[];
    });
    return { inputs, targets, owned: true };
  }

  /** Fisher–Yates shuffle of the example order with the session's seeded generator. */
  private reshuffle(): void {
    for (let i = this.order.length - 1; i > 0; i--) {
      const j = Math.floor(this.shuffle() * (i + 1));
      const swap = this.order[i];
      this.order[i] = this.order[j];
      this.order[j] = swap;
    }
    this.cursor = 0;
  }

  private assertAlive(): void {
    if (this.disposed) throw new Error('This training session has been disposed');
  }
}

/** Uploads inputs as float32; uint8 pixels are scaled to [0, 1]. */
function uploadInputs(data: LabelledData): Tensor2D {
  if (data.inputs instanceof Uint8Array) {
    return tf.tidy(() => tf.div(tf.cast(tf.tensor2d(data.inputs, [data.count, data.inputSize], 'int32'), 'float32'), 255)) as Tensor2D;
  }
  return tf.tensor2d(data.inputs, [data.count, data.inputSize]);
}
