import { DatasetError, decodeChunk, gunzip, type DatasetManifest, type DatasetName, type DatasetSplitName } from './dataset-chunks';

/*
 * Downloading a dataset split chunk by chunk (format: dataset-chunks.ts), so that a widget can show progress and
 * start on the first chunk while the rest arrive.
 */

export { DatasetError, type DatasetName, type DatasetSplitName, type DatasetManifest } from './dataset-chunks';

/**
 * One split in memory: `images` has layout [count, height, width] (uint8 0..255), `labels` [count]. While a split
 * streams in, `count` is the number of images that have arrived and the arrays are views of that many.
 */
export interface DatasetSplit {
  name: DatasetName;
  split: DatasetSplitName;
  count: number;
  /** Images in the whole split (equal to `count` once loaded). */
  totalCount: number;
  imageWidth: number;
  imageHeight: number;
  classNames: string[];
  images: Uint8Array;
  labels: Uint8Array;
}

export type FetchLike = (url: string) => Promise<Response>;

const DISPLAY_NAMES: Record<DatasetName, string> = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST' };

/** Checks a parsed manifest; throws DatasetError naming the first problem. */
export function validateManifest(value: unknown, name: DatasetName): DatasetManifest {
  const problem = (what: string) => new DatasetError(`The ${DISPLAY_NAMES[name]} manifest is corrupt (${what}). Reload the page; if it persists, rebuild the site's data.`);
  if (typeof value !== 'object' || value === null) throw problem('not a JSON object');
  const manifest = value as Partial<DatasetManifest>;
  if (manifest.name !== name) throw problem(`it describes "${String(manifest.name)}"`);
  if (!Number.isInteger(manifest.imageWidth) || !Number.isInteger(manifest.imageHeight)) throw problem('no image size');
  if (!Array.isArray(manifest.classNames) || manifest.classNames.length === 0) throw problem('no class names');
  const pixels = manifest.imageWidth! * manifest.imageHeight!;
  for (const split of ['train', 'validation', 'test'] as const) {
    const entry = manifest.splits?.[split];
    if (!entry || !Number.isInteger(entry.count) || entry.count <= 0 || !Array.isArray(entry.chunks) || entry.chunks.length === 0) throw problem(`no ${split} split`);
    let sum = 0;
    for (const chunk of entry.chunks) {
      const valid =
        typeof chunk?.file === 'string' &&
        /^[\w.-]+$/.test(chunk.file) &&
        Number.isInteger(chunk.count) &&
        chunk.count > 0 &&
        Number.isInteger(chunk.compressedBytes) &&
        chunk.compressedBytes > 0 &&
        chunk.rawBytes === chunk.count * (pixels + 1) &&
        Number.isInteger(chunk.checksum);
      if (!valid) throw problem(`a bad chunk entry in the ${split} split`);
      sum += chunk.count;
    }
    if (sum !== entry.count) throw problem(`the ${split} chunks hold ${sum} images, not ${entry.count}`);
  }
  return manifest as DatasetManifest;
}

/**
 * Downloads a file as bytes, reporting the bytes received so far after every piece.
 * Throws DatasetError on network and HTTP errors and when the byte count is not `expectedBytes` (truncated or padded).
 */
export async function fetchBytes(fetchImpl: FetchLike, url: string, expectedBytes: number, describe: string, onBytes: (received: number) => void): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch (error) {
    throw new DatasetError(`Could not download ${describe} (${error instanceof Error ? error.message : String(error)}). Check your connection and press Retry.`);
  }
  if (!response.ok) throw new DatasetError(`Could not download ${describe}: the server answered ${response.status}. Press Retry, or rebuild the site.`);
  const bytes = new Uint8Array(expectedBytes);
  let received = 0;
  const append = (piece: Uint8Array) => {
    if (received + piece.length > expectedBytes) {
      throw new DatasetError(`${describe} is corrupt: more than the expected ${expectedBytes.toLocaleString('en-US')} bytes arrived. Rebuild the site's data.`);
    }
    bytes.set(piece, received);
    received += piece.length;
    onBytes(received);
  };
  try {
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        append(value);
      }
    } else {
      append(new Uint8Array(await response.arrayBuffer()));
    }
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    throw new DatasetError(`The download of ${describe} broke off (${error instanceof Error ? error.message : String(error)}). Press Retry.`);
  }
  if (received !== expectedBytes) {
    throw new DatasetError(
      `${describe} is truncated: received ${received.toLocaleString('en-US')} of ${expectedBytes.toLocaleString('en-US')} bytes. Press Retry to download it again.`,
    );
  }
  return bytes;
}

