import { describe, expect, it } from 'vitest';
import { tf } from '../../../../src/core/tf/tf-core';
import { applyOptimizerStep, createOptimizerMemory } from '../../../../src/core/math/optimizer-steps';
import { createOptimizer } from '../../../../src/core/training/optimizers/create-optimizer';
import { OPTIMIZER_KINDS, type OptimizerConfig } from '../../../../src/core/training/optimizers/optimizer-config';
import { LOSS_SURFACES } from '../../../../src/core/math/loss-surfaces';

const W0 = [1, -2];
const GRADIENTS = [
  [0.5, 1],
  [-1, 0.25],
  [0.2, 0.2],
  [3, -0.5],
];
const RATES = [0.1, 0.1, 0.05, 0.2];

/** The parameters after each step of the plain-JS rule. */
function runRule(config: OptimizerConfig, gradients = GRADIENTS, rates = RATES, initial = W0): number[][] {
  let parameters = [...initial];
  let memory = createOptimizerMemory(config.kind, initial.length);
  return gradients.map((gradient, t) => {
    ({ parameters, memory } = applyOptimizerStep(config, memory, parameters, gradient, rates[t]));
    return parameters;
  });
}

/** The parameters after each step of the engine's TF.js optimizer fed the same gradients. */
function runEngine(config: OptimizerConfig, gradients = GRADIENTS, rates = RATES, initial = W0): number[][] {
  const variable = tf.tidy(() => tf.variable(tf.tensor1d(initial)));
  const optimizer = createOptimizer(config);
  try {
    return gradients.map((values, t) => {
      const gradient = tf.tensor1d(values);
      optimizer.applyGradients([{ variable, gradient, decays: true }], rates[t]);
      gradient.dispose();
      return Array.from(variable.dataSync());
    });
  } finally {
    optimizer.dispose();
    variable.dispose();
  }
}

function expectClose(actual: readonly number[], expected: readonly number[], tolerance = 1e-12) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(Math.abs(value - expected[i]), `element ${i}: ${value} vs ${expected[i]}`).toBeLessThanOrEqual(tolerance));
}

