import { memo } from 'react';
import type { Histogram } from '../../core/math/histogram';
import { displayBins, formatPercent, formatValue, type HiddenActivation } from './initialization-lab-state';

/** One small histogram: the share of values per bin as bars, the axis ends, μ and σ underneath. */
export interface HistogramPanel {
  /** "Layer 3", "Output". */
  title: string;
  histogram: Histogram;
}

interface HistogramPanelsProps {
  panels: readonly HistogramPanel[];
  /** How the bins are drawn: 'tanh' all of them; 'relu' x ≥ 0 with the exact zeros apart; 'gradient' all, each over its own ±max. */
  mode: HiddenActivation | 'gradient';
  /** Accessible name of the group (the text alternative of the figures). */
  label: string;
}

const WIDTH = 200;
const HEIGHT = 64;

/** The bars as one SVG path: a closed rectangle per non-empty bin, rising from the bottom edge. */
function barsPath(shares: readonly number[], tallest: number, barWidth: number): string {
  const width = Math.max(0.5, barWidth - 1);
  return shares
    .map((share, i) => {
      if (!(share > 0)) return '';
      const height = (share / tallest) * (HEIGHT - 2);
      return `M${(i * barWidth + 0.5).toFixed(2)} ${HEIGHT}v${(-height).toFixed(2)}h${width.toFixed(2)}v${height.toFixed(2)}Z`;
    })
    .join('');
}

function Panel({ title, histogram, mode }: HistogramPanel & { mode: HistogramPanelsProps['mode'] }) {
  const bins = displayBins(histogram, mode === 'relu' ? 'relu' : 'tanh');
  const tallest = Math.max(...bins.shares, 1e-9);
  const barWidth = WIDTH / Math.max(1, bins.shares.length);
  const overflow = mode !== 'gradient' && (histogram.max > histogram.hi || histogram.min < histogram.lo);
  const note =
    mode === 'relu'
      ? `${formatPercent(histogram.zeroFraction)} exactly 0`
      : mode === 'tanh'
        ? `${formatPercent(((histogram.counts[0] ?? 0) + (histogram.counts[histogram.counts.length - 1] ?? 0)) / Math.max(1, histogram.total))} near ±1`
        : null;
  return (
    <figure className="init-panel">
      <figcaption className="init-panel-title">{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" className="init-panel-plot" aria-hidden="true" focusable="false">
        {/* One path for all the bars: one display item to paint instead of one per bin. */}
        <path d={barsPath(bins.shares, tallest, barWidth)} />
        <line x1={0} x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} className="init-panel-axis" />
      </svg>
      <div className="init-panel-ticks" aria-hidden="true">
        <span>{formatValue(bins.lo, 2)}</span>
        {mode === 'gradient' ? null : <span>{formatValue((bins.lo + bins.hi) / 2, 2)}</span>}
        <span>
          {overflow ? '≥ ' : ''}
          {formatValue(bins.hi, 2)}
        </span>
      </div>
      <p className="init-panel-stats">
        μ {formatValue(histogram.mean, 2)} · σ <strong>{formatValue(histogram.std, 2)}</strong>
        {note ? <span className="init-panel-note"> · {note}</span> : null}
      </p>
    </figure>
  );
}

/** Small multiples: one histogram per layer in a grid, the same axis for all (activations) or each its own (gradients). */
export const HistogramPanels = memo(function HistogramPanels({ panels, mode, label }: HistogramPanelsProps) {
  return (
    <div className="init-panels" role="group" aria-label={label}>
      {panels.map((panel) => (
        <Panel key={panel.title} {...panel} mode={mode} />
      ))}
    </div>
  );
});
