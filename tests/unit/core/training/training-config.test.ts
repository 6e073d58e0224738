import { describe, expect, it } from 'vitest';
import { validateTrainingConfig, type TrainingSessionConfig } from '../../../../src/core/training/training-config';
import { smallClassifier } from './session-fixtures';

const check = (overrides: Partial<TrainingSessionConfig>) => validateTrainingConfig({ ...smallClassifier, ...overrides });

describe('validateTrainingConfig', () => {
  it('accepts a usable config, at the edges of every range', () => {
    expect(check({})).toBeNull();
    expect(check({ batchSize: 1, recordEvery: 1, evaluateEvery: 0, l2Penalty: 0, gradientClipNorm: 1e-9, frozenLayers: [0, 4] })).toBeNull();
    expect(check({ learningRate: 1e-9, l2Penalty: undefined, gradientClipNorm: undefined, frozenLayers: [] })).toBeNull();
  });

  it('wants a positive finite learning rate', () => {
    expect(check({ learningRate: 0 })).toBe('The learning rate must be a positive number, got 0');
    expect(check({ learningRate: -0.1 })).toBe('The learning rate must be a positive number, got -0.1');
    expect(check({ learningRate: Infinity })).toBe('The learning rate must be a positive number, got Infinity');
    expect(check({ learningRate: NaN })).toBe('The learning rate must be a positive number, got NaN');
  });

  it('wants whole-number batch sizes ≥ 1, recordEvery ≥ 1 and evaluateEvery ≥ 0', () => {
    expect(check({ batchSize: 0 })).toBe('The batch size must be a whole number ≥ 1, got 0');
    expect(check({ batchSize: 2.5 })).toBe('The batch size must be a whole number ≥ 1, got 2.5');
    expect(check({ recordEvery: 0 })).toBe('recordEvery must be a whole number ≥ 1, got 0');
    expect(check({ recordEvery: 1.5 })).toBe('recordEvery must be a whole number ≥ 1, got 1.5');
    expect(check({ evaluateEvery: -1 })).toBe('evaluateEvery must be a whole number ≥ 0, got -1');
    expect(check({ evaluateEvery: 0.5 })).toBe('evaluateEvery must be a whole number ≥ 0, got 0.5');
  });

  it('wants a finite L2 penalty ≥ 0 and a positive finite clipping norm', () => {
    expect(check({ l2Penalty: -0.1 })).toBe('The L2 penalty must be ≥ 0, got -0.1');
    expect(check({ l2Penalty: Infinity })).toBe('The L2 penalty must be ≥ 0, got Infinity');
    expect(check({ l2Penalty: NaN })).toBe('The L2 penalty must be ≥ 0, got NaN');
    expect(check({ l1Penalty: -1 })).toBe('The L1 penalty must be ≥ 0, got -1');
    expect(check({ l1Penalty: Infinity })).toBe('The L1 penalty must be ≥ 0, got Infinity');
    expect(check({ l1Penalty: 0.01 })).toBeNull();
    expect(check({ gradientClipNorm: 0 })).toBe('The gradient clipping norm must be a positive number, got 0');
    expect(check({ gradientClipNorm: Infinity })).toBe('The gradient clipping norm must be a positive number, got Infinity');
    expect(check({ gradientClipNorm: NaN })).toBe('The gradient clipping norm must be a positive number, got NaN');
  });

  it('freezes existing layers only (0 … layers − 1)', () => {
    expect(check({ frozenLayers: [5] })).toBe('Cannot freeze layer 5: the network has layers 0–4');
    expect(check({ frozenLayers: [0, -1] })).toBe('Cannot freeze layer -1: the network has layers 0–4');
    expect(check({ frozenLayers: [1.5] })).toBe('Cannot freeze layer 1.5: the network has layers 0–4');
  });

  it('wants startStep, when given, a whole number ≥ 0', () => {
    expect(check({ startStep: 0 })).toBeNull();
    expect(check({ startStep: 120 })).toBeNull();
    expect(check({ startStep: -1 })).toBe('startStep must be a whole number ≥ 0, got -1');
    expect(check({ startStep: 2.5 })).toBe('startStep must be a whole number ≥ 0, got 2.5');
    expect(check({ startStep: NaN })).toBe('startStep must be a whole number ≥ 0, got NaN');
  });

  it('reports the first problem', () => {
    expect(check({ learningRate: 0, batchSize: 0 })).toMatch(/^The learning rate/);
    expect(check({ batchSize: 0, recordEvery: 0 })).toMatch(/^The batch size/);
  });
});
