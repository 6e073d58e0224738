import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { scaleBand, scaleLinear } from 'd3';
import { formatBound, commitTypedNumber } from '../../core/validation/parse-number-input';
import { useElementWidth } from '../../hooks/use-element-width';
import { LARGE_STEP, OUTCOME_NAMES, SMALL_STEP, formatProbability, type DistributionName } from './distribution-lab-state';

interface DistributionBarsProps {
  which: DistributionName;
  /** Heading above the chart, e.g. "P: the truth". */
  heading: string;
  values: readonly number[];
  /** The other distribution, drawn as dashed outlines for comparison. */
  other: readonly number[];
  otherName: string;
  onSet: (index: number, value: number) => void;
  onNudge: (index: number, delta: number) => void;
}

const FALLBACK_WIDTH = 420;
const HEIGHT = 230;
export const BARS_MARGIN = { top: 24, right: 8, bottom: 30, left: 40 };
const TICKS = [0, 0.25, 0.5, 0.75, 1];

/**
 * One editable distribution as a bar chart. Each bar is a vertical slider: drag its top (or anywhere in its
 * column), or focus the chart and use ↑/↓ (±0.01), PageUp/PageDown (±0.1), Home/End (0/1), ←/→ to move to
 * the neighbouring bar. A row of text fields under the bars takes typed probabilities. The other bars are
 * rescaled by the caller so the total stays 1.
 */
