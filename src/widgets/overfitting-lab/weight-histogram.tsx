import { memo } from 'react';
import type { Histogram } from '../../core/math/histogram';

interface WeightHistogramProps {
  /** The weights now. */
  current: Histogram | null;
  /** The same layer's weights at step 0, drawn as an outline for comparison. */
  initial: Histogram | null;
  /** Which weights these are, for the heading and the text alternative. */
  layerName: string;
  step: number;
}

const WIDTH = 420;
const HEIGHT = 170;
const MARGIN = { left: 8, right: 8, top: 10, bottom: 26 };

/** Share of all weights in each bin: counts / total. */
const shares = (histogram: Histogram) => histogram.counts.map((count) => (histogram.total > 0 ? count / histogram.total : 0));

/**
 * The weights of one layer as a histogram (filled bars) over the same bins as at step 0 (outline): under weight decay
 * the bars gather towards 0 while the outline stays. The spread (σ) of both is read out beside it.
 */
export const WeightHistogram = memo(function WeightHistogram({ current, initial, layerName, step }: WeightHistogramProps) {
  const shown = current ?? initial;
  if (!shown) return <p className="overfitting-muted">The weight histogram appears once the model is built.</p>;
  const now = shares(shown);
  const before = initial ? shares(initial) : null;
  const peak = Math.max(1e-9, ...now, ...(before ?? []));
  const bins = now.length;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const binWidth = plotWidth / bins;
  const y = (share: number) => MARGIN.top + plotHeight * (1 - share / peak);
  const outline = before
    ? before.map((share, i) => `${i === 0 ? 'M' : 'L'}${MARGIN.left + i * binWidth},${y(share)}H${MARGIN.left + (i + 1) * binWidth}`).join('') +
      `V${MARGIN.top + plotHeight}H${MARGIN.left}Z`
    : null;
  const ratio = current && initial && initial.std > 0 ? current.std / initial.std : null;
  const summary =
    `Histogram of the ${shown.total.toLocaleString('en-US')} weights of ${layerName} at step ${step}: σ = ${shown.std.toFixed(4)}` +
    (initial ? `, at step 0 σ = ${initial.std.toFixed(4)}` : '') +
    (ratio !== null ? ` (${(ratio * 100).toFixed(0)}% of the start)` : '') +
    `; largest |w| = ${Math.max(Math.abs(shown.min), Math.abs(shown.max)).toFixed(3)}.`;
  return (
    <figure className="overfitting-histogram">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} data-testid="weight-histogram" data-std={shown.std.toFixed(5)}>
        {now.map((share, i) => (
          <rect
            key={i}
            className="overfitting-histogram-bar"
            x={MARGIN.left + i * binWidth + 0.5}
            width={Math.max(0.5, binWidth - 1)}
            y={y(share)}
            height={MARGIN.top + plotHeight - y(share)}
          />
        ))}
        {outline ? <path className="overfitting-histogram-initial" d={outline} /> : null}
        <line className="overfitting-axis" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={MARGIN.top + plotHeight} y2={MARGIN.top + plotHeight} />
        <line className="overfitting-axis" x1={WIDTH / 2} x2={WIDTH / 2} y1={MARGIN.top + plotHeight} y2={MARGIN.top + plotHeight + 5} />
        <text className="overfitting-tick" x={MARGIN.left} y={HEIGHT - 6} textAnchor="start">
          {shown.lo.toFixed(2)}
        </text>
        <text className="overfitting-tick" x={WIDTH / 2} y={HEIGHT - 6} textAnchor="middle">
          0
        </text>
        <text className="overfitting-tick" x={WIDTH - MARGIN.right} y={HEIGHT - 6} textAnchor="end">
          {shown.hi.toFixed(2)}
        </text>
      </svg>
      <figcaption>
        <span className="overfitting-legend-bar" aria-hidden="true" /> now (step {step}), σ = <strong>{shown.std.toFixed(4)}</strong>
        {initial ? (
          <>
            {' · '}
            <span className="overfitting-legend-outline" aria-hidden="true" /> at step 0, σ = {initial.std.toFixed(4)}
          </>
        ) : null}
        {ratio !== null ? <> · spread now {(ratio * 100).toFixed(0)}% of the start</> : null}
      </figcaption>
    </figure>
  );
});
