import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tf, type Tensor4D } from '../../../../src/core/tf/tf-core';
import { Network } from '../../../../src/core/nn/network';
import type { NetworkSpec } from '../../../../src/core/nn/network-spec';
import type { Activation } from '../../../../src/core/nn/layers/layer-spec';
import { spreadKernel } from '../../../../src/core/nn/layers/conv2d';
import { expectClose, oneLayer, run, seededValues } from './helpers';

// Every test must leave no tensor behind (networks are disposed by each test).
let baseline = 0;
beforeEach(() => {
  baseline = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(baseline);
});

const IMAGE_3X3 = [1, 2, 3, 4, 5, 6, 7, 9, 8]; // [[1, 2, 3], [4, 5, 6], [7, 9, 8]]

describe('dense layer', () => {
  // x = [1, 2], W = [[1, 2, 3], [4, 5, 6]], b = [0.5, −20, 0] ⇒ xW + b = [9.5, −8, 15].
  const weights = { kernel: [1, 2, 3, 4, 5, 6], bias: [0.5, -20, 0] };

  it('computes xW + b (linear, the default activation)', () => {
    const network = oneLayer([2], { kind: 'dense', units: 3 }, weights);
    expectClose(run(network, [[1, 2]]), [[9.5, -8, 15]]);
    network.dispose();
  });

  it('applies each activation to xW + b', () => {
    const z = [9.5, -8, 15];
    const expected: Record<Activation, number[]> = {
      linear: z,
      relu: [9.5, 0, 15],
      'leaky-relu': [9.5, -0.08, 15],
      sigmoid: z.map((v) => 1 / (1 + Math.exp(-v))),
      tanh: z.map(Math.tanh),
    };
    for (const [activation, values] of Object.entries(expected)) {
      const network = oneLayer([2], { kind: 'dense', units: 3, activation: activation as Activation }, weights);
      expectClose(run(network, [[1, 2]]), [values]);
      network.dispose();
    }
  });

  it('matches tf.matMul + bias on a random batch', () => {
    const kernel = seededValues(5 * 4, 1);
    const bias = seededValues(4, 2);
    const inputs = [seededValues(5, 3), seededValues(5, 4), seededValues(5, 5)];
    const network = oneLayer([5], { kind: 'dense', units: 4, activation: 'tanh' }, { kernel, bias });
    const expected = tf.tidy(() => tf.tanh(tf.add(tf.matMul(tf.tensor2d(inputs), tf.tensor2d(kernel, [5, 4])), tf.tensor1d(bias))).arraySync());
    expectClose(run(network, inputs), expected);
    network.dispose();
  });
});

