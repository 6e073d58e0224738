import { useCallback, useEffect, useState } from 'react';
import { loadPretrainedModel, type PretrainedModel, type PretrainedModelId } from '../core/models/pretrained-model';

export type PretrainedModelLoad = { status: 'idle' } | { status: 'loading' } | { status: 'loaded'; model: PretrainedModel } | { status: 'failed'; message: string };

/** One download per model per page, shared by every widget that shows it; a failed one is forgotten so Retry tries again. */
const downloads = new Map<PretrainedModelId, Promise<PretrainedModel>>();

function loadShared(id: PretrainedModelId): Promise<PretrainedModel> {
  let download = downloads.get(id);
  if (!download) {
    download = loadPretrainedModel(id, { baseUrl: `${import.meta.env.BASE_URL}models/` });
    download.catch(() => downloads.delete(id));
    downloads.set(id, download);
  }
  return download;
}

/**
 * Loads one of the course's shipped models (public/models/<id>/, made by `npm run train:models`) once `active` is
 * true. The model's parameters are plain arrays: run it with the engine (config.initialParameters) or forwardPass.
 */
export function usePretrainedModel(id: PretrainedModelId, active: boolean): { load: PretrainedModelLoad; retry: () => void } {
  const [load, setLoad] = useState<PretrainedModelLoad>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    setLoad({ status: 'loading' });
    loadShared(id).then(
      (model) => !cancelled && setLoad({ status: 'loaded', model }),
      (error: unknown) => !cancelled && setLoad({ status: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [id, active, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { load, retry };
}
