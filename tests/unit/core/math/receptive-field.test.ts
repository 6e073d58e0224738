import { describe, expect, it } from 'vitest';
import { layerOutput, pathCounts1d, reachedBounds, receptiveFieldTable, receptivePaths, type ReceptiveLayer } from '../../../../src/core/math/receptive-field';

const conv = (kernel: number, stride = 1, dilation = 1, padding: 'same' | 'valid' = 'valid'): ReceptiveLayer => ({ kind: 'conv', kernel, stride, dilation, padding });
const pool = (kernel: number, stride = kernel): ReceptiveLayer => ({ kind: 'pool', kernel, stride });

describe('receptive-field table', () => {
  it('two 3×3 convolutions see 5×5; three see 7×7 (the VGG argument)', () => {
    expect(receptiveFieldTable(32, [conv(3), conv(3)]).map((row) => row.receptiveField)).toEqual([3, 5]);
    expect(receptiveFieldTable(32, [conv(3), conv(3), conv(3)]).map((row) => row.receptiveField)).toEqual([3, 5, 7]);
  });

  it('reproduces LeNet-5 on a 32×32 input: sizes 28, 14, 10, 5 and fields 5, 6, 14, 16', () => {
    const rows = receptiveFieldTable(32, [conv(5), pool(2), conv(5), pool(2)]);
    expect(rows.map((row) => row.outputSize)).toEqual([28, 14, 10, 5]);
    expect(rows.map((row) => row.jump)).toEqual([1, 2, 2, 4]);
    expect(rows.map((row) => row.receptiveField)).toEqual([5, 6, 14, 16]);
  });

  it('grows with dilation: 3×3 convolutions dilated 1, 2, 4 see 3, 7, 15', () => {
    const rows = receptiveFieldTable(32, [conv(3, 1, 1, 'same'), conv(3, 1, 2, 'same'), conv(3, 1, 4, 'same')]);
    expect(rows.map((row) => row.receptiveField)).toEqual([3, 7, 15]);
    expect(rows.map((row) => row.span)).toEqual([3, 5, 9]);
    expect(rows.map((row) => row.outputSize)).toEqual([32, 32, 32]);
  });

  it('follows TensorFlow output sizes and padding', () => {
    expect(layerOutput(7, conv(3, 2, 1, 'same'))).toEqual({ outputSize: 4, paddingBefore: 1 });
    expect(layerOutput(8, conv(3, 2, 1, 'same'))).toEqual({ outputSize: 4, paddingBefore: 0 });
    expect(layerOutput(5, conv(3, 1, 1, 'same'))).toEqual({ outputSize: 5, paddingBefore: 1 });
    expect(layerOutput(4, conv(5))).toEqual({ outputSize: 0, paddingBefore: 0 });
    expect(receptiveFieldTable(4, [conv(5), conv(3)]).map((row) => row.outputSize)).toEqual([0, 0]);
  });
});

describe('paths from one output unit', () => {
  it('two 3×3 convolutions: 1, 2, 3, 2, 1 paths along a row (the centre is reached most)', () => {
    const counts = pathCounts1d(5, [conv(3), conv(3)], 0);
    expect(Array.from(counts[0])).toEqual([1, 2, 3, 2, 1]);
    expect(Array.from(counts[1])).toEqual([1, 1, 1]);
    const grids = receptivePaths(5, [conv(3), conv(3)], 0, 0);
    expect(grids[0].reached).toBe(25);
    expect(grids[0].maxCount).toBe(9);
    expect(grids[0].counts[2 * 5 + 2]).toBe(9);
    expect(grids[0].counts[0]).toBe(1);
  });

  it('non-overlapping pooling gives every pixel of the field one path', () => {
    const grids = receptivePaths(8, [pool(2), pool(2)], 1, 0);
    expect(grids[0].reached).toBe(16);
    expect(grids[0].maxCount).toBe(1);
    expect(reachedBounds(grids[0])).toEqual({ top: 4, left: 0, bottom: 7, right: 3 });
  });

  it('LeNet-5: an output unit sees a 16×16 patch of the 32×32 input', () => {
    const grids = receptivePaths(32, [conv(5), pool(2), conv(5), pool(2)], 2, 3);
    expect(grids[0].reached).toBe(16 * 16);
    expect(reachedBounds(grids[0])).toEqual({ top: 8, left: 12, bottom: 23, right: 27 });
    expect(grids.map((grid) => grid.size)).toEqual([32, 28, 14, 10, 5]);
  });

  it('clips the field at the border when padding is "same", and dilation leaves gaps', () => {
    const corner = receptivePaths(6, [conv(3, 1, 1, 'same'), conv(3, 1, 1, 'same')], 0, 0);
    expect(reachedBounds(corner[0])).toEqual({ top: 0, left: 0, bottom: 2, right: 2 });
    expect(corner[0].reached).toBe(9);
    const dilated = pathCounts1d(9, [conv(3, 1, 2)], 0);
    expect(Array.from(dilated[0])).toEqual([1, 0, 1, 0, 1, 0, 0, 0, 0]);
  });
});