describe('conv2d layer', () => {
  // Two 2×2 filters, layout [kh, kw, in, out]: filter 0 = [[1, 0], [0, 1]] (main diagonal), filter 1 = [[−1, 0], [0, 0]].
  const twoFilters = { kernel: [1, -1, 0, 0, 0, 0, 1, 0], bias: [0.5, 0.5] };

  it('adds the bias to positive outputs and ReLU zeroes the negative ones (valid, stride 1)', () => {
    const network = oneLayer([3, 3, 1], { kind: 'conv2d', filters: 2, kernelSize: 2, padding: 'valid', activation: 'relu' }, twoFilters);
    // Filter 0: 1+5+.5, 2+6+.5, 4+9+.5, 5+8+.5; filter 1: −1+.5, −2+.5, −4+.5, −5+.5 → ReLU → 0.
    expectClose(run(network, [IMAGE_3X3]), [
      [
        [
          [6.5, 0],
          [8.5, 0],
        ],
        [
          [13.5, 0],
          [13.5, 0],
        ],
      ],
    ]);
    network.dispose();
  });

  it("pads 'same' at the bottom/right and honours stride 2", () => {
    // All-ones 2×2 kernel, stride 2, 'same' on 3×3: output 2×2, padding 1 row/column at the end.
    const network = oneLayer([3, 3, 1], { kind: 'conv2d', filters: 1, kernelSize: 2, stride: 2, padding: 'same' }, { kernel: [1, 1, 1, 1], bias: [0] });
    expectClose(run(network, [IMAGE_3X3]), [
      [
        [[1 + 2 + 4 + 5], [3 + 6]],
        [[7 + 9], [8]],
      ],
    ]);
    network.dispose();
  });

  it('picks every other pixel with a 1×1 kernel and stride 2 (valid)', () => {
    const image = Array.from({ length: 16 }, (_, i) => i + 1);
    const network = oneLayer([4, 4, 1], { kind: 'conv2d', filters: 1, kernelSize: 1, stride: 2, padding: 'valid' }, { kernel: [1], bias: [0] });
    expectClose(run(network, [image]), [
      [
        [[1], [3]],
        [[9], [11]],
      ],
    ]);
    network.dispose();
  });

  it('spreads the taps of a dilated kernel (dilation 2 covers 3×3 with a 2×2 kernel)', () => {
    const network = oneLayer([3, 3, 1], { kind: 'conv2d', filters: 1, kernelSize: 2, dilation: 2, padding: 'valid' }, { kernel: [1, 2, 3, 4], bias: [1] });
    // Taps at the corners: 1·1 + 2·3 + 3·7 + 4·8 + 1 = 61.
    expectClose(run(network, [IMAGE_3X3]), [[[[61]]]]);
    network.dispose();
  });

  it('spreads a dilated kernel into the dense kernel it acts as: taps d apart, zeros between', () => {
    const spread = tf.tidy(() => tf.reshape(spreadKernel(tf, tf.tensor4d([1, 2, 3, 4], [2, 2, 1, 1]), 3), [4, 4]).arraySync());
    expect(spread).toEqual([
      [1, 0, 0, 2],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [3, 0, 0, 4],
    ]);
  });

  it('trains a dilated convolution: its kernel gradient is the dense gradient read at the taps', () => {
    const [k, d, size] = [3, 2, 9];
    const kernelValues = seededValues(k * k * 2, 21);
    const { spreadGradient, denseGradient } = tf.tidy(() => {
      const x = tf.tensor4d(seededValues(size * size, 22), [1, size, size, 1]);
      const weights = tf.tensor4d(seededValues(size * size * 2, 23), [1, size, size, 2]);
      const loss = (y: Tensor4D) => tf.sum(tf.mul(y, weights));
      const kernel = tf.tensor4d(kernelValues, [k, k, 1, 2]);
      return {
        spreadGradient: tf
          .grad((w) => loss(tf.conv2d(x, spreadKernel(tf, w as Tensor4D, d), 1, 'same')))(kernel)
          .arraySync() as number[][][][],
        denseGradient: tf
          .grad((w) => loss(tf.conv2d(x, w as Tensor4D, 1, 'same')))(spreadKernel(tf, kernel, d))
          .arraySync() as number[][][][],
      };
    });
    const span = (k - 1) * d + 1;
    const taps = [...Array(k).keys()].map((i) => [...Array(k).keys()].map((j) => denseGradient[i * d][j * d]));
    expect(denseGradient.length).toBe(span);
    expectClose(spreadGradient, taps);
  });

  const cases = [
    { stride: 1, dilation: 1, padding: 'same', activation: 'relu' },
    { stride: 2, dilation: 1, padding: 'same', activation: 'sigmoid' },
    { stride: 2, dilation: 1, padding: 'valid', activation: 'linear' },
    { stride: 1, dilation: 2, padding: 'same', activation: 'leaky-relu' },
    { stride: 1, dilation: 2, padding: 'valid', activation: 'tanh' },
  ] as const;
  for (const { stride, dilation, padding, activation } of cases) {
    it(`matches tf.conv2d + bias + ${activation} (stride ${stride}, dilation ${dilation}, ${padding})`, () => {
      const [h, w, inC, filters, k] = [7, 6, 2, 3, 3];
      const kernel = seededValues(k * k * inC * filters, 11);
      const bias = seededValues(filters, 12).map((v) => v + 0.5);
      const inputs = [seededValues(h * w * inC, 13), seededValues(h * w * inC, 14)];
      const network = oneLayer([h, w, inC], { kind: 'conv2d', filters, kernelSize: k, stride, dilation, padding, activation }, { kernel, bias });
      const expected = tf.tidy(() => {
        const x = tf.tensor4d(inputs.flat(), [2, h, w, inC]);
        const z = tf.add(tf.conv2d(x, tf.tensor4d(kernel, [k, k, inC, filters]), stride, padding, 'NHWC', dilation), tf.tensor1d(bias));
        const f = { linear: (t: Tensor4D) => t, relu: tf.relu, sigmoid: tf.sigmoid, tanh: tf.tanh, 'leaky-relu': (t: Tensor4D) => tf.leakyRelu(t, 0.01) }[activation];
        return f(z as Tensor4D).arraySync();
      });
      const actual = run(network, inputs) as number[][][][];
      expect([actual.length, actual[0].length, actual[0][0].length, actual[0][0][0].length]).toEqual([2, ...network.summary[0].outputShape]);
      expectClose(actual, expected);
      network.dispose();
    });
  }
});

