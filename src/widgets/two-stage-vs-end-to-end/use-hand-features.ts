import { useEffect, useState } from 'react';
import { extractFeaturesInSlices, type ImageSet } from './two-stage-vs-end-to-end-state';

export type HandFeatureState =
  | { status: 'idle' }
  | { status: 'computing'; fraction: number }
  | { status: 'done'; train: Float32Array; evaluation: Float32Array; milliseconds: number }
  | { status: 'failed'; message: string };

/**
 * The hand-made features (both histograms) of the training and evaluation images, computed on the main thread in
 * slices of ~8 ms (extractFeaturesInSlices) so the page stays responsive; progress 0..1 while computing. New image
 * sets start over; an unmounted widget stops computing.
 */
export function useHandFeatures(train: ImageSet | null, evaluation: ImageSet | null, width = 28, height = 28): HandFeatureState {
  const [state, setState] = useState<HandFeatureState>({ status: 'idle' });
  useEffect(() => {
    if (!train || !evaluation) {
      setState({ status: 'idle' });
      return;
    }
    let cancelled = false;
    const total = train.count + evaluation.count;
    const started = performance.now();
    let lastReport = 0;
    setState({ status: 'computing', fraction: 0 });
    const progress = (done: number) => {
      const now = performance.now();
      if (now - lastReport < 100) return;
      lastReport = now;
      if (!cancelled) setState({ status: 'computing', fraction: done / total });
    };
    (async () => {
      const trainFeatures = await extractFeaturesInSlices(train.images, train.count, width, height, {
        cancelled: () => cancelled,
        onProgress: (fraction) => progress(fraction * train.count),
      });
      if (!trainFeatures) return;
      const evaluationFeatures = await extractFeaturesInSlices(evaluation.images, evaluation.count, width, height, {
        cancelled: () => cancelled,
        onProgress: (fraction) => progress(train.count + fraction * evaluation.count),
      });
      if (!evaluationFeatures || cancelled) return;
      setState({ status: 'done', train: trainFeatures, evaluation: evaluationFeatures, milliseconds: performance.now() - started });
    })().catch((error: unknown) => {
      if (!cancelled) setState({ status: 'failed', message: `Computing the hand-made features failed: ${error instanceof Error ? error.message : String(error)}` });
    });
    return () => {
      cancelled = true;
    };
  }, [train, evaluation, width, height]);
  return state;
}
