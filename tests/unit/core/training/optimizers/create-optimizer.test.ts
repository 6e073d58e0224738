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
  type OptimizerKind,
} from '../../../../../src/core/training/optimizers/optimizer-config';
import { expectClose, GRADIENTS, runOptimizer, W0 } from './optimizer-test-helpers';

const STATE_TENSORS_PER_VARIABLE: Record<OptimizerKind, number> = { sgd: 0, momentum: 1, nesterov: 1, rmsprop: 1, adam: 2, adamw: 2 };

describe('optimizer configs', () => {
  it('lists every kind with defaults that validate', () => {
    expect([...OPTIMIZER_KINDS].sort()).toEqual(Object.keys(OPTIMIZER_DEFAULTS).sort());
    for (const kind of OPTIMIZER_KINDS) {
      expect(validateOptimizerConfig({ kind })).toBeNull();
      expect(resolveOptimizerConfig({ kind })).toEqual(OPTIMIZER_DEFAULTS[kind]);
    }
    expect(OPTIMIZER_DEFAULTS.adam).toEqual({ kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0 });
    expect(OPTIMIZER_DEFAULTS.adamw.weightDecay).toBe(0.01);
    expect(OPTIMIZER_DEFAULTS.momentum.momentum).toBe(0.9);
    expect(OPTIMIZER_DEFAULTS.rmsprop).toEqual({ kind: 'rmsprop', decay: 0.9, epsilon: 1e-7, weightDecay: 0 });
  });

  it('fills in only the omitted hyper-parameters', () => {
    expect(resolveOptimizerConfig({ kind: 'adam', beta1: 0.5, epsilon: undefined })).toEqual({
      kind: 'adam',
      beta1: 0.5,
      beta2: 0.999,
      epsilon: 1e-7,
      weightDecay: 0,
    });
  });

  it('describes each kind in a short label', () => {
    expect(describeOptimizer({ kind: 'adam' })).toBe('Adam (β₁ 0.9, β₂ 0.999)');
    expect(describeOptimizer({ kind: 'adamw' })).toBe('AdamW (β₁ 0.9, β₂ 0.999, λ 0.01)');
    expect(describeOptimizer({ kind: 'sgd' })).toBe('SGD');
    expect(describeOptimizer({ kind: 'sgd', weightDecay: 0.0005 })).toBe('SGD (λ 0.0005)');
    expect(describeOptimizer({ kind: 'momentum', momentum: 0.95 })).toBe('Momentum (μ 0.95)');
    expect(describeOptimizer({ kind: 'nesterov' })).toBe('Nesterov (μ 0.9)');
    expect(describeOptimizer({ kind: 'rmsprop' })).toBe('RMSProp (ρ 0.9)');
  });

  const invalid: [OptimizerConfig, RegExp][] = [
    [{ kind: 'momentum', momentum: NaN }, /momentum μ must be a number, got NaN/],
    [{ kind: 'momentum', momentum: 1 }, /momentum μ must be ≥ 0 and < 1, got 1/],
    [{ kind: 'nesterov', momentum: -0.1 }, /Nesterov momentum μ must be ≥ 0 and < 1/],
    [{ kind: 'rmsprop', decay: 1.5 }, /RMSProp decay ρ must be ≥ 0 and < 1/],
    [{ kind: 'rmsprop', epsilon: 0 }, /RMSProp ε must be a positive number, got 0/],
    [{ kind: 'adam', beta1: 1 }, /Adam β₁ must be ≥ 0 and < 1, got 1/],
    [{ kind: 'adam', beta2: 1.2 }, /Adam β₂ must be ≥ 0 and < 1, got 1.2/],
    [{ kind: 'adamw', epsilon: -1e-8 }, /AdamW ε must be a positive number/],
    [{ kind: 'adam', epsilon: Infinity }, /Adam ε must be a positive number, got Infinity/],
    [{ kind: 'sgd', weightDecay: -0.01 }, /SGD weight decay λ must be a finite number ≥ 0, got -0.01/],
    [{ kind: 'adamw', weightDecay: NaN }, /AdamW weight decay λ must be a finite number ≥ 0, got NaN/],
    [{ kind: 'lion' } as unknown as OptimizerConfig, /Unknown optimizer "lion": expected one of sgd, momentum/],
  ];

  it.each(invalid)('rejects %o with a clear message', (config, message) => {
    expect(validateOptimizerConfig(config)).toMatch(message);
    expect(() => createOptimizer(config)).toThrow(message);
  });
});

