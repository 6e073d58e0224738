import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { scaleLinear } from 'd3';
import { useElementWidth } from '../../hooks/use-element-width';
import { useSharedSettings } from '../../hooks/use-shared-settings';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';
import { WidgetFrame } from '../../ui/widget-frame';
import { widgetInstanceNames } from '../training-shell/widget-instance';
import { HUMAN_TOP5_ERROR, IMAGENET_YEARS } from './imagenet-history-data';
import {
  barLabel,
  changeSentence,
  chartSummary,
  DEFAULT_SETTINGS,
  findYear,
  formatPercent,
  settingsSchema,
  yearAfterKey,
  YEAR_CHOICES,
  type ImagenetHistorySettings,
} from './imagenet-history-state';
import './imagenet-history.css';

interface ImagenetHistoryProps {
  /** The year selected at first (2010–2017). */
  initialYear?: number;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

const CHART_HEIGHT = 330;
const MARGIN = { top: 28, right: 16, bottom: 58, left: 56 };
const Y_MAX = 30;
const Y_TICKS = [0, 5, 10, 15, 20, 25, 30];

/**
 * ImageNet history: the ILSVRC classification winner's top-5 error for every year from 2010 to 2017 as a bar
 * chart with the human reference (5.1 %), each bar focusable (Tab into the chart, arrow keys between years) and
 * hoverable; the panel says what changed that year, and a table lists every figure with its source.
 */
export function ImagenetHistory({ initialYear, instance }: ImagenetHistoryProps) {
  const names = widgetInstanceNames('imagenet-history', 'imagenet', instance);
  const defaults = useMemo<ImagenetHistorySettings>(
    () => ({ year: initialYear !== undefined && YEAR_CHOICES.includes(String(initialYear)) ? String(initialYear) : DEFAULT_SETTINGS.year }),
    [initialYear],
  );
  const shared = useSharedSettings<ImagenetHistorySettings>(names.shareNamespace, settingsSchema, defaults);
  const { values, setValues } = shared;
  const [hovered, setHovered] = useState<string | null>(null);
  const shown = findYear(hovered ?? values.year);
  const detailId = `${names.domId}-detail`;
  const summaryId = `${names.domId}-summary`;

  const chartRef = useRef<HTMLDivElement>(null);
  const width = Math.max(340, useElementWidth(chartRef, 720));
  const barRefs = useRef(new Map<string, SVGGElement>());
  const x = useMemo(
    () =>
      scaleLinear()
        .domain([0, IMAGENET_YEARS.length])
        .range([MARGIN.left, width - MARGIN.right]),
    [width],
  );
  const y = useMemo(
    () =>
      scaleLinear()
        .domain([0, Y_MAX])
        .range([CHART_HEIGHT - MARGIN.bottom, MARGIN.top]),
    [],
  );
  const band = x(1) - x(0);
  const narrow = band < 70;

  const select = (year: string) => setValues((current) => (current.year === year ? current : { ...current, year }));
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const next = yearAfterKey(values.year, event.key);
    if (next === null) return;
    event.preventDefault();
    setHovered(null);
    select(next);
    barRefs.current.get(next)?.focus();
  };

