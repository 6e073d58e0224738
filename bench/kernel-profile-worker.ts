/// <reference lib="webworker" />
/**
 * Times the heaviest kernels of one LeNet-5 training step (batch 64) in isolation on the worker's
 * WebGL backend, so the benchmark can show where a step's time goes. Each kernel is run `repeats`
 * times after a warm-up, with a read-back at the end (the GPU queue is drained before timing stops).
 */
import * as Comlink from 'comlink';
import '@tensorflow/tfjs-backend-webgl';
import { tf } from '../src/core/tf/tf-core';
import { conv2DBackpropFilter } from '@tensorflow/tfjs-core/dist/ops/conv2d_backprop_filter';

type KernelCase = { name: string; run: () => tf.Tensor };

async function timeCase(kernel: KernelCase, repeats: number): Promise<number> {
  tf.tidy(() => kernel.run()).dataSync();
  const started = performance.now();
  let last: tf.Tensor | null = null;
  for (let i = 0; i < repeats; i++) {
    last?.dispose();
    last = tf.tidy(() => kernel.run());
  }
  await last?.data();
  last?.dispose();
  return (performance.now() - started) / repeats;
}

const api = {
  async profile(options: { packed: boolean; repeats: number }) {
    await tf.setBackend('webgl');
    tf.env().set('WEBGL_PACK', options.packed);
    const b = 64;
    const x1 = tf.randomNormal([b, 28, 28, 1]);
    const w1 = tf.randomNormal([5, 5, 1, 6]);
    const y1 = tf.randomNormal([b, 28, 28, 6]);
    const x2 = tf.randomNormal([b, 14, 14, 6]);
    const w2 = tf.randomNormal([5, 5, 6, 16]);
    const y2 = tf.randomNormal([b, 10, 10, 16]);
    const a3 = tf.randomNormal([b, 400]);
    const w3 = tf.randomNormal([400, 120]);
    const cases: KernelCase[] = [
      { name: 'conv1 forward [64,28,28,1]⊛[5,5,1,6]', run: () => tf.conv2d(x1 as tf.Tensor4D, w1 as tf.Tensor4D, 1, 'same') },
      { name: 'conv1 filter gradient', run: () => conv2DBackpropFilter(x1 as tf.Tensor4D, y1 as tf.Tensor4D, [5, 5, 1, 6], 1, 'same') },
      { name: 'conv2 forward [64,14,14,6]⊛[5,5,6,16]', run: () => tf.conv2d(x2 as tf.Tensor4D, w2 as tf.Tensor4D, 1, 'valid') },
      { name: 'conv2 filter gradient', run: () => conv2DBackpropFilter(x2 as tf.Tensor4D, y2 as tf.Tensor4D, [5, 5, 6, 16], 1, 'valid') },
      { name: 'conv2 input gradient', run: () => tf.conv2dTranspose(y2 as tf.Tensor4D, w2 as tf.Tensor4D, [b, 14, 14, 6], 1, 'valid') },
      { name: 'max pool [64,28,28,6]', run: () => tf.maxPool(y1 as tf.Tensor4D, 2, 2, 'valid') },
      { name: 'fc1 forward [64,400]×[400,120]', run: () => tf.matMul(a3 as tf.Tensor2D, w3 as tf.Tensor2D) },
      { name: 'elementwise add [64,28,28,6]', run: () => tf.add(y1, y1) },
    ];
    const results: Array<{ name: string; ms: number }> = [];
    for (const kernel of cases) results.push({ name: kernel.name, ms: await timeCase(kernel, options.repeats) });
    tf.dispose([x1, w1, y1, x2, w2, y2, a3, w3]);
    return results;
  },
};

export type KernelProfileApi = typeof api;
Comlink.expose(api);
