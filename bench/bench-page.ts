/**
 * The benchmark driver: runs in a page (the bench page, or injected into a page of the built site) and
 * exposes `window.rfBench`, whose functions scripts/bench/run-bench.mjs calls through Playwright.
 * Engine scenarios go through createTrainingClient, the same worker and code path the lessons use.
 */
import * as Comlink from 'comlink';
import { lenet5 } from '../src/core/nn/architectures/lenet5';
import type { NetworkSpec } from '../src/core/nn/network-spec';
import { loadDatasetSplit } from '../src/core/data/load-dataset';
import type { LabelledData } from '../src/core/training/labelled-data';
import type { TrainingSessionConfig } from '../src/core/training/training-session';
import { describeWorkload } from '../src/engine/backend-policy';
import { createTrainingClient, type TrainingClient } from '../src/engine/training-client';
import type { BackendInfo, BackendPreference, EngineMemory, TrainingProgress } from '../src/engine/engine-types';
import { createConvnetjsLenet } from './convnetjs-lenet';
import { gridInputs, spiralData } from './spiral';
import type { KernelProfileApi } from './kernel-profile-worker';

const LENET_BATCH = 64;
const MLP_BATCH = 10;
const SPIRAL_POINTS = 250;
const GRID = 50;

const lenetConfig: TrainingSessionConfig = {
  network: lenet5,
  loss: 'softmax-cross-entropy',
  learningRate: 0.05,
  batchSize: LENET_BATCH,
  seed: 1,
  recordEvery: 10,
  evaluateEvery: 0,
};

const mlpNetwork: NetworkSpec = {
  inputShape: [2],
  layers: [
    { kind: 'dense', units: 8, activation: 'tanh' },
    { kind: 'dense', units: 8, activation: 'tanh' },
    { kind: 'dense', units: 1, activation: 'tanh' },
  ],
  initialization: { kind: 'glorot-normal' },
};

const mlpConfig: TrainingSessionConfig = {
  network: mlpNetwork,
  loss: 'half-squared-error',
  learningRate: 0.03,
  batchSize: MLP_BATCH,
  seed: 1,
  // One loss point per epoch (250 / 10 steps), as TensorFlow Playground plots it.
  recordEvery: SPIRAL_POINTS / MLP_BATCH,
  evaluateEvery: 0,
};

let mnistPromise: Promise<{ data: LabelledData; images: Uint8Array; labels: Uint8Array }> | null = null;

/** The MNIST training split as engine data (uint8 pixels, one-hot targets), loaded once. */
function mnistTrain() {
  mnistPromise ??= loadDatasetSplit('mnist', 'train', { baseUrl: '/data/' }).then((split) => {
    const targets = new Float32Array(split.count * 10);
    split.labels.forEach((label, i) => (targets[i * 10 + label] = 1));
    return { data: { inputs: split.images, targets, count: split.count, inputSize: 784, targetSize: 10 }, images: split.images, labels: split.labels };
  });
  return mnistPromise;
}

interface EngineHandle {
  client: TrainingClient;
  backend: BackendInfo;
  /** Milliseconds of the first optimizer step once the model is built: a widget's Train → first step (shader compilation and uploads included). */
  firstStepMs: number;
  /** Milliseconds from starting the worker to the end of the first step: TF.js and the backend (WebAssembly binary) loading, data upload, model, first step. */
  coldStartMs: number;
  step: number;
}

async function startEngine(
  preference: BackendPreference,
  config: TrainingSessionConfig,
  data: LabelledData,
  probe: { inputs: Float32Array; count: number } | null,
  flags: Record<string, number | boolean> = {},
): Promise<EngineHandle> {
  const workerStarted = performance.now();
  const client = createTrainingClient();
  const backend = await client.api.initialize(preference, describeWorkload(config.network, config.batchSize), flags);
  // Only what the scenario draws is read back: the probe grid's outputs, if any.
  await client.api.setReadouts(probe ? { grid: { kind: 'outputs', ...probe } } : {});
  await client.api.setData(data, null);
  await client.api.configure(config);
  const started = performance.now();
  await client.api.step(1);
  const finished = performance.now();
  return { client, backend, firstStepMs: finished - started, coldStartMs: finished - workerStarted, step: 1 };
}

