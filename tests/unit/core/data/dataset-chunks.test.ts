import { describe, expect, it } from 'vitest';
import { chunkRanges, DatasetError, decodeChunk, encodeChunk, fnv1a32, gunzip } from '../../../../src/core/data/dataset-chunks';
import { gzipSync } from 'node:zlib';

const text = (value: string) => new TextEncoder().encode(value);

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a32(new Uint8Array(0))).toBe(0x811c9dc5);
    expect(fnv1a32(text('a'))).toBe(0xe40c292c);
    expect(fnv1a32(text('foobar'))).toBe(0xbf9cf968);
  });

  it('changes when one byte changes', () => {
    const bytes = Uint8Array.from({ length: 100 }, (_, i) => i);
    const flipped = bytes.slice();
    flipped[57] ^= 1;
    expect(fnv1a32(flipped)).not.toBe(fnv1a32(bytes));
  });
});

describe('chunkRanges', () => {
  it('cuts a count into chunks of at most the size, the last one shorter', () => {
    expect(chunkRanges(5, 2)).toEqual([
      [0, 2],
      [2, 4],
      [4, 5],
    ]);
    expect(chunkRanges(4, 2)).toEqual([
      [0, 2],
      [2, 4],
    ]);
    expect(chunkRanges(0, 3)).toEqual([]);
  });

  it('refuses a chunk size that is not a whole number ≥ 1', () => {
    expect(() => chunkRanges(5, 0)).toThrow(/whole number ≥ 1, got 0/);
    expect(() => chunkRanges(5, 1.5)).toThrow(/got 1.5/);
  });
});

describe('decodeChunk', () => {
  // Two 2-pixel images (pixels 1 2 | 3 4) and their labels 0 and 2, of 3 classes.
  const raw = encodeChunk(Uint8Array.from([1, 2, 3, 4]), Uint8Array.from([0, 2]));
  const entry = { file: 'x.chunk', count: 2, compressedBytes: 10, rawBytes: 6, checksum: fnv1a32(raw) };

  it('splits a chunk into its images and labels', () => {
    const { images, labels } = decodeChunk(raw, entry, 2, 3, 'chunk');
    expect(Array.from(images)).toEqual([1, 2, 3, 4]);
    expect(Array.from(labels)).toEqual([0, 2]);
  });

  it('rejects a chunk of the wrong length, or an entry whose sizes disagree', () => {
    expect(() => decodeChunk(raw.subarray(0, 5), entry, 2, 3, 'chunk 1')).toThrow(/chunk 1 is corrupt: it unpacks to 5 bytes, expected 6/);
    expect(() => decodeChunk(raw, { ...entry, count: 3 }, 2, 3, 'chunk 1')).toThrow(DatasetError);
  });

  it('rejects a chunk whose checksum differs', () => {
    expect(() => decodeChunk(raw, { ...entry, checksum: entry.checksum ^ 1 }, 2, 3, 'chunk 1')).toThrow(/checksum does not match/);
  });

  it('rejects a label that is not a class index, and accepts the last class', () => {
    const badRaw = encodeChunk(Uint8Array.from([1, 2, 3, 4]), Uint8Array.from([0, 3]));
    expect(() => decodeChunk(badRaw, { ...entry, checksum: fnv1a32(badRaw) }, 2, 3, 'chunk 1')).toThrow(/label 3 of image 1 is not one of the 3 classes/);
    const firstBad = encodeChunk(Uint8Array.from([1, 2, 3, 4]), Uint8Array.from([7, 0]));
    expect(() => decodeChunk(firstBad, { ...entry, checksum: fnv1a32(firstBad) }, 2, 3, 'chunk 1')).toThrow(/label 7 of image 0/);
    expect(decodeChunk(raw, entry, 2, 3, 'chunk').labels[1]).toBe(2);
  });
});

describe('gunzip', () => {
  it('inflates gzip and names bad input as a corrupt file', async () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => i % 7);
    expect(Array.from(await gunzip(new Uint8Array(gzipSync(bytes)), 'chunk'))).toEqual(Array.from(bytes));
    const error = await gunzip(Uint8Array.from([1, 2, 3, 4, 5]), 'chunk 9').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as Error).name).toBe('DatasetError');
    expect((error as Error).message).toMatch(/chunk 9 is corrupt: it does not unpack/);
  });
});