describe('pooling layers', () => {
  it('max-pool takes each window’s maximum, avg-pool its mean (2×2, stride 1)', () => {
    const max = oneLayer([3, 3, 1], { kind: 'max-pool', size: 2, stride: 1 });
    const avg = oneLayer([3, 3, 1], { kind: 'avg-pool', size: 2, stride: 1 });
    expectClose(run(max, [IMAGE_3X3]), [
      [
        [[5], [6]],
        [[9], [9]],
      ],
    ]);
    expectClose(run(avg, [IMAGE_3X3]), [
      [
        [[3], [4]],
        [[6.25], [7]],
      ],
    ]);
    max.dispose();
    avg.dispose();
  });

  it('defaults the stride to the window size and pools each channel separately', () => {
    // 4×4×2: channel 0 = 1..16, channel 1 = −(1..16).
    const image = Array.from({ length: 16 }, (_, i) => [i + 1, -(i + 1)]).flat();
    const max = oneLayer([4, 4, 2], { kind: 'max-pool', size: 2 });
    const avg = oneLayer([4, 4, 2], { kind: 'avg-pool', size: 2 });
    expectClose(run(max, [image]), [
      [
        [
          [6, -1],
          [8, -3],
        ],
        [
          [14, -9],
          [16, -11],
        ],
      ],
    ]);
    expectClose(run(avg, [image]), [
      [
        [
          [3.5, -3.5],
          [5.5, -5.5],
        ],
        [
          [11.5, -11.5],
          [13.5, -13.5],
        ],
      ],
    ]);
    const expected = tf.tidy(() => {
      const x = tf.tensor4d(image, [1, 4, 4, 2]);
      return [tf.maxPool(x, 2, 2, 'valid').arraySync(), tf.avgPool(x, 2, 2, 'valid').arraySync()];
    });
    expectClose(run(max, [image]), expected[0]);
    expectClose(run(avg, [image]), expected[1]);
    max.dispose();
    avg.dispose();
  });
});

describe('flatten and activation layers', () => {
  it('flattens [h, w, c] row-major (channel fastest)', () => {
    const network = oneLayer([2, 2, 2], { kind: 'flatten' });
    expectClose(run(network, [[1, 2, 3, 4, 5, 6, 7, 8]]), [[1, 2, 3, 4, 5, 6, 7, 8]]);
    expect(network.summary[0].outputShape).toEqual([8]);
    network.dispose();
  });

  it('applies a standalone activation elementwise', () => {
    const x = [-2, -0.5, 0, 0.5, 3];
    const expected: Record<Activation, number[]> = {
      linear: x,
      relu: [0, 0, 0, 0.5, 3],
      'leaky-relu': [-0.02, -0.005, 0, 0.5, 3],
      sigmoid: x.map((v) => 1 / (1 + Math.exp(-v))),
      tanh: x.map(Math.tanh),
    };
    for (const [activation, values] of Object.entries(expected)) {
      const network = oneLayer([5], { kind: 'activation', activation: activation as Activation });
      expectClose(run(network, [x]), [values]);
      network.dispose();
    }
  });
});

