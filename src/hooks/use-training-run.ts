import { startTransition, useCallback, useEffect, useReducer, useRef, useState } from 'react';
import * as Comlink from 'comlink';
import { backendPreferenceFromUrl, createTrainingClient, type TrainingClient } from '../engine/training-client';
import { describeWorkload } from '../engine/backend-policy';
import { isGpuLostError, type BackendPreference, type LabelledData, type ReadoutRequests, type TrainingProgress, type TrainingSessionConfig } from '../engine/engine-types';
import { initialTrainingRunState, mergeProgress, trainingRunReducer, type TrainingRunState } from './training-run-state';

export interface TrainingRunData {
  train: LabelledData;
  validation: LabelledData | null;
}

export interface UseTrainingRunOptions {
  /** Start the worker (TF.js) only once this is true, e.g. when the widget nears the viewport. */
  active: boolean;
  /** Null while the widget is still preparing its data. Each new object re-uploads and resets. */
  data: TrainingRunData | null;
  /**
   * Training examples that arrived after `data.train` (the chunks of a dataset still streaming in), in order. The
   * list only grows while `data` stays the same: each new entry is appended to the running model without a reset.
   */
  moreTrainingData?: readonly LabelledData[];
  /** Changing anything but `learningRate` resets the model; a new learning rate applies live. */
  config: TrainingSessionConfig;
  /** Train stops by itself after this many steps. */
  maxSteps?: number;
  /**
   * What the widget draws, by name (`state.readouts[name]`): weights, activations, probe outputs, gradient
   * norms… Nothing else is read back. A new object (memoize it) applies to the running model without a reset.
   */
  readouts?: ReadoutRequests;
  /** Interval between progress reports while training (default ~16 ms, one per frame). */
  chunkDurationMs?: number;
  /**
   * Share of wall time the worker trains, in (0, 1] (default 1). A widget that trains several models at once passes
   * `concurrentDutyCycle(runs, navigator.hardwareConcurrency)` to each, so together they leave a core to the page.
   */
  dutyCycle?: number;
  /**
   * Least time between two drawings of the progress while training (default MIN_DRAW_INTERVAL_MS): a widget that
   * draws much per report may ask for fewer drawings to leave the page its frame rate.
   */
  minDrawIntervalMs?: number;
}

export interface TrainingRun {
  state: TrainingRunState;
  train: () => void;
  pause: () => void;
  step: () => void;
  reset: () => void;
  /**
   * Sets one number of one parameter (layer, parameter name, row-major index) to `value`, pausing training first;
   * the model keeps its step, curves and optimizer state, and the widget receives a fresh report. Resolves once drawn.
   */
  setParameterValue: (layer: number, name: string, index: number, value: number) => Promise<void>;
  /**
   * Puts back the weights of the best validation evaluation so far (needs `config.earlyStopping`), pausing training
   * first; `state.earlyStopping.restoredStep` then names that step. Resolves once drawn; does nothing before an evaluation.
   */
  restoreBestWeights: () => Promise<void>;
  backendPreference: BackendPreference;
  setBackendPreference: (preference: BackendPreference) => void;
}

/**
 * Least time between two drawings of a training widget's progress (~15 per second): enough for a live curve,
 * and it leaves most of each second to the page (measured: a widget update costs ~10–20 ms of main-thread time
 * with a software renderer, so drawing at 60 Hz kept the main thread ~90 % busy and halved the frame rate).
 */
const MIN_DRAW_INTERVAL_MS = 66;

function describeError(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  const gpuLost = /context.*lost|CONTEXT_LOST/i.test(detail);
  return gpuLost
    ? 'The GPU stopped responding (the WebGL context was lost). Choose the CPU backend, or reload the page.'
    : `The training engine failed: ${detail}. Press Reset, or choose the CPU backend.`;
}

/** A number per distinct object, for keys that must not stringify large arrays. */
const identities = new WeakMap<object, number>();
let nextIdentity = 1;
function identityOf(value: object): number {
  let id = identities.get(value);
  if (id === undefined) {
    id = nextIdentity++;
    identities.set(value, id);
  }
  return id;
}

/**
 * Runs one model in its own training worker and exposes its state to a widget.
 * Owns the worker: it starts when `active` turns true and is terminated on unmount, on a backend
 * change, or when the page goes away, which frees every tensor. Progress reports from the worker are
 * merged and drawn as React transitions at most ~15 times a second (MIN_DRAW_INTERVAL_MS).
 */
