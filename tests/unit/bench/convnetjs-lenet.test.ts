import { describe, expect, it } from 'vitest';
import { createConvnetjsLenet } from '../../../bench/convnetjs-lenet';
import { lenet5 } from '../../../src/core/nn/architectures/lenet5';
import { Network } from '../../../src/core/nn/network';
import { countParameters, initializeParameters } from '../../../src/core/nn/network-spec';
import { computeLoss } from '../../../src/core/nn/losses';
import { tf } from '../../../src/core/tf/tf-core';

const PIXELS = 28 * 28;

/** `count` dark 28×28 images, each with a bright 8×8 square in one quadrant; the label is the quadrant (0–3). */
function quadrantImages(count: number): { images: Uint8Array; labels: Uint8Array } {
  const images = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const quadrant = i % 4;
    labels[i] = quadrant;
    const top = (quadrant >> 1) * 14 + ((i * 3) % 6);
    const left = (quadrant & 1) * 14 + ((i * 5) % 6);
    for (let y = top; y < top + 8; y++) for (let x = left; x < left + 8; x++) images[i * PIXELS + y * 28 + x] = 200 + (i % 56);
  }
  return { images, labels };
}

/** Examples [from, from + size) as the engine's batch: pixels / 255 and one-hot targets. Call inside tf.tidy. */
function engineBatch(images: Uint8Array, labels: Uint8Array, from: number, size: number): { x: tf.Tensor2D; t: tf.Tensor2D } {
  const x = tf.div(tf.tensor2d(images.slice(from * PIXELS, (from + size) * PIXELS), [size, PIXELS], 'float32'), 255) as tf.Tensor2D;
  const t = tf.cast(tf.oneHot(tf.tensor1d(labels.slice(from, from + size), 'int32'), 10), 'float32') as tf.Tensor2D;
  return { x, t };
}

/** The engine's mean softmax cross-entropy of `network` on examples [from, from + size). */
function engineLoss(network: Network, images: Uint8Array, labels: Uint8Array, from: number, size: number): number {
  return tf.tidy(() => {
    const { x, t } = engineBatch(images, labels, from, size);
    return computeLoss('softmax-cross-entropy', network.apply(x, { training: false }), t).dataSync()[0];
  });
}

describe('ConvNetJS LeNet-5 reference trainer', () => {
  it('has exactly the parameters of our LeNet-5', () => {
    expect(countParameters(lenet5)).toBe(61_706);
    expect(createConvnetjsLenet().parameterCount()).toBe(61_706);
  });

  it('trains 4 steps of batch 8 and reports finite losses and a positive rate', () => {
    const { images, labels } = quadrantImages(32);
    const result = createConvnetjsLenet().train({ images, labels, count: 32, batchSize: 8, learningRate: 0.05, steps: 4 });
    expect(result.steps).toBe(4);
    expect(result.examples).toBe(32);
    expect(result.losses).toHaveLength(4);
    for (const loss of result.losses) expect(Number.isFinite(loss)).toBe(true);
    expect(result.durationMs).toBeGreaterThan(0);
    expect(result.examplesPerSecond).toBeGreaterThan(0);
    expect(result.examplesPerSecond).toBeCloseTo((result.examples * 1000) / result.durationMs, 6);
  });

  it('lowers the loss on repeated data', () => {
    const { images, labels } = quadrantImages(8);
    const net = createConvnetjsLenet();
    const first = net.train({ images, labels, count: 8, batchSize: 8, learningRate: 0.05, steps: 1, seed: 3 }).losses[0];
    const later = net.train({ images, labels, count: 8, batchSize: 8, learningRate: 0.05, steps: 12 }).losses;
    expect(later[later.length - 1]).toBeLessThan(first * 0.7);
  });

  it('is deterministic for a seed', () => {
    const { images, labels } = quadrantImages(16);
    const options = { images, labels, count: 16, batchSize: 4, learningRate: 0.05, steps: 4, seed: 11 };
    expect(createConvnetjsLenet().train(options).losses).toEqual(createConvnetjsLenet().train(options).losses);
  });

  it('matches the engine: same seeded weights, same loss, same SGD step', () => {
    const { images, labels } = quadrantImages(16);
    const seed = 7;
    const learningRate = 0.05;
    const convnet = createConvnetjsLenet().train({ images, labels, count: 16, batchSize: 8, learningRate, steps: 2, seed }).losses;

    const network = new Network(lenet5, initializeParameters(lenet5, seed));
    try {
      const before = engineLoss(network, images, labels, 0, 8);
      const optimizer = tf.train.sgd(learningRate);
      tf.tidy(() => {
        const { x, t } = engineBatch(images, labels, 0, 8);
        optimizer.minimize(() => computeLoss('softmax-cross-entropy', network.apply(x, { training: true }), t), false, network.trainableVariables());
      });
      optimizer.dispose();
      const after = engineLoss(network, images, labels, 8, 8);

      expect(convnet[0]).toBeCloseTo(before, 4);
      expect(convnet[1]).toBeCloseTo(after, 4);
    } finally {
      network.dispose();
    }
  });
});
