import { describe, expect, it } from 'vitest';
import { LOSS_SURFACES } from '../../../../src/core/math/loss-surfaces';
import { readSharedSettings, writeSharedSettings } from '../../../../src/core/url/shared-settings';
import { numberSetting } from '../../../../src/core/url/shared-settings';
import {
  LEARNING_RATE_RULE,
  MAX_PATH_POINTS,
  RECENT_ROWS,
  activeRegime,
  clampToWindow,
  createDescent,
  formatStart,
  formatValue,
  parseStart,
  startOf,
  stepDescent,
  surfaceDefaults,
} from '../../../../src/widgets/loss-surface-explorer/loss-surface-explorer-state';

describe('loss-surface explorer state', () => {
  it('steps plain gradient descent and records step, x, y, f and ‖∇f‖', () => {
    let descent = createDescent('bowl', [2, -1]);
    descent = stepDescent(descent, 'bowl', 0.25);
    // ∇f = (x, y) on the bowl: (2, −1) − 0.25 (2, −1) = (1.5, −0.75)
    expect(descent.point).toEqual([1.5, -0.75]);
    expect(descent.recent.at(-1)).toEqual({ step: 1, x: 1.5, y: -0.75, f: 0.5 * (2.25 + 0.5625), gradientNorm: Math.hypot(1.5, 0.75) });
    expect(descent.path).toEqual([
      [2, -1],
      [1.5, -0.75],
    ]);
  });

  it('keeps the newest rows and a bounded path', () => {
    let descent = createDescent('bowl', [2, 2]);
    for (let i = 0; i < MAX_PATH_POINTS + 50; i++) descent = stepDescent(descent, 'bowl', 0.001);
    expect(descent.recent).toHaveLength(RECENT_ROWS);
    expect(descent.recent.at(-1)?.step).toBe(MAX_PATH_POINTS + 50);
    expect(descent.path.length).toBeLessThanOrEqual(MAX_PATH_POINTS);
    expect(descent.path.at(-1)).toEqual(descent.point);
  });

  it('the diverging preset reaches "diverged" and then stands still', () => {
    const bowl = LOSS_SURFACES.bowl;
    let descent = createDescent('bowl', bowl.start);
    let steps = 0;
    while (!descent.diverged && steps < 100) {
      descent = stepDescent(descent, 'bowl', bowl.regimes.diverging);
      steps++;
    }
    expect(descent.diverged).toBe(true);
    expect(stepDescent(descent, 'bowl', 0.1)).toBe(descent);
  });

  it('reads and writes the start as "x,y" and clamps it to the window', () => {
    expect(formatStart([1.234567, -2])).toBe('1.2346,-2');
    expect(parseStart('1.5,-2')).toEqual([1.5, -2]);
    for (const bad of ['', '1', '1,', 'a,b', '1,2,3', '1e9,0', 'NaN,1']) expect(parseStart(bad)).toBeNull();
    expect(clampToWindow('bowl', [10, -10])).toEqual([3, -3]);
    expect(startOf({ surface: 'ravine', start: '99,0', learningRate: 0.1 })).toEqual([5, 0]);
    expect(startOf({ surface: 'ravine', start: 'garbage', learningRate: 0.1 })).toEqual(LOSS_SURFACES.ravine.start);
  });

  it('opens each surface at its start with its good learning rate, and names the active preset', () => {
    expect(surfaceDefaults('rosenbrock')).toEqual({ surface: 'rosenbrock', start: '-1.2,1', learningRate: 0.0015 });
    expect(activeRegime('bowl', LOSS_SURFACES.bowl.regimes.diverging)).toBe('diverging');
    expect(activeRegime('bowl', 0.123)).toBeNull();
  });

  it('round-trips its settings through a share link', () => {
    const schema = { learningRate: numberSetting(LEARNING_RATE_RULE) };
    const search = writeSharedSettings('?other=1', 'surface', { learningRate: 0.004 }, { learningRate: 0.3 });
    expect(readSharedSettings(search, 'surface', schema, { learningRate: 0.3 })).toEqual({ values: { learningRate: 0.004 }, problems: [] });
    expect(readSharedSettings('?surface.learningRate=abc', 'surface', schema, { learningRate: 0.3 }).problems).toHaveLength(1);
  });

  it('formats values for the table with a real minus sign and infinities', () => {
    expect(formatValue(-1.23456)).toBe('−1.235');
    expect(formatValue(123456)).toBe('1.23e+5');
    expect(formatValue(0.0001234)).toBe('1.23e−4');
    expect(formatValue(Infinity)).toBe('∞');
    expect(formatValue(0)).toBe('0');
  });
});
