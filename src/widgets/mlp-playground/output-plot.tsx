import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { PLANE_RADIUS, type DataPoint, type ProblemType } from './mlp-datasets';
import { classColor } from './mlp-heatmap';
import { snapToLinkGrid } from './mlp-settings';
import { HeatmapCanvas } from './heatmap-canvas';
import type { PlotColors } from './use-plot-colors';

interface OutputPlotProps {
  size: number;
  /** The output heatmap (resolution² pixels). */
  resolution: number;
  paint: ((pixels: Uint8ClampedArray) => void) | null;
  train: readonly DataPoint[];
  test: readonly DataPoint[];
  showTest: boolean;
  problem: ProblemType;
  classCount: number;
  colors: PlotColors;
  /** Text alternative of the heatmap and points. */
  label: string;
  /** Drawing mode: clicks and Enter add a point of `drawClass` (a drawing widget passes this). */
  draw: { drawClass: number; disabled: boolean; onAdd: (point: DataPoint) => void; onRemoveLast: () => void } | null;
}

const TICKS = [-6, -3, 0, 3, 6];
const CURSOR_STEP = 0.4;

const rgb = (color: readonly [number, number, number]) => `rgb(${color[0]}, ${color[1]}, ${color[2]})`;

/** The class's marker: circle, square, triangle, diamond (shape and colour both tell the classes apart). */
function traceMarker(context: CanvasRenderingContext2D, shape: number, x: number, y: number, r: number): void {
  context.beginPath();
  switch (shape % 4) {
    case 0:
      context.arc(x, y, r, 0, 2 * Math.PI);
      break;
    case 1:
      context.rect(x - r * 0.88, y - r * 0.88, r * 1.76, r * 1.76);
      break;
    case 2:
      context.moveTo(x, y - r * 1.15);
      context.lineTo(x + r * 1.05, y + r * 0.75);
      context.lineTo(x - r * 1.05, y + r * 0.75);
      context.closePath();
      break;
    default:
      context.moveTo(x, y - r * 1.2);
      context.lineTo(x + r * 1.2, y);
      context.lineTo(x, y + r * 1.2);
      context.lineTo(x - r * 1.2, y);
      context.closePath();
  }
}

/** The marker colour of a point: its class's colour, or for regression orange (−1) through blue (+1). */
function pointColor(point: DataPoint, problem: ProblemType, classCount: number, colors: PlotColors): string {
  const { palette } = colors;
  if (problem === 'classification') return rgb(classColor(palette, Math.round(point.label), classCount));
  const t = Math.max(-1, Math.min(1, point.label));
  const target = t < 0 ? palette.negative : palette.positive;
  const mix = 0.35 + 0.65 * Math.abs(t);
  return rgb([0, 1, 2].map((i) => palette.neutral[i] + (target[i] - palette.neutral[i]) * mix) as unknown as [number, number, number]);
}

/**
 * The plane [-6, 6]²: the network's output as a heatmap, the training points (filled, outlined in the page's
 * surface colour) and, when shown, the test points (outlined in the text colour). In drawing mode a click adds a
 * point; from the keyboard, arrows move a cross-hair, Enter or Space adds a point there, Backspace removes the last.
 */
