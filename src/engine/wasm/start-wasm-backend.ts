/**
 * Starts TF.js's WebAssembly backend (XNNPACK) inside the training worker. Owned by the engine: called by
 * select-backend.ts only when the policy or the learner chooses WebAssembly, so neither the backend's
 * JavaScript (a chunk of its own) nor its binary is fetched otherwise.
 *
 * The three binaries ship with @tensorflow/tfjs-backend-wasm and are emitted by Vite as assets of this
 * site (`?url`), so they always come from the page's own origin, never from a CDN. TF.js picks one:
 * SIMD + threads where the page is cross-origin isolated (SharedArrayBuffer), else SIMD on one thread,
 * else plain WebAssembly in browsers without SIMD.
 */
import plainBinaryUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdBinaryUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedBinaryUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { tf } from '../../core/tf/tf-core';
import { registerConv2dBackpropFilterWasm } from './conv2d-backprop-filter';

/** What runs once the backend is up: e.g. "SIMD, 1 thread". */
export interface WasmFeatures {
  simd: boolean;
  threads: number;
}

/** Loads, registers the missing filter-gradient kernel, and switches TF.js to WebAssembly. Throws when it cannot start. */
export async function startWasmBackend(): Promise<WasmFeatures> {
  if (typeof WebAssembly !== 'object') throw new Error('this browser has no WebAssembly');
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths({
    'tfjs-backend-wasm.wasm': plainBinaryUrl,
    'tfjs-backend-wasm-simd.wasm': simdBinaryUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedBinaryUrl,
  });
  registerConv2dBackpropFilterWasm();
  if (!(await tf.setBackend('wasm'))) throw new Error('the WebAssembly binary could not be loaded');
  await tf.ready();
  return { simd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')), threads: wasm.getThreadsCount() };
}

/** "SIMD, 1 thread" */
export function describeWasmFeatures({ simd, threads }: WasmFeatures): string {
  return `${simd ? 'SIMD' : 'no SIMD'}, ${threads} thread${threads === 1 ? '' : 's'}`;
}
