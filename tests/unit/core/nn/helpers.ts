import { expect } from 'vitest';
import { tf, type Tensor } from '../../../../src/core/tf/tf-core';
import { Network } from '../../../../src/core/nn/network';
import { initializeParameters, type NetworkParameters, type NetworkSpec } from '../../../../src/core/nn/network-spec';
import type { LayerSpec } from '../../../../src/core/nn/layers/layer-spec';

/** Replaces the values of some parameters (layer index, name) of a freshly initialized network. */
export function withValues(spec: NetworkSpec, values: Record<string, number[]>, seed = 1): NetworkParameters {
  const parameters = initializeParameters(spec, seed);
  for (const [key, numbers] of Object.entries(values)) {
    const [layer, name] = key.split(':');
    const parameter = parameters.find((p) => p.layer === Number(layer) && p.name === name);
    if (!parameter) throw new Error(`no parameter ${key}`);
    expect(numbers).toHaveLength(parameter.values.length);
    parameter.values = Float32Array.from(numbers);
  }
  return parameters;
}

/** A network of one layer (index 0) with the given parameter values ('kernel', 'bias', …). */
export function oneLayer(inputShape: number[], layer: LayerSpec, values: Record<string, number[]> = {}, seed = 1): Network {
  const spec: NetworkSpec = { inputShape, layers: [layer], initialization: { kind: 'normal', std: 1 } };
  return new Network(spec, withValues(spec, Object.fromEntries(Object.entries(values).map(([name, v]) => [`0:${name}`, v])), seed));
}

/** Runs `network` on rows of `inputs` and returns the layer's output as a nested array [batch, ...outputShape]. */
export function run(network: Network, inputs: number[][], training = false, seed = 0): unknown {
  return tf.tidy(() => {
    const { activations } = network.applyCapturing(tf.tensor2d(inputs), { training, seed }, [network.spec.layers.length - 1]);
    return (activations.get(network.spec.layers.length - 1) as Tensor).arraySync();
  });
}

/** Elementwise closeness of two nested arrays of numbers. */
export function expectClose(actual: unknown, expected: unknown, digits = 5): void {
  const a = (actual as number[]).flat(Infinity as 1) as number[];
  const e = (expected as number[]).flat(Infinity as 1) as number[];
  expect(a).toHaveLength(e.length);
  a.forEach((value, i) => expect(value, `value ${i}`).toBeCloseTo(e[i], digits));
}

/** Seeded values in [−1, 1) for inputs and weights. */
export function seededValues(count: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state / 2147483648) * 2 - 1;
  });
}
