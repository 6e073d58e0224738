import { describe, expect, it } from 'vitest';
import { DatasetError, leadingChunks, loadDatasetSplit, validateManifest, type DatasetSplit } from '../../../../src/core/data/load-dataset';
import { fakeDataset, fakeFetch } from './fake-dataset-server';

const load = (files: Record<string, unknown>, onChunk?: (loaded: DatasetSplit) => void, onProgress?: (fraction: number) => void) =>
  loadDatasetSplit('mnist', 'train', { baseUrl: '/data/', fetchImpl: fakeFetch(files), onChunk, onProgress });

describe('loadDatasetSplit', () => {
  it('loads every chunk in order, images then labels, with progress rising to 1', async () => {
    const { files } = fakeDataset();
    const progress: number[] = [];
    const split = await load(files, undefined, (fraction) => progress.push(fraction));
    expect(split.count).toBe(5);
    expect(split.totalCount).toBe(5);
    expect(Array.from(split.labels)).toEqual([0, 1, 2, 0, 1]);
    expect(Array.from(split.images.subarray(12, 16))).toEqual([30, 30, 30, 30]);
    expect(split.images[19]).toBe(40);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress[progress.length - 1]).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('hands over the split chunk by chunk, so training can start on the first one', async () => {
    const { files } = fakeDataset();
    const seen: Array<{ count: number; labels: number[]; total: number }> = [];
    await load(files, (loaded) => seen.push({ count: loaded.count, labels: Array.from(loaded.labels), total: loaded.totalCount }));
    expect(seen).toEqual([
      { count: 2, labels: [0, 1], total: 5 },
      { count: 4, labels: [0, 1, 2, 0], total: 5 },
      { count: 5, labels: [0, 1, 2, 0, 1], total: 5 },
    ]);
  });

  it('with firstImages, downloads only the leading chunks that hold that many images, and no other file', async () => {
    const { files } = fakeDataset();
    const requested: string[] = [];
    const fetchImpl = fakeFetch(files);
    const split = await loadDatasetSplit('mnist', 'train', {
      baseUrl: '/data/',
      firstImages: 3,
      fetchImpl: (url) => {
        requested.push(url);
        return fetchImpl(url);
      },
    });
    // Chunks of 2, 2 and 1 images: the first 3 images need the first two chunks.
    expect(requested).toEqual(['/data/mnist/manifest.json', '/data/mnist/train-0.chunk', '/data/mnist/train-1.chunk']);
    expect(split.count).toBe(4);
    expect(split.totalCount).toBe(4);
    expect(Array.from(split.labels)).toEqual([0, 1, 2, 0]);
  });

  it('picks the leading chunks: exactly enough, all of them when more are asked for, and rejects a count below 1', () => {
    const chunks = [{ count: 2 }, { count: 2 }, { count: 1 }];
    expect(leadingChunks(chunks, 1)).toHaveLength(1);
    expect(leadingChunks(chunks, 2)).toHaveLength(1);
    expect(leadingChunks(chunks, 3)).toHaveLength(2);
    expect(leadingChunks(chunks, 99)).toHaveLength(3);
    expect(leadingChunks(chunks)).toHaveLength(3);
    expect(() => leadingChunks(chunks, 0)).toThrow('whole number ≥ 1');
  });

  it('names a truncated chunk with its byte counts', async () => {
    const { files } = fakeDataset();
    const chunk = files['mnist/train-1.chunk'] as Uint8Array;
    const truncated = { ...files, 'mnist/train-1.chunk': chunk.subarray(0, chunk.length - 5) };
    await expect(load(truncated)).rejects.toThrow(new RegExp(`MNIST train chunk 2 of 3 is truncated: received ${chunk.length - 5} of ${chunk.length} bytes`));
  });

  it('rejects a chunk longer than the manifest says', async () => {
    const { files } = fakeDataset();
    const chunk = files['mnist/train-0.chunk'] as Uint8Array;
    const padded = new Uint8Array(chunk.length + 3);
    padded.set(chunk);
    await expect(load({ ...files, 'mnist/train-0.chunk': padded })).rejects.toThrow(/chunk 1 of 3 is corrupt: more than the expected/);
  });

  it('rejects a chunk that is not gzip', async () => {
    const { files } = fakeDataset();
    const chunk = files['mnist/train-2.chunk'] as Uint8Array;
    const garbage = chunk.map((_, i) => (i * 37) % 256);
    await expect(load({ ...files, 'mnist/train-2.chunk': garbage })).rejects.toThrow(/chunk 3 of 3 is corrupt: it does not unpack/);
  });

  it('rejects a chunk whose content does not match its checksum', async () => {
    const { manifest, files } = fakeDataset();
    const tampered = structuredClone(manifest);
    tampered.splits.train.chunks[0].checksum ^= 1;
    const error = await load({ ...files, 'mnist/manifest.json': tampered }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as Error).message).toMatch(/chunk 1 of 3 is corrupt: its checksum does not match/);
  });

  it('rejects a manifest whose chunks do not add up to the split', async () => {
    const { manifest, files } = fakeDataset();
    const broken = structuredClone(manifest);
    broken.splits.train.count = 6;
    await expect(load({ ...files, 'mnist/manifest.json': broken })).rejects.toThrow(/manifest is corrupt \(the train chunks hold 5 images, not 6\)/);
  });

  it('rejects a chunk file name that would leave the dataset folder', async () => {
    const { manifest, files } = fakeDataset();
    const broken = structuredClone(manifest);
    broken.splits.train.chunks[0].file = '../../secret';
    await expect(load({ ...files, 'mnist/manifest.json': broken })).rejects.toThrow(/a bad chunk entry in the train split/);
  });

  it('explains a missing chunk', async () => {
    const { files } = fakeDataset();
    const missing = { ...files };
    delete missing['mnist/train-1.chunk'];
    await expect(load(missing)).rejects.toThrow(/Could not download MNIST train chunk 2 of 3: the server answered 404/);
  });

  it('explains a network failure', async () => {
    const failing = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(loadDatasetSplit('mnist', 'train', { baseUrl: '/data/', fetchImpl: failing })).rejects.toThrow(/Could not read the MNIST manifest \(Failed to fetch\)/);
  });
});

