interface LoadingProgressProps {
  label: string;
  /** 0..1, or null for an indeterminate bar. */
  fraction: number | null;
}

/** A labelled progress bar for downloads and start-up. */
export function LoadingProgress({ label, fraction }: LoadingProgressProps) {
  return (
    <div className="progress" role="status">
      <span>
        {label}
        {fraction !== null ? ` ${Math.round(fraction * 100)}%` : ''}
      </span>
      <progress max={1} value={fraction ?? undefined} aria-label={label} />
    </div>
  );
}
