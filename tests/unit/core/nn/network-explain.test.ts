import { describe, expect, it } from 'vitest';
import { tf } from '../../../../src/core/tf/tf-core';
import { Network } from '../../../../src/core/nn/network';
import type { NetworkSpec } from '../../../../src/core/nn/network-spec';
import { gradCam } from '../../../../src/core/math/grad-cam';
import { ascentStep } from '../../../../src/core/math/explanations';
import { ReadoutSet, type NewestStep } from '../../../../src/core/training/readout-set';
import { withValues } from './helpers';

/**
 * A hand-built network with known gradients: a 1×1 convolution with 2 filters on a 2×2 image (layer 0),
 * flatten (1), and one linear output y = Σ w·A + b (2). So ∂y/∂A = w, laid out as A is: [2, 2, 2].
 */
const spec: NetworkSpec = {
  inputShape: [2, 2, 1],
  layers: [{ kind: 'conv2d', filters: 2, kernelSize: 1, padding: 'valid' }, { kind: 'flatten' }, { kind: 'dense', units: 1 }],
  initialization: { kind: 'normal', std: 1 },
};
const w = [1, -2, 0.5, 3, -1, 4, 2, -0.5];
const parameters = withValues(spec, { '0:kernel': [2, -1], '0:bias': [0.5, 0], '2:kernel': w, '2:bias': [0.25] });
const image = [1, 2, 3, 4];

