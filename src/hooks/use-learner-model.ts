import { useEffect, useState } from 'react';
import type { DatasetName } from '../core/data/dataset-chunks';
import { readLearnerModel, subscribeLearnerModels, type LearnerModel } from '../core/models/learner-model-store';

/**
 * The network the learner trained on this dataset in the CNN trainer (kept in localStorage by
 * src/core/models/learner-model-store.ts), read again whenever this page saves one or another tab changes it; null
 * when none is kept or it cannot be used. Reads nothing while `active` is false (the widget is far from view).
 */
export function useLearnerModel(dataset: DatasetName, active: boolean): LearnerModel | null {
  const [model, setModel] = useState<LearnerModel | null>(null);
  useEffect(() => {
    if (!active) return;
    const read = () => setModel(readLearnerModel(dataset));
    read();
    const unsubscribe = subscribeLearnerModels((changed) => changed === dataset && read());
    const onStorage = (event: StorageEvent) => (event.key === null || event.key.startsWith('receptive-field.learner-model.')) && read();
    window.addEventListener('storage', onStorage);
    return () => {
      unsubscribe();
      window.removeEventListener('storage', onStorage);
    };
  }, [dataset, active]);
  return model;
}
