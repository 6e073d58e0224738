import { describe, expect, it } from 'vitest';
import {
  applyTwoLayers,
  computeEquivalentMap,
  computeLinearCollapseView,
  createGrid,
  createLinearCollapseState,
  countHingesInSquare,
  describeCorners,
  drawLayers,
  isLegibleDraw,
  singularValues2x2,
  equivalentMapLatex,
  linearCollapseReducer,
  toBmatrix,
  parseLayers,
  serializeLayers,
} from '../../../../src/widgets/linear-collapse/linear-collapse-state';

describe('linear collapse state', () => {
  it('draws layers of the documented shapes, deterministically from the seed', () => {
    const state = createLinearCollapseState(5);
    expect(state.layer1.weights).toHaveLength(3);
    expect(state.layer1.weights[0]).toHaveLength(2);
    expect(state.layer1.bias).toHaveLength(3);
    expect(state.layer2.weights).toHaveLength(2);
    expect(state.layer2.weights[0]).toHaveLength(3);
    expect(state.layer2.bias).toHaveLength(2);
    expect(createLinearCollapseState(5)).toEqual(state);
    expect(drawLayers(5, 1)).not.toEqual(drawLayers(5, 0));
    expect(drawLayers(6, 0)).not.toEqual(drawLayers(5, 0));
  });

  it('randomizes deterministically and resets to the seed', () => {
    const start = createLinearCollapseState(3);
    const once = linearCollapseReducer(start, { type: 'randomize' });
    expect(once.draws).toBe(1);
    expect(once.layer1).not.toEqual(start.layer1);
    expect(linearCollapseReducer(start, { type: 'randomize' })).toEqual(once);
    const reset = linearCollapseReducer(once, { type: 'reset' });
    expect(reset.layer1).toEqual(start.layer1);
    expect(reset.draws).toBe(0);
  });

  it('edits one entry, clamping to ±5 and ignoring non-finite values', () => {
    const start = createLinearCollapseState(1);
    const edited = linearCollapseReducer(start, { type: 'setEntry', address: { layer: 2, part: 'weights', row: 1, column: 2 }, value: 9 });
    expect(edited.layer2.weights[1][2]).toBe(5);
    expect(edited.layer2.weights[0]).toEqual(start.layer2.weights[0]);
    const bias = linearCollapseReducer(start, { type: 'setEntry', address: { layer: 1, part: 'bias', row: 0 }, value: -0.5 });
    expect(bias.layer1.bias[0]).toBe(-0.5);
    expect(linearCollapseReducer(start, { type: 'setEntry', address: { layer: 1, part: 'bias', row: 0 }, value: Number.NaN })).toBe(start);
  });

  it('collapses to W = W2 W1, b = W2 b1 + b2 exactly when nothing is between the layers', () => {
    const state = {
      ...createLinearCollapseState(1),
      layer1: {
        weights: [
          [1, 0],
          [0, 1],
          [1, 1],
        ],
        bias: [1, 0, -1],
      },
      layer2: {
        weights: [
          [1, 2, 0],
          [0, 1, 3],
        ],
        bias: [0, 1],
      },
    };
    const equivalent = computeEquivalentMap(state);
    expect(equivalent.weights).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(equivalent.bias).toEqual([1, -2]);
    expect(applyTwoLayers(state, [2, -1])).toEqual([1, -1 + 3 * 0 + 1]);
    expect(computeLinearCollapseView(state).maxDifference).toBeLessThan(1e-12);
  });

  it('no longer collapses with ReLU or tanh between the layers', () => {
    const linear = createLinearCollapseState(2);
    expect(computeLinearCollapseView(linear).maxDifference).toBeLessThan(1e-12);
    for (const between of ['relu', 'tanh'] as const) {
      const bent = linearCollapseReducer(linear, { type: 'setBetween', between });
      expect(computeLinearCollapseView(bent).maxDifference).toBeGreaterThan(0.05);
    }
  });

  it('builds the grid and describes the corners', () => {
    const grid = createGrid(3, 5);
    expect(grid).toHaveLength(6);
    expect(grid[0][0]).toEqual([-1, -1]);
    expect(describeCorners(grid)).toBe('(-1.00, -1.00), (-1.00, 1.00), (1.00, 1.00), (1.00, -1.00)');
  });

  it('writes KaTeX bmatrices', () => {
    expect(
      toBmatrix([
        [1, -0.001],
        [2.5, 3],
      ]),
    ).toBe('\\begin{bmatrix} 1.00 & 0.00 \\\\ 2.50 & 3.00 \\end{bmatrix}');
    const latex = equivalentMapLatex({
      weights: [
        [1, 0],
        [0, 1],
      ],
      bias: [0.5, 0],
    });
    expect(latex.weights).toBe('W = W_2 W_1 = \\begin{bmatrix} 1.00 & 0.00 \\\\ 0.00 & 1.00 \\end{bmatrix}');
    expect(latex.bias).toBe('b = W_2 b_1 + b_2 = \\begin{bmatrix} 0.50 \\\\ 0.00 \\end{bmatrix}');
  });

  it('computes 2×2 singular values', () => {
    expect(
      singularValues2x2([
        [3, 0],
        [0, -2],
      ]),
    ).toEqual([3, 2]);
    const [largest, smallest] = singularValues2x2([
      [1, 1],
      [0, 1],
    ]);
    expect(largest * smallest).toBeCloseTo(1, 12);
    expect(largest).toBeCloseTo((1 + Math.sqrt(5)) / 2, 12);
  });

  it('counts hidden units whose hinge crosses the square', () => {
    expect(
      countHingesInSquare({
        weights: [
          [1, 0],
          [0, 1],
          [1, 1],
        ],
        bias: [0, 5, 0],
      }),
    ).toBe(2);
  });

  it('draws legible layers for many seeds', () => {
    for (let seed = 0; seed < 50; seed += 1) {
      for (const draws of [0, 1, 2]) {
        const { layer1, layer2 } = drawLayers(seed, draws);
        expect(isLegibleDraw(layer1, layer2)).toBe(true);
      }
    }
  });
});

describe('serializeLayers and parseLayers', () => {
  it('round-trip the 17 entries: W₁ row by row, b₁, W₂ row by row, b₂', () => {
    const state = createLinearCollapseState(7);
    const text = serializeLayers(state);
    expect(text.split(',')).toHaveLength(17);
    expect(text.startsWith(`${state.layer1.weights[0][0]},${state.layer1.weights[0][1]},${state.layer1.weights[1][0]}`)).toBe(true);
    expect(parseLayers(text)).toEqual({ layers: { layer1: state.layer1, layer2: state.layer2 } });
  });

  it('explains a list of the wrong length or with a bad entry', () => {
    expect(parseLayers('1,2')).toEqual({ problem: 'needs 17 numbers, got 2' });
    const sixteen = Array(16).fill('0');
    expect(parseLayers([...sixteen, 'x'].join(','))).toEqual({ problem: 'needs numbers between −5 and 5' });
    expect(parseLayers([...sixteen, '6'].join(','))).toEqual({ problem: 'needs numbers between −5 and 5' });
    expect(parseLayers([...sixteen, ''].join(','))).toEqual({ problem: 'needs numbers between −5 and 5' });
    expect('layers' in parseLayers([...sixteen, '-5'].join(','))).toBe(true);
  });
});
