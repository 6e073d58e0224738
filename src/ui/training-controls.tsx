import type { WidgetState } from './widget-frame';

interface TrainingControlsProps {
  state: WidgetState;
  onTrain: () => void;
  onPause: () => void;
  onStep: () => void;
  onReset: () => void;
}

/**
 * Train / Pause / Step / Reset, enabled exactly when `state` says they can act: Train and Step in
 * ready | paused, Pause in training, Reset whenever a model exists (not loading). Train and Pause share one place so the primary action never moves;
 * Space or Enter operate the focused button (native <button>s).
 */
export function TrainingControls({ state, onTrain, onPause, onStep, onReset }: TrainingControlsProps) {
  const training = state === 'training';
  const canTrain = state === 'ready' || state === 'paused';
  return (
    <div className="button-row" role="group" aria-label="Training">
      {training ? (
        <button type="button" className="button button-primary" onClick={onPause}>
          <span aria-hidden="true">❚❚</span> Pause
        </button>
      ) : (
        <button type="button" className="button button-primary" onClick={onTrain} disabled={!canTrain}>
          <span aria-hidden="true">▶</span> Train
        </button>
      )}
      <button type="button" className="button" onClick={onStep} disabled={!canTrain}>
        Step
      </button>
      <button type="button" className="button" onClick={onReset} disabled={state === 'loading'}>
        <span aria-hidden="true">↺</span> Reset
      </button>
    </div>
  );
}