export function useTrainingRun({
  active,
  data,
  moreTrainingData,
  config,
  maxSteps = 1_000_000,
  readouts,
  chunkDurationMs,
  dutyCycle,
  minDrawIntervalMs = MIN_DRAW_INTERVAL_MS,
}: UseTrainingRunOptions): TrainingRun {
  const [state, dispatch] = useReducer(trainingRunReducer, initialTrainingRunState);
  const [backendPreference, setBackendPreference] = useState<BackendPreference>(() => (typeof window === 'undefined' ? 'auto' : backendPreferenceFromUrl(window.location.search)));
  const [client, setClient] = useState<TrainingClient | null>(null);
  const [resetCount, setResetCount] = useState(0);
  const [configured, setConfigured] = useState(false);
  const configRef = useRef(config);
  configRef.current = config;
  const pending = useRef<TrainingProgress | null>(null);
  const frame = useRef<number | null>(null);
  const { learningRate, initialParameters, ...structure } = config;
  // Starting parameters can be megabytes: they count by identity (a new array is a new start), not by content.
  const structureKey = `${JSON.stringify(structure)}#${initialParameters ? identityOf(initialParameters) : 'seeded'}`;
  const readoutsRef = useRef(readouts);
  readoutsRef.current = readouts;
  const trainingRef = useRef(false);
  trainingRef.current = state.status === 'training';
  // The policy looks at the network the widget starts with; the worker keeps that backend until the learner switches.
  const [workload] = useState(() => describeWorkload(config.network, config.batchSize));
  const drawIntervalRef = useRef(minDrawIntervalMs);
  drawIntervalRef.current = minDrawIntervalMs;

  // While the interval since the last drawing runs, a timer waits instead of asking for every animation frame:
  // a requested frame makes the browser run its whole frame pipeline for the page, even when nothing changed.
  const wait = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flush = useCallback(() => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
    if (wait.current !== null) clearTimeout(wait.current);
    wait.current = null;
    const progress = pending.current;
    pending.current = null;
    if (progress) dispatch({ type: 'progress', progress });
  }, []);

  // While training, progress is drawn as a transition: React renders it in slices of a few milliseconds and
  // lets frames through in between, so a heavy widget never holds up scrolling or animation. One transition at a
  // time: reports arriving meanwhile are merged and drawn once it has committed (so renders are never restarted).
  const drawing = useRef(false);
  const lastDrawMs = useRef(0);
  const drawInBackground = useCallback(() => {
    frame.current = null;
    const remainingMs = drawIntervalRef.current - (performance.now() - lastDrawMs.current);
    if (!drawing.current && remainingMs > 4) {
      wait.current = setTimeout(() => {
        wait.current = null;
        frame.current = requestAnimationFrame(drawInBackground);
      }, remainingMs);
      return;
    }
    if (drawing.current || remainingMs > 0) {
      frame.current = requestAnimationFrame(drawInBackground);
      return;
    }
    lastDrawMs.current = performance.now();
    const progress = pending.current;
    pending.current = null;
    if (!progress) return;
    drawing.current = true;
    startTransition(() => dispatch({ type: 'progress', progress }));
  }, []);
  useEffect(() => {
    drawing.current = false;
  }, [state]);

  const receive = useCallback(
    (progress: TrainingProgress) => {
      pending.current = pending.current ? mergeProgress(pending.current, progress) : progress;
      if (frame.current === null && wait.current === null) frame.current = requestAnimationFrame(drawInBackground);
    },
    [drawInBackground],
  );

  // The GPU went away mid-lesson: go on from the worker's last checkpoint on the CPU instead of failing.
  const recover = useCallback(async () => {
    if (!client) return;
    try {
      const report = await client.api.recoverOffGpu();
      dispatch({ type: 'backend-ready', backend: report.backend });
      dispatch({ type: 'recovered', progress: report.progress });
    } catch (error) {
      dispatch({ type: 'failed', message: describeError(error) });
    }
  }, [client]);

  // 1. The worker and its backend.
  useEffect(() => {
    if (!active) return;
    const started = createTrainingClient();
    let cancelled = false;
    dispatch({ type: 'loading', label: 'Starting TensorFlow.js…' });
    started.api.initialize(backendPreference, workload).then(
      (backend) => {
        if (cancelled) return;
        dispatch({ type: 'backend-ready', backend });
        setClient(started);
      },
      (error: unknown) => !cancelled && dispatch({ type: 'failed', message: describeError(error) }),
    );
    const terminateOnLeave = () => started.terminate();
    window.addEventListener('pagehide', terminateOnLeave);
    return () => {
      cancelled = true;
      window.removeEventListener('pagehide', terminateOnLeave);
      setClient(null);
      setConfigured(false);
      started.terminate();
    };
  }, [active, backendPreference, workload]);

  // 2. Data and model: (re)configure on new data, a structural config change, or Reset. The read-outs go with the
  // model in one call: new ones may not fit the old model (probe inputs for another input size).
  const builtFor = useRef<{ data: TrainingRunData; structureKey: string } | null>(null);
  const moreTrainingRef = useRef(moreTrainingData);
  moreTrainingRef.current = moreTrainingData;
  /** How many entries of `moreTrainingData` the worker holds (after `data.train`). */
  const sentChunks = useRef(0);
  useEffect(() => {
    if (!client || !data) return;
    let cancelled = false;
    builtFor.current = null;
    setConfigured(false);
    dispatch({ type: 'loading', label: 'Building the model…' });
    (async () => {
      if (chunkDurationMs !== undefined) await client.api.setChunkDuration(chunkDurationMs);
      if (dutyCycle !== undefined) await client.api.setDutyCycle(dutyCycle);
      await client.api.setData(data.train, data.validation);
      sentChunks.current = 0;
      const chunks = moreTrainingRef.current ?? [];
      for (const chunk of chunks) await client.api.appendTrainingData(chunk);
      sentChunks.current = chunks.length;
      const sentReadouts = readoutsRef.current;
      const progress = await client.api.configure(configRef.current, sentReadouts ?? {});
      if (cancelled) return;
      pending.current = null;
      appliedReadouts.current = sentReadouts;
      builtFor.current = { data, structureKey };
      dispatch({ type: 'configured', progress });
      setConfigured(true);
    })().catch((error: unknown) => !cancelled && dispatch({ type: 'failed', message: describeError(error) }));
    return () => {
      cancelled = true;
    };
  }, [client, data, structureKey, chunkDurationMs, dutyCycle, resetCount]);

  // 3. New read-outs apply to the running model (no reset); while it is not training, computed at once. Not while a
  // new model is being built for new data or structure: that build takes the newest read-outs with it.
  const appliedReadouts = useRef(readouts);
  useEffect(() => {
    if (!client || !configured || appliedReadouts.current === readouts) return;
    if (builtFor.current?.data !== data || builtFor.current.structureKey !== structureKey) return;
    appliedReadouts.current = readouts;
    (async () => {
      await client.api.setReadouts(readouts ?? {});
      if (!trainingRef.current) dispatch({ type: 'progress', progress: await client.api.refresh() });
    })().catch((error: unknown) => (isGpuLostError(error) ? recover() : dispatch({ type: 'failed', message: describeError(error) })));
  }, [client, configured, readouts, recover, data, structureKey]);

  // 3b. Chunks that arrived since: appended to the running model (training goes on), in order, each once.
  const appending = useRef(false);
  useEffect(() => {
    if (!client || !configured || appending.current || builtFor.current?.data !== data) return;
    const chunks = moreTrainingData ?? [];
    if (chunks.length <= sentChunks.current) return;
    appending.current = true;
    (async () => {
      // A rebuild (new data, Reset) sends every chunk itself: stop at once when one begins.
      while (builtFor.current?.data === data && sentChunks.current < (moreTrainingRef.current ?? []).length) {
        const next = (moreTrainingRef.current ?? [])[sentChunks.current];
        sentChunks.current++;
        await client.api.appendTrainingData(next);
      }
    })()
      .catch((error: unknown) => dispatch({ type: 'failed', message: describeError(error) }))
      .finally(() => (appending.current = false));
  }, [client, configured, moreTrainingData, data]);

  // 4. A new learning rate applies to the running model.
  useEffect(() => {
    if (client && configured) client.api.setLearningRate(learningRate).catch(() => undefined);
  }, [client, configured, learningRate]);

  const train = useCallback(() => {
    if (!client || !configured) return;
    // A transition, like the progress it starts: a tall widget (or several runs started by one click) re-renders in
    // slices between frames instead of in the click's own task.
    startTransition(() => dispatch({ type: 'training-started' }));
    client.api.train(maxSteps, Comlink.proxy(receive)).then(
      async (outcome) => {
        flush();
        if (outcome.reason !== 'gpu-lost') {
          dispatch({ type: 'training-stopped', reason: outcome.reason, learningRate: configRef.current.learningRate });
          return;
        }
        await recover();
      },
      (error: unknown) => {
        flush();
        dispatch({ type: 'failed', message: describeError(error) });
      },
    );
  }, [client, configured, maxSteps, receive, flush, recover]);

  const pause = useCallback(() => {
    client?.api.stop().catch(() => undefined);
  }, [client]);

  const step = useCallback(() => {
    if (!client || !configured) return;
    client.api.step(1).then(
      (progress) => {
        flush();
        dispatch({ type: 'progress', progress });
        dispatch({ type: 'training-stopped', reason: progress.diverged ? 'diverged' : 'paused', learningRate: configRef.current.learningRate });
      },
      (error: unknown) => (isGpuLostError(error) ? recover() : dispatch({ type: 'failed', message: describeError(error) })),
    );
  }, [client, configured, flush, recover]);

  const reset = useCallback(() => setResetCount((count) => count + 1), []);

  const setParameterValue = useCallback(
    async (layer: number, name: string, index: number, value: number) => {
      if (!client || !configured) return;
      try {
        const progress = await client.api.setParameterValue(layer, name, index, value);
        flush();
        dispatch({ type: 'progress', progress });
      } catch (error) {
        if (isGpuLostError(error)) await recover();
        else dispatch({ type: 'failed', message: describeError(error) });
      }
    },
    [client, configured, flush, recover],
  );

  const restoreBestWeights = useCallback(async () => {
    if (!client || !configured) return;
    try {
      const progress = await client.api.restoreBestWeights();
      flush();
      if (progress) dispatch({ type: 'progress', progress });
    } catch (error) {
      if (isGpuLostError(error)) await recover();
      else dispatch({ type: 'failed', message: describeError(error) });
    }
  }, [client, configured, flush, recover]);

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      if (wait.current !== null) clearTimeout(wait.current);
    },
    [],
  );

  return { state, train, pause, step, reset, setParameterValue, restoreBestWeights, backendPreference, setBackendPreference };
}
