import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDatasetSplit, type DatasetName } from '../../../../src/core/data/load-dataset';

/** Serves public/data/ from disk, as the site would over HTTP (npm test runs prepare-data first). */
const fromDisk = async (url: string) => new Response(await readFile(resolve(__dirname, '../../../../public', url.replace(/^\//, ''))));

describe.each<[DatasetName, number, number]>([
  ['mnist', 8000, 1000],
  ['fashion-mnist', 50000, 10000],
])('the prepared %s files', (name, trainCount, validationCount) => {
  it('load through the real loader with the documented split sizes, every class present', async () => {
    const train = await loadDatasetSplit(name, 'train', { baseUrl: '/data/', fetchImpl: fromDisk });
    const validation = await loadDatasetSplit(name, 'validation', { baseUrl: '/data/', fetchImpl: fromDisk });
    expect(train.count).toBe(trainCount);
    expect(validation.count).toBe(validationCount);
    const perClass = new Array(10).fill(0);
    train.labels.forEach((label) => perClass[label]++);
    for (const count of perClass) expect(count).toBeGreaterThan(trainCount * 0.07);
    let sum = 0;
    for (const pixel of train.images) sum += pixel;
    const meanPixel = sum / train.images.length;
    // Mostly black backgrounds with bright strokes: MNIST's mean is about 33, Fashion-MNIST's about 73.
    expect(meanPixel).toBeGreaterThan(20);
    expect(meanPixel).toBeLessThan(90);
  });
});
