import { useEffect, useLayoutEffect, useRef, useState, type ComponentType, type CSSProperties } from 'react';
import { widgetInstanceNames } from './training-shell/widget-instance';
import { useNearViewport } from '../hooks/use-near-viewport';
import './lazy-widget.css';

export interface LazyWidgetOptions<P> {
  /** The real widget's `data-widget` id, e.g. "image-perceptron" (the placeholder carries it too). */
  widgetId: string;
  /** The real widget's visible title, shown as the placeholder's h3 (a function of the props and the instance if it depends on them). */
  title: string | ((props: P, instance: number) => string);
  /** Height to reserve (px or any CSS length), about the real widget's, so the page does not jump when it arrives. */
  minHeight: number | string;
  /** How close to the viewport the placeholder must come before the widget's code is fetched. */
  rootMargin?: string;
}

type LoadState<P> = { status: 'waiting' } | { status: 'loading' } | { status: 'loaded'; Widget: ComponentType<P> } | { status: 'failed'; message: string };

const DEFAULT_ROOT_MARGIN = '600px';

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Wraps a widget so that its code (and everything it imports: D3, KaTeX, the training engine…) is a separate
 * chunk fetched only when the widget comes within `rootMargin` (600px) of the viewport. Until then, and while
 * the chunk downloads, a placeholder keeps the widget contract (`data-widget`, `data-state="loading"`), shows the
 * title and reserves the widget's height; the real widget then replaces it in place with the same props.
 * A failed download (offline, a new deploy) shows an alert with a Retry button and `data-state="error"`.
 *
 * Copies of one widget on a page are numbered in document order (`instance`, 0-based), which the real widget
 * receives as a prop: the second copy gets its own element ids and share-link keys (see widget-instance.ts).
 *
 * `load` resolves to the widget component, e.g. `() => import('./my-widget/my-widget').then((m) => m.MyWidget)`;
 * the returned component takes exactly that component's props.
 */
export function lazyWidget<P extends object>(load: () => Promise<ComponentType<P>>, options: LazyWidgetOptions<P>): ComponentType<P> {
  const { widgetId, title, minHeight, rootMargin = DEFAULT_ROOT_MARGIN } = options;
  // Shared by every instance (and every later visit to the page): the module is fetched once.
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;

  const loadOnce = () => {
    pending ??= load().then(
      (Widget) => {
        loaded = Widget;
        return Widget;
      },
      (error: unknown) => {
        pending = undefined; // Retry fetches again.
        throw error;
      },
    );
    return pending;
  };

  function LazyWidget(props: P) {
    const ref = useRef<HTMLElement>(null);
    const near = useNearViewport(ref, rootMargin);
    const [attempt, setAttempt] = useState(0);
    const [state, setState] = useState<LoadState<P>>(() => (loaded ? { status: 'loaded', Widget: loaded } : { status: 'waiting' }));
    const done = state.status === 'loaded';
    const [instance, setInstance] = useState(0);
    // The real widget's title id too (WidgetFrame), so links to it (the table of contents) survive the swap.
    const titleId = `${widgetInstanceNames(widgetId, widgetId, instance).domId}-title`;

    // Document order among the page's widgets of this kind, taken before the real widget replaces the placeholder.
    useLayoutEffect(() => {
      const element = ref.current;
      if (!element) return;
      const index = Array.from(document.querySelectorAll(`[data-widget="${widgetId}"]`)).indexOf(element);
      if (index > 0) setInstance(index);
    }, []);

    useEffect(() => {
      if (!near || done) return;
      let cancelled = false;
      setState({ status: 'loading' });
      loadOnce().then(
        (Widget) => {
          if (!cancelled) setState({ status: 'loaded', Widget });
        },
        (error: unknown) => {
          if (!cancelled) setState({ status: 'failed', message: errorMessage(error) });
        },
      );
      return () => {
        cancelled = true;
      };
    }, [near, done, attempt]);

    if (state.status === 'loaded') {
      const { Widget } = state;
      return <Widget {...props} {...({ instance } as unknown as Partial<P>)} />;
    }

    const failed = state.status === 'failed';
    const style: CSSProperties = { minHeight: typeof minHeight === 'number' ? `${minHeight}px` : minHeight };
    return (
      <section
        ref={ref}
        className="widget widget-placeholder"
        aria-labelledby={titleId}
        aria-busy={!failed}
        data-widget={widgetId}
        data-state={failed ? 'error' : 'loading'}
        style={style}
      >
        <header className="widget-header">
          <h3 id={titleId} className="widget-title">
            {typeof title === 'function' ? title(props, instance) : title}
          </h3>
        </header>
        {failed ? (
          <div className="widget-error widget-placeholder-error" role="alert">
            <p>The interactive widget could not be loaded. Check your connection, then try again. ({state.message})</p>
            <button type="button" className="button" onClick={() => setAttempt((count) => count + 1)}>
              Retry
            </button>
          </div>
        ) : (
          <p className="widget-placeholder-status" role="status">
            {/* Spins only while the code downloads: an endless animation off-screen would repaint the page every frame. */}
            {state.status === 'loading' ? <span className="widget-placeholder-spinner" aria-hidden="true" /> : null}
            Loading the interactive widget…
          </p>
        )}
      </section>
    );
  }

  LazyWidget.displayName = `Lazy(${widgetId})`;
  return LazyWidget;
}
