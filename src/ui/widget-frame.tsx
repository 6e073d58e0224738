import type { ReactNode } from 'react';

/** The public widget states (see README "Widget contract"). */
export type WidgetState = 'loading' | 'ready' | 'training' | 'paused' | 'diverged' | 'error';
export type BackendName = 'webgl' | 'cpu' | 'wasm';

interface WidgetFrameProps {
  /** Stable id used by tests and styles, e.g. "perceptron-trainer". */
  widgetId: string;
  /** Prefix of the element ids inside (default `widgetId`); differs between two copies of a widget on one page. */
  domId?: string;
  title: string;
  state: WidgetState;
  /** Present once a TF.js backend is up. */
  backend?: BackendName;
  /** Optimizer steps so far (training widgets). */
  step?: number;
  /** Latest training loss (training widgets). */
  loss?: number;
  /** A problem to show in the widget (announced with role="alert"). */
  error?: string | null;
  /** Right side of the title bar: badges. */
  badges?: ReactNode;
  children: ReactNode;
}

/**
 * The root of every widget: a labelled region carrying the widget contract as data attributes
 * (`data-widget`, `data-state`, `data-backend`, `data-step`, `data-loss`).
 */
export function WidgetFrame({ widgetId, domId = widgetId, title, state, backend, step, loss, error, badges, children }: WidgetFrameProps) {
  const titleId = `${domId}-title`;
  return (
    <section
      className="widget"
      aria-labelledby={titleId}
      data-widget={widgetId}
      data-state={state}
      data-backend={backend}
      data-step={step === undefined ? undefined : String(step)}
      data-loss={loss === undefined ? undefined : String(loss)}
    >
      <header className="widget-header">
        <h3 id={titleId} className="widget-title">
          {title}
        </h3>
        <div className="widget-badges">{badges}</div>
      </header>
      {error ? (
        <p className="widget-error" role="alert">
          {error}
        </p>
      ) : null}
      {children}
    </section>
  );
}
