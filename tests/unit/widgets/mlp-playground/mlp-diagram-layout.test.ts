import { describe, expect, it } from 'vitest';
import { edgeCurve, edgeOpacity, edgeWeight, edgeWidth, layoutDiagram, NODE_SIZE, nodeBias } from '../../../../src/widgets/mlp-playground/mlp-diagram-layout';
import type { NetworkParameters } from '../../../../src/core/nn/network-spec';

describe('the network diagram', () => {
  const layout = layoutDiagram(['x1', 'x2', 'sinx1'], [4, 2], 1, 700);

  it('shows every feature, wires in the chosen ones, and has a node per neuron', () => {
    expect(layout.features).toHaveLength(7);
    expect(layout.features.filter((node) => node.active).map((node) => node.feature)).toEqual(['x1', 'x2', 'sinx1']);
    expect(layout.hidden.map((column) => column.length)).toEqual([4, 2]);
    expect(layout.outputs).toHaveLength(1);
  });

  it('an edge per weight: 3×4 + 4×2 + 2×1, each pointing into its kernel [fanIn, units] at i·units + j', () => {
    expect(layout.edges).toHaveLength(22);
    const fromSin = layout.edges.find((edge) => edge.from.feature === 'sinx1' && edge.to.key === 'h-0-1');
    expect(fromSin).toMatchObject({ layer: 0, kernelIndex: 2 * 4 + 1 });
    const intoOutput = layout.edges.find((edge) => edge.from.key === 'h-1-1' && edge.to.key === 'o-0');
    expect(intoOutput).toMatchObject({ layer: 2, kernelIndex: 1 });
  });

  it('columns share the width between limits; edges run from the right side of a node to the left side of the next', () => {
    expect(layout.columnX[1] - layout.columnX[0]).toBeCloseTo(layout.columnX[2] - layout.columnX[1], 9);
    expect(layoutDiagram(['x1'], [8, 8, 8, 8, 8, 8], 1, 300).width).toBeGreaterThan(300);
    const [x0, y0, , , , , x1] = edgeCurve({ x: 100, y: 50 }, { x: 200, y: 80 });
    expect([x0, y0, x1]).toEqual([100 + NODE_SIZE / 2, 50, 200 - NODE_SIZE / 2]);
  });

  it('reads an edge’s weight and a node’s bias from the parameters', () => {
    const parameters: NetworkParameters = [
      { layer: 0, name: 'kernel', shape: [3, 4], values: Float32Array.from({ length: 12 }, (_, i) => i / 10) },
      { layer: 0, name: 'bias', shape: [4], values: new Float32Array([0.5, -0.5, 1, 2]) },
    ];
    expect(edgeWeight(parameters, { layer: 0, kernelIndex: 9 })).toBeCloseTo(0.9, 6);
    expect(edgeWeight(null, { layer: 0, kernelIndex: 9 })).toBeNull();
    expect(nodeBias(parameters, { kind: 'hidden', layer: 0, index: 1 })).toBe(-0.5);
    expect(nodeBias(parameters, { kind: 'feature', layer: -1, index: 0 })).toBeNull();
  });

  it('edges grow with |w|: width 0.6 + 2.2|w| up to 7 px, opacity from 0.25 to 1', () => {
    expect(edgeWidth(0)).toBeCloseTo(0.6, 9);
    expect(edgeWidth(-1)).toBeCloseTo(2.8, 9);
    expect(edgeWidth(10)).toBe(7);
    expect(edgeOpacity(0)).toBe(0.25);
    expect(edgeOpacity(-2)).toBe(1);
  });
});
