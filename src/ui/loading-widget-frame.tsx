import { LinkProblemsNotice } from './link-problems-notice';
import { LoadingProgress } from './loading-progress';
import { WidgetFrame } from './widget-frame';

interface LoadingWidgetFrameProps {
  widgetId: string;
  domId: string;
  title: string;
  /** The share link's problems, shown already while loading. */
  problems: readonly string[];
  /** Set when loading failed: the frame is in the error state and offers Retry. */
  error: string | null;
  onRetry: () => void;
  /** What is loading, and how far (0..1, or null when unknown). */
  label: string;
  fraction: number | null;
}

/**
 * A widget's frame while what it needs (images, a shipped network) is still loading, or after that failed: the
 * widget contract in the `loading` or `error` state, the link notice, and a progress bar or a Retry button.
 */
export function LoadingWidgetFrame({ widgetId, domId, title, problems, error, onRetry, label, fraction }: LoadingWidgetFrameProps) {
  return (
    <WidgetFrame widgetId={widgetId} domId={domId} title={title} state={error ? 'error' : 'loading'} error={error}>
      <LinkProblemsNotice problems={problems} />
      {error ? (
        <button type="button" className="button" onClick={onRetry}>
          Retry
        </button>
      ) : (
        <LoadingProgress label={label} fraction={fraction} />
      )}
    </WidgetFrame>
  );
}
