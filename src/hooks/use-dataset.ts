import { useCallback, useEffect, useState } from 'react';
import { loadDatasetSplit, type DatasetName, type DatasetSplit, type DatasetSplitName } from '../core/data/load-dataset';

export type DatasetLoad = { status: 'idle' } | { status: 'loading'; fraction: number } | { status: 'loaded'; splits: DatasetSplit[] } | { status: 'failed'; message: string };

/** Progress of one download, heard by every widget waiting for it. */
interface DownloadProgress {
  fraction: number;
  listeners: Set<(fraction: number) => void>;
}

/** One download per split per page: widgets that share a dataset share the bytes and the progress. */
const downloads = new Map<string, { promise: Promise<DatasetSplit>; progress: DownloadProgress }>();

/**
 * Starts (or joins) the download of a split; `onProgress` hears the real fraction received until the
 * returned `unsubscribe` is called. A failed download is forgotten, so Retry downloads again.
 */
function loadShared(name: DatasetName, split: DatasetSplitName, onProgress: (fraction: number) => void) {
  const key = `${name}/${split}`;
  let download = downloads.get(key);
  if (!download) {
    const progress: DownloadProgress = { fraction: 0, listeners: new Set() };
    const promise = loadDatasetSplit(name, split, {
      baseUrl: `${import.meta.env.BASE_URL}data/`,
      onProgress: (fraction) => {
        progress.fraction = fraction;
        progress.listeners.forEach((listener) => listener(fraction));
      },
    });
    promise.catch(() => downloads.delete(key));
    download = { promise, progress };
    downloads.set(key, download);
  }
  const { promise, progress } = download;
  progress.listeners.add(onProgress);
  onProgress(progress.fraction);
  return { promise, unsubscribe: () => progress.listeners.delete(onProgress) };
}

/**
 * Loads dataset splits from the site once `active` is true, with combined progress (0..1) and a
 * learner-readable message on failure; `retry` tries again.
 */
export function useDataset(name: DatasetName, splitNames: readonly DatasetSplitName[], active: boolean): { load: DatasetLoad; retry: () => void } {
  const [load, setLoad] = useState<DatasetLoad>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const splitsKey = splitNames.join(',');

  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    // Once the whole load has failed or finished, progress from downloads still running (another file of
    // the same split) must not put the widget back into "loading".
    let settled = false;
    const names = splitsKey.split(',') as DatasetSplitName[];
    const fractions = names.map(() => 0);
    setLoad({ status: 'loading', fraction: 0 });
    const shared = names.map((split, i) =>
      loadShared(name, split, (fraction) => {
        fractions[i] = fraction;
        if (!cancelled && !settled) setLoad({ status: 'loading', fraction: fractions.reduce((a, b) => a + b, 0) / names.length });
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