describe('dropout layer', () => {
  const units = 20_000;
  const ones = [Array.from({ length: units }, () => 2)];

  it('keeps about 1 − rate of the units, scaled by 1/(1 − rate), in training', () => {
    const network = oneLayer([units], { kind: 'dropout', rate: 0.25 });
    const output = (run(network, ones, true, 5) as number[][])[0];
    const kept = output.filter((v) => v !== 0);
    expect(kept.length / units).toBeGreaterThan(0.74);
    expect(kept.length / units).toBeLessThan(0.76);
    kept.forEach((v) => expect(v).toBeCloseTo(2 / 0.75, 5));
    network.dispose();
  });

  it('gives the same mask for the same seed, another for another seed or another layer', () => {
    const dropout = { kind: 'dropout', rate: 0.5 } as const;
    const network = oneLayer([units], dropout);
    const mask = (seed: number) => (run(network, ones, true, seed) as number[][])[0].map((v) => v !== 0);
    const a = mask(3);
    expect(mask(3)).toEqual(a);
    const b = mask(4);
    const differing = a.filter((keep, i) => keep !== b[i]).length;
    expect(differing / units).toBeGreaterThan(0.4); // independent masks differ in half the units
    // The same seed gives a dropout layer at another position another mask.
    const spec: NetworkSpec = { inputShape: [units], layers: [{ kind: 'activation', activation: 'linear' }, dropout], initialization: { kind: 'zeros' } };
    const second = new Network(spec, []);
    const c = (run(second, ones, true, 3) as number[][])[0].map((v) => v !== 0);
    expect(a.filter((keep, i) => keep !== c[i]).length / units).toBeGreaterThan(0.4);
    second.dispose();
    network.dispose();
  });

  it('is the identity in inference and with rate 0', () => {
    const network = oneLayer([4], { kind: 'dropout', rate: 0.9 });
    expectClose(run(network, [[1, -2, 3, 4]], false, 5), [[1, -2, 3, 4]]);
    network.dispose();
    const zero = oneLayer([4], { kind: 'dropout', rate: 0 });
    expectClose(run(zero, [[1, -2, 3, 4]], true, 5), [[1, -2, 3, 4]]);
    zero.dispose();
  });
});

describe('batch-norm layer', () => {
  // Features: column 0 = [1, 2, 3, 4] (mean 2.5, variance 1.25), column 1 = [10, 12, 14, 16] (mean 13, variance 5).
  const inputs = [
    [1, 10],
    [2, 12],
    [3, 14],
    [4, 16],
  ];
  const parameters = { gamma: [2, 1], beta: [0, 3], 'moving-mean': [1, 10], 'moving-variance': [4, 0.25] };

  it('normalizes with the batch moments in training and moves the moving statistics by the momentum', async () => {
    const network = oneLayer([2], { kind: 'batch-norm', momentum: 0.8, epsilon: 1e-3 }, parameters);
    const expected = inputs.map(([a, b]) => [(2 * (a - 2.5)) / Math.sqrt(1.25 + 1e-3), (b - 13) / Math.sqrt(5 + 1e-3) + 3]);
    expectClose(run(network, inputs, true), expected, 4);
    // moving ← 0.8·moving + 0.2·batch
    expectClose(Array.from(await network.variable(0, 'moving-mean')!.data()), [0.8 * 1 + 0.2 * 2.5, 0.8 * 10 + 0.2 * 13]);
    expectClose(Array.from(await network.variable(0, 'moving-variance')!.data()), [0.8 * 4 + 0.2 * 1.25, 0.8 * 0.25 + 0.2 * 5]);
    network.dispose();
  });

  it('normalizes with the moving statistics in inference, leaving them unchanged', async () => {
    const network = oneLayer([2], { kind: 'batch-norm' }, parameters);
    // Column 0: 2(x − 1)/√(4 + 1e−5); column 1: (x − 10)/√(0.25 + 1e−5) + 3.
    const expected = inputs.map(([a, b]) => [(2 * (a - 1)) / Math.sqrt(4 + 1e-5), (b - 10) / Math.sqrt(0.25 + 1e-5) + 3]);
    expectClose(run(network, inputs, false), expected, 4);
    expectClose(Array.from(await network.variable(0, 'moving-mean')!.data()), [1, 10]);
    expectClose(Array.from(await network.variable(0, 'moving-variance')!.data()), [4, 0.25]);
    network.dispose();
  });

  it('normalizes images per channel like tf.batchNorm with tf.moments over batch, height and width', () => {
    const [h, w, c] = [3, 2, 3];
    const inputs = [seededValues(h * w * c, 21), seededValues(h * w * c, 22)];
    const gamma = [1.5, -0.5, 2];
    const beta = [0.1, 0.2, -0.3];
    const network = oneLayer([h, w, c], { kind: 'batch-norm' }, { gamma, beta, 'moving-mean': [0, 0, 0], 'moving-variance': [1, 1, 1] });
    const expected = tf.tidy(() => {
      const x = tf.tensor4d(inputs.flat(), [2, h, w, c]);
      const { mean, variance } = tf.moments(x, [0, 1, 2]);
      return tf.batchNorm(x, mean, variance, tf.tensor1d(beta), tf.tensor1d(gamma), 1e-5).arraySync();
    });
    expectClose(run(network, inputs, true), expected, 4);
    network.dispose();
  });
});
