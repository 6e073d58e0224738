import { describe, expect, it } from 'vitest';
import { FEATURE_IDS, featureGrid, featureInputs, featureMagnitude, gridPoints, orderFeatures } from '../../../../src/widgets/mlp-playground/mlp-features';

describe('input features', () => {
  it('computes x₁, x₂, x₁², x₂², x₁x₂, sin x₁, sin x₂ of a point, in that order', () => {
    expect(Array.from(featureInputs([{ x: 2, y: -1 }], FEATURE_IDS))).toEqual([2, -1, 4, 1, -2, Math.sin(2), Math.sin(-1)].map((v) => Math.fround(v)));
  });

  it('lays out rows of the chosen features in diagram order, whatever order they were chosen in', () => {
    const inputs = featureInputs(
      [
        { x: 1, y: 3 },
        { x: -2, y: 0.5 },
      ],
      ['x1x2', 'x2'],
    );
    expect(Array.from(inputs)).toEqual([3, 3, 0.5, -1]);
    expect(orderFeatures(['sinx2', 'x1', 'sinx2'])).toEqual(['x1', 'sinx2']);
  });

  it('grids the plane by cell centres, row 0 at the top', () => {
    const grid = gridPoints(4, 6);
    expect(grid).toHaveLength(16);
    expect(grid[0]).toEqual({ x: -4.5, y: 4.5 });
    expect(grid[3]).toEqual({ x: 4.5, y: 4.5 });
    expect(grid[15]).toEqual({ x: 4.5, y: -4.5 });
  });

  it('a feature node shows the feature over the grid, scaled by its largest |value|', () => {
    expect(Array.from(featureGrid('x1sq', 2, 6))).toEqual([9, 9, 9, 9]);
    expect(featureMagnitude('x1x2')).toBe(36);
    expect(featureMagnitude('sinx1')).toBe(1);
  });
});