describe('validateManifest', () => {
  const good = () =>
    structuredClone(fakeDataset().manifest) as unknown as Record<string, unknown> & { splits: Record<string, { count: number; chunks: Array<Record<string, unknown>> }> };

  it('accepts a manifest whose chunks add up', () => {
    expect(validateManifest(good(), 'mnist').splits.train.count).toBe(5);
  });

  it.each<[string, (m: ReturnType<typeof good>) => unknown, RegExp]>([
    ['null', () => null, /not a JSON object/],
    ['a string', () => 'manifest', /not a JSON object/],
    ['another dataset', (m) => ({ ...m, name: 'fashion-mnist' }), /it describes "fashion-mnist"/],
    ['no width', (m) => ({ ...m, imageWidth: undefined }), /no image size/],
    ['a fractional height', (m) => ({ ...m, imageHeight: 2.5 }), /no image size/],
    ['no classes', (m) => ({ ...m, classNames: [] }), /no class names/],
    ['class names that are not a list', (m) => ({ ...m, classNames: 'abc' }), /no class names/],
    ['a missing split', (m) => ({ ...m, splits: { ...m.splits, test: undefined } }), /no test split/],
    ['a split of zero images', (m) => ({ ...m, splits: { ...m.splits, validation: { ...m.splits.validation, count: 0 } } }), /no validation split/],
    ['a split without chunks', (m) => ({ ...m, splits: { ...m.splits, validation: { count: 1, chunks: [] } } }), /no validation split/],
    ['a chunk with a wrong unpacked size', (m) => ((m.splits.train.chunks[1].rawBytes = 11), m), /a bad chunk entry in the train split/],
    ['a chunk of zero images', (m) => ((m.splits.train.chunks[2].count = 0), m), /a bad chunk entry/],
    ['a chunk without a size', (m) => ((m.splits.train.chunks[0].compressedBytes = 0), m), /a bad chunk entry/],
    ['a chunk without a checksum', (m) => ((m.splits.train.chunks[0].checksum = 'x'), m), /a bad chunk entry/],
    ['a chunk in another folder', (m) => ((m.splits.train.chunks[0].file = 'a/b.chunk'), m), /a bad chunk entry/],
  ])('rejects %s, naming the problem', (_, breakIt, message) => {
    const error = (() => {
      try {
        validateManifest(breakIt(good()), 'mnist');
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as Error).message).toMatch(/^The MNIST manifest is corrupt \(/);
    expect((error as Error).message).toMatch(message);
  });
});
