import { useEffect, useMemo, useState } from 'react';
import type { DatasetSplit } from '../../core/data/load-dataset';
import type { LabelledData } from '../../core/training/labelled-data';
import type { DatasetLoad } from '../../hooks/use-dataset';
import { labelledRows, TEST_SUBSET, trainerData, VALIDATION_SUBSET } from './cnn-trainer-state';

/** What the trainer needs to start, and the training images that arrived after it started. */
export interface StreamedTrainerData {
  /** The first training chunk and the validation subset; fixed once ready (a new object only for another dataset). */
  data: { train: LabelledData; validation: LabelledData } | null;
  /** Training images that arrived since, in order (only grows while `data` stays). */
  moreTrainingData: readonly LabelledData[];
  /** The splits as far as they have arrived: [train, validation, test]. */
  train: DatasetSplit | null;
  validation: DatasetSplit | null;
  test: DatasetSplit | null;
  /** Training images available to the engine so far, and in the whole split. */
  trainCount: number;
  trainTotal: number;
}

const NONE: readonly LabelledData[] = [];

/**
 * Lets the trainer start as soon as the first training chunk, the validation subset and the test subset have
 * arrived, and hands it every later training chunk (as `moreTrainingData`, appended to the running model without a
 * reset) while the rest of the 54,000 images stream in. `load` is useDataset over ['train', 'validation', 'test'].
 */
export function useStreamedTrainerData(load: DatasetLoad): StreamedTrainerData {
  const parts = load.status === 'loaded' ? load.splits : load.status === 'loading' ? load.available : null;
  const train = parts?.[0] ?? null;
  const validation = parts?.[1] ?? null;
  const test = parts?.[2] ?? null;
  const ready =
    train !== null &&
    validation !== null &&
    validation.count >= Math.min(VALIDATION_SUBSET, validation.totalCount) &&
    test !== null &&
    test.count >= Math.min(TEST_SUBSET, test.totalCount);

  // The starting set: taken once per dataset, the first time everything needed is there.
  const [start, setStart] = useState<{ name: string; data: NonNullable<StreamedTrainerData['data']>; count: number } | null>(null);
  const name = train?.name ?? null;
  useEffect(() => {
    if (ready && train && validation && start?.name !== train.name) setStart({ name: train.name, data: trainerData(train, validation), count: train.count });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- taken once per dataset
  }, [ready, name]);
  const current = start && start.name === name ? start : null;

  // Later chunks: one entry per arrival, covering the rows since the previous one.
  const [more, setMore] = useState<{ name: string; covered: number; chunks: LabelledData[] } | null>(null);
  const trainCount = train?.count ?? 0;
  useEffect(() => {
    if (!current || !train) return;
    setMore((previous) => {
      const base = previous && previous.name === current.name ? previous : { name: current.name, covered: current.count, chunks: [] };
      if (train.count <= base.covered) return base;
      return { name: base.name, covered: train.count, chunks: [...base.chunks, labelledRows(train, base.covered, train.count)] };
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new chunk changes the count
  }, [current, trainCount]);
  const moreTrainingData = more && current && more.name === current.name ? more.chunks : NONE;

  const availableToEngine = current ? (more && more.name === current.name ? more.covered : current.count) : 0;
  return useMemo(
    () => ({ data: current?.data ?? null, moreTrainingData, train, validation, test, trainCount: availableToEngine, trainTotal: train?.totalCount ?? 0 }),
    [current, moreTrainingData, train, validation, test, availableToEngine],
  );
}