describe('every optimizer', () => {
  it.each(OPTIMIZER_KINDS)('%s takes η per call: a changed η scales that step, η = 0 stands still', (kind) => {
    const config = { kind, weightDecay: 0 } as OptimizerConfig;
    const steady = runOptimizer(config, W0, GRADIENTS.slice(0, 2), [0.1, 0.1]);
    const raised = runOptimizer(config, W0, GRADIENTS.slice(0, 2), [0.1, 0.3]);
    expectClose(raised[0], steady[0], 0);
    // The direction of step 2 does not depend on η, so tripling η triples the step.
    const steadyStep = steady[1].map((value, i) => value - steady[0][i]);
    const raisedStep = raised[1].map((value, i) => value - raised[0][i]);
    expectClose(
      raisedStep,
      steadyStep.map((value) => 3 * value),
    );
    expect(Math.abs(steadyStep[0])).toBeGreaterThan(1e-3);
    const paused = runOptimizer(config, W0, GRADIENTS.slice(0, 2), [0.1, 0]);
    expectClose(paused[1], paused[0], 0);
  });

  it.each(OPTIMIZER_KINDS)('%s decays only parameters with decays: true, by η λ w of the previous w', (kind) => {
    const plain = runOptimizer({ kind, weightDecay: 0 } as OptimizerConfig, W0, GRADIENTS.slice(0, 1), [0.1]);
    const decayed = runOptimizer({ kind, weightDecay: 0.2 } as OptimizerConfig, W0, GRADIENTS.slice(0, 1), [0.1]);
    const exempt = runOptimizer({ kind, weightDecay: 0.2 } as OptimizerConfig, W0, GRADIENTS.slice(0, 1), [0.1], false);
    expectClose(
      decayed[0],
      plain[0].map((value, i) => value - 0.1 * 0.2 * W0[i]),
    );
    expectClose(exempt[0], plain[0], 0);
  });

  it.each(OPTIMIZER_KINDS)('%s keeps only its state tensors, also inside an outer tidy, and dispose frees them', (kind) => {
    const kernel = tf.tidy(() => tf.variable(tf.tensor2d([1, 2, 3, 4], [2, 2])));
    const bias = tf.tidy(() => tf.variable(tf.tensor1d([0.5, -0.5])));
    const baseline = tf.memory().numTensors;
    const optimizer = createOptimizer({ kind });
    const step = (learningRate: number) => {
      const gradients = [tf.tensor2d([0.1, -0.2, 0.3, -0.4], [2, 2]), tf.tensor1d([1, -1])];
      try {
        optimizer.applyGradients(
          [
            { variable: kernel, gradient: gradients[0], decays: true },
            { variable: bias, gradient: gradients[1], decays: false },
          ],
          learningRate,
        );
      } finally {
        tf.dispose(gradients);
      }
    };
    step(0.1);
    const withState = baseline + 2 * STATE_TENSORS_PER_VARIABLE[kind];
    expect(tf.memory().numTensors).toBe(withState);
    tf.tidy(() => step(0.05));
    step(0.01);
    expect(tf.memory().numTensors).toBe(withState);
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
    optimizer.dispose();
    expect(() => step(0.1)).toThrow(/disposed/);
    expect(tf.memory().numTensors).toBe(baseline);
    tf.dispose([kernel, bias]);
  });

  it('rejects a bad step and changes nothing', () => {
    const variable = tf.tidy(() => tf.variable(tf.tensor1d([1, 2])));
    const other = tf.tidy(() => tf.variable(tf.tensor1d([3])));
    const gradient = tf.tensor1d([1, 1]);
    const optimizer = createOptimizer({ kind: 'adam' });
    const baseline = tf.memory().numTensors;
    expect(() => optimizer.applyGradients([{ variable, gradient, decays: true }], NaN)).toThrow(/learning rate must be a finite number ≥ 0, got NaN/);
    expect(() => optimizer.applyGradients([{ variable, gradient, decays: true }], -0.1)).toThrow(/got -0.1/);
    expect(() => optimizer.applyGradients([{ variable, gradient, decays: true }], Infinity)).toThrow(/got Infinity/);
    expect(() =>
      optimizer.applyGradients(
        [
          { variable, gradient, decays: true },
          { variable: other, gradient, decays: true },
        ],
        0.1,
      ),
    ).toThrow(/has shape \[2\], the variable \[1\]/);
    expect(() =>
      optimizer.applyGradients(
        [
          { variable, gradient, decays: true },
          { variable, gradient, decays: true },
        ],
        0.1,
      ),
    ).toThrow(/listed twice/);
    expect(Array.from(variable.dataSync())).toEqual([1, 2]);
    expect(tf.memory().numTensors).toBe(baseline);
    // The rejected calls did not advance t: the first real step is still Adam's bias-corrected first step.
    optimizer.applyGradients([{ variable, gradient, decays: true }], 0.1);
    expectClose(Array.from(variable.dataSync()), [1 - 0.1 / (1 + 1e-7), 2 - 0.1 / (1 + 1e-7)]);
    optimizer.dispose();
    tf.dispose([variable, other, gradient]);
  });

  it('does not dispose the gradients it is given', () => {
    const variable = tf.tidy(() => tf.variable(tf.tensor1d([1])));
    const gradient = tf.tensor1d([1]);
    const optimizer = createOptimizer({ kind: 'momentum' });
    optimizer.applyGradients([{ variable, gradient, decays: true }], 0.1);
    expect(gradient.isDisposed).toBe(false);
    optimizer.dispose();
    expect(variable.isDisposed).toBe(false);
    tf.dispose([variable, gradient]);
  });
});

describe('a whole run', () => {
  it.each(OPTIMIZER_KINDS)('%s leaves only the caller’s tensors after steps and dispose', (kind) => {
    const before = tf.memory().numTensors;
    runOptimizer({ kind }, W0, GRADIENTS, [0.1, 0.05, 0.01]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