/** Per-chunk timing summed over a run: how long the worker spent dispatching steps vs waiting for results. */
interface ChunkProfile {
  chunks: number;
  steps: number;
  dispatchMs: number;
  readBackMs: number;
}

/** Trains `steps` more steps through the worker's training loop; returns the wall time in ms. */
async function trainSteps(engine: EngineHandle, steps: number, onProgress: (p: TrainingProgress) => void = () => undefined, profile?: ChunkProfile): Promise<number> {
  const started = performance.now();
  const receive = (progress: TrainingProgress) => {
    if (profile && progress.timing) {
      profile.chunks++;
      profile.steps += progress.timing.steps;
      profile.dispatchMs += progress.timing.dispatchMs;
      profile.readBackMs += progress.timing.readBackMs;
    }
    onProgress(progress);
  };
  const outcome = await engine.client.api.train(engine.step + steps, Comlink.proxy(receive));
  engine.step = outcome.step;
  if (outcome.reason === 'diverged') throw new Error('the benchmark run diverged');
  return performance.now() - started;
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** Frame intervals (ms) and main-thread long tasks (ms) observed for `durationMs`. */
function observeFrames(durationMs: number): Promise<{ intervals: number[]; longTasks: number[] }> {
  return new Promise((resolve) => {
    const intervals: number[] = [];
    const longTasks: number[] = [];
    let observer: PerformanceObserver | null = null;
    try {
      observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => longTasks.push(entry.duration)));
      observer.observe({ type: 'longtask', buffered: false });
    } catch {
      observer = null;
    }
    const start = performance.now();
    let last = start;
    const tick = (now: number) => {
      intervals.push(now - last);
      last = now;
      if (now - start < durationMs) requestAnimationFrame(tick);
      else {
        observer?.disconnect();
        resolve({ intervals: intervals.slice(1), longTasks });
      }
    };
    requestAnimationFrame(tick);
  });
}

