import { useMemo, useRef } from 'react';
import katex from 'katex';
import { formatCount, formatFloat32Bytes } from '../../core/math/layer-counts';
import { numberSetting, type SettingsSchema } from '../../core/url/shared-settings';
import { useElementWidth } from '../../hooks/use-element-width';
import { useSharedSettings } from '../../hooks/use-shared-settings';
import { NumberField } from '../../ui/number-field';
import { WidgetFrame } from '../../ui/widget-frame';
import { widgetInstanceNames } from '../training-shell/widget-instance';
import {
  DEFAULT_SETTINGS,
  SETTING_RULES,
  computeParameterView,
  formatRatio,
  parameterFormulasLatex,
  type CountBar,
  type ParameterCalculatorSettings,
} from './parameter-calculator-state';
import './parameter-calculator.css';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';

interface ParameterCalculatorProps {
  /** Starting image height (default 224). */
  height?: number;
  /** Starting image width (default 224). */
  width?: number;
  /** Starting channels (default 3). */
  channels?: number;
  /** Starting hidden units of the dense layer (default 1000). */
  units?: number;
  /** Starting number of filters (default 64). */
  filters?: number;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

const settingsSchema = Object.fromEntries(
  (Object.keys(SETTING_RULES) as (keyof ParameterCalculatorSettings)[]).map((key) => [key, numberSetting(SETTING_RULES[key])]),
) as SettingsSchema<ParameterCalculatorSettings>;

const renderMath = (latex: string) => katex.renderToString(latex, { displayMode: true, throwOnError: false, strict: 'ignore' });

const BAR_HEIGHT = 30;
const BAR_GAP = 14;
const LABEL_WIDTH = 250;

/** The four counts as horizontal bars on a logarithmic axis (one grid line per power of ten). */
function LogBars({ bars, axisMaxLog10, width }: { bars: CountBar[]; axisMaxLog10: number; width: number }) {
  const labelWidth = width < 560 ? 0 : LABEL_WIDTH;
  const plotLeft = labelWidth + 8;
  const plotWidth = Math.max(120, width - plotLeft - 150);
  const rowHeight = labelWidth === 0 ? BAR_HEIGHT + 22 : BAR_HEIGHT;
  const top = 8;
  const height = top + bars.length * (rowHeight + BAR_GAP) + 26;
  const x = (log10: number) => plotLeft + (log10 / axisMaxLog10) * plotWidth;
  const tickStep = axisMaxLog10 > 12 ? 3 : axisMaxLog10 > 6 ? 2 : 1;
  const ticks = Array.from({ length: Math.floor(axisMaxLog10 / tickStep) + 1 }, (_, i) => i * tickStep);
  const description = bars.map((bar) => `${bar.label}: ${bar.text}`).join('; ');
  return (
    <svg
      className="parameter-calculator-bars"
      role="img"
      aria-label={`Counts on a logarithmic scale, one grid line per power of ten. ${description}.`}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
    >
      {ticks.map((tick) => (
        <g key={tick}>
          <line className="parameter-calculator-grid" x1={x(tick)} x2={x(tick)} y1={top - 4} y2={height - 22} />
          <text className="parameter-calculator-tick" x={x(tick)} y={height - 6} textAnchor="middle">
            10
            <tspan dy="-6" fontSize="11">
              {tick}
            </tspan>
          </text>
        </g>
      ))}
      {bars.map((bar, index) => {
        const y = top + index * (rowHeight + BAR_GAP);
        const barY = labelWidth === 0 ? y + 20 : y;
        const end = Math.max(x(bar.log10), plotLeft + 3);
        return (
          <g key={bar.key}>
            <text
              className="parameter-calculator-bar-label"
              x={labelWidth === 0 ? plotLeft : labelWidth}
              y={labelWidth === 0 ? y + 13 : barY + BAR_HEIGHT / 2 + 5}
              textAnchor={labelWidth === 0 ? 'start' : 'end'}
            >
              {bar.label}
            </text>
            <rect className={`parameter-calculator-bar parameter-calculator-bar-${bar.layer}`} x={plotLeft} y={barY} width={end - plotLeft} height={BAR_HEIGHT} rx={4} />
            <text className="parameter-calculator-bar-value" x={end + 8} y={barY + BAR_HEIGHT / 2 + 5}>
              {bar.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/**
 * Parameter calculator: a fully connected layer of N units on an H×W×C image (× T video frames) against a
 * convolution of F filters of K×K. Weights H·W·C·T·N + N against K·K·C·F + F, their outputs and multiply–adds,
 * exact (BigInt) with thousands separators, on a log-scale bar chart, with the ratio.
 */
export function ParameterCalculator({ height, width, channels, units, filters, instance }: ParameterCalculatorProps) {
  const names = widgetInstanceNames('parameter-calculator', 'params', instance);
  const defaults = useMemo<ParameterCalculatorSettings>(
    () => ({ ...DEFAULT_SETTINGS, ...clean({ height, width, channels, units, filters }) }),
    [height, width, channels, units, filters],
  );
  const shared = useSharedSettings<ParameterCalculatorSettings>(names.shareNamespace, settingsSchema, defaults);
  const settings = shared.values;
  const { setValues } = shared;
  const view = useMemo(() => computeParameterView(settings), [settings]);
  const formulas = useMemo(() => {
    const latex = parameterFormulasLatex(settings, view);
    return { dense: renderMath(latex.dense), conv: renderMath(latex.conv) };
  }, [settings, view]);
  const chartRef = useRef<HTMLDivElement>(null);
  const chartWidth = Math.min(900, useElementWidth(chartRef, 720));

  const field = (key: keyof ParameterCalculatorSettings, hint?: string) => (
    <NumberField {...SETTING_RULES[key]} value={settings[key]} hint={hint} onChange={(value) => setValues((current) => ({ ...current, [key]: value }))} />
  );
  const convOutput = `${formatCount(view.conv.outputHeight)}×${formatCount(view.conv.outputWidth)}×${formatCount(settings.filters)}${settings.frames > 1 ? ` ×${formatCount(settings.frames)} frames` : ''}`;

  return (
    <WidgetFrame widgetId="parameter-calculator" domId={names.domId} title="Fully connected or convolution: count the weights" state="ready">
      <LinkProblemsNotice problems={shared.problems} />
      <div className="parameter-calculator-controls">
        <fieldset className="parameter-calculator-group">
          <legend>Input image</legend>
          {field('height', 'pixels')}
          {field('width', 'pixels')}
          {field('channels', '3 for RGB')}
          {field('frames', '1 for a still image')}
        </fieldset>
        <fieldset className="parameter-calculator-group parameter-calculator-group-dense">
          <legend>Fully connected layer</legend>
          {field('units', 'N neurons')}
        </fieldset>
        <fieldset className="parameter-calculator-group parameter-calculator-group-conv">
          <legend>Convolution layer</legend>
          {field('filters', 'F output channels')}
          {field('kernel', 'K×K window')}
          {field('stride', 'zero padding')}
        </fieldset>
        <div className="button-row parameter-calculator-reset">
          <button type="button" className="button" onClick={() => setValues(defaults)}>
            Reset
          </button>
        </div>
      </div>
      {view.kernelNote ? <p className="widget-notice">{view.kernelNote}</p> : null}

      <p className="parameter-calculator-headline" aria-live="polite">
        The fully connected layer has <strong data-testid="parameter-ratio">{formatRatio(view.parameterRatio)}×</strong> as many parameters as the convolution
        {view.multiplyAddRatio !== view.parameterRatio ? (
          <>
            {' '}
            and does <strong data-testid="multiply-add-ratio">{formatRatio(view.multiplyAddRatio)}×</strong> as many multiply–adds
          </>
        ) : null}
        .
      </p>

      <div className="parameter-calculator-formulas">
        <div className="parameter-calculator-formula parameter-calculator-formula-dense">
          <span className="parameter-calculator-formula-label">Fully connected, every input to every unit</span>
          <div dangerouslySetInnerHTML={{ __html: formulas.dense }} />
        </div>
        <div className="parameter-calculator-formula parameter-calculator-formula-conv">
          <span className="parameter-calculator-formula-label">Convolution, one small kernel per filter, shared by every position</span>
          <div dangerouslySetInnerHTML={{ __html: formulas.conv }} />
        </div>
      </div>

      <div className="table-scroll">
        <table className="parameter-calculator-table">
          <caption className="visually-hidden">Counts of the two layers for one example</caption>
          <thead>
            <tr>
              <th scope="col">Count</th>
              <th scope="col">Fully connected</th>
              <th scope="col">Convolution</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Inputs (H·W·C{settings.frames > 1 ? '·T' : ''})</th>
              <td>{formatCount(view.dense.inputs)}</td>
              <td>{formatCount(view.conv.inputs)}</td>
            </tr>
            <tr>
              <th scope="row">Parameters</th>
              <td data-testid="dense-parameters">{formatCount(view.dense.parameters)}</td>
              <td data-testid="conv-parameters">{formatCount(view.conv.parameters)}</td>
            </tr>
            <tr>
              <th scope="row">Weights as float32</th>
              <td>{formatFloat32Bytes(view.dense.parameters)}</td>
              <td>{formatFloat32Bytes(view.conv.parameters)}</td>
            </tr>
            <tr>
              <th scope="row">Outputs (activations)</th>
              <td data-testid="dense-outputs">{formatCount(view.dense.outputs)}</td>
              <td data-testid="conv-outputs">
                {formatCount(view.conv.outputs)} <span className="parameter-calculator-shape">({convOutput})</span>
              </td>
            </tr>
            <tr>
              <th scope="row">Multiply–adds</th>
              <td data-testid="dense-multiply-adds">{formatCount(view.dense.multiplyAdds)}</td>
              <td data-testid="conv-multiply-adds">{formatCount(view.conv.multiplyAdds)}</td>
            </tr>
          </tbody>
        </table>
      </div>

      <div ref={chartRef} className="parameter-calculator-chart">
        <LogBars bars={view.bars} axisMaxLog10={view.axisMaxLog10} width={chartWidth} />
      </div>
      <p className="widget-caption">
        Logarithmic scale: each grid line is ten times the one before. The convolution&apos;s parameters do not depend on the image size at all; its multiply–adds do, because the
        same kernel is applied at every position.
        {settings.frames > 1
          ? ` With ${formatCount(settings.frames)} frames the fully connected layer reads ${formatCount(settings.frames)}× as many inputs and needs ${formatCount(settings.frames)}× the weights; the convolution, applied frame by frame, keeps its weights.`
          : ' A video clip of T frames multiplies the fully connected layer’s inputs, and so its weights, by T: try Video frames.'}
      </p>
    </WidgetFrame>
  );
}

/** Props that are valid whole numbers within their rules (others are ignored). */
function clean(props: Partial<Record<keyof ParameterCalculatorSettings, number | undefined>>): Partial<ParameterCalculatorSettings> {
  const result: Partial<ParameterCalculatorSettings> = {};
  for (const [key, value] of Object.entries(props) as [keyof ParameterCalculatorSettings, number | undefined][]) {
    const rule = SETTING_RULES[key];
    if (value !== undefined && Number.isInteger(value) && value >= rule.min && value <= rule.max) result[key] = value;
  }
  return result;
}
