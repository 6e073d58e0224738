/// <reference lib="webworker" />
/**
 * The training worker's entry: one engine (see training-worker-api.ts) exposed to the main thread with
 * comlink. Typed arrays in progress reports are transferred, not copied. Terminating the worker frees
 * everything (tensors, WebGL context).
 */
import * as Comlink from 'comlink';
import { readoutBuffers } from '../core/training/readouts';
import { createTrainingWorkerApi } from './training-worker-api';
import { selectBackend } from './select-backend';
import { isWebglContextLost, loseWebglContext } from './webgl-backend';

const api = createTrainingWorkerApi({
  selectBackend: (preference, workload) => selectBackend(preference, workload),
  isContextLost: isWebglContextLost,
  transferProgress: (progress) => Comlink.transfer(progress, readoutBuffers(progress.readouts)),
  transferParameters: (parameters) =>
    Comlink.transfer(
      parameters,
      parameters.map((parameter) => parameter.values.buffer as ArrayBuffer),
    ),
});

Comlink.expose(api);

/**
 * A handle for tests and demonstrations, reachable from the worker's global scope (e.g. Playwright's
 * worker.evaluate): `receptiveFieldEngine.loseWebglContext()` makes the GPU fail as a driver reset would.
 */
Object.assign(self, { receptiveFieldEngine: { loseWebglContext } });
