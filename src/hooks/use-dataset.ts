import { useCallback, useEffect, useState } from 'react';
import { loadDatasetSplit, type DatasetName, type DatasetSplit, type DatasetSplitName } from '../core/data/load-dataset';

/**
 * A dataset's state in a widget. While loading, `available[i]` is the part of `splits[i]` that has arrived so far
 * (whole chunks, checked), or null before its first chunk: a widget may start on it and take the rest as it comes.
 */
export type DatasetLoad =
  | { status: 'idle' }
  | { status: 'loading'; fraction: number; available: Array<DatasetSplit | null> }
  | { status: 'loaded'; splits: DatasetSplit[] }
  | { status: 'failed'; message: string };

/** Progress of one download, heard by every widget waiting for it. */
interface DownloadProgress {
  fraction: number;
  latest: DatasetSplit | null;
  listeners: Set<(fraction: number, latest: DatasetSplit | null) => void>;
}

/** One download per split per page: widgets that share a dataset share the bytes and the progress. */
const downloads = new Map<string, { promise: Promise<DatasetSplit>; progress: DownloadProgress }>();

/**
 * Starts (or joins) the download of a split; `onProgress` hears the fraction received and the part loaded so far
 * until the returned `unsubscribe` is called. A failed download is forgotten, so Retry downloads again.
 */
function loadShared(name: DatasetName, split: DatasetSplitName, firstImages: number | undefined, onProgress: (fraction: number, latest: DatasetSplit | null) => void) {
  const key = `${name}/${split}/${firstImages ?? 'all'}`;
  // A download of the whole split (begun by another widget) holds every prefix: join it rather than fetch again.
  let download = downloads.get(key) ?? downloads.get(`${name}/${split}/all`);
  if (!download) {
    const progress: DownloadProgress = { fraction: 0, latest: null, listeners: new Set() };
    const tell = () => progress.listeners.forEach((listener) => listener(progress.fraction, progress.latest));
    const promise = loadDatasetSplit(name, split, {
      baseUrl: `${import.meta.env.BASE_URL}data/`,
      firstImages,
      onProgress: (fraction) => {
        progress.fraction = fraction;
        tell();
      },
      onChunk: (loaded) => {
        progress.latest = loaded;
        tell();
      },
    });
    promise.catch(() => downloads.delete(key));
    download = { promise, progress };
    downloads.set(key, download);
  }
  const { promise, progress } = download;
  progress.listeners.add(onProgress);
  onProgress(progress.fraction, progress.latest);
  return { promise, unsubscribe: () => progress.listeners.delete(onProgress) };
}

/** How many leading images of each split a widget needs (see LoadSplitOptions.firstImages); a split not named loads whole. */
export type FirstImages = Partial<Record<DatasetSplitName, number>>;

/**
 * Loads dataset splits from the site once `active` is true, with combined progress (0..1), the chunks that have
 * arrived, and a learner-readable message on failure; `retry` tries again. With `firstImages`, only the leading chunks
 * that hold that many images of a split are downloaded (the split may still come whole, when another widget on the
 * page loads all of it).
 */
export function useDataset(name: DatasetName, splitNames: readonly DatasetSplitName[], active: boolean, firstImages: FirstImages = {}): { load: DatasetLoad; retry: () => void } {
  const [load, setLoad] = useState<DatasetLoad>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const splitsKey = splitNames.map((split) => `${split}:${firstImages[split] ?? ''}`).join(',');

  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    // Once the whole load has failed or finished, progress from downloads still running (another split) must not
    // put the widget back into "loading".
    let settled = false;
    const requests = splitsKey.split(',').map((entry) => {
      const [split, limit] = entry.split(':');
      return { split: split as DatasetSplitName, firstImages: limit === '' ? undefined : Number(limit) };
    });
    const names = requests.map((request) => request.split);
    const fractions = names.map(() => 0);
    const available: Array<DatasetSplit | null> = names.map(() => null);
    setLoad({ status: 'loading', fraction: 0, available: [...available] });
    const shared = requests.map(({ split, firstImages: limit }, i) =>
      loadShared(name, split, limit, (fraction, latest) => {
        fractions[i] = fraction;
        available[i] = latest;
        if (!cancelled && !settled) setLoad({ status: 'loading', fraction: fractions.reduce((a, b) => a + b, 0) / names.length, available: [...available] });
      }),
    );
    Promise.all(shared.map((download) => download.promise)).then(
      (splits) => {
        settled = true;
        if (!cancelled) setLoad({ status: 'loaded', splits });
      },
      (error: unknown) => {
        settled = true;
        if (!cancelled) setLoad({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      cancelled = true;
      shared.forEach((download) => download.unsubscribe());
    };
  }, [name, splitsKey, active, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { load, retry };
}
