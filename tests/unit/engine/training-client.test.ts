import { describe, expect, it } from 'vitest';
import { backendPreferenceFromUrl } from '../../../src/engine/training-client';

describe('backendPreferenceFromUrl', () => {
  it('reads ?backend=webgl, wasm or cpu', () => {
    expect(backendPreferenceFromUrl('?backend=webgl')).toBe('webgl');
    expect(backendPreferenceFromUrl('?backend=wasm')).toBe('wasm');
    expect(backendPreferenceFromUrl('?x=1&backend=cpu')).toBe('cpu');
  });

  it('falls back to Auto for anything else: no parameter, garbage, another case', () => {
    expect(backendPreferenceFromUrl('')).toBe('auto');
    expect(backendPreferenceFromUrl('?backend=gpu')).toBe('auto');
    expect(backendPreferenceFromUrl('?backend=WASM')).toBe('auto');
    expect(backendPreferenceFromUrl('?backend=%3Cscript%3E')).toBe('auto');
  });
});