export function OutputPlot({ size, resolution, paint, train, test, showTest, problem, classCount, colors, label, draw }: OutputPlotProps) {
  const pointsRef = useRef<HTMLCanvasElement>(null);
  const [cursor, setCursor] = useState<{ x: number; y: number } | null>(null);
  const toPixel = (value: number, flip: boolean) => ((flip ? -value : value) / PLANE_RADIUS + 1) * (size / 2);

  useEffect(() => {
    const canvas = pointsRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(size * ratio);
    canvas.height = Math.round(size * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, size, size);
    const radius = size >= 280 ? 3.6 : 3;
    const drawPoints = (points: readonly DataPoint[], isTest: boolean) => {
      context.lineWidth = isTest ? 1.8 : 1.1;
      context.strokeStyle = isTest ? colors.ink : colors.paper;
      for (const point of points) {
        context.fillStyle = pointColor(point, problem, classCount, colors);
        traceMarker(context, problem === 'classification' ? Math.round(point.label) : 0, toPixel(point.x, false), toPixel(point.y, true), radius);
        context.fill();
        context.stroke();
      }
    };
    drawPoints(train, false);
    if (showTest) drawPoints(test, true);
    // toPixel depends only on size.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [train, test, showTest, problem, classCount, colors, size]);

  const fromEvent = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * 2 * PLANE_RADIUS - PLANE_RADIUS;
    const y = PLANE_RADIUS - ((event.clientY - box.top) / box.height) * 2 * PLANE_RADIUS;
    return { x: snapToLinkGrid(x), y: snapToLinkGrid(y) };
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!draw || draw.disabled) return;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const current = cursor ?? { x: 0, y: 0 };
    if (moves[event.key]) {
      event.preventDefault();
      const [dx, dy] = moves[event.key];
      setCursor({ x: snapToLinkGrid(current.x + dx * CURSOR_STEP), y: snapToLinkGrid(current.y + dy * CURSOR_STEP) });
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      setCursor(current);
      draw.onAdd({ ...current, label: problem === 'regression' ? (draw.drawClass === 1 ? 1 : -1) : draw.drawClass });
    } else if (event.key === 'Backspace' || event.key === 'Delete') {
      event.preventDefault();
      draw.onRemoveLast();
    }
  };

  const drawing = draw !== null && !draw.disabled;
  return (
    <div className="mlp-plot">
      <div className="mlp-plot-y-ticks" aria-hidden="true" style={{ height: size }}>
        {TICKS.map((tick) => (
          <span key={tick} style={{ top: toPixel(tick, true) }}>
            {tick}
          </span>
        ))}
      </div>
      <div>
        <div
          className={drawing ? 'mlp-plot-area mlp-plot-drawing' : 'mlp-plot-area'}
          style={{ width: size, height: size }}
          role={draw ? 'application' : 'img'}
          aria-label={
            draw ? `${label} Drawing: click to add a point; or use the arrow keys to move the cross-hair, Enter to add a point, Backspace to remove the last one.` : label
          }
          aria-roledescription={draw ? 'drawing area' : undefined}
          tabIndex={draw ? 0 : undefined}
          onKeyDown={onKeyDown}
          onBlur={() => setCursor(null)}
          onPointerDown={(event) => {
            if (!drawing || event.button !== 0) return;
            const point = fromEvent(event);
            draw.onAdd({ ...point, label: problem === 'regression' ? (draw.drawClass === 1 ? 1 : -1) : draw.drawClass });
          }}
        >
          <HeatmapCanvas resolution={resolution} size={size} paint={paint} className="mlp-plot-heatmap" />
          <canvas ref={pointsRef} className="mlp-plot-points" style={{ width: size, height: size }} aria-hidden="true" />
          {cursor && drawing ? (
            <svg className="mlp-plot-cursor" width={size} height={size} aria-hidden="true">
              <line x1={toPixel(cursor.x, false) - 9} x2={toPixel(cursor.x, false) + 9} y1={toPixel(cursor.y, true)} y2={toPixel(cursor.y, true)} />
              <line x1={toPixel(cursor.x, false)} x2={toPixel(cursor.x, false)} y1={toPixel(cursor.y, true) - 9} y2={toPixel(cursor.y, true) + 9} />
            </svg>
          ) : null}
        </div>
        <div className="mlp-plot-x-ticks" aria-hidden="true" style={{ width: size }}>
          {TICKS.map((tick) => (
            <span key={tick} style={{ left: toPixel(tick, false) }}>
              {tick}
            </span>
          ))}
        </div>
        {drawing && cursor ? (
          <p className="widget-caption" aria-live="polite">
            Cross-hair at x₁ = {cursor.x}, x₂ = {cursor.y}
          </p>
        ) : null}
      </div>
    </div>
  );
}
