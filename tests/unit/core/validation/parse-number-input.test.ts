import { describe, expect, it } from 'vitest';
import { commitTypedNumber, parseNumberInput } from '../../../../src/core/validation/parse-number-input';

const learningRate = { label: 'Learning rate', min: 0.0001, max: 10 };

describe('parseNumberInput', () => {
  it('accepts decimals, scientific notation and a decimal comma', () => {
    expect(parseNumberInput('0.03', learningRate)).toEqual({ status: 'valid', value: 0.03 });
    expect(parseNumberInput(' 3e-2 ', learningRate)).toEqual({ status: 'valid', value: 0.03 });
    expect(parseNumberInput('0,5', learningRate)).toEqual({ status: 'valid', value: 0.5 });
  });

  it('rejects text with a message naming the range', () => {
    const result = parseNumberInput('fast please', learningRate);
    expect(result).toEqual({ status: 'invalid', message: 'Learning rate must be a number between 0.0001 and 10.' });
    expect(parseNumberInput('', learningRate).status).toBe('invalid');
    expect(parseNumberInput('1e999', learningRate).status).toBe('invalid');
    expect(parseNumberInput('NaN', learningRate).status).toBe('invalid');
    expect(parseNumberInput('0x10', learningRate).status).toBe('invalid');
  });

  it('clamps negative and huge numbers and says so', () => {
    expect(parseNumberInput('-1', learningRate)).toEqual({
      status: 'clamped',
      value: 0.0001,
      message: 'Learning rate must be between 0.0001 and 10; using 0.0001.',
    });
    expect(parseNumberInput('1e9', learningRate)).toMatchObject({ status: 'clamped', value: 10 });
  });

  it('rounds integer fields before checking the range', () => {
    expect(parseNumberInput('31.6', { label: 'Batch size', min: 1, max: 512, integer: true })).toEqual({ status: 'valid', value: 32 });
  });
});

describe('commitTypedNumber: what every numeric field does when the learner presses Enter or leaves it', () => {
  it('applies a valid number with no message', () => {
    expect(commitTypedNumber('0.5', learningRate, '0.03')).toEqual({ value: 0.5, message: null });
  });

  it('clamps an out-of-range number and says so', () => {
    expect(commitTypedNumber('-3', learningRate, '0.03')).toEqual({ value: 0.0001, message: 'Learning rate must be between 0.0001 and 10; using 0.0001.' });
  });

  it('keeps the current value for text that is not a number, naming the value it keeps', () => {
    expect(commitTypedNumber('fast please', learningRate, '0.03')).toEqual({
      value: null,
      message: 'Learning rate must be a number between 0.0001 and 10. Kept 0.03.',
    });
  });
});