describe('optimizer steps by hand', () => {
  it('sgd: w ← w − η g', () => {
    const [first, second] = runRule({ kind: 'sgd' });
    expectClose(first, [1 - 0.05, -2 - 0.1]);
    expectClose(second, [0.95 + 0.1, -2.1 - 0.025]);
  });

  it('momentum: v ← μ v + g, w ← w − η v (the velocity sums raw gradients)', () => {
    const [first, second] = runRule({ kind: 'momentum', momentum: 0.9 });
    expectClose(first, [1 - 0.1 * 0.5, -2 - 0.1 * 1]);
    // v₂ = 0.9·(0.5, 1) + (−1, 0.25) = (−0.55, 1.15)
    expectClose(second, [0.95 + 0.1 * 0.55, -2.1 - 0.1 * 1.15]);
  });

  it('nesterov: v ← μ v + g, w ← w − η (g + μ v)', () => {
    const [first, second] = runRule({ kind: 'nesterov', momentum: 0.9 });
    // v₁ = g₁, d₁ = g₁ + 0.9 g₁ = 1.9 g₁
    expectClose(first, [1 - 0.1 * 0.95, -2 - 0.1 * 1.9]);
    // v₂ = (−0.55, 1.15), d₂ = (−1, 0.25) + 0.9 v₂ = (−1.495, 1.285)
    expectClose(second, [first[0] + 0.1 * 1.495, first[1] - 0.1 * 1.285]);
  });

  it('rmsprop: s ← ρ s + (1 − ρ) g², w ← w − η g / (√s + ε), ε outside the root', () => {
    const [first] = runRule({ kind: 'rmsprop', decay: 0.9, epsilon: 1e-7 });
    // s₁ = 0.1 g², √s₁ = √0.1 |g|
    expectClose(first, [1 - (0.1 * 0.5) / (Math.sqrt(0.1) * 0.5 + 1e-7), -2 - 0.1 / (Math.sqrt(0.1) + 1e-7)]);
    const [big] = runRule({ kind: 'rmsprop', decay: 0.5, epsilon: 1 }, [[2, 0]], [1]);
    // s = 0.5·4 = 2, w = 1 − 2 / (√2 + 1)
    expectClose(big, [1 - 2 / (Math.SQRT2 + 1), -2]);
  });

  it('adam: bias-corrected moments, ε outside the root; the first step is η g / (|g| + ε)', () => {
    const [first, second] = runRule({ kind: 'adam' });
    expectClose(first, [1 - (0.1 * 0.5) / (0.5 + 1e-7), -2 - (0.1 * 1) / (1 + 1e-7)]);
    const m = [0.09 * 0.5 + 0.1 * -1, 0.09 * 1 + 0.1 * 0.25];
    const v = [0.000999 * 0.25 + 0.001 * 1, 0.000999 * 1 + 0.001 * 0.0625];
    const expected = [0, 1].map((i) => first[i] - (0.1 * (m[i] / (1 - 0.81))) / (Math.sqrt(v[i] / (1 - 0.998001)) + 1e-7));
    expectClose(second, expected);
  });

  it('adamw: the Adam step plus the decoupled decay − η λ w of the previous w', () => {
    const adam = runRule({ kind: 'adam' });
    const [first] = runRule({ kind: 'adamw', weightDecay: 0.5 });
    expectClose(first, [adam[0][0] - 0.1 * 0.5 * 1, adam[0][1] - 0.1 * 0.5 * -2]);
    // The default λ is 0.01.
    const [defaultDecay] = runRule({ kind: 'adamw' });
    expectClose(defaultDecay, [adam[0][0] - 0.001, adam[0][1] + 0.002]);
  });

  it('keeps its inputs unchanged and counts steps', () => {
    const memory = createOptimizerMemory('adam', 2);
    const parameters = [1, 2];
    const result = applyOptimizerStep({ kind: 'adam' }, memory, parameters, [1, 1], 0.1);
    expect(memory).toEqual({
      step: 0,
      slots: [
        [0, 0],
        [0, 0],
      ],
    });
    expect(parameters).toEqual([1, 2]);
    expect(result.memory.step).toBe(1);
    expect(createOptimizerMemory('sgd', 2).slots).toEqual([]);
    expect(createOptimizerMemory('rmsprop', 3).slots).toEqual([[0, 0, 0]]);
  });
});

describe('optimizer steps agree with the engine (TF.js, float32) on the same gradients', () => {
  const configs: OptimizerConfig[] = [
    ...OPTIMIZER_KINDS.map((kind) => ({ kind }) as OptimizerConfig),
    { kind: 'momentum', momentum: 0.5, weightDecay: 0.1 },
    { kind: 'nesterov', momentum: 0.99 },
    { kind: 'rmsprop', decay: 0.7, epsilon: 1e-3, weightDecay: 0.2 },
    { kind: 'adam', beta1: 0.5, beta2: 0.9, epsilon: 0.01 },
    { kind: 'adamw', beta1: 0.8, beta2: 0.99, weightDecay: 0.3 },
    { kind: 'sgd', weightDecay: 0.05 },
  ];

  it.each(configs)('%o over four hand-chosen gradients', (config) => {
    const ours = runRule(config);
    const engine = runEngine(config);
    ours.forEach((values, t) => expectClose(values, engine[t], 2e-6));
  });

  it.each(OPTIMIZER_KINDS)('%s along 30 steps of the ravine (the gradient at each step taken where our rule stands)', (kind) => {
    const ravine = LOSS_SURFACES.ravine;
    const config = { kind } as OptimizerConfig;
    const learningRate = kind === 'sgd' ? 0.045 : 0.02;
    let parameters = [...ravine.start];
    let memory = createOptimizerMemory(kind, 2);
    const gradients: number[][] = [];
    const path: number[][] = [];
    for (let t = 0; t < 30; t++) {
      const gradient = ravine.gradient(parameters[0], parameters[1]);
      gradients.push(gradient);
      ({ parameters, memory } = applyOptimizerStep(config, memory, parameters, gradient, learningRate));
      path.push(parameters);
    }
    const engine = runEngine(
      config,
      gradients,
      gradients.map(() => learningRate),
      [...ravine.start],
    );
    path.forEach((values, t) => expectClose(values, engine[t], 2e-5));
  });
});
