import { useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import {
  buildLinePath,
  computeTicks,
  computeXDomain,
  computeYDomain,
  countNonPositive,
  createXScale,
  createYScale,
  describeSeries,
  downsampleMinMax,
  edgeX,
  fitFixedYDomain,
  formatNumber,
  isDrawableY,
  lastDrawableIndex,
  nearestIndex,
  nearestX,
  pickSeriesColor,
  seriesLength,
  stepX,
} from './line-chart-model';
import type { LineSeries } from './line-chart-model';
import './charts.css';
import { useElementWidth } from '../hooks/use-element-width';

export type { LineSeries } from './line-chart-model';

/** A vertical marker line at data coordinate `x`, e.g. `{ x: 12, label: 'best epoch' }`. */
export interface LineChartMarker {
  x: number;
  label: string;
}

/** Props of {@link LineChart}. Data are read, never mutated; pass new arrays (or views) to update. */
export interface LineChartProps {
  series: LineSeries[];
  xLabel: string;
  yLabel: string;
  /** Accessible name of the chart (not shown; the widget around it has the visible title). */
  title: string;
  /** Height of the plot in CSS pixels (axes included, legend and read-out excluded). Default 220. */
  height?: number;
  /** Show the "Log scale" checkbox for the y axis. Default true. */
  logScaleToggle?: boolean;
  /** Fixed y domain; by default the domain follows the data (rounded to nice values). */
  yDomain?: [number, number];
  markers?: LineChartMarker[];
  /** Formats y values in tick labels, the read-out and the text alternative. */
  formatY?: (v: number) => string;
}

const FALLBACK_WIDTH = 480;
const MIN_WIDTH = 200;
const MARGIN_TOP = 22;
const MARGIN_RIGHT = 18;
const MARGIN_BOTTOM = 50;
const CHAR_WIDTH = 7.5;

/** Width of the chart's container, at least MIN_WIDTH; `fallback` where it cannot be measured (jsdom). */
function useContainerWidth(fallback: number) {
  const ref = useRef<HTMLDivElement>(null);
  return [ref, Math.max(MIN_WIDTH, useElementWidth(ref, fallback))] as const;
}

/**
 * A responsive line chart (SVG) for training curves and similar series. D3 computes the scales, ticks
 * and paths; React renders them. Features: legend, optional log y axis (non-positive values are left
 * out and counted in a note), vertical markers, a hover / keyboard read-out (focus the plot, then
 * Left/Right, Home/End, Escape), gaps at NaN/Infinity, min/max downsampling above ~2 points per pixel,
 * and a visually hidden text alternative giving each series' last value and point count.
 */
export function LineChart({ series, xLabel, yLabel, title, height = 220, logScaleToggle = true, yDomain, markers, formatY }: LineChartProps) {
  const [containerRef, width] = useContainerWidth(FALLBACK_WIDTH);
  const [logChecked, setLogChecked] = useState(false);
  const [hoverX, setHoverX] = useState<number | null>(null);
  const baseId = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const clipId = `line-chart-clip-${baseId}`;
  const hintId = `line-chart-hint-${baseId}`;
  const logScale = logScaleToggle && logChecked;
  const fixedLo = yDomain?.[0];
  const fixedHi = yDomain?.[1];
  const formatValue = formatY ?? formatNumber;

  const layout = useMemo(() => {
    const plotHeight = Math.max(40, height - MARGIN_TOP - MARGIN_BOTTOM);
    const dataY = computeYDomain(series, logScale);
    const hasFixed = fixedLo !== undefined && fixedHi !== undefined;
    const yDomainUsed = hasFixed ? fitFixedYDomain([fixedLo, fixedHi], dataY, logScale) : dataY;
    const yTickCount = Math.max(2, Math.round(plotHeight / 45));
    const y = createYScale(yDomainUsed, [MARGIN_TOP + plotHeight, MARGIN_TOP], logScale, hasFixed, yTickCount);
    const yTicks = computeTicks(y, yTickCount, formatY, logScale);
    const longestLabel = Math.max(1, ...yTicks.map((t) => t.label.length));
    const marginLeft = Math.min(110, Math.round(34 + longestLabel * CHAR_WIDTH));
    const plotWidth = Math.max(20, width - marginLeft - MARGIN_RIGHT);
    const x = createXScale(computeXDomain(series), [marginLeft, marginLeft + plotWidth]);
    const xTicks = computeTicks(x, Math.max(2, Math.round(plotWidth / 90)));
    const curves = series.map((s, index) => {
      const sampled = downsampleMinMax(s.X, s.Y, plotWidth, logScale);
      const last = lastDrawableIndex(s, logScale);
      return {
        series: s,
        color: pickSeriesColor(s, index),
        path: buildLinePath(sampled, x, y, logScale),
        lastPoint: last >= 0 ? { cx: x(s.X[last]), cy: y(s.Y[last]) } : null,
      };
    });
    return { x, y, xTicks, yTicks, marginLeft, plotWidth, plotHeight, curves };
  }, [series, width, height, logScale, fixedLo, fixedHi, formatY]);

  const { x, y, xTicks, yTicks, marginLeft, plotWidth, plotHeight, curves } = layout;
  const plotBottom = MARGIN_TOP + plotHeight;
  const plotRight = marginLeft + plotWidth;
  const isEmpty = series.every((s) => seriesLength(s) === 0);
  const droppedForLog = logScale ? countNonPositive(series) : 0;
  const [xLo, xHi] = x.domain();
  const visibleMarkers = (markers ?? []).filter((m) => Number.isFinite(m.x) && m.x >= xLo && m.x <= xHi);

  const readout =
    hoverX === null || isEmpty
      ? null
      : curves.map(({ series: s, color }) => {
          const i = nearestIndex(s.X, hoverX, seriesLength(s));
          const yValue = i >= 0 ? s.Y[i] : NaN;
          return { s, color, i, yValue };
        });

  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const dataX = x.invert(event.clientX - rect.left);
    setHoverX(nearestX(series, dataX));
  };

  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    let next: number | null | undefined;
    if (event.key === 'ArrowRight') next = stepX(series, hoverX, 1);
    else if (event.key === 'ArrowLeft') next = stepX(series, hoverX, -1);
    else if (event.key === 'Home') next = edgeX(series, 'first');
    else if (event.key === 'End') next = edgeX(series, 'last');
    else if (event.key === 'Escape') next = null;
    if (next === undefined) return;
    event.preventDefault();
    setHoverX(next);
  };

  return (
    <figure className="chart line-chart" role="group" aria-label={title}>
      <div className="chart-toolbar">
        <ul className="chart-legend" aria-label="Legend">
          {curves.map(({ series: s, color }) => (
            <li key={s.id} className="chart-legend-item">
              <svg width="28" height="12" aria-hidden="true" focusable="false">
                <line x1="2" x2="26" y1="6" y2="6" className="chart-legend-swatch" style={{ stroke: color }} strokeDasharray={s.dashed ? '6 4' : undefined} />
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
        {logScaleToggle ? (
          <label className="chart-toggle">
            <input type="checkbox" checked={logChecked} onChange={(event) => setLogChecked(event.target.checked)} />
            {'Log scale'}
          </label>
        ) : null}
      </div>
      <div ref={containerRef} className="chart-plot">
        <svg
          width={width}
          height={height}
          role="img"
          aria-label={`${title}: ${yLabel} against ${xLabel}${logScale ? ', logarithmic y axis' : ''}`}
          aria-describedby={hintId}
          tabIndex={0}
          onPointerMove={onPointerMove}
          onPointerLeave={() => setHoverX(null)}
          onKeyDown={onKeyDown}
          onBlur={() => setHoverX(null)}
        >
          <defs>
            <clipPath id={clipId}>
              <rect x={marginLeft} y={MARGIN_TOP - 4} width={plotWidth} height={plotHeight + 8} />
            </clipPath>
          </defs>
          <g className="chart-grid" aria-hidden="true">
            {yTicks
              .filter((t) => t.label !== '')
              .map((t) => (
                <line key={`y${t.value}`} x1={marginLeft} x2={plotRight} y1={t.position} y2={t.position} />
              ))}
          </g>
          <g className="chart-axis" aria-hidden="true">
            <line className="chart-axis-line" x1={marginLeft} x2={plotRight} y1={plotBottom} y2={plotBottom} />
            <line className="chart-axis-line" x1={marginLeft} x2={marginLeft} y1={MARGIN_TOP} y2={plotBottom} />
            {xTicks.map((t) => {
              const halfLabel = (t.label.length * CHAR_WIDTH) / 2;
              const anchor = t.position + halfLabel > width ? 'end' : t.position - halfLabel < 0 ? 'start' : 'middle';
              return (
                <g key={`x${t.value}`} transform={`translate(${t.position},${plotBottom})`}>
                  <line y2="6" />
                  <text y="20" textAnchor={anchor}>
                    {t.label}
                  </text>
                </g>
              );
            })}
            {yTicks.map((t) => (
              <g key={`y${t.value}`} transform={`translate(${marginLeft},${t.position})`}>
                <line x2={t.label === '' ? -3 : -6} />
                {t.label === '' ? null : (
                  <text x="-9" dy="0.32em" textAnchor="end">
                    {t.label}
                  </text>
                )}
              </g>
            ))}
            <text className="chart-axis-label" x={marginLeft + plotWidth / 2} y={height - 8} textAnchor="middle">
              {xLabel}
            </text>
            <text className="chart-axis-label" transform={`translate(14,${MARGIN_TOP + plotHeight / 2}) rotate(-90)`} textAnchor="middle">
              {yLabel}
              {logScale ? ' (log)' : ''}
            </text>
          </g>
          <g clipPath={`url(#${clipId})`}>
            {visibleMarkers.map((m) => {
              const mx = x(m.x);
              const nearRight = mx > marginLeft + plotWidth * 0.75;
              return (
                <g key={`${m.x}-${m.label}`} className="chart-marker">
                  <line x1={mx} x2={mx} y1={MARGIN_TOP} y2={plotBottom} />
                  <text x={nearRight ? mx - 5 : mx + 5} y={MARGIN_TOP + 12} textAnchor={nearRight ? 'end' : 'start'}>
                    {m.label}
                  </text>
                </g>
              );
            })}
            {curves.map(({ series: s, color, path, lastPoint }) => (
              <g key={s.id}>
                {path ? <path className="chart-line" d={path} style={{ stroke: color }} strokeDasharray={s.dashed ? '7 5' : undefined} /> : null}
                {lastPoint ? <circle className="chart-last-point" cx={lastPoint.cx} cy={lastPoint.cy} r="3.5" style={{ fill: color }} /> : null}
              </g>
            ))}
            {hoverX !== null && readout ? (
              <g className="chart-hover">
                <line className="chart-guide" x1={x(hoverX)} x2={x(hoverX)} y1={MARGIN_TOP} y2={plotBottom} />
                {readout.map(({ s, color, i, yValue }) =>
                  i >= 0 && isDrawableY(yValue, logScale) ? <circle key={s.id} cx={x(s.X[i])} cy={y(yValue)} r="5" style={{ stroke: color }} /> : null,
                )}
              </g>
            ) : null}
          </g>
          {isEmpty ? (
            <text className="chart-empty" x={marginLeft + plotWidth / 2} y={MARGIN_TOP + plotHeight / 2} textAnchor="middle">
              No data yet
            </text>
          ) : null}
        </svg>
      </div>
      <div className="chart-readout" aria-live="polite">
        {hoverX !== null && readout ? (
          <>
            <span className="chart-readout-x">
              {xLabel} {formatNumber(hoverX)}
            </span>
            {readout.map(({ s, color, i, yValue }) => (
              <span key={s.id} className="chart-readout-item">
                <span className="chart-readout-dot" style={{ background: color }} aria-hidden="true" />
                {s.label}: {i < 0 ? '–' : Number.isFinite(yValue) ? formatValue(yValue) : formatNumber(yValue)}
                {i >= 0 && s.X[i] !== hoverX ? ` (at ${formatNumber(s.X[i])})` : ''}
              </span>
            ))}
          </>
        ) : null}
      </div>
      {droppedForLog > 0 ? (
        <p className="chart-note">
          {droppedForLog} {droppedForLog === 1 ? 'value is' : 'values are'} zero or negative and not shown on the log scale.
        </p>
      ) : null}
      <p id={hintId} className="visually-hidden">
        Point at the chart, or focus it and use the left and right arrow keys, to read the values at one {xLabel}.
      </p>
      <figcaption className="visually-hidden">
        {isEmpty ? 'No data yet. ' : null}
        {series.map((s) => (
          <span key={s.id}>{describeSeries(s, formatValue)}. </span>
        ))}
      </figcaption>
    </figure>
  );
}
