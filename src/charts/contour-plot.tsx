import { memo, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { contours, geoPath, geoTransform, quantileSorted, scaleLinear } from 'd3';
import { useElementWidth } from '../hooks/use-element-width';
import { formatNumber } from './line-chart-model';
import './contour-plot.css';

/** A function sampled on a grid: `values` has layout [rows, columns], row 0 at y = yDomain[0] (the bottom). */
export interface ContourGrid {
  values: ArrayLike<number>;
  columns: number;
  rows: number;
  xDomain: [number, number];
  yDomain: [number, number];
}

/** A path drawn over the contours (data coordinates). */
export interface ContourPath {
  id: string;
  label: string;
  points: readonly (readonly [number, number])[];
  /** Any CSS colour. */
  color: string;
  dash?: string;
  /** Draw a dot at each of the newest this many points (default 0). */
  dots?: number;
}

export interface ContourPlotProps {
  grid: ContourGrid;
  /** Accessible name of the figure. */
  title: string;
  /** The text alternative: what the plot shows right now, with its key numbers. */
  description: string;
  paths: ContourPath[];
  /** Marked points, e.g. the minima (drawn as ✕) and the start (ring). */
  minima?: readonly (readonly [number, number])[];
  start?: readonly [number, number] | null;
  /** Click, or arrows + Enter, choose a point; without it the plot is not interactive. */
  onPick?: (point: [number, number]) => void;
  /** How many contour bands (default 10); their levels are quantiles of the sampled values. */
  bands?: number;
  /** Animate the newest point of each path gliding to its place (off under prefers-reduced-motion). */
  glide?: boolean;
  children?: ReactNode;
}

const FALLBACK_WIDTH = 480;
const MAX_SIZE = 520;
const PIXEL_LIMIT = 1e4;

/** A band level in at most 6 characters or so: 2 significant digits, exponents for the tiny and the huge. */
export function formatLevel(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e4 || magnitude < 1e-2)) return value.toExponential(1).replace('e+', 'e');
  return String(Number(value.toPrecision(2)));
}

/** Levels between the sampled minimum and maximum at equal-count quantiles: equal areas per band, so steep and flat regions both show. */
export function contourLevels(values: ArrayLike<number>, bands: number): number[] {
  const sorted = Array.from(values)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const levels: number[] = [];
  for (let k = 0; k < bands; k++) {
    const level = quantileSorted(sorted, k / bands) ?? 0;
    if (levels.length === 0 || level > levels[levels.length - 1]) levels.push(level);
  }
  return levels;
}

const bandFill = (k: number, count: number) => `color-mix(in srgb, var(--contour-deep) ${Math.round(100 * (1 - k / Math.max(1, count - 1)))}%, var(--contour-high))`;

/**
 * The filled bands in their own SVG, drawn once per grid and size: paths change every step on the layer above,
 * and keeping the big polygons out of that layer spares the browser repainting them (measured: most of a
 * step's cost with a software renderer).
 */
const BandLayer = memo(function BandLayer({ grid, levels, width, height }: { grid: ContourGrid; levels: number[]; width: number; height: number }) {
  const bands = useMemo(() => {
    const generator = contours().size([grid.columns, grid.rows]).thresholds(levels);
    const toPixels = geoTransform({
      point(gx, gy) {
        this.stream.point((gx / grid.columns) * width, height - (gy / grid.rows) * height);
      },
    });
    const path = geoPath(toPixels);
    return generator(Array.from(grid.values)).map((shape, k) => ({ d: path(shape) ?? '', k }));
  }, [grid, levels, width, height]);
  return (
    <svg className="contour-plot-bands" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
      <rect width={width} height={height} style={{ fill: bandFill(0, levels.length) }} />
      {bands.map(({ d, k }) => (
        <path key={k} d={d} className="contour-plot-band" style={{ fill: bandFill(k, levels.length) }} />
      ))}
    </svg>
  );
});

/**
 * Filled contours of a 2-D function (d3-contour, SVG) with paths, minima and a start marker on top, and
 * a legend of the band levels. Bands run from a deep tint (low f) to the page colour (high f) in both
 * themes. With `onPick`, clicking chooses a point; keyboard: focus the plot, move the cursor with the
 * arrow keys (Shift: bigger steps), Enter chooses it.
 */
