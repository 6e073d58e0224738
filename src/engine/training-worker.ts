/// <reference lib="webworker" />
/**
 * The training worker: owns TF.js, the data tensors and one training session at a time.
 * Exposed to the main thread with comlink; see TrainingWorkerApi for the protocol.
 * Terminating the worker frees everything (tensors, WebGL context).
 */
import * as Comlink from 'comlink';
import { tf } from '../core/tf/tf-core';
import { TrainingSession } from '../core/training/training-session';
import { runTrainingLoop } from '../core/training/run-training-loop';
import { selectBackend } from './select-backend';
import type {
  BackendInfo,
  BackendPreference,
  EngineMemory,
  LabelledData,
  TrainingOutcome,
  TrainingProgress,
  TrainingSessionConfig,
} from './engine-types';

let session: TrainingSession | null = null;
let trainData: LabelledData | null = null;
let validationData: LabelledData | null = null;
let stopRequested = false;
let running: Promise<TrainingOutcome> | null = null;

function requireSession(): TrainingSession {
  if (!session) throw new Error('No model yet: call configure() first');
  return session;
}

/** Transfers the typed arrays of a progress report instead of copying them. */
function transferProgress(progress: TrainingProgress): TrainingProgress {
  const buffers = progress.parameters
    ? [...progress.parameters.kernels, ...progress.parameters.biases].map((array) => array.buffer as ArrayBuffer)
    : [];
  return Comlink.transfer(progress, buffers);
}

const api = {
  /** Starts TF.js on the preferred backend. */
  async initialize(preference: BackendPreference): Promise<BackendInfo> {
    return selectBackend(preference);
  },

  /** Keeps the datasets for the following `configure` calls (arrays arrive transferred). */
  setData(train: LabelledData, validation: LabelledData | null): void {
    trainData = train;
    validationData = validation;
  },

  /** Builds a fresh model (disposing the previous one) and reports step 0 with its parameters. */
  async configure(config: TrainingSessionConfig): Promise<TrainingProgress> {
    await api.stop();
    if (!trainData) throw new Error('No training data yet: call setData() first');
    session?.dispose();
    session = null;
    session = new TrainingSession(config, trainData, validationData);
    if (config.evaluateEvery > 0) session.queueEvaluation();
    return transferProgress(await session.collect(true));
  },

  /** Changes the learning rate of the running session without resetting it. */
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
    stopRequested = false;
    running = runTrainingLoop(current, {
      maxSteps,
      shouldStop: () => stopRequested || current !== session,
      onProgress: (progress) => onProgress(transferProgress(progress)),
      includeParameters: true,
    }).then((reason) => ({ reason, step: current.stepCount }));
    try {
      return await running;
    } finally {
      running = null;
    }
  },

  /** Asks a running `train` to stop after its current chunk and waits for it. */
  async stop(): Promise<void> {
    stopRequested = true;
    await running?.catch(() => undefined);
  },

  /** Runs exactly `count` steps and reports them. */
  async step(count: number): Promise<TrainingProgress> {
    await api.stop();
    const current = requireSession();
    current.runSteps(count);
    return transferProgress(await current.collect(true));
  },

  /** Outputs of the current model for plain inputs ([count, inputSize]). */
  async predict(inputs: Float32Array, count: number): Promise<Float32Array> {
    const outputs = await requireSession().predict(inputs, count);
    return Comlink.transfer(outputs, [outputs.buffer as ArrayBuffer]);
  },

  /** Frees the session and its tensors (the data arrays stay for a later configure). */
  async disposeSession(): Promise<void> {
    await api.stop();
    session?.dispose();
    session = null;
  },

  memory(): EngineMemory {
    const { numTensors, numBytes } = tf.memory();
    return { numTensors, numBytes };
  },
};

export type TrainingWorkerApi = typeof api;

Comlink.expose(api);
