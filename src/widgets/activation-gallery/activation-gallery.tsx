import { useCallback, useId, useMemo, useRef, useState, type PointerEvent } from 'react';
import { line, scaleLinear } from 'd3';
import katex from 'katex';
import { ACTIVATIONS, ACTIVATION_NAMES, type ActivationName } from '../../core/math/activations';
import { SliderField } from '../../ui/slider-field';
import { WidgetFrame } from '../../ui/widget-frame';
import {
  ACTIVATION_CAPTIONS,
  INPUT_MAX,
  INPUT_MIN,
  INPUT_STEP,
  activationGalleryReducer,
  computeCurves,
  computeReadout,
  computeTangent,
  computeValueDomain,
  computeValueTable,
  createActivationGalleryState,
  formatValue,
  type ActivationGalleryAction,
  type CurvePoint,
} from './activation-gallery-state';
import { choiceSetting, numberSetting } from '../../core/url/shared-settings';
import { useSharedSettings } from '../../hooks/use-shared-settings';
import { widgetInstanceNames } from '../training-shell/widget-instance';
import './activation-gallery.css';
import { useElementWidth } from '../../hooks/use-element-width';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';

interface ActivationGalleryProps {
  /** Activation shown first (default sigmoid). */
  initialActivation?: ActivationName;
  /** Marked input x at the start, clamped to [−5, 5] (default 1). */
  initialInput?: number;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

/** What a share link keeps: `?activation.activation=tanh&activation.input=-1.5` (the comparison table is a view choice, not kept). */
interface SharedSettings {
  activation: ActivationName;
  input: number;
}

const settingsSchema = {
  activation: choiceSetting<ActivationName>('Activation', ACTIVATION_NAMES),
  input: numberSetting({ label: 'Input x', min: INPUT_MIN, max: INPUT_MAX }),
};

const FALLBACK_WIDTH = 560;
const MARGIN = { top: 14, right: 16, bottom: 34, left: 44 };

/** KaTeX markup for a formula (display style); the sources are fixed strings checked by the tests. */
function renderMath(source: string): string {
  return katex.renderToString(source, { displayMode: true, throwOnError: true, strict: 'error' });
}

/**
 * The activation gallery: pick step, sigmoid, tanh, ReLU or leaky ReLU, see f and f' over [−5, 5],
 * drag the marked input (or use the "Input x" slider) and read f(x) and f'(x) live, with the tangent
 * line showing the slope. Computes everything on the main thread; no TF.js.
 */
export function ActivationGallery({ initialActivation, initialInput, instance }: ActivationGalleryProps) {
  const names = widgetInstanceNames('activation-gallery', 'activation', instance);
  const [defaults] = useState(() => {
    const { activation, input } = createActivationGalleryState(initialActivation, initialInput);
    return { activation, input };
  });
  const shared = useSharedSettings<SharedSettings>(names.shareNamespace, settingsSchema, defaults);
  const [compareAll, setCompareAll] = useState(false);
  // The link's input is snapped to the slider's grid like any other input.
  const state = { ...createActivationGalleryState(shared.values.activation, shared.values.input), compareAll };
  const { setValues } = shared;
  const dispatch = useCallback(
    (action: ActivationGalleryAction) => {
      if (action.type === 'setCompareAll') return setCompareAll(action.compareAll);
      setValues((current) => {
        const next = activationGalleryReducer({ ...createActivationGalleryState(current.activation, current.input), compareAll: false }, action);
        return next.activation === current.activation && next.input === current.input ? current : { activation: next.activation, input: next.input };
      });
    },
    [setValues],
  );
  const plotContainerRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(plotContainerRef, FALLBACK_WIDTH);
  const height = Math.round(Math.min(340, Math.max(230, width * 0.55)));
  const draggingRef = useRef(false);
  const clipId = `activation-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const radioName = `activation-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;

  const spec = ACTIVATIONS[state.activation];
  const curves = useMemo(() => computeCurves(spec), [spec]);
  const valueDomain = useMemo(() => computeValueDomain(curves), [curves]);
  const readout = computeReadout(state.activation, state.input);
  const tangent = computeTangent(state.activation, state.input);
  const formulaHtml = useMemo(() => renderMath(spec.formula), [spec]);
  const derivativeHtml = useMemo(() => renderMath(spec.derivativeFormula), [spec]);
  const valueTable = useMemo(() => computeValueTable(state.activation), [state.activation]);

  const x = scaleLinear()
    .domain([INPUT_MIN, INPUT_MAX])
    .range([MARGIN.left, width - MARGIN.right]);
  const y = scaleLinear()
    .domain(valueDomain)
    .range([height - MARGIN.bottom, MARGIN.top])
    .nice();
  const toPath = line<CurvePoint>()
    .x((point) => x(point.x))
    .y((point) => y(point.y));
  const xTicks = x.ticks(width < 420 ? 5 : 10);
  const yTicks = y.ticks(height < 280 ? 4 : 6);

  const inputFromPointer = (event: PointerEvent<SVGSVGElement>): number | null => {
    const rect = event.currentTarget.getBoundingClientRect();
    if (rect.width === 0) return null;
    return x.invert(((event.clientX - rect.left) / rect.width) * width);
  };
  const handlePointerDown = (event: PointerEvent<SVGSVGElement>) => {
    const input = inputFromPointer(event);
    if (input === null) return;
    draggingRef.current = true;
    if (typeof event.currentTarget.setPointerCapture === 'function') event.currentTarget.setPointerCapture(event.pointerId);
    dispatch({ type: 'setInput', input });
  };
  const handlePointerMove = (event: PointerEvent<SVGSVGElement>) => {
    if (!draggingRef.current) return;
    const input = inputFromPointer(event);
    if (input !== null) dispatch({ type: 'setInput', input });
  };
  const stopDragging = () => {
    draggingRef.current = false;
  };

  const plotLabel =
    `Plot of ${spec.displayName} f(x) and its derivative f′(x) for x from −5 to 5. ` +
    `Marked input x = ${formatValue(readout.input)}: f(x) = ${formatValue(readout.value)}, f′(x) = ${formatValue(readout.derivative)}.`;

  return (
    <WidgetFrame widgetId="activation-gallery" title="Activation gallery" state="ready">
      <LinkProblemsNotice problems={shared.problems} />
      <div className="widget-controls">
        <fieldset className="pill-choices">
          <legend>Activation</legend>
          {ACTIVATION_NAMES.map((name) => (
            <label key={name} className="pill-choice">
              <input type="radio" name={radioName} value={name} checked={state.activation === name} onChange={() => dispatch({ type: 'selectActivation', activation: name })} />
              <span>{ACTIVATIONS[name].displayName}</span>
            </label>
          ))}
        </fieldset>
        <div className="activation-gallery-slider">
          <SliderField
            label="Input x"
            value={state.input}
            min={INPUT_MIN}
            max={INPUT_MAX}
            step={INPUT_STEP}
            format={(value) => formatValue(value)}
            onChange={(input) => dispatch({ type: 'setInput', input })}
          />
        </div>
      </div>

      <div className="activation-gallery-legend" aria-hidden="true">
        <span className="activation-gallery-key activation-gallery-key-value">f(x)</span>
        <span className="activation-gallery-key activation-gallery-key-derivative">f′(x)</span>
        <span className="activation-gallery-key activation-gallery-key-tangent">tangent at x</span>
      </div>
      <div ref={plotContainerRef} className="activation-gallery-plot">
        <svg
          role="img"
          aria-label={plotLabel}
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
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
          <g className="activation-gallery-grid">
            {yTicks.map((tick) => (
              <line key={`gy${tick}`} x1={MARGIN.left} x2={width - MARGIN.right} y1={y(tick)} y2={y(tick)} />
            ))}
            {xTicks.map((tick) => (
              <line key={`gx${tick}`} x1={x(tick)} x2={x(tick)} y1={MARGIN.top} y2={height - MARGIN.bottom} />
            ))}
          </g>
          <g className="activation-gallery-zero">
            <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(0)} y2={y(0)} />
            <line x1={x(0)} x2={x(0)} y1={MARGIN.top} y2={height - MARGIN.bottom} />
          </g>
          <g className="activation-gallery-axis">
            {xTicks.map((tick) => (
              <text key={`tx${tick}`} x={x(tick)} y={height - MARGIN.bottom + 20} textAnchor="middle">
                {formatTick(tick)}
              </text>
            ))}
            {yTicks.map((tick) => (
              <text key={`ty${tick}`} x={MARGIN.left - 8} y={y(tick)} dy="0.35em" textAnchor="end">
                {formatTick(tick)}
              </text>
            ))}
          </g>
          <g clipPath={`url(#${clipId})`}>
            <line className="activation-gallery-guide" x1={x(state.input)} x2={x(state.input)} y1={MARGIN.top} y2={height - MARGIN.bottom} />
            {curves.value.map((segment, index) => (
              <path key={`f${index}`} className="activation-gallery-value" d={toPath(segment) ?? ''} />
            ))}
            {curves.derivative.map((segment, index) => (
              <path key={`d${index}`} className="activation-gallery-derivative" d={toPath(segment) ?? ''} />
            ))}
            <line className="activation-gallery-tangent" x1={x(tangent.from.x)} y1={y(tangent.from.y)} x2={x(tangent.to.x)} y2={y(tangent.to.y)} />
            <circle className="activation-gallery-derivative-point" cx={x(state.input)} cy={y(readout.derivative)} r={5} />
            <circle className="activation-gallery-value-point" cx={x(state.input)} cy={y(readout.value)} r={8} />
          </g>
        </svg>
      </div>
      <p className="widget-caption">Drag across the plot, or use the “Input x” slider (arrow keys), to move the marked input.</p>

      <div className="activation-gallery-details">
        <div className="activation-gallery-formulas" aria-label={`Formulas for ${spec.displayName}`} role="group">
          <div dangerouslySetInnerHTML={{ __html: formulaHtml }} />
          <div dangerouslySetInnerHTML={{ __html: derivativeHtml }} />
        </div>
        <div>
          <dl className="widget-readout activation-gallery-readout" aria-live="polite">
            <div>
              <dt>x</dt>
              <dd data-testid="readout-input">{formatValue(readout.input)}</dd>
            </div>
            <div>
              <dt>f(x)</dt>
              <dd data-testid="readout-value">{formatValue(readout.value)}</dd>
            </div>
            <div>
              <dt>f′(x)</dt>
              <dd data-testid="readout-derivative">{formatValue(readout.derivative)}</dd>
            </div>
          </dl>
          {readout.note ? <p className="activation-gallery-note">{readout.note}</p> : null}
        </div>
      </div>
      <p className="activation-gallery-caption">
        <strong>{spec.displayName}:</strong> {ACTIVATION_CAPTIONS[state.activation]}
      </p>

      <div className="visually-hidden">
        <table>
          <caption>{spec.displayName} and its derivative at whole-number inputs</caption>
          <thead>
            <tr>
              <th scope="col">x</th>
              <th scope="col">f(x)</th>
              <th scope="col">f′(x)</th>
            </tr>
          </thead>
          <tbody>
            {valueTable.map((row) => (
              <tr key={row.input}>
                <td>{formatValue(row.input)}</td>
                <td>{formatValue(row.value)}</td>
                <td>{formatValue(row.derivative)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="activation-gallery-compare">
        <label className="activation-gallery-toggle">
          <input type="checkbox" checked={state.compareAll} onChange={(event) => dispatch({ type: 'setCompareAll', compareAll: event.target.checked })} />
          Compare all five at this x
        </label>
        {state.compareAll ? (
          <div className="table-scroll">
            <table className="activation-gallery-table">
              <caption>All activations at x = {formatValue(state.input)}</caption>
              <thead>
                <tr>
                  <th scope="col">Activation</th>
                  <th scope="col">f(x)</th>
                  <th scope="col">f′(x)</th>
                </tr>
              </thead>
              <tbody>
                {ACTIVATION_NAMES.map((name) => {
                  const row = computeReadout(name, state.input);
                  return (
                    <tr key={name} aria-current={name === state.activation ? 'true' : undefined}>
                      <th scope="row">{ACTIVATIONS[name].displayName}</th>
                      <td>{formatValue(row.value)}</td>
                      <td>{formatValue(row.derivative)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
      </div>
    </WidgetFrame>
  );
}

/** Tick labels with a real minus sign. */
function formatTick(value: number): string {
  return String(Number(value.toFixed(2))).replace('-', '−');
}
