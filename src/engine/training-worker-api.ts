/**
 * What a training worker does, as a factory with no module state: each call gives an independent engine
 * (one TF.js backend choice, one dataset, one training session at a time). The worker entry
 * (training-worker.ts) exposes one with comlink; unit tests drive one directly under Node.
 */
import { tf } from '../core/tf/tf-core';
import { TrainingSession } from '../core/training/training-session';
import { GrowableLabelledData } from '../core/training/labelled-data';
import { DEFAULT_CHUNK_MS, runTrainingLoop } from '../core/training/run-training-loop';
import { GPU_LOST_MESSAGE } from './engine-types';
import { chooseBackend } from './backend-policy';
import type {
  BackendInfo,
  BackendPreference,
  Workload,
  EngineMemory,
  LabelledData,
  NetworkParameters,
  ReadoutRequests,
  RecoveryReport,
  SnapshotInfo,
  TrainingOutcome,
  TrainingProgress,
  TrainingSessionConfig,
} from './engine-types';

export interface TrainingWorkerDependencies {
  /** Starts a TF.js backend (the worker passes the real one, which can load WebGL; tests pass the CPU). */
  selectBackend: (preference: BackendPreference, workload: Workload) => Promise<BackendInfo>;
  /** True once the GPU context the backend draws with is lost (default: never, as on the CPU). */
  isContextLost?: () => boolean;
  /** Milliseconds between checkpoints of the parameters while training on a GPU (for recovery); default 2000. */
  checkpointEveryMs?: number;
  /** Marks a progress report's typed arrays for transfer instead of copy (comlink's `transfer` in the worker). */
  transferProgress?: (progress: TrainingProgress) => TrainingProgress;
  /** Same for exported parameters. */
  transferParameters?: (parameters: NetworkParameters) => NetworkParameters;
}

/** Creates one engine; see the methods for the protocol. */
/** The snapshot name of the periodic checkpoint that a lost GPU is recovered from. */
const CHECKPOINT = 'checkpoint';

