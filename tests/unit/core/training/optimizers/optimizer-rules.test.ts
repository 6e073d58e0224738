import { describe, expect, it } from 'vitest';
import { tf } from '../../../../../src/core/tf/tf-core';
import { createOptimizer } from '../../../../../src/core/training/optimizers/create-optimizer';
import {
  describeOptimizer,
  OPTIMIZER_DEFAULTS,
  OPTIMIZER_KINDS,
  resolveOptimizerConfig,
  validateOptimizerConfig,
  type OptimizerConfig,
} from '../../../../../src/core/training/optimizers/optimizer-config';
import { expectClose } from './optimizer-test-helpers';

const as = (value: unknown) => value as OptimizerConfig;

describe('optimizer config rules', () => {
  it('lists the kinds simplest first, with every default', () => {
    expect(OPTIMIZER_KINDS).toEqual(['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'adamw']);
    expect(OPTIMIZER_DEFAULTS).toEqual({
      sgd: { kind: 'sgd', weightDecay: 0 },
      momentum: { kind: 'momentum', momentum: 0.9, weightDecay: 0 },
      nesterov: { kind: 'nesterov', momentum: 0.9, weightDecay: 0 },
      rmsprop: { kind: 'rmsprop', decay: 0.9, epsilon: 1e-7, weightDecay: 0 },
      adam: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0 },
      adamw: { kind: 'adamw', beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0.01 },
    });
  });

  it('resolves only the hyper-parameters of the kind, ignoring others', () => {
    expect(resolveOptimizerConfig(as({ kind: 'sgd', momentum: 0.5, weightDecay: 0.1 }))).toEqual({ kind: 'sgd', weightDecay: 0.1 });
    expect(resolveOptimizerConfig({ kind: 'nesterov', momentum: 0.5 })).toEqual({ kind: 'nesterov', momentum: 0.5, weightDecay: 0 });
    expect(() => resolveOptimizerConfig(as(null))).toThrow('Unknown optimizer undefined');
    expect(() => resolveOptimizerConfig(as({ kind: 'lion' }))).toThrow('Unknown optimizer "lion"');
    expect(() => resolveOptimizerConfig(as({ kind: 'toString' }))).toThrow('Unknown optimizer "toString"');
  });

  it('accepts fractions in [0, 1), positive ε and λ ≥ 0 at the edges', () => {
    const usable: OptimizerConfig[] = [
      { kind: 'momentum', momentum: 0 },
      { kind: 'nesterov', momentum: 0.999 },
      { kind: 'rmsprop', decay: 0, epsilon: 1e-12 },
      { kind: 'adam', beta1: 0, beta2: 0, weightDecay: 0 },
      { kind: 'adamw', weightDecay: 0 },
      { kind: 'sgd', weightDecay: 5 },
    ];
    for (const config of usable) expect(validateOptimizerConfig(config), JSON.stringify(config)).toBeNull();
  });

  it('names the first unusable hyper-parameter of each kind', () => {
    expect(validateOptimizerConfig(as({ kind: 'momentum', momentum: '0.5' }))).toBe('Momentum momentum μ must be a number, got 0.5');
    expect(validateOptimizerConfig({ kind: 'nesterov', momentum: NaN })).toBe('Nesterov momentum μ must be a number, got NaN');
    expect(validateOptimizerConfig({ kind: 'rmsprop', decay: NaN })).toBe('RMSProp decay ρ must be a number, got NaN');
    expect(validateOptimizerConfig({ kind: 'rmsprop', decay: -0.5 })).toBe('RMSProp decay ρ must be ≥ 0 and < 1, got -0.5');
    expect(validateOptimizerConfig({ kind: 'adamw', beta1: 1 })).toBe('AdamW β₁ must be ≥ 0 and < 1, got 1');
    expect(validateOptimizerConfig({ kind: 'adamw', beta2: -0.1 })).toBe('AdamW β₂ must be ≥ 0 and < 1, got -0.1');
    expect(validateOptimizerConfig({ kind: 'adam', beta1: 2, epsilon: 0 })).toBe('Adam β₁ must be ≥ 0 and < 1, got 2');
    expect(validateOptimizerConfig({ kind: 'adam', epsilon: 0, weightDecay: -1 })).toBe('Adam ε must be a positive number, got 0');
    expect(validateOptimizerConfig({ kind: 'rmsprop', epsilon: NaN })).toBe('RMSProp ε must be a positive number, got NaN');
    expect(validateOptimizerConfig(as({ kind: 'adam', epsilon: '1e-7' }))).toBe('Adam ε must be a positive number, got 1e-7');
    expect(validateOptimizerConfig({ kind: 'momentum', weightDecay: Infinity })).toBe('Momentum weight decay λ must be a finite number ≥ 0, got Infinity');
    expect(validateOptimizerConfig(as({ kind: 'sgd', weightDecay: '0.1' }))).toBe('SGD weight decay λ must be a finite number ≥ 0, got 0.1');
    expect(validateOptimizerConfig(as(null))).toBe('Unknown optimizer undefined: expected one of sgd, momentum, nesterov, rmsprop, adam, adamw');
  });

  it('describes custom hyper-parameters and any weight decay', () => {
    expect(describeOptimizer({ kind: 'adam', beta1: 0.8, beta2: 0.99, weightDecay: 0.1 })).toBe('Adam (β₁ 0.8, β₂ 0.99, λ 0.1)');
    expect(describeOptimizer({ kind: 'adamw', weightDecay: 0 })).toBe('AdamW (β₁ 0.9, β₂ 0.999)');
    expect(describeOptimizer({ kind: 'rmsprop', decay: 0.5, weightDecay: 0.2 })).toBe('RMSProp (ρ 0.5, λ 0.2)');
    expect(describeOptimizer({ kind: 'nesterov', momentum: 0.8, weightDecay: 0.3 })).toBe('Nesterov (μ 0.8, λ 0.3)');
  });

  it('gives the optimizer its resolved config', () => {
    for (const kind of OPTIMIZER_KINDS) {
      const optimizer = createOptimizer({ kind });
      expect(optimizer.config).toEqual(OPTIMIZER_DEFAULTS[kind]);
      optimizer.dispose();
    }
  });
});

describe('rule-based optimizer bookkeeping', () => {
  const variables = (...values: number[][]) => tf.tidy(() => values.map((v) => tf.variable(tf.tensor1d(v))));

  it('advances t once per call, not once per variable: both variables get Adam’s first, bias-corrected step', () => {
    const [a, b] = variables([1], [2]);
    const gradients = [tf.tensor1d([0.5]), tf.tensor1d([-2])];
    const optimizer = createOptimizer({ kind: 'adam' });
    optimizer.applyGradients(
      [
        { variable: a, gradient: gradients[0], decays: false },
        { variable: b, gradient: gradients[1], decays: false },
      ],
      0.1,
    );
    // The first step is η · g / (|g| + ε) ≈ η · sign(g) for every variable.
    expectClose([...a.dataSync(), ...b.dataSync()], [0.9, 2.1], 1e-6);
    optimizer.dispose();
    tf.dispose([a, b, ...gradients]);
  });

  it('keeps separate state per variable', () => {
    const [a, b] = variables([0], [0]);
    const ga = tf.tensor1d([1]);
    const gb = tf.tensor1d([-1]);
    const optimizer = createOptimizer({ kind: 'momentum', momentum: 0.5 });
    optimizer.applyGradients([{ variable: a, gradient: ga, decays: false }], 1);
    optimizer.applyGradients([{ variable: b, gradient: gb, decays: false }], 1);
    optimizer.applyGradients([{ variable: a, gradient: ga, decays: false }], 1);
    // a: v = 1, then 1.5 ⇒ a = −2.5; b: v = −1 ⇒ b = 1 (its velocity started at 0, not at a's).
    expect([...a.dataSync(), ...b.dataSync()]).toEqual([-2.5, 1]);
    optimizer.dispose();
    tf.dispose([a, b, ga, gb]);
  });

  it('refuses disposed variables and gradients, and a learning rate that is not a number, naming them', () => {
    const [a] = variables([1]);
    const optimizer = createOptimizer({ kind: 'sgd' });
    const gradient = tf.tensor1d([1]);
    expect(() => optimizer.applyGradients([{ variable: a, gradient, decays: true }], '0.1' as unknown as number)).toThrow('The learning rate must be a finite number ≥ 0, got 0.1');
    const wrong = tf.zeros([1, 2]);
    expect(() => optimizer.applyGradients([{ variable: a, gradient: wrong, decays: true }], 0.1)).toThrow(`The gradient of ${a.name} has shape [1, 2], the variable [1].`);
    wrong.dispose();
    gradient.dispose();
    expect(() => optimizer.applyGradients([{ variable: a, gradient, decays: true }], 0.1)).toThrow(`The gradient of ${a.name} has been disposed.`);
    const [b] = variables([1]);
    b.dispose();
    const fresh = tf.tensor1d([1]);
    expect(() => optimizer.applyGradients([{ variable: b, gradient: fresh, decays: true }], 0.1)).toThrow(`Variable ${b.name} has been disposed.`);
    optimizer.applyGradients([{ variable: a, gradient: fresh, decays: true }], 0);
    expect(Array.from(a.dataSync())).toEqual([1]);
    optimizer.dispose();
    expect(() => optimizer.applyGradients([], 0.1)).toThrow('This optimizer has been disposed.');
    tf.dispose([a, fresh]);
  });
});
