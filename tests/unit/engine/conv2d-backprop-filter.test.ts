import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-wasm';
import { tf } from '../../../src/core/tf/tf-core';
import { farSidePadding, registerConv2dBackpropFilterWasm } from '../../../src/engine/wasm/conv2d-backprop-filter';
import { createSeededRandom } from '../../../src/core/random/seeded-random';
import { relativeError } from './helpers/relative-error';

/** One case of the grid: input [n, h, w, inChannels], a k×k kernel with outChannels filters. */
interface Case {
  n: number;
  h: number;
  w: number;
  inChannels: number;
  outChannels: number;
  k: number;
  stride: number;
  dilation: number;
  pad: 'same' | 'valid';
}

function randomValues(count: number, seed: number): Float32Array {
  const random = createSeededRandom(seed);
  return Float32Array.from({ length: count }, () => random() * 2 - 1);
}

const outputLength = (length: number, k: number, stride: number, dilation: number, pad: 'same' | 'valid') =>
  pad === 'same' ? Math.ceil(length / stride) : Math.floor((length - ((k - 1) * dilation + 1)) / stride) + 1;

/** The case's x and dy as plain numbers, and the dy shape its convolution gives. */
function caseData(c: Case, seed: number) {
  const outH = outputLength(c.h, c.k, c.stride, c.dilation, c.pad);
  const outW = outputLength(c.w, c.k, c.stride, c.dilation, c.pad);
  return {
    x: randomValues(c.n * c.h * c.w * c.inChannels, seed),
    dy: randomValues(c.n * outH * outW * c.outChannels, seed + 1),
    dyShape: [c.n, outH, outW, c.outChannels] as [number, number, number, number],
  };
}

/** Runs Conv2DBackpropFilter on a backend. */
function filterGradient(backend: 'cpu' | 'wasm', c: Case, data: ReturnType<typeof caseData>, kernelSize: number, dilation: number): Float32Array {
  tf.setBackend(backend);
  return tf.tidy(() => {
    const x = tf.tensor4d(data.x, [c.n, c.h, c.w, c.inChannels]);
    const dy = tf.tensor4d(data.dy, data.dyShape);
    const attrs = { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', filterShape: [kernelSize, kernelSize, c.inChannels, c.outChannels], dilations: dilation };
    return (tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs as never) as tf.Tensor).dataSync() as Float32Array;
  });
}

/**
 * The CPU backend's answer. TF.js's CPU kernel knows no dilation, so a dilated k×k kernel is checked as the
 * dense kernel of its effective size, (k − 1)·d + 1, whose taps at multiples of d are the dilated kernel's.
 */
function cpuReference(c: Case, data: ReturnType<typeof caseData>): Float32Array {
  const effective = (c.k - 1) * c.dilation + 1;
  const dense = filterGradient('cpu', c, data, effective, 1);
  const taps = new Float32Array(c.k * c.k * c.inChannels * c.outChannels);
  const perTap = c.inChannels * c.outChannels;
  for (let i = 0; i < c.k; i++) {
    for (let j = 0; j < c.k; j++) {
      const from = (i * c.dilation * effective + j * c.dilation) * perTap;
      taps.set(dense.subarray(from, from + perTap), (i * c.k + j) * perTap);
    }
  }
  return taps;
}

const shapes: Array<Pick<Case, 'n' | 'h' | 'w' | 'inChannels' | 'outChannels' | 'k'>> = [
  { n: 1, h: 5, w: 5, inChannels: 1, outChannels: 1, k: 3 },
  { n: 3, h: 9, w: 7, inChannels: 2, outChannels: 5, k: 3 },
  { n: 4, h: 12, w: 11, inChannels: 3, outChannels: 4, k: 5 },
  { n: 2, h: 8, w: 10, inChannels: 6, outChannels: 3, k: 2 },
  { n: 2, h: 6, w: 6, inChannels: 4, outChannels: 7, k: 1 },
];
const grid: Case[] = [];
for (const shape of shapes) {
  for (const pad of ['same', 'valid'] as const) {
    for (const stride of [1, 2, 3]) grid.push({ ...shape, pad, stride, dilation: 1 });
    for (const dilation of [2, 3]) if ((shape.k - 1) * dilation + 1 <= Math.min(shape.h, shape.w)) grid.push({ ...shape, pad, stride: 1, dilation });
  }
}
const describeCase = (c: Case) => `x [${c.n},${c.h},${c.w},${c.inChannels}], ${c.k}×${c.k}×${c.outChannels}, stride ${c.stride}, dilation ${c.dilation}, ${c.pad}`;

