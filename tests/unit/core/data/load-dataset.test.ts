import { describe, expect, it } from 'vitest';
import { DatasetError, loadDatasetSplit, type DatasetManifest } from '../../../../src/core/data/load-dataset';

const manifest: DatasetManifest = {
  formatVersion: 1,
  name: 'mnist',
  imageWidth: 2,
  imageHeight: 2,
  classNames: ['0', '1', '2'],
  splits: {
    train: { count: 3, imagesBytes: 12, labelsBytes: 3 },
    validation: { count: 1, imagesBytes: 4, labelsBytes: 1 },
    test: { count: 1, imagesBytes: 4, labelsBytes: 1 },
  },
};

/** A fake server: path → body (a JSON value or bytes); missing paths answer 404. Bodies stream in 5-byte chunks. */
function fakeFetch(files: Record<string, unknown>) {
  return async (url: string): Promise<Response> => {
    const path = url.replace('/data/', '');
    if (!(path in files)) return new Response('not found', { status: 404 });
    const body = files[path];
    if (body instanceof Uint8Array) {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < body.length; i += 5) controller.enqueue(body.slice(i, i + 5));
          controller.close();
        },
      });
      return new Response(stream);
    }
    return new Response(JSON.stringify(body));
  };
}

const goodFiles = {
  'mnist/manifest.json': manifest,
  'mnist/train-images.u8': Uint8Array.from({ length: 12 }, (_, i) => i * 20),
  'mnist/train-labels.u8': Uint8Array.from([0, 2, 1]),
};

describe('loadDatasetSplit', () => {
  it('loads images and labels with progress rising to 1', async () => {
    const progress: number[] = [];
    const split = await loadDatasetSplit('mnist', 'train', { baseUrl: '/data/', fetchImpl: fakeFetch(goodFiles), onProgress: (f) => progress.push(f) });
    expect(split.count).toBe(3);
    expect(Array.from(split.labels)).toEqual([0, 2, 1]);
    expect(split.images[11]).toBe(220);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress[progress.length - 1]).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('reports a truncated image file with the byte counts', async () => {
    const files = { ...goodFiles, 'mnist/train-images.u8': new Uint8Array(7) };
    await expect(loadDatasetSplit('mnist', 'train', { baseUrl: '/data/', fetchImpl: fakeFetch(files) })).rejects.toThrow(
      /MNIST train images are truncated: received 7 of 12 bytes/,
    );
  });

  it('reports a file that is longer than the manifest says', async () => {
    const files = { ...goodFiles, 'mnist/train-labels.u8': new Uint8Array(9) };
    await expect(loadDatasetSplit('mnist', 'train', { baseUrl: '/data/', fetchImpl: fakeFetch(files) })).rejects.toThrow(/more than the expected 3 bytes/);
  });

  it('rejects labels outside the class range', async () => {
    const files = { ...goodFiles, 'mnist/train-labels.u8': Uint8Array.from([0, 7, 1]) };
    await expect(loadDatasetSplit('mnist', 'train', { baseUrl: '/data/', fetchImpl: fakeFetch(files) })).rejects.toThrow(/label 7 at position 1 is not one of the 3 classes/);
  });

  it('rejects a manifest whose sizes do not add up', async () => {
    const broken = { ...manifest, splits: { ...manifest.splits, train: { count: 3, imagesBytes: 10, labelsBytes: 3 } } };
    const error = await loadDatasetSplit('mnist', 'train', { baseUrl: '/data/', fetchImpl: fakeFetch({ ...goodFiles, 'mnist/manifest.json': broken }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as Error).message).toMatch(/manifest is corrupt \(train image size mismatch\)/);
  });

  it('explains a missing file', async () => {
    const files = { 'mnist/manifest.json': manifest, 'mnist/train-labels.u8': goodFiles['mnist/train-labels.u8'] };
    await expect(loadDatasetSplit('mnist', 'train', { baseUrl: '/data/', fetchImpl: fakeFetch(files) })).rejects.toThrow(/server answered 404/);
  });

  it('explains a network failure', async () => {
    const failing = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(loadDatasetSplit('mnist', 'train', { baseUrl: '/data/', fetchImpl: failing })).rejects.toThrow(/Could not read the MNIST manifest \(Failed to fetch\)/);
  });
});
