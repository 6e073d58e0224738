import { useEffect, useId, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { line, scaleLinear } from 'd3';
import { evaluatePolynomial, type DataPoint } from '../../core/math/least-squares';
import { useElementWidth } from '../../hooks/use-element-width';
import { MOVE_STEP, MOVE_STEP_LARGE, PLANE_LIMIT, POINTS_MAX, POINTS_MIN, formatValue, sampleCurve } from './regression-fit-state';

interface RegressionPlaneProps {
  points: readonly DataPoint[];
  exactWeights: readonly number[];
  descentWeights: readonly number[];
  /** Which curve the residual segments go to. */
  residualsTo: 'exact' | 'descent';
  /** Index of the point that should receive focus after the next render (a point just added by the button). */
  focusRequest: number | null;
  onFocusHandled: () => void;
  onMove: (index: number, to: DataPoint) => void;
  onAdd: (point: DataPoint) => void;
  onRemove: (index: number) => void;
  onSelect: (index: number) => void;
}

const FALLBACK_WIDTH = 640;
const MARGIN = { top: 12, right: 14, bottom: 30, left: 34 };

/**
 * The data plane: points the learner drags (or adds by pressing on empty space), the exact least-squares
 * curve (dashed), gradient descent's curve (solid) and the residuals as vertical segments. Every point is a
 * tab stop: arrow keys move it by 0.1 (Shift: 0.5), Delete or Backspace removes it.
 */
export function RegressionPlane({ points, exactWeights, descentWeights, residualsTo, focusRequest, onFocusHandled, onMove, onAdd, onRemove, onSelect }: RegressionPlaneProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const width = Math.max(280, useElementWidth(containerRef, FALLBACK_WIDTH));
  const height = Math.round(Math.min(440, Math.max(280, width * 0.62)));
  const draggingRef = useRef<number | null>(null);
  const pointRefs = useRef<(SVGGElement | null)[]>([]);
  const clipId = `regression-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;

  useEffect(() => {
    if (focusRequest === null) return;
    pointRefs.current[focusRequest]?.focus();
    onFocusHandled();
  }, [focusRequest, onFocusHandled]);

  const x = scaleLinear()
    .domain([-PLANE_LIMIT, PLANE_LIMIT])
    .range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear()
    .domain([-PLANE_LIMIT, PLANE_LIMIT])
    .range([height - MARGIN.bottom, MARGIN.top]);
  const toPath = line<{ x: number; y: number }>()
    .x((point) => x(point.x))
    // Far off-plane values are clamped so the path stays drawable; the clip path hides them.
    .y((point) => y(Math.max(-50, Math.min(50, point.y))));
  const exactPath = toPath(sampleCurve(exactWeights)) ?? '';
  const descentPath = toPath(sampleCurve(descentWeights)) ?? '';
  const residualWeights = residualsTo === 'exact' ? exactWeights : descentWeights;
  const ticks = width < 480 ? [-4, -2, 0, 2, 4] : [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5];

  const toData = (event: PointerEvent<SVGSVGElement>): DataPoint => {
    const rect = event.currentTarget.getBoundingClientRect();
    return {
      x: x.invert(((event.clientX - rect.left) / (rect.width || width)) * width),
      y: y.invert(((event.clientY - rect.top) / (rect.height || height)) * height),
    };
  };
  const handlePointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (event.button !== 0) return;
    const target = (event.target as Element).closest('[data-point-index]');
    const position = toData(event);
    let index: number;
    if (target) {
      index = Number(target.getAttribute('data-point-index'));
    } else {
      if (points.length >= POINTS_MAX) return;
      index = points.length;
      onAdd(position);
    }
    draggingRef.current = index;
    onSelect(index);
    if (typeof event.currentTarget.setPointerCapture === 'function') event.currentTarget.setPointerCapture(event.pointerId);
    event.preventDefault();
  };
  const handlePointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const index = draggingRef.current;
    if (index === null) return;
    onMove(index, toData(event));
  };
  const stopDragging = () => {
    const index = draggingRef.current;
    draggingRef.current = null;
    if (index !== null) pointRefs.current[index]?.focus({ preventScroll: true });
  };

  const handleKeyDown = (index: number, event: KeyboardEvent<SVGGElement>) => {
    const step = event.shiftKey ? MOVE_STEP_LARGE : MOVE_STEP;
    const moves: Record<string, [number, number]> = { ArrowUp: [0, step], ArrowDown: [0, -step], ArrowLeft: [-step, 0], ArrowRight: [step, 0] };
    const point = points[index];
    if (event.key in moves && point) {
      const [dx, dy] = moves[event.key];
      onMove(index, { x: point.x + dx, y: point.y + dy });
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && points.length > POINTS_MIN) {
      onRemove(index);
      const next = Math.min(index, points.length - 2);
      requestAnimationFrame(() => pointRefs.current[next]?.focus());
    } else return;
    event.preventDefault();
  };

  return (
    <div ref={containerRef} className="regression-plane">
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="group"
        aria-label={`Data plane, x and y from −5 to 5, with ${points.length} points. Press on empty space to add a point; drag a point to move it. Tab to a point, then move it with the arrow keys (Shift for larger steps); Delete removes it.`}
        onPointerDown={handlePointerDown}
        onPointerMove={handlePointerMove}
        onPointerUp={stopDragging}
        onPointerCancel={stopDragging}
        onLostPointerCapture={stopDragging}
      >
        <defs>
          <clipPath id={clipId}>
            <rect x={MARGIN.left} y={MARGIN.top} width={width - MARGIN.left - MARGIN.right} height={height - MARGIN.top - MARGIN.bottom} />
          </clipPath>
        </defs>
        <g className="regression-grid" aria-hidden="true">
          {ticks.map((tick) => (
            <g key={tick}>
              <line className={tick === 0 ? 'regression-axis' : undefined} x1={x(tick)} x2={x(tick)} y1={MARGIN.top} y2={height - MARGIN.bottom} />
              <line className={tick === 0 ? 'regression-axis' : undefined} x1={MARGIN.left} x2={width - MARGIN.right} y1={y(tick)} y2={y(tick)} />
              <text x={x(tick)} y={height - MARGIN.bottom + 19} textAnchor="middle">
                {String(tick).replace('-', '−')}
              </text>
              <text x={MARGIN.left - 7} y={y(tick)} dy="0.35em" textAnchor="end">
                {String(tick).replace('-', '−')}
              </text>
            </g>
          ))}
        </g>
        <g clipPath={`url(#${clipId})`} aria-hidden="true">
          {points.map((point, i) => {
            const prediction = evaluatePolynomial(residualWeights, point.x, PLANE_LIMIT);
            return <line key={i} className="regression-residual" x1={x(point.x)} x2={x(point.x)} y1={y(point.y)} y2={y(Math.max(-50, Math.min(50, prediction)))} />;
          })}
          <path className="regression-curve-descent" d={descentPath} />
          <path className="regression-curve-exact" d={exactPath} />
        </g>
        {points.map((point, i) => (
          <g
            key={i}
            ref={(element) => {
              pointRefs.current[i] = element;
            }}
            className="regression-point"
            data-point-index={i}
            role="button"
            aria-roledescription="movable point"
            tabIndex={0}
            aria-label={`Point ${i + 1}: x = ${formatValue(point.x, 2)}, y = ${formatValue(point.y, 2)}`}
            onKeyDown={(event) => handleKeyDown(i, event)}
            onFocus={() => onSelect(i)}
          >
            <circle className="regression-point-hit" cx={x(point.x)} cy={y(point.y)} r={16} />
            <circle className="regression-point-dot" cx={x(point.x)} cy={y(point.y)} r={7.5} />
          </g>
        ))}
      </svg>
    </div>
  );
}
