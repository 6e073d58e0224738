import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { scaleLinear } from 'd3';
import { PLANE_LIMIT, decisionLineSegment, halfPlaneGrid, moveCursor, type LabelledPoint, type LineParameters, type PointClass } from './perceptron-trainer-state';

interface PointPlaneProps {
  points: readonly LabelledPoint[];
  line: LineParameters | null;
  /** Class added by a click, Enter or Space. */
  selectedClass: PointClass;
  onAddPoint: (point: LabelledPoint) => void;
  onRemoveLastPoint: () => void;
  disabled?: boolean;
}

const VIEW_SIZE = 400;
const SHADE_RESOLUTION = 64;
const x = scaleLinear().domain([-PLANE_LIMIT, PLANE_LIMIT]).range([0, VIEW_SIZE]);
const y = scaleLinear().domain([-PLANE_LIMIT, PLANE_LIMIT]).range([VIEW_SIZE, 0]);

/** Reads a CSS colour variable as [r, g, b] (falls back to grey where styles are unavailable). */
function cssColor(element: Element, variable: string): [number, number, number] {
  const value = getComputedStyle(element).getPropertyValue(variable).trim();
  const hex = /^#([0-9a-f]{6})$/i.exec(value);
  if (!hex) return [128, 128, 128];
  const n = parseInt(hex[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * The 2-D plane of the perceptron trainer: points (class 0 orange circles, class 1 blue squares), the
 * two half-planes shaded by the neuron's side, the decision line and the weight vector w as its normal.
 * Click adds a point of the selected class (Shift+click the other); the keyboard moves a cursor with the
 * arrow keys, Enter/Space adds a point there, Backspace/Delete removes the last point.
 */
export function PointPlane({ points, line, selectedClass, onAddPoint, onRemoveLastPoint, disabled }: PointPlaneProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const arrowHeadId = `normal-arrow-head-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [cursor, setCursor] = useState<{ x: number; y: number } | null>(null);
  const segment = useMemo(() => (line ? decisionLineSegment(line) : null), [line]);

  // The class colours, read once per theme (reading computed styles every frame would force a style recalculation).
  const colors = useRef<{ theme: string | undefined; classA: [number, number, number]; classB: [number, number, number] } | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const image = context.createImageData(SHADE_RESOLUTION, SHADE_RESOLUTION);
    if (line) {
      const theme = document.documentElement.dataset.theme;
      let cached = colors.current;
      if (!cached || cached.theme !== theme) cached = colors.current = { theme, classA: cssColor(canvas, '--class-a'), classB: cssColor(canvas, '--class-b') };
      const { classA, classB } = cached;
      const grid = halfPlaneGrid(line, SHADE_RESOLUTION);
      const data = image.data;
      for (let i = 0; i < grid.length; i++) {
        const color = grid[i] > 0 ? classB : classA;
        data[i * 4] = color[0];
        data[i * 4 + 1] = color[1];
        data[i * 4 + 2] = color[2];
        data[i * 4 + 3] = Math.round(Math.abs(grid[i]) * 70);
      }
    }
    context.putImageData(image, 0, 0);
  }, [line]);

  const toPlane = (event: PointerEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return {
      x: x.invert(((event.clientX - box.left) / box.width) * VIEW_SIZE),
      y: y.invert(((event.clientY - box.top) / box.height) * VIEW_SIZE),
    };
  };

  const handlePointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (disabled || event.button !== 0) return;
    const position = toPlane(event);
    const label = (event.shiftKey ? 1 - selectedClass : selectedClass) as PointClass;
    onAddPoint({ ...position, label });
  };

  const handleKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const current = cursor ?? { x: 0, y: 0 };
    const moved = moveCursor(current, event.key);
    if (moved) {
      setCursor(moved);
      event.preventDefault();
    } else if ((event.key === 'Enter' || event.key === ' ') && !disabled) {
      onAddPoint({ ...current, label: selectedClass });
      setCursor(current);
      event.preventDefault();
    } else if ((event.key === 'Backspace' || event.key === 'Delete') && !disabled) {
      onRemoveLastPoint();
      event.preventDefault();
    }
  };

  const normalArrow = useMemo(() => {
    if (!segment || !line) return null;
    const mid = [(segment[0][0] + segment[1][0]) / 2, (segment[0][1] + segment[1][1]) / 2];
    const length = Math.hypot(line.w1, line.w2);
    const scale = 0.25 / length;
    return { from: mid, to: [mid[0] + line.w1 * scale, mid[1] + line.w2 * scale] };
  }, [segment, line]);

  const counts = [points.filter((p) => p.label === 0).length, points.filter((p) => p.label === 1).length];
  return (
    <div className="point-plane">
      <canvas ref={canvasRef} width={SHADE_RESOLUTION} height={SHADE_RESOLUTION} className="point-plane-shade" aria-hidden="true" />
      <svg
        viewBox={`0 0 ${VIEW_SIZE} ${VIEW_SIZE}`}
        className="point-plane-svg"
        role="application"
        tabIndex={0}
        aria-label={`Point plane with ${counts[0]} orange circles (class A) and ${counts[1]} blue squares (class B). Click to add a point of the selected class, Shift+click for the other class. Keyboard: arrow keys move the cursor, Enter adds a point, Delete removes the last one.`}
        aria-describedby={undefined}
        onPointerDown={handlePointerDown}
        onKeyDown={handleKeyDown}
        onFocus={() => setCursor((c) => c ?? { x: 0, y: 0 })}
        onBlur={() => setCursor(null)}
      >
        <g className="point-plane-grid" aria-hidden="true">
          {[-1, -0.5, 0, 0.5, 1].map((v) => (
            <g key={v}>
              <line x1={x(v)} x2={x(v)} y1={0} y2={VIEW_SIZE} className={v === 0 ? 'axis-line' : undefined} />
              <line y1={y(v)} y2={y(v)} x1={0} x2={VIEW_SIZE} className={v === 0 ? 'axis-line' : undefined} />
            </g>
          ))}
        </g>
        {segment ? <line className="decision-line" x1={x(segment[0][0])} y1={y(segment[0][1])} x2={x(segment[1][0])} y2={y(segment[1][1])} /> : null}
        {normalArrow ? (
          <g className="normal-arrow">
            <line x1={x(normalArrow.from[0])} y1={y(normalArrow.from[1])} x2={x(normalArrow.to[0])} y2={y(normalArrow.to[1])} markerEnd={`url(#${arrowHeadId})`} />
            <text x={x(normalArrow.to[0]) + 6} y={y(normalArrow.to[1]) - 6}>
              w
            </text>
          </g>
        ) : null}
        <defs>
          <marker id={arrowHeadId} viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" className="normal-arrow-head" />
          </marker>
        </defs>
        {points.map((p, i) =>
          p.label === 0 ? (
            <circle key={i} cx={x(p.x)} cy={y(p.y)} r={7} className="point point-a" />
          ) : (
            <rect key={i} x={x(p.x) - 6.5} y={y(p.y) - 6.5} width={13} height={13} className="point point-b" />
          ),
        )}
        {cursor ? (
          <g className="plane-cursor" aria-hidden="true">
            <line x1={x(cursor.x) - 12} x2={x(cursor.x) + 12} y1={y(cursor.y)} y2={y(cursor.y)} />
            <line y1={y(cursor.y) - 12} y2={y(cursor.y) + 12} x1={x(cursor.x)} x2={x(cursor.x)} />
          </g>
        ) : null}
      </svg>
      <p className="visually-hidden" aria-live="polite">
        {cursor ? `Cursor at x ${cursor.x.toFixed(2)}, y ${cursor.y.toFixed(2)}.` : ''}
      </p>
    </div>
  );
}
