import { useCallback, useEffect, useState } from 'react';
import { loadDatasetSplit, type DatasetName, type DatasetSplit, type DatasetSplitName } from '../core/data/load-dataset';

export type DatasetLoad =
  | { status: 'idle' }
  | { status: 'loading'; fraction: number }
  | { status: 'loaded'; splits: DatasetSplit[] }
  | { status: 'failed'; message: string };

/** One download per split per page: widgets that share a dataset share the bytes. */
const cache = new Map<string, Promise<DatasetSplit>>();

function loadCached(name: DatasetName, split: DatasetSplitName, onProgress: (fraction: number) => void): Promise<DatasetSplit> {
  const key = `${name}/${split}`;
  let promise = cache.get(key);
  if (!promise) {
    promise = loadDatasetSplit(name, split, { baseUrl: `${import.meta.env.BASE_URL}data/`, onProgress });
    promise.catch(() => cache.delete(key));
    cache.set(key, promise);
  } else {
    onProgress(0.5);
  }
  return promise;
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
    Promise.all(
      names.map((split, i) =>
        loadCached(name, split, (fraction) => {
          fractions[i] = fraction;
          if (!cancelled && !settled) setLoad({ status: 'loading', fraction: fractions.reduce((a, b) => a + b, 0) / names.length });
        }),
      ),
    ).then(
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
    };
  }, [name, splitsKey, active, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { load, retry };
}
