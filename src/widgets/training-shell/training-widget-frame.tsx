import type { ReactNode } from 'react';
import type { TrainingRun } from '../../hooks/use-training-run';
import { BackendBadge, BackendReason, backendNotice } from '../../ui/backend-badge';
import { LoadingProgress } from '../../ui/loading-progress';
import { TrainingControls } from '../../ui/training-controls';
import { WidgetFrame, type WidgetState } from '../../ui/widget-frame';
import type { TrainingWidget } from './use-training-widget';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';

/** The widget's own data, when it downloads some before training (a dataset). */
export type WidgetDataStatus = { status: 'loading'; label: string; fraction: number | null } | { status: 'failed'; message: string; retry: () => void } | { status: 'loaded' };

interface TrainingWidgetFrameProps<S extends object> {
  widget: TrainingWidget<S>;
  run: TrainingRun;
  title: string;
  /** Why the widget cannot train yet, in words for the learner (no points, two equal classes…); null when it can. */
  blocked?: string | null;
  dataStatus?: WidgetDataStatus;
  /** The widget's own controls, placed before Train / Pause / Step / Reset. */
  controls: ReactNode;
  children: ReactNode;
}

/**
 * The public state of a training widget, from its model's run, its data and whether it can train at all.
 * One value drives both `data-state` and the buttons, so they never disagree.
 */
export function trainingWidgetState(run: WidgetState, dataStatus: WidgetDataStatus['status'], blocked: boolean): WidgetState {
  if (dataStatus === 'failed') return 'error';
  if (blocked || dataStatus === 'loading') return 'loading';
  return run;
}

/**
 * The frame every training widget shares: the widget contract (`data-widget`, `data-state`, `data-backend`,
 * `data-step`, `data-loss`), the backend badge and its reason, share-link and fallback notices, loading
 * progress, errors with role="alert", and the training controls, enabled exactly when `data-state` says so.
 */
export function TrainingWidgetFrame<S extends object>({ widget, run, title, blocked = null, dataStatus = { status: 'loaded' }, controls, children }: TrainingWidgetFrameProps<S>) {
  const { state } = run;
  const status = trainingWidgetState(state.status, dataStatus.status, blocked !== null);
  const notice = backendNotice(state.backend);
  const error = dataStatus.status === 'failed' ? dataStatus.message : state.message;
  return (
    <div ref={widget.rootRef}>
      <WidgetFrame
        widgetId={widget.widgetId}
        domId={widget.domId}
        title={title}
        state={status}
        backend={state.backend?.backend}
        step={state.step}
        loss={state.latestLoss ?? undefined}
        error={error}
        badges={<BackendBadge backend={state.backend} preference={run.backendPreference} onPreferenceChange={run.setBackendPreference} />}
      >
        <LinkProblemsNotice problems={widget.linkProblems} />
        {notice ? <p className="widget-notice">{notice}</p> : null}
        {dataStatus.status === 'failed' ? (
          <button type="button" className="button" onClick={dataStatus.retry}>
            Retry download
          </button>
        ) : null}
        <div className="widget-controls">
          {controls}
          <TrainingControls state={status} onTrain={run.train} onPause={run.pause} onStep={run.step} onReset={run.reset} />
        </div>
        {blocked ? <p className="widget-notice">{blocked}</p> : null}
        {!blocked && status === 'loading' ? (
          <LoadingProgress
            label={dataStatus.status === 'loading' ? dataStatus.label : state.loadingLabel}
            fraction={dataStatus.status === 'loading' ? dataStatus.fraction : null}
          />
        ) : null}
        {children}
        <BackendReason backend={state.backend} />
      </WidgetFrame>
    </div>
  );
}