export function DistributionBars({ which, heading, values, other, otherName, onSet, onNudge }: DistributionBarsProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const width = Math.max(240, useElementWidth(containerRef, FALLBACK_WIDTH));
  const [active, setActive] = useState(0);
  const [focused, setFocused] = useState(false);
  const draggingRef = useRef<number | null>(null);
  const barRefs = useRef<(SVGGElement | null)[]>([]);
  const name = which.toUpperCase();
  const activeIndex = Math.min(active, values.length - 1);

  const x = scaleBand<number>()
    .domain(values.map((_, i) => i))
    .range([BARS_MARGIN.left, width - BARS_MARGIN.right])
    .paddingInner(0.22)
    .paddingOuter(0.11);
  const y = scaleLinear()
    .domain([0, 1])
    .range([HEIGHT - BARS_MARGIN.bottom, BARS_MARGIN.top]);
  const bandwidth = x.bandwidth();

  const focusBar = (index: number) => {
    setActive(index);
    barRefs.current[index]?.focus();
  };

  const pointerTarget = (event: PointerEvent<SVGSVGElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const scale = rect.width > 0 ? width / rect.width : 1;
    const px = (event.clientX - rect.left) * scale;
    const py = (event.clientY - rect.top) * (rect.height > 0 ? HEIGHT / rect.height : 1);
    const step = x.step();
    const index = Math.floor((px - BARS_MARGIN.left - x.paddingOuter() * step + (step - bandwidth) / 2) / step);
    return { index: Math.min(values.length - 1, Math.max(0, index)), value: y.invert(py) };
  };
  const handlePointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (event.button !== 0) return;
    const { index, value } = pointerTarget(event);
    draggingRef.current = index;
    if (typeof event.currentTarget.setPointerCapture === 'function') event.currentTarget.setPointerCapture(event.pointerId);
    focusBar(index);
    onSet(index, value);
    event.preventDefault();
  };
  const handlePointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const index = draggingRef.current;
    if (index === null) return;
    onSet(index, pointerTarget(event).value);
  };
  const stopDragging = () => {
    draggingRef.current = null;
  };

  const handleKeyDown = (index: number, event: KeyboardEvent<SVGGElement>) => {
    const deltas: Record<string, number> = { ArrowUp: SMALL_STEP, ArrowDown: -SMALL_STEP, PageUp: LARGE_STEP, PageDown: -LARGE_STEP };
    if (event.key in deltas) onNudge(index, deltas[event.key]);
    else if (event.key === 'Home') onSet(index, 0);
    else if (event.key === 'End') onSet(index, 1);
    else if (event.key === 'ArrowRight') focusBar((index + 1) % values.length);
    else if (event.key === 'ArrowLeft') focusBar((index - 1 + values.length) % values.length);
    else return;
    event.preventDefault();
  };

  return (
    <div className={`distribution-bars distribution-bars-${which}`}>
      <h4 className="distribution-bars-heading">{heading}</h4>
      <div ref={containerRef} className="distribution-bars-plot">
        <svg
          width={width}
          height={HEIGHT}
          viewBox={`0 0 ${width} ${HEIGHT}`}
          role="group"
          aria-label={`Bar chart of ${name}: ${values.map((v, i) => `${name}(${OUTCOME_NAMES[i]}) = ${formatProbability(v)}`).join(', ')}. Dashed outlines show ${otherName}.`}
          onPointerDown={handlePointerDown}
          onPointerMove={handlePointerMove}
          onPointerUp={stopDragging}
          onPointerCancel={stopDragging}
          onLostPointerCapture={stopDragging}
        >
          <g className="distribution-bars-grid" aria-hidden="true">
            {TICKS.map((tick) => (
              <g key={tick}>
                <line x1={BARS_MARGIN.left} x2={width - BARS_MARGIN.right} y1={y(tick)} y2={y(tick)} />
                <text x={BARS_MARGIN.left - 6} y={y(tick)} dy="0.35em" textAnchor="end">
                  {tick}
                </text>
              </g>
            ))}
          </g>
          {values.map((value, i) => {
            const left = x(i) ?? 0;
            const top = y(value);
            const ghostTop = y(other[i] ?? 0);
            const isFocused = focused && i === activeIndex;
            return (
              <g
                key={i}
                ref={(element) => {
                  barRefs.current[i] = element;
                }}
                className="distribution-bar"
                role="slider"
                tabIndex={i === activeIndex ? 0 : -1}
                aria-label={`${name}(${OUTCOME_NAMES[i]})`}
                aria-orientation="vertical"
                aria-valuemin={0}
                aria-valuemax={1}
                aria-valuenow={Number(value.toFixed(4))}
                aria-valuetext={formatProbability(value)}
                onKeyDown={(event) => handleKeyDown(i, event)}
                onFocus={() => {
                  setActive(i);
                  setFocused(true);
                }}
                onBlur={() => setFocused(false)}
              >
                <rect className="distribution-bar-column" x={left} y={BARS_MARGIN.top} width={bandwidth} height={HEIGHT - BARS_MARGIN.top - BARS_MARGIN.bottom} />
                <rect className="distribution-bar-fill" x={left} y={top} width={bandwidth} height={Math.max(0, y(0) - top)} rx={3} />
                <rect className="distribution-bar-handle" x={left} y={top - 3} width={bandwidth} height={6} rx={3} />
                <line className="distribution-bar-ghost" x1={left + 2} x2={left + bandwidth - 2} y1={ghostTop} y2={ghostTop} />
                {isFocused ? (
                  <rect className="distribution-bar-focus" x={left - 4} y={BARS_MARGIN.top - 20} width={bandwidth + 8} height={y(0) - BARS_MARGIN.top + 22} rx={5} />
                ) : null}
                <text className="distribution-bar-value" x={left + bandwidth / 2} y={top - 8} textAnchor="middle" aria-hidden="true">
                  {formatProbability(value)}
                </text>
                <text className="distribution-bar-name" x={left + bandwidth / 2} y={HEIGHT - BARS_MARGIN.bottom + 20} textAnchor="middle" aria-hidden="true">
                  {OUTCOME_NAMES[i]}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <ProbabilityInputs which={which} values={values} onSet={onSet} />
    </div>
  );
}

interface ProbabilityInputsProps {
  which: DistributionName;
  values: readonly number[];
  onSet: (index: number, value: number) => void;
}

/** Text fields for typing a probability per outcome, validated on Enter or blur (numbers in [0, 1]). */
function ProbabilityInputs({ which, values, onSet }: ProbabilityInputsProps) {
  const [drafts, setDrafts] = useState<Record<number, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const name = which.toUpperCase();
  const commit = (index: number) => {
    const draft = drafts[index];
    if (draft === undefined) return;
    const label = `${name}(${OUTCOME_NAMES[index]})`;
    const committed = commitTypedNumber(draft, { label, min: 0, max: 1 }, formatBound(Number(values[index].toFixed(4))));
    setMessage(committed.message);
    if (committed.value !== null) onSet(index, committed.value);
    setDrafts(({ [index]: _removed, ...rest }) => rest);
  };
  return (
    <div className="distribution-inputs-block">
      <div className="distribution-inputs" style={{ gridTemplateColumns: `repeat(${values.length}, minmax(0, 1fr))` }}>
        {values.map((value, i) => (
          <input
            key={i}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            className="distribution-input"
            aria-label={`Type ${name}(${OUTCOME_NAMES[i]})`}
            aria-invalid={message?.startsWith(`${name}(${OUTCOME_NAMES[i]})`) ? true : undefined}
            value={drafts[i] ?? formatProbability(value)}
            onChange={(event) => setDrafts((current) => ({ ...current, [i]: event.target.value }))}
            onBlur={() => commit(i)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') commit(i);
              if (event.key === 'Escape') setDrafts(({ [i]: _removed, ...rest }) => rest);
            }}
          />
        ))}
      </div>
      <p className="field-message distribution-message" role="alert">
        {message ?? ''}
      </p>
    </div>
  );
}
