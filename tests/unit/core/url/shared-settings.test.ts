import { describe, expect, it } from 'vitest';
import { choiceSetting, numberSetting, readSharedSettings, writeSharedSettings } from '../../../../src/core/url/shared-settings';

const schema = {
  learningRate: numberSetting({ label: 'Learning rate', min: 0.0001, max: 10 }),
  activation: choiceSetting('Activation', ['sigmoid', 'tanh', 'linear'] as const),
};
const defaults = { learningRate: 0.5, activation: 'sigmoid' as 'sigmoid' | 'tanh' | 'linear' };

describe('shared settings in the URL', () => {
  it('reads namespaced values and ignores other widgets', () => {
    const { values, problems } = readSharedSettings('?pt.learningRate=0.1&pt.activation=tanh&other.learningRate=3', 'pt', schema, defaults);
    expect(values).toEqual({ learningRate: 0.1, activation: 'tanh' });
    expect(problems).toEqual([]);
  });

  it('keeps defaults and explains garbage', () => {
    const { values, problems } = readSharedSettings('?pt.learningRate=banana&pt.activation=%3Cscript%3E', 'pt', schema, defaults);
    expect(values).toEqual(defaults);
    expect(problems).toEqual(['Learning rate "banana" in the link is not a number', 'Activation "<script>" in the link is not one of sigmoid, tanh, linear']);
  });

  it('clamps out-of-range numbers from a link', () => {
    expect(readSharedSettings('?pt.learningRate=1e9', 'pt', schema, defaults).values.learningRate).toBe(10);
    expect(readSharedSettings('?pt.learningRate=-3', 'pt', schema, defaults).values.learningRate).toBe(0.0001);
  });

  it('writes only values that differ from the defaults and keeps foreign parameters', () => {
    expect(writeSharedSettings('?backend=cpu&pt.activation=tanh', 'pt', { learningRate: 0.2, activation: 'sigmoid' }, defaults)).toBe('?backend=cpu&pt.learningRate=0.2');
    expect(writeSharedSettings('?pt.learningRate=0.2', 'pt', defaults, defaults)).toBe('');
  });

  it('round-trips', () => {
    const values = { learningRate: 0.03, activation: 'linear' as const };
    const search = writeSharedSettings('', 'pt', values, defaults);
    expect(readSharedSettings(search, 'pt', schema, defaults).values).toEqual(values);
  });
});
