/**
 * The chunked dataset format that scripts/prepare-data.ts writes under public/data/<dataset>/ and the site reads.
 *
 * A split is cut into chunks of a few thousand images. Each chunk file is gzip-compressed (so a static host serves
 * a few hundred KB per chunk whatever its own settings) and, once decompressed, holds `count` images of
 * width × height uint8 pixels (row-major, one after another) followed by `count` uint8 labels. The manifest lists
 * every chunk with its compressed size, decompressed size and an FNV-1a checksum of the decompressed bytes, so a
 * truncated or corrupt chunk is caught and named instead of training on garbage.
 */

/** Raised for anything wrong with a dataset file; `message` is written for the learner. */
export class DatasetError extends Error {
  override name = 'DatasetError';
}

export type DatasetSplitName = 'train' | 'validation' | 'test';
export type DatasetName = 'mnist' | 'fashion-mnist';

/** Version of the files' layout; a manifest with another version is rebuilt by prepare-data. */
export const DATASET_FORMAT_VERSION = 2;

/** One chunk file of a split. */
export interface DatasetChunkEntry {
  /** File name inside the dataset folder, e.g. "train-003.chunk". */
  file: string;
  /** Images in the chunk. */
  count: number;
  /** Size of the file as served (gzip). */
  compressedBytes: number;
  /** count × (pixels per image + 1): the images, then the labels. */
  rawBytes: number;
  /** fnv1a32 of the decompressed bytes, as an unsigned integer. */
  checksum: number;
}

export interface DatasetSplitManifest {
  count: number;
  chunks: DatasetChunkEntry[];
}

/** public/data/<name>/manifest.json. */
export interface DatasetManifest {
  formatVersion: number;
  name: string;
  imageWidth: number;
  imageHeight: number;
  classNames: string[];
  /** Where the images come from and how the splits were made, in a sentence (shown in the README and lessons). */
  provenance: string;
  splits: Record<DatasetSplitName, DatasetSplitManifest>;
}

/** FNV-1a, 32 bits: h ← (h ⊕ byte) · 16777619 mod 2³², from h₀ = 2166136261. Fast and enough to catch corruption (not an integrity guarantee against tampering). */
export function fnv1a32(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    hash ^= bytes[i];
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The decompressed bytes of a chunk: images then labels. */
export function encodeChunk(images: Uint8Array, labels: Uint8Array): Uint8Array {
  const raw = new Uint8Array(images.length + labels.length);
  raw.set(images, 0);
  raw.set(labels, images.length);
  return raw;
}

/**
 * Checks a decompressed chunk against its manifest entry and splits it into images and labels (views, no copy).
 * Throws DatasetError naming `what` when the size or checksum differs or a label is not a class index.
 */
export function decodeChunk(raw: Uint8Array, entry: DatasetChunkEntry, pixelsPerImage: number, classCount: number, what: string): { images: Uint8Array; labels: Uint8Array } {
  if (raw.length !== entry.rawBytes || entry.rawBytes !== entry.count * (pixelsPerImage + 1)) {
    throw new DatasetError(
      `${what} is corrupt: it unpacks to ${raw.length.toLocaleString('en-US')} bytes, expected ${(entry.count * (pixelsPerImage + 1)).toLocaleString('en-US')}. Press Retry; if it persists, rebuild the site's data.`,
    );
  }
  if (fnv1a32(raw) !== entry.checksum) {
    throw new DatasetError(`${what} is corrupt: its checksum does not match the manifest. Press Retry; if it persists, rebuild the site's data.`);
  }
  const images = raw.subarray(0, entry.count * pixelsPerImage);
  const labels = raw.subarray(entry.count * pixelsPerImage);
  const bad = labels.findIndex((label) => label >= classCount);
  if (bad >= 0) throw new DatasetError(`${what} is corrupt: label ${labels[bad]} of image ${bad} is not one of the ${classCount} classes. Rebuild the site's data.`);
  return { images, labels };
}

/** Cuts `count` items into chunks of at most `chunkSize`: [start, end) pairs. */
export function chunkRanges(count: number, chunkSize: number): Array<[number, number]> {
  if (!(Number.isInteger(chunkSize) && chunkSize >= 1)) throw new Error(`chunkSize must be a whole number ≥ 1, got ${chunkSize}`);
  const ranges: Array<[number, number]> = [];
  for (let start = 0; start < count; start += chunkSize) ranges.push([start, Math.min(count, start + chunkSize)]);
  return ranges;
}

/** Inflates gzip bytes with the platform's DecompressionStream (browsers, workers and Node ≥ 18). Throws DatasetError on bad data. */
export async function gunzip(bytes: Uint8Array, what: string): Promise<Uint8Array> {
  try {
    const stream = new Response(bytes as BodyInit).body!.pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    throw new DatasetError(
      `${what} is corrupt: it does not unpack (${error instanceof Error ? error.message : String(error)}). Press Retry; if it persists, rebuild the site's data.`,
    );
  }
}
