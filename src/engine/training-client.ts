import * as Comlink from 'comlink';
import type { TrainingWorkerApi } from './training-worker-api';
import type { BackendPreference } from './engine-types';

/** The typed handle widgets use to talk to their training worker. */
export interface TrainingClient {
  api: Comlink.Remote<TrainingWorkerApi>;
  /** Ends the worker: every tensor and the WebGL context go with it. Safe to call twice. */
  terminate(): void;
}

/** Starts one training worker (TF.js loads inside it, never on the main thread). */
export function createTrainingClient(): TrainingClient {
  const worker = new Worker(new URL('./training-worker.ts', import.meta.url), { type: 'module', name: 'training-worker' });
  const api = Comlink.wrap<TrainingWorkerApi>(worker);
  let terminated = false;
  return {
    api,
    terminate() {
      if (terminated) return;
      terminated = true;
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

/** `?backend=webgl|wasm|cpu` in the page URL overrides the automatic choice (tests, debugging, learners). */
export function backendPreferenceFromUrl(search: string): BackendPreference {
  const value = new URLSearchParams(search).get('backend');
  return value === 'cpu' || value === 'webgl' || value === 'wasm' ? value : 'auto';
}
