import { expect } from 'vitest';
import { tf } from '../../../../../src/core/tf/tf-core';
import { createOptimizer } from '../../../../../src/core/training/optimizers/create-optimizer';
import type { OptimizerConfig } from '../../../../../src/core/training/optimizers/optimizer-config';

/**
 * Runs one optimizer on one variable (initial values `initial`) with the given gradient per step and
 * η per step; returns the variable's values after each step. Frees everything it made.
 */
export function runOptimizer(config: OptimizerConfig, initial: number[], gradients: number[][], learningRates: number[], decays = true): number[][] {
  const variable = tf.tidy(() => tf.variable(tf.tensor1d(initial)));
  const optimizer = createOptimizer(config);
  const history: number[][] = [];
  try {
    gradients.forEach((values, i) => {
      const gradient = tf.tensor1d(values);
      optimizer.applyGradients([{ variable, gradient, decays }], learningRates[i]);
      gradient.dispose();
      history.push(Array.from(variable.dataSync()));
    });
  } finally {
    optimizer.dispose();
    variable.dispose();
  }
  return history;
}

/** Element-wise |actual − expected| ≤ tolerance, with the same length. */
export function expectClose(actual: readonly number[], expected: readonly number[], tolerance = 1e-6): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => {
    expect(Math.abs(value - expected[i]), `element ${i}: ${value} vs ${expected[i]}`).toBeLessThanOrEqual(tolerance);
  });
}

/** The same problem for every test: two weights, three steps of hand-chosen gradients. */
export const W0 = [1, -2];
export const GRADIENTS = [
  [0.5, 1],
  [-1, 0.25],
  [0.2, 0.2],
];