  return (
    <WidgetFrame widgetId="imagenet-history" domId={names.domId} title="ImageNet, year by year: the winning top-5 error" state="ready">
      <LinkProblemsNotice problems={shared.problems} />
      <p id={summaryId} className="widget-caption">
        Each bar is the winning entry’s top-5 error on the ILSVRC test set (lower is better). Hover over a bar, or Tab into the chart and use the arrow keys, to see what changed
        that year.
      </p>
      <div ref={chartRef} className="imagenet-chart">
        <svg
          width={width}
          height={CHART_HEIGHT}
          viewBox={`0 0 ${width} ${CHART_HEIGHT}`}
          role="radiogroup"
          aria-label={chartSummary()}
          aria-describedby={detailId}
          onKeyDown={onKeyDown}
          onMouseLeave={() => setHovered(null)}
        >
          {Y_TICKS.map((tick) => (
            <g key={tick} aria-hidden="true">
              <line className="imagenet-grid" x1={MARGIN.left} x2={width - MARGIN.right} y1={y(tick)} y2={y(tick)} />
              <text className="imagenet-tick" x={MARGIN.left - 8} y={y(tick) + 4} textAnchor="end">
                {tick} %
              </text>
            </g>
          ))}
          <text className="imagenet-axis-label" transform={`translate(14, ${(MARGIN.top + CHART_HEIGHT - MARGIN.bottom) / 2}) rotate(-90)`} textAnchor="middle" aria-hidden="true">
            Top-5 error
          </text>
          {IMAGENET_YEARS.map((entry, index) => {
            const key = String(entry.year);
            const selected = key === values.year;
            const left = x(index) + band * 0.12;
            const barWidth = band * 0.76;
            const winnerWidth = entry.runnerUp ? barWidth * 0.52 : barWidth;
            const top = y(entry.winner.top5Error);
            return (
              <g
                key={key}
                ref={(element) => {
                  if (element) barRefs.current.set(key, element);
                  else barRefs.current.delete(key);
                }}
                className={`imagenet-bar${selected ? ' is-selected' : ''}${hovered === key ? ' is-hovered' : ''}`}
                role="radio"
                aria-checked={selected}
                aria-label={barLabel(entry)}
                tabIndex={selected ? 0 : -1}
                data-year={key}
                onClick={() => select(key)}
                onMouseEnter={() => setHovered(key)}
                onFocus={() => select(key)}
              >
                <rect className="imagenet-hit" x={x(index)} y={MARGIN.top - 20} width={band} height={CHART_HEIGHT - MARGIN.top + 20} />
                <rect className="imagenet-bar-fill" x={left} y={top} width={winnerWidth} height={y(0) - top} rx={3} />
                <text className="imagenet-bar-value" x={left + winnerWidth / 2} y={top - 6} textAnchor="middle">
                  {narrow ? entry.winner.top5Error : formatPercent(entry.winner.top5Error)}
                </text>
                {entry.runnerUp ? (
                  <>
                    <rect
                      className="imagenet-runner-up"
                      x={left + winnerWidth + barWidth * 0.04}
                      y={y(entry.runnerUp.top5Error)}
                      width={barWidth * 0.44}
                      height={y(0) - y(entry.runnerUp.top5Error)}
                      rx={3}
                    />
                    <text className="imagenet-runner-up-label" x={left + winnerWidth + barWidth * 0.26} y={y(entry.runnerUp.top5Error) - 20} textAnchor="middle">
                      {`${entry.runnerUp.team} ${formatPercent(entry.runnerUp.top5Error)}`}
                    </text>
                  </>
                ) : null}
                <text className="imagenet-year" x={x(index) + band / 2} y={CHART_HEIGHT - MARGIN.bottom + 20} textAnchor="middle">
                  {entry.year}
                </text>
                <text className="imagenet-team" x={x(index) + band / 2} y={CHART_HEIGHT - MARGIN.bottom + 38} textAnchor="middle">
                  {narrow ? entry.winner.model.split(' ')[0] : entry.winner.model.length > 14 ? entry.winner.team : entry.winner.model}
                </text>
              </g>
            );
          })}
          <g aria-hidden="true">
            <line className="imagenet-human" x1={MARGIN.left} x2={width - MARGIN.right} y1={y(HUMAN_TOP5_ERROR.top5Error)} y2={y(HUMAN_TOP5_ERROR.top5Error)} />
            <text className="imagenet-human-label" x={width - MARGIN.right - 4} y={y(HUMAN_TOP5_ERROR.top5Error) - 6} textAnchor="end">
              human ≈ {formatPercent(HUMAN_TOP5_ERROR.top5Error)}
            </text>
          </g>
        </svg>
      </div>

      <article id={detailId} className="imagenet-detail" aria-live="polite" aria-atomic="true" data-testid="imagenet-detail">
        <h4>
          <span className="imagenet-detail-year">{shown.year}</span> {shown.winner.team} · {shown.winner.model}
        </h4>
        <p className="imagenet-detail-error" data-testid="imagenet-error">
          Top-5 error {formatPercent(shown.winner.top5Error)}
          {shown.runnerUp ? `; runner-up ${shown.runnerUp.team} ${formatPercent(shown.runnerUp.top5Error)}` : ''}
        </p>
        <p className="imagenet-detail-change">{changeSentence(shown)}</p>
        <p>
          <strong>What changed: {shown.idea}.</strong> {shown.changed}
        </p>
        <p className="imagenet-detail-meta">
          {shown.depth !== null ? `Depth: ${shown.depth} learned layers. ` : ''}
          {shown.note ?? ''}
        </p>
        <div className="imagenet-detail-nav">
          <button type="button" className="button" onClick={() => select(yearAfterKey(values.year, 'ArrowLeft')!)} disabled={values.year === YEAR_CHOICES[0]}>
            <span aria-hidden="true">←</span> Earlier year
          </button>
          <button
            type="button"
            className="button"
            onClick={() => select(yearAfterKey(values.year, 'ArrowRight')!)}
            disabled={values.year === YEAR_CHOICES[YEAR_CHOICES.length - 1]}
          >
            Later year <span aria-hidden="true">→</span>
          </button>
        </div>
      </article>

      <details className="imagenet-table-details">
        <summary>Table of every year, with sources</summary>
        <div className="table-scroll">
          <table className="imagenet-table">
            <caption className="visually-hidden">ILSVRC classification: winning top-5 error by year, what changed, and the source of each figure</caption>
            <thead>
              <tr>
                <th scope="col">Year</th>
                <th scope="col">Winner</th>
                <th scope="col">Top-5 error</th>
                <th scope="col">What changed</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {IMAGENET_YEARS.map((entry) => (
                <tr key={entry.year} className={String(entry.year) === values.year ? 'is-selected' : undefined}>
                  <th scope="row">{entry.year}</th>
                  <td>
                    {entry.winner.team} ({entry.winner.model})
                    {entry.runnerUp ? (
                      <>
                        <br />
                        runner-up: {entry.runnerUp.team}, {formatPercent(entry.runnerUp.top5Error)}
                      </>
                    ) : null}
                  </td>
                  <td className="imagenet-number">{formatPercent(entry.winner.top5Error)}</td>
                  <td>{entry.idea}</td>
                  <td className="imagenet-source">
                    {entry.winner.source}
                    {entry.runnerUp ? ` Runner-up: ${entry.runnerUp.source}` : ''}
                  </td>
                </tr>
              ))}
              <tr>
                <th scope="row">—</th>
                <td>{HUMAN_TOP5_ERROR.label}</td>
                <td className="imagenet-number">{formatPercent(HUMAN_TOP5_ERROR.top5Error)}</td>
                <td>reference line</td>
                <td className="imagenet-source">{HUMAN_TOP5_ERROR.source}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </details>
    </WidgetFrame>
  );
}
