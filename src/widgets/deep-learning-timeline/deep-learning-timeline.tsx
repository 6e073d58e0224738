import { useId, useMemo, useRef } from 'react';
import { scaleLinear } from 'd3';
import { useElementWidth } from '../../hooks/use-element-width';
import { useSharedSettings } from '../../hooks/use-shared-settings';
import { SliderField } from '../../ui/slider-field';
import { WidgetFrame } from '../../ui/widget-frame';
import { widgetInstanceNames } from '../training-shell/widget-instance';
import {
  DEFAULT_SETTINGS,
  DEPTH_MARKERS,
  findEvent,
  formatFromLog10,
  KIND_LABELS,
  LAYERS,
  layersToShrinkBelow,
  neighbourEvent,
  powerOfTen,
  settingsSchema,
  sigmoidSurvivalLog10,
  survivalSentence,
  TIMELINE_EVENTS,
  YEAR_RANGE,
  type EventKind,
  type TimelineSettings,
} from './deep-learning-timeline-state';
import './deep-learning-timeline.css';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';

interface DeepLearningTimelineProps {
  /** The event selected at first (its id, e.g. "alexnet"). */
  initialEvent?: string;
  /** The depth the gradient chart reads out at first. */
  initialLayers?: number;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

/** A marker's shape by kind, so the kinds differ by more than colour: circle, triangle pointing down, diamond. */
function KindMarker({ kind, size }: { kind: EventKind; size: number }) {
  const r = size / 2;
  if (kind === 'obstacle') return <path d={`M ${-r} ${-r * 0.8} L ${r} ${-r * 0.8} L 0 ${r} Z`} />;
  if (kind === 'enabler') return <path d={`M 0 ${-r} L ${r} 0 L 0 ${r} L ${-r} 0 Z`} />;
  return <circle r={r * 0.8} />;
}

/** A small inline SVG of a kind's marker, for the list and the legend. */
function KindIcon({ kind }: { kind: EventKind }) {
  return (
    <svg className={`timeline-icon timeline-kind-${kind}`} width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true" focusable="false">
      <KindMarker kind={kind} size={12} />
    </svg>
  );
}

const STRIP_HEIGHT = 132;
const STRIP_MARGIN = { left: 18, right: 18 };
const AXIS_Y = 104;
const LANE_HEIGHT = 19;

/**
 * The deep-learning timeline figure: events from the perceptron (1958) to residual networks (2015) on a
 * true-to-scale year axis, marked by kind (an idea, why it failed, why it works now); choosing one (a marker, the
 * list, or arrow keys in the list) explains it. Below, a computed chart: how much of a gradient can pass n sigmoid
 * layers (at most 0.25ⁿ) against n ReLU layers (1 along active units). No TF.js.
 */
export function DeepLearningTimeline({ initialEvent = DEFAULT_SETTINGS.event, initialLayers = DEFAULT_SETTINGS.layers, instance }: DeepLearningTimelineProps) {
  const names = widgetInstanceNames('deep-learning-timeline', 'timeline', instance);
  const [defaults] = useMemo(
    () => [{ event: findEvent(initialEvent).id, layers: Math.min(LAYERS.max, Math.max(LAYERS.min, Math.round(initialLayers))) }],
    [initialEvent, initialLayers],
  );
  const shared = useSharedSettings<TimelineSettings>(names.shareNamespace, settingsSchema, defaults);
  const { values, setValues } = shared;
  const selected = findEvent(values.event);
  const select = (id: string) => setValues((current) => (current.event === id ? current : { ...current, event: id }));
  const radioName = `${names.domId}-event-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const detailId = `${names.domId}-detail`;

  const stripRef = useRef<HTMLDivElement>(null);
  const width = Math.max(320, useElementWidth(stripRef, 720));
  const x = useMemo(
    () =>
      scaleLinear()
        .domain(YEAR_RANGE)
        .range([STRIP_MARGIN.left, width - STRIP_MARGIN.right]),
    [width],
  );
  // Events closer than a marker's width stack upward in lanes.
  const placed = useMemo(() => {
    const lanesEnd: number[] = [];
    return TIMELINE_EVENTS.map((event) => {
      const position = x(event.year);
      let lane = lanesEnd.findIndex((end) => position - end >= 18);
      if (lane < 0) lane = lanesEnd.length;
      lanesEnd[lane] = position;
      return { event, cx: position, cy: AXIS_Y - 14 - lane * LANE_HEIGHT };
    });
  }, [x]);
  const decades = useMemo(() => x.ticks(7).filter((year) => year % 10 === 0), [x]);
  const selectedPlace = placed.find((place) => place.event.id === selected.id)!;
  const labelAnchor = selectedPlace.cx > width * 0.75 ? 'end' : selectedPlace.cx < width * 0.25 ? 'start' : 'middle';

  return (
    <WidgetFrame widgetId="deep-learning-timeline" domId={names.domId} title="Why deep learning failed, and then worked" state="ready">
      <LinkProblemsNotice problems={shared.problems} />
      <div className="timeline-legend" aria-hidden="true">
        {(Object.keys(KIND_LABELS) as EventKind[]).map((kind) => (
          <span key={kind} className="timeline-legend-item">
            <KindIcon kind={kind} /> {KIND_LABELS[kind]}
          </span>
        ))}
      </div>
      <div ref={stripRef} className="timeline-strip">
        <svg
          width={width}
          height={STRIP_HEIGHT}
          viewBox={`0 0 ${width} ${STRIP_HEIGHT}`}
          role="img"
          aria-label={`Timeline from ${YEAR_RANGE[0]} to ${YEAR_RANGE[1]} with ${TIMELINE_EVENTS.length} events; ${TIMELINE_EVENTS.filter((event) => event.year >= 2006).length} of them fall in the ten years from 2006. Selected: ${selected.year}, ${selected.title}.`}
        >
          <rect className="timeline-era" x={x(2009)} y={6} width={x(2015.6) - x(2009)} height={AXIS_Y - 6} rx={6} />
          <text className="timeline-era-label" x={x(2009) - 6} y={18} textAnchor="end">
            data + GPUs + ReLU
          </text>
          <line className="timeline-axis" x1={STRIP_MARGIN.left} x2={width - STRIP_MARGIN.right} y1={AXIS_Y} y2={AXIS_Y} />
          {decades.map((year) => (
            <g key={year} transform={`translate(${x(year)}, ${AXIS_Y})`}>
              <line className="timeline-tick" y2={6} />
              <text className="timeline-tick-label" y={22} textAnchor="middle">
                {year}
              </text>
            </g>
          ))}
          <line className="timeline-stem" x1={selectedPlace.cx} x2={selectedPlace.cx} y1={selectedPlace.cy} y2={AXIS_Y} />
          {placed.map(({ event, cx, cy }) => (
            <g
              key={event.id}
              className={`timeline-marker timeline-kind-${event.kind}${event.id === selected.id ? ' is-selected' : ''}`}
              transform={`translate(${cx}, ${cy})`}
              onClick={() => select(event.id)}
            >
              <title>{`${event.year}: ${event.title}`}</title>
              <circle className="timeline-hit" r={10} />
              <KindMarker kind={event.kind} size={event.id === selected.id ? 18 : 13} />
            </g>
          ))}
          <text className="timeline-selected-label" x={selectedPlace.cx} y={Math.max(14, selectedPlace.cy - 14)} textAnchor={labelAnchor}>
            {`${selected.year} · ${selected.title}`}
          </text>
        </svg>
      </div>

      <div className="timeline-body">
        <fieldset className="timeline-list">
          <legend>Events</legend>
          {TIMELINE_EVENTS.map((event) => (
            <label key={event.id} className={`timeline-row${event.id === selected.id ? ' is-selected' : ''}`}>
              <input
                type="radio"
                name={radioName}
                value={event.id}
                checked={event.id === selected.id}
                onChange={() => select(event.id)}
                aria-describedby={event.id === selected.id ? detailId : undefined}
              />
              <KindIcon kind={event.kind} />
              <span className="timeline-row-year">{event.year}</span>
              <span className="timeline-row-title">{event.title}</span>
              <span className="visually-hidden">({KIND_LABELS[event.kind]})</span>
            </label>
          ))}
        </fieldset>
        <article id={detailId} className={`timeline-detail timeline-kind-${selected.kind}`} aria-live="polite" aria-atomic="true">
          <p className="timeline-detail-kind">
            <KindIcon kind={selected.kind} /> {KIND_LABELS[selected.kind]}
          </p>
          <h4>
            <span className="timeline-detail-year">{selected.year}</span> {selected.title}
          </h4>
          <p className="timeline-detail-who">{selected.who}</p>
          <p>{selected.text}</p>
          <div className="timeline-detail-nav">
            <button type="button" className="button" onClick={() => select(neighbourEvent(selected.id, -1))} disabled={selected.id === TIMELINE_EVENTS[0].id}>
              <span aria-hidden="true">←</span> Earlier
            </button>
            <button
              type="button"
              className="button"
              onClick={() => select(neighbourEvent(selected.id, 1))}
              disabled={selected.id === TIMELINE_EVENTS[TIMELINE_EVENTS.length - 1].id}
            >
              Later <span aria-hidden="true">→</span>
            </button>
          </div>
        </article>
      </div>

      <GradientSurvival layers={values.layers} onLayersChange={(layers) => setValues((current) => ({ ...current, layers }))} />
    </WidgetFrame>
  );
}

const CHART_MARGIN = { top: 16, right: 24, bottom: 44, left: 64 };
const CHART_HEIGHT = 250;
/** The chart's y axis: log₁₀ of the surviving fraction, from 10⁻¹⁰⁰ to 10¹. */
const LOG_DOMAIN: [number, number] = [-100, 4];

/** Sigmoid (0.25ⁿ) against ReLU (1) through n layers, on a log axis, with famous depths marked and a read-out for n. */
function GradientSurvival({ layers, onLayersChange }: { layers: number; onLayersChange: (layers: number) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const width = Math.max(320, useElementWidth(ref, 720));
  const x = scaleLinear()
    .domain([0, LAYERS.max])
    .range([CHART_MARGIN.left, width - CHART_MARGIN.right]);
  const y = scaleLinear()
    .domain(LOG_DOMAIN)
    .range([CHART_HEIGHT - CHART_MARGIN.bottom, CHART_MARGIN.top]);
  const yTicks = [0, -20, -40, -60, -80, -100];
  const xTicks = x.ticks(8);
  const millionth = layersToShrinkBelow(1e-6);
  const pointLog = sigmoidSurvivalLog10(layers);
  const sentence = survivalSentence(layers);
  const readoutAnchor = x(layers) > width * 0.7 ? 'end' : 'start';
  const readoutDx = readoutAnchor === 'end' ? -10 : 10;

  return (
    <section className="timeline-gradient" aria-labelledby="timeline-gradient-title">
      <h4 id="timeline-gradient-title">How much gradient gets through n layers?</h4>
      <p className="widget-caption">
        Backpropagation multiplies one activation slope per layer. A sigmoid’s slope is at most 1/4, a ReLU’s is 1 wherever the unit is active. After {millionth} sigmoid layers,
        less than a millionth can remain.
      </p>
      <div className="timeline-gradient-controls">
        <SliderField label={LAYERS.label} value={layers} min={LAYERS.min} max={LAYERS.max} step={1} format={(value) => `n = ${value}`} onChange={onLayersChange} />
      </div>
      <p className="timeline-gradient-readout" data-testid="gradient-readout">
        {sentence}
      </p>
      <div ref={ref} className="timeline-gradient-chart">
        <svg
          width={width}
          height={CHART_HEIGHT}
          viewBox={`0 0 ${width} ${CHART_HEIGHT}`}
          role="img"
          aria-label={`Chart of the largest fraction of the gradient that survives n layers, n from 1 to ${LAYERS.max}, on a log scale. ${sentence}`}
        >
          {yTicks.map((tick) => (
            <g key={tick}>
              <line className="timeline-grid" x1={CHART_MARGIN.left} x2={width - CHART_MARGIN.right} y1={y(tick)} y2={y(tick)} />
              <text className="timeline-tick-label" x={CHART_MARGIN.left - 8} y={y(tick) + 4} textAnchor="end">
                {tick === 0 ? '1' : powerOfTen(tick)}
              </text>
            </g>
          ))}
          {xTicks.map((tick) => (
            <text key={tick} className="timeline-tick-label" x={x(tick)} y={CHART_HEIGHT - CHART_MARGIN.bottom + 18} textAnchor="middle">
              {tick}
            </text>
          ))}
          <text className="timeline-axis-label" x={(CHART_MARGIN.left + width - CHART_MARGIN.right) / 2} y={CHART_HEIGHT - 6} textAnchor="middle">
            Layers n
          </text>
          <text className="timeline-axis-label" transform={`translate(14, ${(CHART_MARGIN.top + CHART_HEIGHT - CHART_MARGIN.bottom) / 2}) rotate(-90)`} textAnchor="middle">
            Gradient that survives
          </text>
          {DEPTH_MARKERS.map((marker) => (
            <g key={marker.layers}>
              <line className="timeline-depth" x1={x(marker.layers)} x2={x(marker.layers)} y1={CHART_MARGIN.top} y2={CHART_HEIGHT - CHART_MARGIN.bottom} />
              <text
                className="timeline-depth-label"
                x={x(marker.layers) + (marker.layers > 100 ? -4 : 4)}
                y={marker.layers > 100 ? y(-30) : y(-78) + (marker.layers === 16 ? 16 : 0)}
                textAnchor={marker.layers > 100 ? 'end' : 'start'}
              >
                {marker.label}
              </text>
            </g>
          ))}
          <line className="timeline-relu-line" x1={x(0)} x2={x(LAYERS.max)} y1={y(0)} y2={y(0)} />
          <line className="timeline-sigmoid-line" x1={x(0)} x2={x(LAYERS.max)} y1={y(0)} y2={y(sigmoidSurvivalLog10(LAYERS.max))} />
          <text className="timeline-line-label timeline-relu-text" x={width - CHART_MARGIN.right} y={y(0) - 8} textAnchor="end">
            ReLU: 1
          </text>
          <text className="timeline-line-label timeline-sigmoid-text" x={x(LAYERS.max * 0.62)} y={y(sigmoidSurvivalLog10(LAYERS.max * 0.62)) - 10} textAnchor="start">
            sigmoid: 0.25ⁿ
          </text>
          <line className="timeline-now" x1={x(layers)} x2={x(layers)} y1={y(0)} y2={y(pointLog)} />
          <circle className="timeline-relu-point" cx={x(layers)} cy={y(0)} r={5} />
          <circle className="timeline-sigmoid-point" cx={x(layers)} cy={y(pointLog)} r={6} />
          <text className="timeline-point-label" x={x(layers) + readoutDx} y={Math.min(y(pointLog) + 20, CHART_HEIGHT - CHART_MARGIN.bottom - 6)} textAnchor={readoutAnchor}>
            {formatFromLog10(pointLog)}
          </text>
        </svg>
      </div>
    </section>
  );
}
