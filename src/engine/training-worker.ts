/// <reference lib="webworker" />
/**
 * The training worker: owns TF.js, the data tensors and one training session at a time.
 * Exposed to the main thread with comlink; see TrainingWorkerApi for the protocol.
 * Terminating the worker frees everything (tensors, WebGL context).
 */
import * as Comlink from 'comlink';
import { tf } from '../core/tf/tf-core';
import { TrainingSession } from '../core/training/training-session';
import { DEFAULT_CHUNK_MS, runTrainingLoop } from '../core/training/run-training-loop';
import { selectBackend } from './select-backend';
import type {
  BackendInfo,
  BackendPreference,
  BackendRecommendation,
  EngineMemory,
  LabelledData,
  ProbeInputs,
  ReportingOptions,
  TrainingOutcome,
  TrainingProgress,
  TrainingSessionConfig,
} from './engine-types';

let session: TrainingSession | null = null;
let trainData: LabelledData | null = null;
let validationData: LabelledData | null = null;
let probe: ProbeInputs | null = null;
let reporting: ReportingOptions = { parameters: true, probe: true, targetChunkMs: DEFAULT_CHUNK_MS };
let stopRequested = false;
let running: Promise<TrainingOutcome> | null = null;

function requireSession(): TrainingSession {
  if (!session) throw new Error('No model yet: call configure() first');
  return session;
}

/** Transfers the typed arrays of a progress report instead of copying them. */
function transferProgress(progress: TrainingProgress): TrainingProgress {
  const arrays = [...(progress.parameters ? [...progress.parameters.kernels, ...progress.parameters.biases] : []), ...(progress.probeOutputs ? [progress.probeOutputs] : [])];
  return Comlink.transfer(progress, arrays.map((array) => array.buffer as ArrayBuffer));
}

const collectOptions = () => ({ parameters: reporting.parameters, probe: reporting.probe });

const api = {
  /**
   * Starts TF.js on the backend asked for, or the one the policy recommends (`auto`). `flags` are TF.js
   * environment flags for experiments (the benchmark uses them to compare kernel settings).
   */
  async initialize(preference: BackendPreference, recommendation: BackendRecommendation, flags: Record<string, number | boolean> = {}): Promise<BackendInfo> {
    const info = await selectBackend(preference, recommendation);
    for (const [name, value] of Object.entries(flags)) tf.env().set(name, value);
    return info;
  },

  /** Keeps the datasets (and optional probe inputs) for the following `configure` calls. */
  setData(train: LabelledData, validation: LabelledData | null, probeInputs: ProbeInputs | null = null): void {
    trainData = train;
    validationData = validation;
    probe = probeInputs;
    session?.setProbe(probe?.inputs ?? null, probe?.count ?? 0);
  },

  /** What progress reports carry and how long a chunk lasts (applies from the next chunk). */
  setReporting(options: Partial<ReportingOptions>): void {
    reporting = { ...reporting, ...options };
  },

  /** Builds a fresh model (disposing the previous one) and reports step 0 with its parameters. */
  async configure(config: TrainingSessionConfig): Promise<TrainingProgress> {
    await api.stop();
    if (!trainData) throw new Error('No training data yet: call setData() first');
    session?.dispose();
    session = null;
    session = new TrainingSession(config, trainData, validationData);
    if (probe) session.setProbe(probe.inputs, probe.count);
    if (config.evaluateEvery > 0) session.queueEvaluation();
    return transferProgress(await session.collect({ parameters: true, probe: true }));
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
      collect: collectOptions(),
      targetChunkMs: reporting.targetChunkMs,
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
    return transferProgress(await current.collect({ parameters: true, probe: true }));
  },

  memory(): EngineMemory {
    const memory = tf.memory() as ReturnType<typeof tf.memory> & { numBytesInGPU?: number };
    return { numTensors: memory.numTensors, numBytes: memory.numBytes, numBytesInGPU: memory.numBytesInGPU ?? 0 };
  },
};

export type TrainingWorkerApi = typeof api;

Comlink.expose(api);