/** Fetches and validates public/data/<name>/manifest.json. */
export async function loadManifest(name: DatasetName, baseUrl: string, fetchImpl: FetchLike = (url) => fetch(url)): Promise<DatasetManifest> {
  let json: unknown;
  try {
    const response = await fetchImpl(`${baseUrl}${name}/manifest.json`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    json = await response.json();
  } catch (error) {
    throw new DatasetError(
      `Could not read the ${DISPLAY_NAMES[name]} manifest (${error instanceof Error ? error.message : String(error)}). Press Retry; if it persists, run "npm run prepare-data".`,
    );
  }
  return validateManifest(json, name);
}

export interface LoadSplitOptions {
  baseUrl: string;
  fetchImpl?: FetchLike;
  /** Fraction of the split's bytes received so far, 0..1. */
  onProgress?: (fraction: number) => void;
  /** After each chunk is checked and stored: the split so far (views of the images that have arrived, no copy). */
  onChunk?: (loaded: DatasetSplit) => void;
  /**
   * Load only the leading chunks that hold at least this many images (a widget that uses the first 2,000 training
   * images need not download 54,000); the result is that prefix, `totalCount` included. Default: the whole split.
   */
  firstImages?: number;
}

/** The leading chunks that together hold at least `firstImages` images (all of them when it is undefined or larger). */
export function leadingChunks<T extends { count: number }>(chunks: readonly T[], firstImages?: number): T[] {
  if (firstImages === undefined) return [...chunks];
  if (!(Number.isInteger(firstImages) && firstImages >= 1)) throw new Error(`firstImages must be a whole number ≥ 1, got ${firstImages}`);
  const kept: T[] = [];
  let count = 0;
  for (const chunk of chunks) {
    if (count >= firstImages) break;
    kept.push(chunk);
    count += chunk.count;
  }
  return kept;
}

/**
 * Loads one split of a dataset from `<baseUrl><name>/`: the manifest, then its chunks in order, each checked
 * (size, gzip, checksum, labels) before it is stored. Resolves with the whole split, or with its first chunks when
 * `firstImages` is given.
 */
export async function loadDatasetSplit(name: DatasetName, split: DatasetSplitName, options: LoadSplitOptions): Promise<DatasetSplit> {
  const fetchImpl = options.fetchImpl ?? ((url: string) => fetch(url));
  const manifest = await loadManifest(name, options.baseUrl, fetchImpl);
  const folder = `${options.baseUrl}${name}/`;
  const chunks = leadingChunks(manifest.splits[split].chunks, options.firstImages);
  const totalCount = chunks.reduce((sum, chunk) => sum + chunk.count, 0);
  const pixels = manifest.imageWidth * manifest.imageHeight;
  const images = new Uint8Array(totalCount * pixels);
  const labels = new Uint8Array(totalCount);
  const totalBytes = chunks.reduce((sum, chunk) => sum + chunk.compressedBytes, 0);
  const view = (count: number): DatasetSplit => ({
    name,
    split,
    count,
    totalCount,
    imageWidth: manifest.imageWidth,
    imageHeight: manifest.imageHeight,
    classNames: manifest.classNames,
    images: images.subarray(0, count * pixels),
    labels: labels.subarray(0, count),
  });
  let bytesBefore = 0;
  let loaded = 0;
  for (const [index, chunk] of chunks.entries()) {
    const what = `${DISPLAY_NAMES[name]} ${split} chunk ${index + 1} of ${chunks.length}`;
    const compressed = await fetchBytes(fetchImpl, folder + chunk.file, chunk.compressedBytes, what, (received) => options.onProgress?.((bytesBefore + received) / totalBytes));
    const decoded = decodeChunk(await gunzip(compressed, what), chunk, pixels, manifest.classNames.length, what);
    images.set(decoded.images, loaded * pixels);
    labels.set(decoded.labels, loaded);
    loaded += chunk.count;
    bytesBefore += chunk.compressedBytes;
    options.onChunk?.(view(loaded));
  }
  return view(loaded);
}
