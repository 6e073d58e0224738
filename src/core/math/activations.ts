/**
 * Scalar activation functions and their derivatives, as plain reference code (no TF.js).
 *
 * Conventions at the points where a derivative does not exist (all at z = 0):
 * - step: f'(0) is undefined (the function jumps); we return 0, the value on both sides.
 * - ReLU: f'(0) is undefined (a kink); we return 0, the same choice TF.js and PyTorch make.
 * - leaky ReLU: f'(0) is undefined; we return the negative-side slope α, consistent with ReLU's choice.
 */

/** The activations the course compares. */
export type ActivationName = 'step' | 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu';

/** Default negative-side slope α of the leaky ReLU. */
export const DEFAULT_LEAKY_SLOPE = 0.01;

/**
 * Heaviside step: f(z) = 1 if z ≥ 0, else 0 (Rosenblatt's perceptron fires when the weighted sum
 * reaches the threshold, so f(0) = 1).
 */
export function step(z: number): number {
  return z >= 0 ? 1 : 0;
}

/**
 * Derivative of the step: 0 for every z ≠ 0. At z = 0 the step jumps and has no derivative; this
 * returns 0 there too, which is why gradient descent can never train a step unit.
 */
export function stepDerivative(_z: number): number {
  return 0;
}

/**
 * Logistic sigmoid: σ(z) = 1 / (1 + e^(−z)), with range (0, 1).
 * Evaluated as e^z / (1 + e^z) for negative z so that large |z| never overflows.
 */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const exponential = Math.exp(z);
  return exponential / (1 + exponential);
}

/** Derivative of the sigmoid: σ'(z) = σ(z)(1 − σ(z)); its maximum is σ'(0) = 0.25. */
export function sigmoidDerivative(z: number): number {
  const value = sigmoid(z);
  return value * (1 - value);
}

/** Hyperbolic tangent: tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)), with range (−1, 1). */
export function tanh(z: number): number {
  return Math.tanh(z);
}

/** Derivative of tanh: 1 − tanh²(z); its maximum is 1 at z = 0. */
export function tanhDerivative(z: number): number {
  const value = Math.tanh(z);
  return 1 - value * value;
}

/** Rectified linear unit: ReLU(z) = max(0, z). */
export function relu(z: number): number {
  return z > 0 ? z : 0;
}

/** Derivative of ReLU: 1 for z > 0, 0 for z < 0; at the kink z = 0 this returns 0 (convention). */
export function reluDerivative(z: number): number {
  return z > 0 ? 1 : 0;
}

/** Leaky ReLU: f(z) = z for z > 0, αz otherwise (α = `slope`, default 0.01). */
export function leakyRelu(z: number, slope: number = DEFAULT_LEAKY_SLOPE): number {
  return z > 0 ? z : slope * z;
}

/** Derivative of the leaky ReLU: 1 for z > 0, α otherwise (α at the kink z = 0, by convention). */
export function leakyReluDerivative(z: number, slope: number = DEFAULT_LEAKY_SLOPE): number {
  return z > 0 ? 1 : slope;
}

/** One activation with everything a lesson or widget needs to compute and display it. */
export interface ActivationSpec {
  name: ActivationName;
  /** Human name, e.g. "Leaky ReLU". */
  displayName: string;
  /** f(z). */
  apply: (z: number) => number;
  /** f'(z), with the conventions above where f is not differentiable. */
  derivative: (z: number) => number;
  /** KaTeX source for f, e.g. `f(x) = \max(0, x)`. */
  formula: string;
  /** KaTeX source for f'. */
  derivativeFormula: string;
  /** Inputs where f jumps (plots should not join the line across them). */
  discontinuities: readonly number[];
  /** Inputs where f' jumps or does not exist. */
  derivativeDiscontinuities: readonly number[];
}

/** All activations, in the order the course introduces them. */
export const ACTIVATION_NAMES: readonly ActivationName[] = ['step', 'sigmoid', 'tanh', 'relu', 'leakyRelu'];

/** The registry: every activation's function, derivative, name and formulas. */
export const ACTIVATIONS: Readonly<Record<ActivationName, ActivationSpec>> = {
  step: {
    name: 'step',
    displayName: 'Step',
    apply: step,
    derivative: stepDerivative,
    formula: String.raw`f(x) = \begin{cases} 1 & x \ge 0 \\ 0 & x < 0 \end{cases}`,
    derivativeFormula: String.raw`f'(x) = 0 \quad (x \ne 0;\ \text{undefined at } 0)`,
    discontinuities: [0],
    derivativeDiscontinuities: [0],
  },
  sigmoid: {
    name: 'sigmoid',
    displayName: 'Sigmoid',
    apply: sigmoid,
    derivative: sigmoidDerivative,
    formula: String.raw`f(x) = \sigma(x) = \frac{1}{1 + e^{-x}}`,
    derivativeFormula: String.raw`f'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)`,
    discontinuities: [],
    derivativeDiscontinuities: [],
  },
  tanh: {
    name: 'tanh',
    displayName: 'tanh',
    apply: tanh,
    derivative: tanhDerivative,
    formula: String.raw`f(x) = \tanh x = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}`,
    derivativeFormula: String.raw`f'(x) = 1 - \tanh^2 x`,
    discontinuities: [],
    derivativeDiscontinuities: [],
  },
  relu: {
    name: 'relu',
    displayName: 'ReLU',
    apply: relu,
    derivative: reluDerivative,
    formula: String.raw`f(x) = \max(0, x)`,
    derivativeFormula: String.raw`f'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}`,
    discontinuities: [],
    derivativeDiscontinuities: [0],
  },
  leakyRelu: {
    name: 'leakyRelu',
    displayName: 'Leaky ReLU',
    apply: (z) => leakyRelu(z),
    derivative: (z) => leakyReluDerivative(z),
    formula: String.raw`f(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}, \quad \alpha = ${DEFAULT_LEAKY_SLOPE}`,
    derivativeFormula: String.raw`f'(x) = \begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases}`,
    discontinuities: [],
    derivativeDiscontinuities: [0],
  },
};

/** Type guard for values that arrive as plain strings (URL parameters, form fields). */
export function isActivationName(value: unknown): value is ActivationName {
  return typeof value === 'string' && (ACTIVATION_NAMES as readonly string[]).includes(value);
}
