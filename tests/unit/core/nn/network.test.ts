import { describe, expect, it } from 'vitest';
import { tf } from '../../../../src/core/tf/tf-core';
import { Network } from '../../../../src/core/nn/network';
import { countParameters, initializeParameters, summarizeNetwork, type NetworkSpec } from '../../../../src/core/nn/network-spec';
import { TrainingSession } from '../../../../src/core/training/training-session';
import type { LabelledData } from '../../../../src/core/training/labelled-data';
import { lenet5 } from '../../../../src/core/nn/architectures/lenet5';

describe('summarizeNetwork', () => {
  it('gives LeNet-5 its published 61,706 parameters and the expected shapes', () => {
    const summary = summarizeNetwork(lenet5);
    expect(summary.map((layer) => layer.outputShape)).toEqual([[28, 28, 6], [14, 14, 6], [10, 10, 16], [5, 5, 16], [400], [120], [84], [10]]);
    expect(summary.map((layer) => layer.parameters)).toEqual([156, 0, 2416, 0, 0, 48120, 10164, 850]);
    expect(countParameters(lenet5)).toBe(61706);
    // conv1: 28·28 outputs × 25 taps × 6 filters; conv2: 10·10 × 25 × 6 × 16.
    expect(summary[0].multiplyAdds).toBe(28 * 28 * 25 * 6);
    expect(summary[2].multiplyAdds).toBe(10 * 10 * 25 * 6 * 16);
  });

  it('names the layer whose shapes do not fit', () => {
    expect(() => summarizeNetwork({ inputShape: [28, 28, 1], layers: [{ kind: 'dense', units: 3, activation: 'relu' }], initialization: { kind: 'zeros' } })).toThrow(
      /layer 1 \(dense\) needs a flat input, got \[28,28,1\]: add a flatten layer/,
    );
    expect(() =>
      summarizeNetwork({ inputShape: [4, 4, 1], layers: [{ kind: 'conv2d', filters: 1, kernelSize: 5, padding: 'valid', activation: 'relu' }], initialization: { kind: 'zeros' } }),
    ).toThrow(/does not fit a 4×4 input/);
  });
});

describe('Network', () => {
  it('matches a hand-computed convolution, pooling and dense layer', () => {
    const spec: NetworkSpec = {
      inputShape: [3, 3, 1],
      layers: [
        { kind: 'conv2d', filters: 1, kernelSize: 2, padding: 'valid', activation: 'relu' },
        { kind: 'max-pool', size: 2 },
        { kind: 'flatten' },
        { kind: 'dense', units: 1, activation: 'linear' },
      ],
      initialization: { kind: 'zeros' },
    };
    // Kernel [[1, 0], [0, -1]] (row-major [kh, kw, in, out]), bias 0.5; dense weight 2, bias 1.
    const network = new Network(spec, { kernels: [Float32Array.from([1, 0, 0, -1]), Float32Array.from([2])], biases: [Float32Array.from([0.5]), Float32Array.from([1])] });
    const image = tf.tensor2d([[1, 2, 3, 4, 5, 6, 7, 9, 8]]);
    const output = tf.tidy(() => network.apply(image).dataSync());
    // conv: 1−5+.5=−3.5→0, 2−6+.5=−3.5→0, 4−9+.5=−4.5→0, 5−8+.5=−2.5→0 ⇒ pool 0 ⇒ 2·0+1 = 1.
    expect(Array.from(output)).toEqual([1]);
    image.dispose();
    network.dispose();
  });

  it('fused and unfused activations give the same gradients (tanh goes through the unfused path)', () => {
    const parameters = initializeParameters({ inputShape: [4], layers: [{ kind: 'dense', units: 3, activation: 'relu' }], initialization: { kind: 'normal', std: 1 } }, 3);
    const fused = new Network({ inputShape: [4], layers: [{ kind: 'dense', units: 3, activation: 'relu' }], initialization: { kind: 'zeros' } }, parameters);
    const x = tf.tensor2d([[0.5, -1, 2, 0.1]]);
    const gradient = (net: Network, manualRelu: boolean) =>
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => {
          const out = manualRelu ? tf.relu(tf.add(tf.matMul(x, net.kernels[0]), net.biases[0])) : net.apply(x);
          return tf.sum(tf.square(out));
        }, net.variables);
        return Array.from(grads[net.kernels[0].name].dataSync());
      });
    const fusedGradient = gradient(fused, false);
    const manualGradient = gradient(fused, true);
    fusedGradient.forEach((value, i) => expect(value).toBeCloseTo(manualGradient[i], 5));
    x.dispose();
    fused.dispose();
  });
});

describe('LeNet-5 training on the CPU backend', () => {
  it('lowers the loss on a small synthetic image task without leaking tensors', async () => {
    // 32 images: class = which quadrant holds a bright 6×6 square.
    const count = 16;
    const inputs = new Uint8Array(count * 784);
    const targets = new Float32Array(count * 10);
    for (let n = 0; n < count; n++) {
      const quadrant = n % 4;
      const top = quadrant < 2 ? 4 : 18;
      const left = quadrant % 2 === 0 ? 4 : 18;
      for (let r = 0; r < 6; r++) for (let c = 0; c < 6; c++) inputs[n * 784 + (top + r) * 28 + left + c] = 255;
      targets[n * 10 + quadrant] = 1;
    }
    const data: LabelledData = { inputs, targets, count, inputSize: 784, targetSize: 10 };
    const baseline = tf.memory().numTensors;
    const session = new TrainingSession(
      { network: lenet5, loss: 'softmax-cross-entropy', learningRate: 0.05, batchSize: 8, seed: 1, recordEvery: 1, evaluateEvery: 0 },
      data,
      null,
    );
    session.runSteps(8);
    const { trainLoss } = await session.collect();
    session.dispose();
    expect(trainLoss.values).toHaveLength(8);
    expect(trainLoss.values[7]).toBeLessThan(trainLoss.values[0]);
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
