import { useId } from 'react';
import { LUT_SIZE, describeColorScale, getColorLut } from './image-grid-model';
import type { ColorMode } from './image-grid-model';
import { formatNumber } from './line-chart-model';
import './charts.css';

/** Props of {@link ColorLegend}. */
export interface ColorLegendProps {
  colorMode: ColorMode;
  /** The domain the images were painted with (for 'diverging', the symmetric `[-m, m]`). */
  domain: [number, number];
  /** Width of the gradient bar in CSS pixels. Default 200. */
  width?: number;
  /** Add a magenta swatch labelled "NaN" (when some value is not finite). */
  showNonFinite?: boolean;
  format?: (v: number) => string;
}

const STOP_COUNT = 17;
const BAR_HEIGHT = 14;
const PAD_X = 24;

/**
 * A horizontal colour bar (SVG linear gradient sampled from the same lookup table as the images)
 * with tick labels at the minimum, 0 (when inside the domain) and the maximum.
 */
export function ColorLegend({ colorMode, domain, width = 200, showNonFinite = false, format = formatNumber }: ColorLegendProps) {
  const gradientId = `color-legend-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const lut = getColorLut(colorMode);
  const [lo, hi] = domain;
  const stops = Array.from({ length: STOP_COUNT }, (_, k) => {
    const t = k / (STOP_COUNT - 1);
    const i = Math.round(t * (LUT_SIZE - 1));
    return { offset: `${(t * 100).toFixed(2)}%`, color: `rgb(${lut[3 * i]}, ${lut[3 * i + 1]}, ${lut[3 * i + 2]})` };
  });
  const position = (v: number) => PAD_X + (hi > lo ? ((v - lo) / (hi - lo)) * width : width / 2);
  const ticks = [lo, ...(lo < 0 && hi > 0 ? [0] : []), hi];
  const totalWidth = width + 2 * PAD_X;
  return (
    <div className="color-legend">
      <svg width={totalWidth} height={BAR_HEIGHT + 26} role="img" aria-label={`Colour scale from ${describeColorScale(colorMode, domain)}`}>
        <defs>
          <linearGradient id={gradientId} x1="0" x2="1" y1="0" y2="0">
            {stops.map((s) => (
              <stop key={s.offset} offset={s.offset} stopColor={s.color} />
            ))}
          </linearGradient>
        </defs>
        <rect className="color-legend-bar" x={PAD_X} y={1} width={width} height={BAR_HEIGHT} fill={`url(#${gradientId})`} />
        {ticks.map((v, k) => (
          <g key={k} className="color-legend-tick" transform={`translate(${position(v)},${BAR_HEIGHT + 1})`}>
            <line y2="5" />
            <text y="19" textAnchor="middle">
              {format(v)}
            </text>
          </g>
        ))}
      </svg>
      {showNonFinite ? (
        <span className="color-legend-nan">
          <span className="color-legend-nan-swatch" aria-hidden="true" /> NaN
        </span>
      ) : null}
    </div>
  );
}
