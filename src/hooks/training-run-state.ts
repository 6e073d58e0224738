import type { BackendInfo, ReadoutValues, TrainingProgress, TrainingStopReason } from '../engine/engine-types';
import type { EarlyStoppingStatus } from '../core/training/early-stopping';
import type { WidgetState } from '../ui/widget-frame';

/** Everything a training widget draws about its run; all plain data. */
export interface TrainingRunState {
  status: WidgetState;
  /** What the widget is waiting for while `loading` (shown next to the progress bar). */
  loadingLabel: string;
  backend: BackendInfo | null;
  step: number;
  epoch: number;
  latestLoss: number | null;
  trainLoss: { steps: number[]; values: number[] };
  validation: { steps: number[]; loss: number[]; accuracy: number[] };
  /** η of the next step (the schedule applied to the base learning rate). */
  learningRate: number | null;
  /** The newest value of every read-out the widget asked for, by name. */
  readouts: ReadoutValues;
  /** Shown with role="alert": divergence advice or an error. */
  message: string | null;
  /** Where early stopping stands (best evaluation, patience used, where it stopped), when the config asks for it. */
  earlyStopping: EarlyStoppingStatus | null;
  /** How the newest `train` ended ('early-stopped' tells a widget to say so), or null while none has. */
  stopReason: Exclude<TrainingStopReason, 'interrupted'> | null;
}

export type TrainingRunAction =
  | { type: 'loading'; label: string }
  | { type: 'backend-ready'; backend: BackendInfo }
  | { type: 'configured'; progress: TrainingProgress }
  | { type: 'training-started' }
  | { type: 'progress'; progress: TrainingProgress }
  | { type: 'training-stopped'; reason: Exclude<TrainingStopReason, 'interrupted'>; learningRate: number }
  /** The model was rebuilt from a checkpoint (after a lost GPU): history after its step is dropped, the run pauses. */
  | { type: 'recovered'; progress: TrainingProgress }
  | { type: 'failed'; message: string };

export const initialTrainingRunState: TrainingRunState = {
  status: 'loading',
  loadingLabel: 'Waiting to come into view…',
  backend: null,
  step: 0,
  epoch: 0,
  latestLoss: null,
  trainLoss: { steps: [], values: [] },
  validation: { steps: [], loss: [], accuracy: [] },
  learningRate: null,
  readouts: {},
  message: null,
  earlyStopping: null,
  stopReason: null,
};

/**
 * Most points a curve keeps. A tiny network takes thousands of steps a second, and a demo may run for an
 * hour: past this many points every second point of the curve is dropped (the newest always stays), so
 * memory and per-frame work stay bounded while the curve keeps its shape from step 1 to now.
 */
export const MAX_CURVE_POINTS = 4000;

/** Drops every second point of parallel arrays while they are longer than `limit`, keeping the last point. */
export function thinCurve<T extends Record<string, number[]>>(curve: T, limit = MAX_CURVE_POINTS): T {
  const length = Object.values(curve)[0]?.length ?? 0;
  if (length <= limit) return curve;
  const keep = (_: number, i: number) => i % 2 === 0 || i === length - 1;
  const thinned = Object.fromEntries(Object.entries(curve).map(([key, values]) => [key, values.filter(keep)])) as T;
  return thinCurve(thinned, limit);
}

/** The parts of a run that accumulate: curves grow, latest values replace older ones. */
type RunHistory = Pick<TrainingProgress, 'latestLoss' | 'trainLoss' | 'validation' | 'readouts'>;

/** `earlier` followed by `later`: curves concatenated, the newest latest values and read-outs kept. */
function appendHistory(earlier: RunHistory, later: RunHistory): RunHistory {
  return {
    latestLoss: later.latestLoss ?? earlier.latestLoss,
    trainLoss: thinCurve({
      steps: earlier.trainLoss.steps.concat(later.trainLoss.steps),
      values: earlier.trainLoss.values.concat(later.trainLoss.values),
    }),
    validation: thinCurve({
      steps: earlier.validation.steps.concat(later.validation.steps),
      loss: earlier.validation.loss.concat(later.validation.loss),
      accuracy: earlier.validation.accuracy.concat(later.validation.accuracy),
    }),
    readouts: { ...earlier.readouts, ...later.readouts },
  };
}

/** Appends a progress report's new points to the histories and takes its latest values. */
function applyProgress(state: TrainingRunState, progress: TrainingProgress): TrainingRunState {
  return {
    ...state,
    ...appendHistory(state, progress),
    step: progress.step,
    epoch: progress.epoch,
    learningRate: progress.learningRate,
    earlyStopping: progress.earlyStopping ?? null,
  };
}

/** Advice shown when the loss became NaN or infinite. */
export function divergenceMessage(step: number, learningRate: number): string {
  return (
    `Training diverged at step ${step}: the loss became infinite or NaN, so the learning rate ${learningRate} ` +
    `is too large for this problem. Press Reset and try a smaller learning rate, such as ${Number((learningRate / 10).toPrecision(2))}.`
  );
}

/** Merges two progress reports into one, as if they had arrived together (used to coalesce per frame). */
export function mergeProgress(earlier: TrainingProgress, later: TrainingProgress): TrainingProgress {
  return { ...later, ...appendHistory(earlier, later), diverged: earlier.diverged || later.diverged };
}

/** The state machine of a training widget: loading → ready → training ⇄ paused; → diverged | error. */
export function trainingRunReducer(state: TrainingRunState, action: TrainingRunAction): TrainingRunState {
  switch (action.type) {
    case 'loading':
      return { ...state, status: 'loading', loadingLabel: action.label, message: null };
    case 'backend-ready':
      return { ...state, backend: action.backend };
    case 'configured':
      return applyProgress({ ...initialTrainingRunState, backend: state.backend, status: 'ready', loadingLabel: '' }, action.progress);
    case 'training-started':
      return state.status === 'ready' || state.status === 'paused' ? { ...state, status: 'training', message: null, stopReason: null } : state;
    case 'progress':
      // A report older than the one drawn (a read-out refresh that was overtaken by a step) keeps its curve points but
      // must not take the run back to its step, nor replace newer read-outs.
      if (action.progress.step < state.step) return { ...state, ...appendHistory(state, { ...action.progress, latestLoss: null, readouts: {} }) };
      return applyProgress(state, action.progress);
    case 'training-stopped':
      if (state.status === 'error' || state.status === 'loading') return state;
      if (action.reason === 'diverged') {
        return { ...state, status: 'diverged', message: divergenceMessage(state.step, action.learningRate), stopReason: 'diverged' };
      }
      return { ...state, status: 'paused', stopReason: action.reason };
    case 'recovered': {
      const upTo = action.progress.step;
      const kept = (steps: number[]) => steps.filter((step) => step <= upTo).length;
      const trainLength = kept(state.trainLoss.steps);
      const validationLength = kept(state.validation.steps);
      const history = {
        ...state,
        trainLoss: { steps: state.trainLoss.steps.slice(0, trainLength), values: state.trainLoss.values.slice(0, trainLength) },
        validation: {
          steps: state.validation.steps.slice(0, validationLength),
          loss: state.validation.loss.slice(0, validationLength),
          accuracy: state.validation.accuracy.slice(0, validationLength),
        },
      };
      return { ...applyProgress(history, action.progress), status: 'paused', message: null };
    }
    case 'failed':
      return { ...state, status: 'error', message: action.message };
  }
}