export function ContourPlot({ grid, title, description, paths, minima = [], start = null, onPick, bands = 10, glide = false, children }: ContourPlotProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const width = Math.min(MAX_SIZE, useElementWidth(containerRef, FALLBACK_WIDTH));
  const [xLo, xHi] = grid.xDomain;
  const [yLo, yHi] = grid.yDomain;
  const height = Math.round((width * (yHi - yLo)) / (xHi - xLo));
  const [cursor, setCursor] = useState<[number, number] | null>(null);

  const levels = useMemo(() => contourLevels(grid.values, bands), [grid.values, bands]);
  const x = scaleLinear().domain(grid.xDomain).range([0, width]);
  const y = scaleLinear().domain(grid.yDomain).range([height, 0]);
  const clampPixel = (value: number) => Math.max(-PIXEL_LIMIT, Math.min(PIXEL_LIMIT, Number.isFinite(value) ? value : PIXEL_LIMIT));
  const px = (point: readonly [number, number]) => [clampPixel(x(point[0])), clampPixel(y(point[1]))] as const;

  const pick = (point: [number, number]) => onPick?.([Math.min(xHi, Math.max(xLo, point[0])), Math.min(yHi, Math.max(yLo, point[1]))]);
  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (!onPick) return;
    const rect = event.currentTarget.getBoundingClientRect();
    pick([x.invert(((event.clientX - rect.left) / rect.width) * width), y.invert(((event.clientY - rect.top) / rect.height) * height)]);
  };
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    if (!onPick) return;
    const current = cursor ?? (start ? [start[0], start[1]] : [(xLo + xHi) / 2, (yLo + yHi) / 2]);
    const fraction = event.shiftKey ? 0.1 : 0.025;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-(xHi - xLo) * fraction, 0],
      ArrowRight: [(xHi - xLo) * fraction, 0],
      ArrowUp: [0, (yHi - yLo) * fraction],
      ArrowDown: [0, -(yHi - yLo) * fraction],
    };
    if (event.key in moves) {
      event.preventDefault();
      const [dx, dy] = moves[event.key];
      setCursor([Math.min(xHi, Math.max(xLo, current[0] + dx)), Math.min(yHi, Math.max(yLo, current[1] + dy))]);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      pick([current[0], current[1]]);
    } else if (event.key === 'Escape') {
      setCursor(null);
    }
  };

  return (
    <figure className="contour-plot" role="group" aria-label={title}>
      <div ref={containerRef} className="contour-plot-area">
        <BandLayer grid={grid} levels={levels} width={width} height={height} />
        <svg
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-label={`${title}. ${description}${onPick ? ' Click to choose a start; or focus and use the arrow keys, then Enter.' : ''}`}
          tabIndex={onPick ? 0 : undefined}
          className={onPick ? 'contour-plot-overlay contour-plot-interactive' : 'contour-plot-overlay'}
          onPointerDown={onPointerDown}
          onKeyDown={onKeyDown}
          onBlur={() => setCursor(null)}
        >
          <g aria-hidden="true">
            {minima.map((point, i) => {
              const [mx, my] = px(point);
              return <path key={i} className="contour-plot-minimum" d={`M${mx - 6},${my - 6}L${mx + 6},${my + 6}M${mx - 6},${my + 6}L${mx + 6},${my - 6}`} />;
            })}
            {start ? <circle className="contour-plot-start" cx={px(start)[0]} cy={px(start)[1]} r={7} /> : null}
            {paths.map((path) => {
              const pixels = path.points.map(px);
              const d = pixels.map(([a, b], i) => `${i === 0 ? 'M' : 'L'}${a.toFixed(1)},${b.toFixed(1)}`).join('');
              const last = pixels[pixels.length - 1];
              const dots = pixels.slice(Math.max(0, pixels.length - (path.dots ?? 0)));
              return (
                <g key={path.id} className="contour-plot-path" style={{ color: path.color }}>
                  <path className="contour-plot-halo" d={d} />
                  <path className="contour-plot-line" d={d} strokeDasharray={path.dash} />
                  {dots.map(([a, b], i) => (
                    <circle key={i} className="contour-plot-dot" cx={a} cy={b} r={2.6} />
                  ))}
                  {last ? (
                    <circle className={glide ? 'contour-plot-head contour-plot-glide' : 'contour-plot-head'} r={6} style={{ transform: `translate(${last[0]}px, ${last[1]}px)` }} />
                  ) : null}
                </g>
              );
            })}
            {cursor ? (
              <g className="contour-plot-cursor" transform={`translate(${px(cursor)[0]},${px(cursor)[1]})`}>
                <circle r={9} />
                <path d="M-14,0H-5M5,0H14M0,-14V-5M0,5V14" />
              </g>
            ) : null}
          </g>
        </svg>
        {cursor ? (
          <p className="contour-plot-cursor-readout" aria-live="polite">
            Cursor at ({formatNumber(cursor[0])}, {formatNumber(cursor[1])}): press Enter to start here.
          </p>
        ) : null}
      </div>
      <figcaption className="contour-plot-legend">
        <span className="contour-plot-legend-title">f</span>
        <span className="visually-hidden">
          Contour levels from {formatNumber(levels[0])} to {formatNumber(levels[levels.length - 1])}, darker is lower.
        </span>
        <span className="contour-plot-legend-bands" aria-hidden="true" style={{ gridTemplateColumns: `repeat(${levels.length}, minmax(0, 1fr))` }}>
          {levels.map((level, k) => (
            <span key={k} className="contour-plot-legend-band">
              <span className="contour-plot-legend-swatch" style={{ background: bandFill(k, levels.length) }} aria-hidden="true" />
              <span className="contour-plot-legend-label">{k % 2 === 0 ? formatLevel(level) : '\u00a0'}</span>
            </span>
          ))}
        </span>
        {children}
      </figcaption>
    </figure>
  );
}
