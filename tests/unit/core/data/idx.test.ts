import { describe, expect, it } from 'vitest';
import { encodeIdx, IdxFormatError, parseIdx } from '../../../../src/core/data/idx';

describe('parseIdx', () => {
  it('reads the header of an MNIST-style image file (magic 0x00000803, big-endian sizes) and returns the pixels', () => {
    const bytes = Uint8Array.from([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6]);
    const parsed = parseIdx(bytes, 'images');
    expect(parsed.shape).toEqual([2, 1, 3]);
    expect(Array.from(parsed.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads sizes above 255 as big-endian (60,000 labels)', () => {
    const file = encodeIdx([60000], new Uint8Array(60000).fill(7));
    expect(Array.from(file.subarray(0, 8))).toEqual([0, 0, 8, 1, 0, 0, 0xea, 0x60]);
    expect(parseIdx(file, 'labels').shape).toEqual([60000]);
  });

  it('round-trips what encodeIdx writes', () => {
    const data = Uint8Array.from({ length: 24 }, (_, i) => i * 10);
    const parsed = parseIdx(encodeIdx([2, 3, 4], data), 'x');
    expect(parsed.shape).toEqual([2, 3, 4]);
    expect(Array.from(parsed.data)).toEqual(Array.from(data));
  });

  it('rejects a truncated file, naming the sizes', () => {
    const file = encodeIdx([2, 2], Uint8Array.from([1, 2, 3, 4]));
    expect(() => parseIdx(file.subarray(0, file.length - 1), 't10k')).toThrow(/t10k: 15 bytes where shape \[2, 2\] needs 16 \(truncated or corrupt\)/);
    expect(() => parseIdx(file.subarray(0, 6), 't10k')).toThrow(/truncated header/);
    expect(() => parseIdx(file.subarray(0, 2), 't10k')).toThrow(/too short/);
  });

  it('rejects a file with a wrong magic number or element type', () => {
    const file = encodeIdx([1], Uint8Array.from([5]));
    const notIdx = file.slice();
    notIdx[0] = 0x1f;
    expect(() => parseIdx(notIdx, 'f')).toThrow(IdxFormatError);
    const floats = file.slice();
    floats[2] = 0x0d;
    expect(() => parseIdx(floats, 'f')).toThrow(/element type 0x0d is not unsigned byte/);
    const noDims = file.slice();
    noDims[3] = 0;
    expect(() => parseIdx(noDims, 'f')).toThrow(/at least one dimension/);
  });
});