/** Draws a 50×50 grid of outputs in [-1, 1] on the page's canvas (what the playground will do every frame). */
function drawProbe(context: CanvasRenderingContext2D | null, image: ImageData, outputs: Float32Array | null) {
  if (!context || !outputs) return;
  for (let i = 0; i < outputs.length; i++) {
    const v = Math.max(-1, Math.min(1, outputs[i]));
    image.data[4 * i] = v > 0 ? 255 - v * 200 : 255;
    image.data[4 * i + 1] = 255 - Math.abs(v) * 120;
    image.data[4 * i + 2] = v < 0 ? 255 + v * 200 : 255;
    image.data[4 * i + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}

const rfBench = {
  /** Milliseconds per call of LeNet-5's heaviest kernels on WebGL, packed and unpacked (the profile behind scenario 1). */
  async kernelProfile(options: { repeats: number }) {
    const results: Record<string, Array<{ name: string; ms: number }>> = {};
    for (const packed of [true, false]) {
      const worker = new Worker(new URL('./kernel-profile-worker.ts', import.meta.url), { type: 'module' });
      const api = Comlink.wrap<KernelProfileApi>(worker);
      try {
        results[packed ? 'packed' : 'unpacked'] = await api.profile({ packed, repeats: options.repeats });
      } finally {
        worker.terminate();
      }
    }
    return results;
  },

  /** LeNet-5 on MNIST through the engine: throughput per run, first-step latency, backend. */
  async lenetEngine(options: { backend: BackendPreference; runs: number; stepsPerRun: number; warmupSteps: number; flags?: Record<string, number | boolean> }) {
    const { data } = await mnistTrain();
    const engine = await startEngine(options.backend, lenetConfig, data, null, options.flags);
    try {
      await trainSteps(engine, options.warmupSteps);
      const examplesPerSecond: number[] = [];
      const profile: ChunkProfile = { chunks: 0, steps: 0, dispatchMs: 0, readBackMs: 0 };
      for (let run = 0; run < options.runs; run++) {
        const ms = await trainSteps(engine, options.stepsPerRun, undefined, profile);
        examplesPerSecond.push((options.stepsPerRun * LENET_BATCH * 1000) / ms);
      }
      return { backend: engine.backend, firstStepMs: engine.firstStepMs, coldStartMs: engine.coldStartMs, examplesPerSecond, profile };
    } finally {
      engine.client.terminate();
    }
  },

  /** The same LeNet-5 in ConvNetJS on this page's main thread, on the same images. */
  async lenetConvnetjs(options: { runs: number; stepsPerRun: number; warmupSteps: number }) {
    const { images, labels } = await mnistTrain();
    const net = createConvnetjsLenet();
    const common = { images, labels, count: labels.length, batchSize: LENET_BATCH, learningRate: lenetConfig.learningRate };
    net.train({ ...common, steps: options.warmupSteps });
    const examplesPerSecond: number[] = [];
    for (let run = 0; run < options.runs; run++) examplesPerSecond.push(net.train({ ...common, steps: options.stepsPerRun }).examplesPerSecond);
    return { parameterCount: net.parameterCount(), examplesPerSecond };
  },

  /**
   * Interleaves the engine on several backends with ConvNetJS, round by round (WASM, WebGL, ConvNetJS,
   * WASM, …), so every round's runs share the machine's state; returns each one's rate per round.
   */
  async lenetInterleaved(options: { backends: BackendPreference[]; rounds: number; stepsPerRun: number; warmupSteps: number }) {
    const { data, images, labels } = await mnistTrain();
    const engines: EngineHandle[] = [];
    const net = createConvnetjsLenet();
    const common = { images, labels, count: labels.length, batchSize: LENET_BATCH, learningRate: lenetConfig.learningRate };
    try {
      for (const backend of options.backends) engines.push(await startEngine(backend, lenetConfig, data, null));
      for (const engine of engines) await trainSteps(engine, options.warmupSteps);
      net.train({ ...common, steps: Math.max(1, Math.round(options.warmupSteps / 2)) });
      const engineRates: number[][] = engines.map(() => []);
      const convnetjsRates: number[] = [];
      for (let round = 0; round < options.rounds; round++) {
        for (const [i, engine] of engines.entries()) {
          const ms = await trainSteps(engine, options.stepsPerRun);
          engineRates[i].push((options.stepsPerRun * LENET_BATCH * 1000) / ms);
        }
        convnetjsRates.push(net.train({ ...common, steps: options.stepsPerRun }).examplesPerSecond);
      }
      return {
        engines: engines.map((engine, i) => ({
          preference: options.backends[i],
          backend: engine.backend,
          firstStepMs: engine.firstStepMs,
          coldStartMs: engine.coldStartMs,
          rates: engineRates[i],
        })),
        convnetjsRates,
      };
    } finally {
      engines.forEach((engine) => engine.client.terminate());
    }
  },

  /**
   * Interleaves engine and ConvNetJS runs (A B A B …) so each pair shares the machine's state; returns
   * both rates per pair.
   */
  async lenetPaired(options: { backend: BackendPreference; pairs: number; stepsPerRun: number; warmupSteps: number }) {
    const { data, images, labels } = await mnistTrain();
    const engine = await startEngine(options.backend, lenetConfig, data, null);
    const net = createConvnetjsLenet();
    const common = { images, labels, count: labels.length, batchSize: LENET_BATCH, learningRate: lenetConfig.learningRate };
    try {
      await trainSteps(engine, options.warmupSteps);
      net.train({ ...common, steps: Math.max(1, Math.round(options.warmupSteps / 2)) });
      const engineRates: number[] = [];
      const convnetjsRates: number[] = [];
      const profile: ChunkProfile = { chunks: 0, steps: 0, dispatchMs: 0, readBackMs: 0 };
      for (let pair = 0; pair < options.pairs; pair++) {
        const ms = await trainSteps(engine, options.stepsPerRun, undefined, profile);
        engineRates.push((options.stepsPerRun * LENET_BATCH * 1000) / ms);
        convnetjsRates.push(net.train({ ...common, steps: options.stepsPerRun }).examplesPerSecond);
      }
      return { backend: engine.backend, firstStepMs: engine.firstStepMs, engineRates, convnetjsRates, profile };
    } finally {
      engine.client.terminate();
    }
  },

  /**
   * The MLP playground's workload: 2-8-8-1 tanh on 250 spiral points, batch 10, η = 0.03, with the 50×50
   * decision grid evaluated after every chunk and drawn on a canvas on every animation frame.
   */
  async mlpEngine(options: { backend: BackendPreference; runs: number; secondsPerRun: number }) {
    const engine = await startEngine(options.backend, mlpConfig, spiralData(SPIRAL_POINTS, 1), { inputs: gridInputs(GRID), count: GRID * GRID });
    const canvas = document.getElementById('probe-canvas') as HTMLCanvasElement | null;
    const context = canvas?.getContext('2d') ?? null;
    const image = new ImageData(GRID, GRID);
    let latest: Float32Array | null = null;
    let framesDrawn = 0;
    let gridsReceived = 0;
    let drawing = true;
    const frame = () => {
      drawProbe(context, image, latest);
      framesDrawn++;
      if (drawing) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    try {
      const epochsPerSecond: number[] = [];
      let lastLoss = NaN;
      for (let run = 0; run < options.runs; run++) {
        const stepsBefore = engine.step;
        const stopAfter = setTimeout(() => engine.client.api.stop(), options.secondsPerRun * 1000);
        const ms = await trainSteps(engine, 1e9, (progress) => {
          const grid = progress.readouts.grid;
          if (grid?.kind === 'outputs') {
            latest = grid.values;
            gridsReceived++;
          }
          if (progress.latestLoss !== null) lastLoss = progress.latestLoss;
        });
        clearTimeout(stopAfter);
        epochsPerSecond.push((((engine.step - stepsBefore) * MLP_BATCH) / SPIRAL_POINTS / ms) * 1000);
      }
      return { backend: engine.backend, firstStepMs: engine.firstStepMs, epochsPerSecond, framesDrawn, gridsReceived, lastLoss };
    } finally {
      drawing = false;
      engine.client.terminate();
    }
  },

  /** Tensor count and bytes after given total step counts of a workload. */
  async memory(options: { workload: 'lenet' | 'mlp'; backend: BackendPreference; checkpoints: number[] }) {
    const engine =
      options.workload === 'lenet'
        ? await startEngine(options.backend, lenetConfig, (await mnistTrain()).data, null)
        : await startEngine(options.backend, mlpConfig, spiralData(SPIRAL_POINTS, 1), { inputs: gridInputs(GRID), count: GRID * GRID });
    try {
      const readings: Array<{ step: number } & EngineMemory> = [];
      for (const checkpoint of options.checkpoints) {
        await trainSteps(engine, checkpoint - engine.step);
        readings.push({ step: engine.step, ...(await engine.client.api.memory()) });
      }
      return { backend: engine.backend, readings };
    } finally {
      engine.client.terminate();
    }
  },

  /** Frame pacing and long tasks on this page: idle, then while LeNet-5 trains in a worker. */
  async stall(options: { idleMs: number; trainingMs: number; backend: BackendPreference }) {
    const idle = await observeFrames(options.idleMs);
    const { data } = await mnistTrain();
    const engine = await startEngine(options.backend, lenetConfig, data, null);
    let steps = 0;
    const training = trainSteps(engine, 1e9, (progress) => (steps = progress.step));
    const busy = await observeFrames(options.trainingMs);
    await engine.client.api.stop();
    await training;
    engine.client.terminate();
    return {
      backend: engine.backend,
      stepsDuringTest: steps,
      idleP95Ms: percentile(idle.intervals, 95),
      trainingP95Ms: percentile(busy.intervals, 95),
      idleLongTasks: idle.longTasks.filter((d) => d > 50).length,
      trainingLongTasks: busy.longTasks.filter((d) => d > 50).length,
      trainingLongestTaskMs: Math.max(0, ...busy.longTasks),
      idleFrames: idle.intervals.length,
      trainingFrames: busy.intervals.length,
    };
  },
};

declare global {
  interface Window {
    rfBench?: typeof rfBench;
  }
}

export type RfBench = typeof rfBench;
window.rfBench = rfBench;