export function createTrainingWorkerApi({
  selectBackend,
  isContextLost = () => false,
  checkpointEveryMs = 2000,
  transferProgress = (p) => p,
  transferParameters = (p) => p,
}: TrainingWorkerDependencies) {
  let session: TrainingSession | null = null;
  let trainData: GrowableLabelledData | null = null;
  /** The training data the current session was built on: after setData() it trains on older data until configure. */
  let sessionData: GrowableLabelledData | null = null;
  let validationData: LabelledData | null = null;
  let readouts: ReadoutRequests = {};
  let targetChunkMs = DEFAULT_CHUNK_MS;
  let dutyCycle = 1;
  let stopRequested = false;
  let running: Promise<TrainingOutcome> | null = null;
  let onGpu = false;
  let workload: Workload = { hasConvolution: false, multiplyAddsPerStep: 0 };
  let lastCheckpointMs = 0;

  /** Settles once the GPU context is lost (polled every 200 ms until `stop()` is called). */
  function watchContextLoss(): { lost: Promise<void>; stop: () => void } {
    let timer: ReturnType<typeof setInterval> | undefined;
    const lost = new Promise<void>((resolve) => {
      timer = setInterval(() => {
        if (isContextLost()) resolve();
      }, 200);
    });
    return { lost, stop: () => clearInterval(timer) };
  }

  /** Keeps a host copy of the parameters now and then while on a GPU, so a lost context costs at most a few seconds of training. */
  async function checkpoint(current: TrainingSession, force = false): Promise<void> {
    if (!onGpu || (!force && performance.now() - lastCheckpointMs < checkpointEveryMs)) return;
    lastCheckpointMs = performance.now();
    await current.saveSnapshot(CHECKPOINT);
  }

  function requireSession(): TrainingSession {
    if (!session) throw new Error('No model yet: call configure() first');
    return session;
  }

  /** Read-backs on a lost context never finish: calls that would read one fail at once instead. */
  function requireLiveGpu(): void {
    if (onGpu && isContextLost()) throw new Error(`${GPU_LOST_MESSAGE}: call recoverOffGpu()`);
  }

  const api = {
    /**
     * Starts TF.js on the backend asked for, or the one the policy recommends (`auto`). `flags` are TF.js
     * environment flags for experiments (the benchmark uses them to compare kernel settings).
     */
    async initialize(preference: BackendPreference, networkWorkload: Workload, flags: Record<string, number | boolean> = {}): Promise<BackendInfo> {
      workload = networkWorkload;
      const info = await selectBackend(preference, workload);
      for (const [name, value] of Object.entries(flags)) tf.env().set(name, value);
      onGpu = info.backend === 'webgl';
      return info;
    },

    /** Keeps the datasets for the following `configure` calls. */
    setData(train: LabelledData, validation: LabelledData | null): void {
      trainData = new GrowableLabelledData(train);
      validationData = validation;
    },

    /**
     * Appends training examples (the next chunk of a dataset that streams in): the current model trains on them from
     * now on, without a reset, and every later model starts with them. Allowed while training.
     */
    appendTrainingData(more: LabelledData): number {
      if (!trainData) throw new Error('No training data yet: call setData() first');
      trainData.append(more);
      // A session built on data that setData() has since replaced keeps its own until the next configure.
      if (sessionData === trainData) session?.extendTrainingData(trainData.view());
      return trainData.view().count;
    },

    /**
     * What every progress report computes besides the losses, by name (weights, activations, probe outputs,
     * gradient norms, input gradients). Applies to the current model at once and to every later one.
     */
    setReadouts(requests: ReadoutRequests): void {
      session?.setReadouts(requests);
      readouts = requests;
    },

    /** How long a chunk of steps (and so the interval between progress reports) should last. */
    setChunkDuration(milliseconds: number): void {
      if (!(Number.isFinite(milliseconds) && milliseconds > 0)) throw new Error(`Chunk duration must be positive, got ${milliseconds}`);
      targetChunkMs = milliseconds;
    },

    /** Share of wall time this worker trains, in (0, 1]: widgets with several workers lower it (`concurrentDutyCycle`). Applies from the next `train`. */
    setDutyCycle(fraction: number): void {
      if (!(Number.isFinite(fraction) && fraction > 0 && fraction <= 1)) throw new Error(`The duty cycle must be in (0, 1], got ${fraction}`);
      dutyCycle = fraction;
    },

    /**
     * Builds a fresh model (disposing the previous one) and reports step 0 with every read-out. `newReadouts`, when
     * given, replace the read-outs first: a widget whose read-outs depend on the network (probe inputs of a new
     * input size) sets both in one call, since the old model could not compute the new read-outs.
     */
    async configure(config: TrainingSessionConfig, newReadouts?: ReadoutRequests): Promise<TrainingProgress> {
      await api.stop();
      if (!trainData) throw new Error('No training data yet: call setData() first');
      if (newReadouts) readouts = newReadouts;
      session?.dispose();
      session = null;
      const created = new TrainingSession(config, trainData.view(), validationData);
      try {
        created.setReadouts(readouts);
      } catch (error) {
        created.dispose();
        throw error;
      }
      session = created;
      sessionData = trainData;
      if (config.evaluateEvery > 0) created.queueEvaluation();
      await checkpoint(created, true);
      return transferProgress(await created.collect({ forceReadouts: true }));
    },

    /** Changes the base learning rate of the current model without resetting it. */
    setLearningRate(learningRate: number): void {
      requireSession().setLearningRate(learningRate);
    },

    /**
     * Trains until `stop()`, divergence or `maxSteps` total steps, reporting progress through `onProgress`
     * after every chunk (the main thread coalesces reports to one per animation frame).
     */
    async train(maxSteps: number, onProgress: (progress: TrainingProgress) => void): Promise<TrainingOutcome> {
      const current = requireSession();
      await running;
      if (onGpu && isContextLost()) return { reason: 'gpu-lost', step: current.stepCount };
      stopRequested = false;
      const contextLoss = onGpu ? watchContextLoss() : null;
      running = runTrainingLoop(current, {
        maxSteps,
        shouldStop: () => stopRequested || current !== session,
        interruption: contextLoss?.lost,
        betweenChunks: () => checkpoint(current),
        onProgress: (progress) => onProgress(transferProgress(progress)),
        targetChunkMs,
        dutyCycle,
      }).then((reason) => ({ reason: reason === 'interrupted' ? 'gpu-lost' : reason, step: current.stepCount }));
      try {
        return await running;
      } finally {
        contextLoss?.stop();
        running = null;
      }
    },

    /** Asks a running `train` to stop after its current chunk and waits for it. */
    async stop(): Promise<void> {
      stopRequested = true;
      await running?.catch(() => undefined);
    },

    /** Runs exactly `count` steps and reports them with every read-out. */
    async step(count: number): Promise<TrainingProgress> {
      await api.stop();
      const current = requireSession();
      requireLiveGpu();
      current.runSteps(count);
      return transferProgress(await current.collect({ forceReadouts: true }));
    },

    /**
     * Sets one number of one parameter of the current model (see TrainingSession.setParameterValue), stopping a
     * running `train` first, and reports the model with every read-out (and a validation point, when validating).
     * The step count, the curves and the optimizer's state are kept: training goes on from the edited value.
     */
    async setParameterValue(layer: number, name: string, index: number, value: number): Promise<TrainingProgress> {
      await api.stop();
      const current = requireSession();
      requireLiveGpu();
      current.setParameterValue(layer, name, index, value);
      if (current.config.evaluateEvery > 0) current.queueEvaluation();
      await checkpoint(current, true);
      return transferProgress(await current.collect({ forceReadouts: true }));
    },

    /** Computes every read-out now, without training (e.g. after new probe inputs while paused). */
    async refresh(): Promise<TrainingProgress> {
      requireLiveGpu();
      return transferProgress(await requireSession().collect({ forceReadouts: true }));
    },

    /** A copy of the current model's parameters (to save, ship or start another run from). */
    async exportParameters(): Promise<NetworkParameters> {
      return transferParameters(await requireSession().exportParameters());
    },

    /** Keeps a copy of the parameters in the worker under `name` (restore-best, recovery). */
    async saveSnapshot(name: string): Promise<SnapshotInfo> {
      const snapshot = await requireSession().saveSnapshot(name);
      return { name, step: snapshot.step };
    },

    /** Puts snapshot `name` back into the current model and reports it; null when there is no such snapshot. */
    async restoreSnapshot(name: string): Promise<TrainingProgress | null> {
      await api.stop();
      const current = requireSession();
      if (!current.restoreSnapshot(name)) return null;
      if (current.config.evaluateEvery > 0) current.queueEvaluation();
      return transferProgress(await current.collect({ forceReadouts: true }));
    },

    /**
     * Puts the weights of the best validation evaluation back (early stopping; see TrainingSession.restoreBestWeights),
     * stopping a running `train` first, and reports the model with every read-out; null when there is nothing to restore.
     */
    async restoreBestWeights(): Promise<TrainingProgress | null> {
      await api.stop();
      const current = requireSession();
      requireLiveGpu();
      if (!current.restoreBestWeights()) return null;
      return transferProgress(await current.collect({ forceReadouts: true }));
    },

    /**
     * After a lost GPU context: moves to the backend the policy picks without a GPU (WebAssembly; the CPU backend
     * for a tiny network or when WebAssembly cannot start) and rebuilds the model from the last checkpoint (taken
     * when the model was built and every `checkpointEveryMs` while training), so training goes on from that step.
     * The lost model's tensors went with the context.
     */
    async recoverOffGpu(): Promise<RecoveryReport> {
      const lost = requireSession();
      const checkpointed = lost.getSnapshot(CHECKPOINT);
      const lostAtStep = lost.stepCount;
      session = null;
      try {
        lost.dispose();
      } catch {
        // Its textures are gone with the context; nothing is left to free.
      }
      // Where the policy sends this network without a GPU: WebAssembly, or the CPU backend for a tiny one.
      const started = await selectBackend(chooseBackend(workload, { kind: 'none', renderer: null }).backend, workload);
      onGpu = false;
      const { config } = lost;
      const resumed = new TrainingSession(
        { ...config, initialParameters: checkpointed?.parameters ?? config.initialParameters, startStep: checkpointed?.step ?? 0 },
        (trainData as GrowableLabelledData).view(),
        validationData,
      );
      resumed.setReadouts(readouts);
      session = resumed;
      sessionData = trainData;
      if (config.evaluateEvery > 0) resumed.queueEvaluation();
      const resumedAt = checkpointed?.step ?? 0;
      const backend: BackendInfo = {
        ...started,
        reason: `The GPU stopped responding (its WebGL context was lost) at step ${lostAtStep}; training continues on ${started.backend === 'wasm' ? 'WebAssembly' : 'the CPU'} from step ${resumedAt}, its last checkpoint`,
        fellBack: true,
      };
      return { backend, lostAtStep, progress: transferProgress(await resumed.collect({ forceReadouts: true })) };
    },

    memory(): EngineMemory {
      const memory = tf.memory() as ReturnType<typeof tf.memory> & { numBytesInGPU?: number };
      return { numTensors: memory.numTensors, numBytes: memory.numBytes, numBytesInGPU: memory.numBytesInGPU ?? 0 };
    },

    /** Frees the model (the worker itself is ended by the client). */
    async dispose(): Promise<void> {
      await api.stop();
      session?.dispose();
      session = null;
    },
  };
  return api;
}

export type TrainingWorkerApi = ReturnType<typeof createTrainingWorkerApi>;