describe('Conv2DBackpropFilter on the WebAssembly backend', () => {
  beforeAll(async () => {
    registerConv2dBackpropFilterWasm();
    expect(await tf.setBackend('wasm')).toBe(true);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(grid.map((c) => [describeCase(c), c] as const))('equals the CPU backend for %s (relative error ≤ 1e-4)', (_name, c) => {
    const data = caseData(c, c.n * 100 + c.h * 10 + c.stride);
    const expected = cpuReference(c, data);
    const actual = filterGradient('wasm', c, data, c.k, c.dilation);
    expect(actual.length).toBe(expected.length);
    expect(relativeError(actual, expected)).toBeLessThanOrEqual(1e-4);
  });

  it('covers strides 1–3, both paddings and dilations 2 and 3 in its grid', () => {
    expect(new Set(grid.map((c) => c.stride))).toEqual(new Set([1, 2, 3]));
    expect(new Set(grid.map((c) => c.dilation))).toEqual(new Set([1, 2, 3]));
    expect(new Set(grid.map((c) => c.pad))).toEqual(new Set(['same', 'valid']));
  });

  it('gives what tf.grad of a convolution gives on the CPU, through the gradient TF.js registers', () => {
    const c: Case = { n: 2, h: 10, w: 10, inChannels: 3, outChannels: 4, k: 3, stride: 2, dilation: 1, pad: 'same' };
    const data = caseData(c, 7);
    const filter = randomValues(3 * 3 * 3 * 4, 9);
    const gradientOn = (backend: 'cpu' | 'wasm') => {
      tf.setBackend(backend);
      return tf.tidy(() => {
        const x = tf.tensor4d(data.x, [c.n, c.h, c.w, c.inChannels]);
        const weights = tf.tensor4d(filter, [3, 3, 3, 4]);
        const dy = tf.tensor4d(data.dy, data.dyShape);
        const grad = tf.grad((w) => tf.sum(tf.mul(tf.conv2d(x, w as tf.Tensor4D, 2, 'same'), dy)));
        return grad(weights).dataSync() as Float32Array;
      });
    };
    expect(relativeError(gradientOn('wasm'), gradientOn('cpu'))).toBeLessThanOrEqual(1e-4);
  });

  it('frees every temporary it makes', () => {
    const c: Case = { n: 2, h: 9, w: 9, inChannels: 2, outChannels: 3, k: 3, stride: 3, dilation: 1, pad: 'valid' };
    const data = caseData(c, 3);
    const dataIds = () => (tf.findBackend('wasm') as unknown as { numDataIds(): number }).numDataIds();
    filterGradient('wasm', c, data, 3, 1);
    const before = dataIds();
    for (let i = 0; i < 5; i++) filterGradient('wasm', c, data, 3, 1);
    expect(dataIds()).toBe(before);
  });

  it('rejects an output gradient whose height or width the convolution cannot give, and the NCHW layout', () => {
    tf.setBackend('wasm');
    const x = tf.zeros([1, 6, 6, 1]);
    const run = (dyShape: number[], dataFormat = 'NHWC') => {
      const dy = tf.zeros(dyShape);
      try {
        tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad: 'same', dataFormat, filterShape: [3, 3, 1, 1] } as never);
      } finally {
        dy.dispose();
      }
    };
    expect(() => run([1, 5, 6, 1])).toThrow(/dy has shape \[1,5,6,1\] but the convolution gives 6×6/);
    expect(() => run([1, 6, 5, 1])).toThrow(/dy has shape \[1,6,5,1\]/);
    expect(() => run([1, 6, 6, 1], 'NCHW')).toThrow('Conv2DBackpropFilter on WebAssembly supports NHWC only');
    x.dispose();
  });

  it('is registered once, however often the engine starts the backend', () => {
    // TF.js warns about a second registration of a kernel, except in test mode: leave test mode to hear it.
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    tf.env().set('IS_TEST', false);
    try {
      registerConv2dBackpropFilterWasm();
      registerConv2dBackpropFilterWasm();
    } finally {
      tf.env().set('IS_TEST', true);
      console.warn = warn;
    }
    expect(warnings).toEqual([]);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
  });
});

describe('farSidePadding', () => {
  it('pads as far as the strided, dilated sum reaches', () => {
    // 'same', 5 inputs, 3 taps, stride 2: 3 outputs reach (3−1)·1 + (3−1)·2 + 1 = 7 = 1 + 5 + 1.
    expect(farSidePadding(5, 1, 3, 1, 3, 2)).toEqual({ far: 1, usedLength: 5 });
  });
  it('crops the rows a stride skips past instead of padding negatively', () => {
    // 'valid', 8 inputs, 3 taps, stride 3: 2 outputs reach (3−1) + (2−1)·3 + 1 = 6, so the last 2 rows are never read.
    expect(farSidePadding(8, 0, 3, 1, 2, 3)).toEqual({ far: 0, usedLength: 6 });
  });
});
