/** Which part of a dataset: the split is fixed by scripts/prepare-data.mjs (see README "Data"). */
export type DatasetSplitName = 'train' | 'validation' | 'test';
export type DatasetName = 'mnist' | 'fashion-mnist';

/** public/data/<name>/manifest.json, written by scripts/prepare-data.mjs. */
export interface DatasetManifest {
  formatVersion: number;
  name: string;
  imageWidth: number;
  imageHeight: number;
  classNames: string[];
  splits: Record<DatasetSplitName, { count: number; imagesBytes: number; labelsBytes: number }>;
}

/** One split in memory: `images` has layout [count, height, width] (uint8 0..255), `labels` [count]. */
export interface DatasetSplit {
  name: DatasetName;
  split: DatasetSplitName;
  count: number;
  imageWidth: number;
  imageHeight: number;
  classNames: string[];
  images: Uint8Array;
  labels: Uint8Array;
}

/** A dataset file that is missing, truncated or corrupt; `message` is written for the learner. */
export class DatasetError extends Error {
  override name = 'DatasetError';
}

export type FetchLike = (url: string) => Promise<Response>;

const DISPLAY_NAMES: Record<DatasetName, string> = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST' };

/** Checks a parsed manifest; throws DatasetError naming the first problem. */
export function validateManifest(value: unknown, name: DatasetName): DatasetManifest {
  const problem = (what: string) => new DatasetError(`The ${DISPLAY_NAMES[name]} manifest is corrupt (${what}). Reload the page; if it persists, rebuild the site.`);
  if (typeof value !== 'object' || value === null) throw problem('not a JSON object');
  const manifest = value as Partial<DatasetManifest>;
  if (manifest.name !== name) throw problem(`it describes "${String(manifest.name)}"`);
  if (!Number.isInteger(manifest.imageWidth) || !Number.isInteger(manifest.imageHeight)) throw problem('no image size');
  if (!Array.isArray(manifest.classNames) || manifest.classNames.length === 0) throw problem('no class names');
  for (const split of ['train', 'validation', 'test'] as const) {
    const entry = manifest.splits?.[split];
    if (!entry || !Number.isInteger(entry.count) || entry.count <= 0) throw problem(`no ${split} split`);
    if (entry.imagesBytes !== entry.count * manifest.imageWidth! * manifest.imageHeight!) throw problem(`${split} image size mismatch`);
    if (entry.labelsBytes !== entry.count) throw problem(`${split} label count mismatch`);
  }
  return manifest as DatasetManifest;
}

/**
 * Downloads a file as bytes, reporting received/expected after every chunk.
 * Throws DatasetError on HTTP errors and when the byte count is not `expectedBytes`.
 */
export async function fetchBytes(fetchImpl: FetchLike, url: string, expectedBytes: number, describe: string, onBytes: (received: number) => void): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch (error) {
    throw new DatasetError(`Could not download the ${describe} (${error instanceof Error ? error.message : String(error)}). Check your connection and press Retry.`);
  }
  if (!response.ok) throw new DatasetError(`Could not download the ${describe}: the server answered ${response.status}. Press Retry, or rebuild the site.`);
  const bytes = new Uint8Array(expectedBytes);
  let received = 0;
  const append = (chunk: Uint8Array) => {
    if (received + chunk.length > expectedBytes) {
      throw new DatasetError(`The ${describe} are corrupt: more than the expected ${expectedBytes.toLocaleString('en-US')} bytes arrived. Rebuild the site's data.`);
    }
    bytes.set(chunk, received);
    received += chunk.length;
    onBytes(received);
  };
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
  if (received !== expectedBytes) {
    throw new DatasetError(
      `The ${describe} are truncated: received ${received.toLocaleString('en-US')} of ${expectedBytes.toLocaleString('en-US')} bytes. Press Retry to download them again.`,
    );
  }
  return bytes;
}

/**
 * Loads one split of a dataset from `<baseUrl><name>/`: the manifest, the images and the labels,
 * validating every length and every label (< number of classes).
 * `onProgress` receives the fraction of bytes received so far, 0..1.
 */
export async function loadDatasetSplit(
  name: DatasetName,
  split: DatasetSplitName,
  options: { baseUrl: string; fetchImpl?: FetchLike; onProgress?: (fraction: number) => void },
): Promise<DatasetSplit> {
  const fetchImpl = options.fetchImpl ?? ((url: string) => fetch(url));
  const folder = `${options.baseUrl}${name}/`;
  let manifestJson: unknown;
  try {
    const response = await fetchImpl(`${folder}manifest.json`);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    manifestJson = await response.json();
  } catch (error) {
    throw new DatasetError(
      `Could not read the ${DISPLAY_NAMES[name]} manifest (${error instanceof Error ? error.message : String(error)}). Press Retry; if it persists, run "npm run prepare-data".`,
    );
  }
  const manifest = validateManifest(manifestJson, name);
  const { count, imagesBytes, labelsBytes } = manifest.splits[split];
  const total = imagesBytes + labelsBytes;
  let imageBytesSoFar = 0;
  let labelBytesSoFar = 0;
  const report = () => options.onProgress?.((imageBytesSoFar + labelBytesSoFar) / total);
  const what = `${DISPLAY_NAMES[name]} ${split}`;
  const [images, labels] = await Promise.all([
    fetchBytes(fetchImpl, `${folder}${split}-images.u8`, imagesBytes, `${what} images`, (n) => {
      imageBytesSoFar = n;
      report();
    }),
    fetchBytes(fetchImpl, `${folder}${split}-labels.u8`, labelsBytes, `${what} labels`, (n) => {
      labelBytesSoFar = n;
      report();
    }),
  ]);
  const classCount = manifest.classNames.length;
  const badLabel = labels.findIndex((label) => label >= classCount);
  if (badLabel >= 0) {
    throw new DatasetError(`The ${what} labels are corrupt: label ${labels[badLabel]} at position ${badLabel} is not one of the ${classCount} classes. Rebuild the site's data.`);
  }
  return { name, split, count, imageWidth: manifest.imageWidth, imageHeight: manifest.imageHeight, classNames: manifest.classNames, images, labels };
}
