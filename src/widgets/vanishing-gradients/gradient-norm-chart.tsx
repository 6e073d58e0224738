import { memo, useRef } from 'react';
import { scaleLinear, scalePoint } from 'd3';
import { useElementWidth } from '../../hooks/use-element-width';
import {
  ACTIVATION_LABELS,
  NORM_FLOOR,
  decadeTicks,
  describeProfiles,
  formatDecade,
  formatNorm,
  logDomain,
  VANISHING_ACTIVATIONS,
  type NormProfile,
  type VanishingActivation,
} from './vanishing-gradients-state';

interface GradientNormChartProps {
  /** One profile per activation (null where no norms have arrived yet), in column order. */
  profiles: ReadonlyArray<NormProfile | null>;
  /** Each run's first profile since its reset, drawn dashed and faint when it is from an earlier step. */
  startProfiles: ReadonlyArray<NormProfile | null>;
  /** Number of layers with weights (hidden layers + the output layer), for the x axis before any norms arrive. */
  layerCount: number;
  height?: number;
}

const FALLBACK_WIDTH = 640;
const MARGIN = { top: 16, right: 18, bottom: 46, left: 62 };
export const ACTIVATION_COLORS: Record<VanishingActivation, string> = { sigmoid: 'var(--class-a)', tanh: 'var(--vg-tanh)', relu: 'var(--accent)' };

/** A marker per activation, so the lines differ in shape as well as colour. */
function Marker({ activation, x, y, hollow = false }: { activation: VanishingActivation; x: number; y: number; hollow?: boolean }) {
  const color = ACTIVATION_COLORS[activation];
  const paint = hollow ? { fill: 'var(--surface)', stroke: color, strokeWidth: 1.8 } : { fill: color };
  if (activation === 'sigmoid') return <circle cx={x} cy={y} r={5} {...paint} />;
  if (activation === 'tanh') return <rect x={x - 4.5} y={y - 4.5} width={9} height={9} {...paint} />;
  return <path d={`M${x},${y - 6} L${x + 6},${y + 4.5} L${x - 6},${y + 4.5} Z`} {...paint} />;
}

/**
 * ‖∂L/∂W_l‖ per layer for each activation on a log₁₀ axis: layer 1 (next to the input) on the left, the output layer
 * on the right. SVG drawn by React from D3 scales; its accessible name gives each activation's first and last norms.
 */
export const GradientNormChart = memo(function GradientNormChart({ profiles, startProfiles, layerCount, height = 300 }: GradientNormChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const width = Math.max(280, useElementWidth(containerRef, FALLBACK_WIDTH));
  const earlier = startProfiles.filter((start, i) => start !== null && profiles[i] !== null && start.step < (profiles[i]?.step ?? 0));
  const domain = logDomain([...profiles, ...earlier]);
  const layers = Array.from({ length: layerCount }, (_, i) => i + 1);
  const x = scalePoint<number>()
    .domain(layers)
    .range([MARGIN.left + 10, width - MARGIN.right - 10]);
  const y = scaleLinear()
    .domain(domain)
    .range([height - MARGIN.bottom, MARGIN.top]);
  const logOf = (norm: number) => Math.log10(Math.max(NORM_FLOOR, norm));
  const ticks = decadeTicks(domain, height < 260 ? 5 : 8);
  const labelEvery = Math.ceil(layerCount / Math.max(4, Math.floor((width - MARGIN.left) / 34)));

  return (
    <div ref={containerRef} className="vg-chart">
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={describeProfiles(profiles, startProfiles)}>
        <g className="vg-grid">
          {ticks.map((tick) => (
            <line key={tick} x1={MARGIN.left} x2={width - MARGIN.right} y1={y(tick)} y2={y(tick)} />
          ))}
        </g>
        <g className="vg-axis">
          {ticks.map((tick) => (
            <text key={tick} x={MARGIN.left - 8} y={y(tick)} dy="0.35em" textAnchor="end">
              {formatDecade(tick)}
            </text>
          ))}
          {layers.map((layer) =>
            layer === layerCount || (layer - 1) % labelEvery === 0 ? (
              <text key={layer} x={x(layer)} y={height - MARGIN.bottom + 20} textAnchor="middle">
                {layer === layerCount ? 'out' : layer}
              </text>
            ) : null,
          )}
          <text x={(MARGIN.left + width - MARGIN.right) / 2} y={height - 6} textAnchor="middle" className="vg-axis-title">
            Layer (1 = next to the input)
          </text>
          <text transform={`translate(14,${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)`} textAnchor="middle" className="vg-axis-title">
            ‖∂L/∂W‖
          </text>
        </g>
        {earlier.map((profile) => {
          if (!profile) return null;
          const points = profile.norms.map((norm, i) => [x(i + 1) ?? 0, y(logOf(norm))] as const);
          return (
            <g key={`start-${profile.activation}`} className="vg-start" data-start-activation={profile.activation}>
              <path className="vg-line vg-line-start" d={`M${points.map(([px, py]) => `${px},${py}`).join(' L')}`} stroke={ACTIVATION_COLORS[profile.activation]} />
              {points.map(([px, py], i) => (
                <Marker key={i} activation={profile.activation} x={px} y={py} hollow />
              ))}
            </g>
          );
        })}
        {profiles.map((profile) => {
          if (!profile) return null;
          const points = profile.norms.map((norm, i) => [x(i + 1) ?? 0, y(logOf(norm))] as const);
          return (
            <g key={profile.activation} data-activation={profile.activation}>
              <path className="vg-line" d={`M${points.map(([px, py]) => `${px},${py}`).join(' L')}`} stroke={ACTIVATION_COLORS[profile.activation]} />
              {points.map(([px, py], i) => (
                <Marker key={i} activation={profile.activation} x={px} y={py} />
              ))}
            </g>
          );
        })}
      </svg>
      <ul className="vg-legend" aria-hidden="true">
        {VANISHING_ACTIVATIONS.map((activation) => (
          <li key={activation}>
            <svg width={24} height={14} viewBox="0 0 24 14">
              <line x1={0} x2={24} y1={7} y2={7} stroke={ACTIVATION_COLORS[activation]} strokeWidth={2.5} />
              <Marker activation={activation} x={12} y={7} />
            </svg>
            {ACTIVATION_LABELS[activation]}
          </li>
        ))}
        {earlier.length > 0 ? (
          <li>
            <svg width={24} height={14} viewBox="0 0 24 14">
              <line x1={0} x2={24} y1={7} y2={7} className="vg-line-start" stroke="var(--text-muted)" strokeWidth={2} />
            </svg>
            dashed, hollow: at step {earlier[0]?.step}
          </li>
        ) : null}
      </ul>
      <table className="visually-hidden">
        <caption>Gradient norm of each layer&apos;s weights</caption>
        <thead>
          <tr>
            <th scope="col">Layer</th>
            {VANISHING_ACTIVATIONS.map((activation) => (
              <th key={activation} scope="col">
                {ACTIVATION_LABELS[activation]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {layers.map((layer) => (
            <tr key={layer}>
              <th scope="row">{layer === layerCount ? 'output' : layer}</th>
              {VANISHING_ACTIVATIONS.map((activation) => (
                <td key={activation}>{formatNorm(profiles.find((profile) => profile?.activation === activation)?.norms[layer - 1])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
