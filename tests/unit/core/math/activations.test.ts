import { describe, expect, it } from 'vitest';
import {
  ACTIVATIONS,
  ACTIVATION_NAMES,
  isActivationName,
  leakyRelu,
  leakyReluDerivative,
  relu,
  reluDerivative,
  sigmoid,
  sigmoidDerivative,
  step,
  stepDerivative,
  tanhDerivative,
} from '../../../../src/core/math/activations';

/** Central difference (f(z + h) − f(z − h)) / 2h: error O(h²) for smooth f. */
function centralDifference(fn: (z: number) => number, z: number, h = 1e-5): number {
  return (fn(z + h) - fn(z - h)) / (2 * h);
}

const SAMPLE_INPUTS = [-4.7, -3, -1.3, -0.6, -0.2, 0.15, 0.5, 1, 2.4, 4.9];

describe('activations', () => {
  it('registers all five with display names and formulas', () => {
    expect(ACTIVATION_NAMES).toEqual(['step', 'sigmoid', 'tanh', 'relu', 'leakyRelu']);
    for (const name of ACTIVATION_NAMES) {
      const spec = ACTIVATIONS[name];
      expect(spec.name).toBe(name);
      expect(spec.displayName.length).toBeGreaterThan(0);
      expect(spec.formula).toContain('f(x)');
      expect(spec.derivativeFormula).toContain("f'(x)");
    }
  });

  it.each(ACTIVATION_NAMES)('%s: derivative matches central differences away from kinks', (name) => {
    const spec = ACTIVATIONS[name];
    for (const z of SAMPLE_INPUTS) {
      expect(spec.derivative(z)).toBeCloseTo(centralDifference(spec.apply, z), 6);
    }
  });

  it('knows the textbook values', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoidDerivative(0)).toBe(0.25);
    expect(tanhDerivative(0)).toBe(1);
    expect(ACTIVATIONS.tanh.apply(0)).toBe(0);
    expect(relu(-2)).toBe(0);
    expect(relu(3)).toBe(3);
    expect(leakyRelu(-2)).toBeCloseTo(-0.02, 12);
    expect(leakyRelu(-2, 0.2)).toBeCloseTo(-0.4, 12);
    expect(step(-0.001)).toBe(0);
    expect(step(0)).toBe(1);
  });

  it("sigmoid' never exceeds 0.25 and sigmoid stays finite for huge inputs", () => {
    let largest = 0;
    for (let z = -10; z <= 10; z += 0.01) largest = Math.max(largest, sigmoidDerivative(z));
    expect(largest).toBeLessThanOrEqual(0.25);
    expect(largest).toBeGreaterThan(0.2499);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
    expect(Number.isNaN(sigmoid(-1000))).toBe(false);
  });

  it('uses the documented conventions at z = 0', () => {
    expect(stepDerivative(0)).toBe(0);
    expect(stepDerivative(3)).toBe(0);
    expect(reluDerivative(0)).toBe(0);
    expect(leakyReluDerivative(0)).toBe(0.01);
    expect(leakyReluDerivative(0, 0.3)).toBe(0.3);
  });

  it('recognizes activation names', () => {
    expect(isActivationName('relu')).toBe(true);
    expect(isActivationName('softmax')).toBe(false);
    expect(isActivationName(3)).toBe(false);
  });
});