describe('Network explanations', () => {
  it('layerGradient returns the layer’s activations and ∂y/∂A, which for a linear head is its weights', () => {
    const network = new Network(spec, parameters);
    try {
      const { activations, gradient } = tf.tidy(() => {
        const result = network.layerGradient(tf.tensor2d([image]), 0, 0);
        return { activations: Array.from(result.activations.dataSync()), gradient: Array.from(result.gradient.dataSync()) };
      });
      // A at pixel p: (2·x_p + 0.5, −1·x_p).
      expect(activations).toEqual([2.5, -1, 4.5, -2, 6.5, -3, 8.5, -4]);
      expect(gradient).toEqual(w);
      // Grad-CAM on them: α = (mean of 1, 0.5, −1, 2; mean of −2, 3, 4, −0.5) = (0.625, 1.125).
      const { weights } = gradCam(activations, gradient, 2, 2, 2);
      expect(Array.from(weights)).toEqual([0.625, 1.125]);
    } finally {
      network.dispose();
    }
  });

  it('unitInputGradient is ∂(mean of a channel)/∂x: the 1×1 kernel weight over the 4 positions', () => {
    const network = new Network(spec, parameters);
    try {
      const { value, gradient } = tf.tidy(() => {
        const result = network.unitInputGradient(tf.tensor2d([image, image]), 0, 1);
        return { value: Array.from(result.value.dataSync()), gradient: Array.from(result.gradient.dataSync()) };
      });
      expect(gradient).toEqual(new Array(8).fill(-1 / 4));
      // a = mean of −x_p over the 4 pixels 1, 2, 3, 4 = −2.5, for each of the two examples.
      expect(value).toEqual([-2.5, -2.5]);
      expect(() => network.unitInputGradient(tf.tensor2d([image]), 0, 2)).toThrow('unit 2 is out of range');
      expect(() => network.layerGradient(tf.tensor2d([image]), 3, 0)).toThrow('layer 3 does not exist');
      expect(() => network.layerGradient(tf.tensor2d([image]), 0, 1)).toThrow('output index 1 is out of range');
    } finally {
      network.dispose();
    }
  });

  it('unitInputGradient at the centre is one neuron’s gradient: only its receptive field (here the pixel (1, 1)) is nonzero', () => {
    const network = new Network(spec, parameters);
    try {
      const gradient = tf.tidy(() => Array.from(network.unitInputGradient(tf.tensor2d([image, image]), 0, 1, 'centre').gradient.dataSync()));
      expect(gradient).toEqual([0, 0, 0, -1, 0, 0, 0, -1]);
      const first = tf.tidy(() => {
        const result = network.unitInputGradient(tf.tensor2d([image]), 0, 0, 'centre');
        return { value: Array.from(result.value.dataSync()), gradient: Array.from(result.gradient.dataSync()) };
      });
      expect(first).toEqual({ value: [2 * 4 + 0.5], gradient: [0, 0, 0, 2] });
    } finally {
      network.dispose();
    }
  });

  it('climbs the pre-activation z, so a ReLU unit that is silent for the start image still gets a gradient', () => {
    const relu: NetworkSpec = { ...spec, layers: [{ kind: 'conv2d', filters: 2, kernelSize: 1, padding: 'valid', activation: 'relu' }, ...spec.layers.slice(1)] };
    const network = new Network(relu, withValues(relu, { '0:kernel': [2, -1], '0:bias': [0.5, 0], '2:kernel': w, '2:bias': [0.25] }));
    try {
      // Channel 1 is −x_p: ReLU(−x_p) = 0 on a positive image, whose gradient through the ReLU would be 0.
      const { value, gradient } = tf.tidy(() => {
        const result = network.unitInputGradient(tf.tensor2d([image]), 0, 1);
        return { value: Array.from(result.value.dataSync()), gradient: Array.from(result.gradient.dataSync()) };
      });
      expect(value).toEqual([-2.5]);
      expect(gradient).toEqual(new Array(4).fill(-1 / 4));
    } finally {
      network.dispose();
    }
  });

  it('is served by the layer-gradient and unit-input-gradient read-outs, with their shapes', () => {
    const network = new Network(spec, parameters);
    const set = new ReadoutSet(network);
    const newest: NewestStep = { gradientNorms: null, kernelGradients: null, dropout: { seed: 0, batchSize: 1 } };
    try {
      set.replace({
        cam: { kind: 'layer-gradient', layer: 0, outputIndex: 0, inputs: Float32Array.from(image), count: 1 },
        ascent: { kind: 'unit-input-gradient', layer: 0, unit: 0, inputs: Float32Array.from(image), count: 1 },
      });
      let values: ReturnType<ReturnType<ReadoutSet['plan']>['assemble']>[] = [];
      tf.tidy(() => {
        values = set.takeDue(0, true).map((readout) => {
          const plan = set.plan(readout, newest);
          return plan.assemble(
            plan.tensors.map((tensor) => Float32Array.from(tensor.dataSync())),
            0,
          );
        });
      });
      expect(values[0]).toMatchObject({ kind: 'layer-gradient', layer: 0, shape: [1, 2, 2, 2], gradient: Float32Array.from(w) });
      expect(values[1]).toMatchObject({ kind: 'unit-input-gradient', shape: [1, 4], values: Float32Array.from([0.5, 0.5, 0.5, 0.5]) });
      expect(() => set.replace({ bad: { kind: 'layer-gradient', layer: 5, outputIndex: 0, inputs: Float32Array.from(image), count: 1 } })).toThrow('layer 5 does not exist');
    } finally {
      set.dispose();
      network.dispose();
    }
  });

  it('activation maximization: ascent on unitInputGradient raises the channel’s mean activation', () => {
    const network = new Network(spec, parameters);
    const channelMean = (x: Float32Array, unit: number): number =>
      tf.tidy(() => {
        const a = network.applyCapturing(tf.tensor2d([Array.from(x)]), { training: false }, [0]).activations.get(0)!;
        return tf.mean(tf.slice(a, [0, 0, 0, unit], [-1, -1, -1, 1])).dataSync()[0];
      });
    try {
      for (const unit of [0, 1]) {
        let x: Float32Array = Float32Array.from([0.5, 0.5, 0.5, 0.5]);
        const before = channelMean(x, unit);
        for (let step = 0; step < 5; step++) {
          const gradient = tf.tidy(() => network.unitInputGradient(tf.tensor2d([Array.from(x)]), 0, unit).gradient.dataSync());
          x = ascentStep(x, gradient, 0.1, 0);
        }
        expect(channelMean(x, unit)).toBeGreaterThan(before);
      }
    } finally {
      network.dispose();
    }
  });
});
