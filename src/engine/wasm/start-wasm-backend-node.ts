/**
 * Starts TF.js's WebAssembly backend under Node (scripts/train-models.ts, the shipped-model test), the same backend
 * and the same extra filter-gradient kernel the training worker uses in browsers without a GPU. Node finds the
 * binaries inside @tensorflow/tfjs-backend-wasm itself, so no paths are set.
 */
import '@tensorflow/tfjs-backend-wasm';
import { tf } from '../../core/tf/tf-core';
import { registerConv2dBackpropFilterWasm } from './conv2d-backprop-filter';

export async function startWasmBackendInNode(): Promise<void> {
  registerConv2dBackpropFilterWasm();
  if (!(await tf.setBackend('wasm'))) throw new Error('the WebAssembly backend did not start');
  await tf.ready();
}
