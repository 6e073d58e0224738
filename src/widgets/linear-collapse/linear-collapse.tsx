import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { line, scaleLinear } from 'd3';
import katex from 'katex';
import type { AffineMap } from '../../core/math/affine-map';
import { commitTypedNumber, formatBound } from '../../core/validation/parse-number-input';
import { WidgetFrame } from '../../ui/widget-frame';
import {
  BETWEEN_LAYERS_OPTIONS,
  ENTRY_LIMIT,
  computeLinearCollapseView,
  computeSharedExtent,
  createGrid,
  createLinearCollapseState,
  describeCorners,
  describeEntry,
  equivalentMapLatex,
  formatEntry,
  linearCollapseReducer,
  parseLayers,
  serializeLayers,
  type BetweenLayers,
  type EntryAddress,
  type LinearCollapseAction,
  type LinearCollapseState,
  type Polyline,
} from './linear-collapse-state';
import { choiceSetting, numberSetting, type SettingParser } from '../../core/url/shared-settings';
import { useSharedSettings } from '../../hooks/use-shared-settings';
import { widgetInstanceNames } from '../training-shell/widget-instance';
import './linear-collapse.css';
import { useElementWidth } from '../../hooks/use-element-width';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';

interface LinearCollapseProps {
  /** Seed for the starting weights and for every "Randomize" (default 2). */
  seed?: number;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

/** What a share link keeps: `?collapse.between=relu&collapse.draws=3&collapse.weights=0.5,-1,…` (the 17 entries). */
interface SharedSettings {
  between: BetweenLayers;
  draws: number;
  weights: string;
}

const weightsSetting: SettingParser<string> = (raw) => {
  const parsed = parseLayers(raw);
  return 'problem' in parsed ? { problem: `the weights in the link: ${parsed.problem}` } : { value: serializeLayers(parsed.layers) };
};

const settingsSchema = {
  between: choiceSetting<BetweenLayers>(
    'Between the layers',
    BETWEEN_LAYERS_OPTIONS.map((option) => option.value),
  ),
  draws: numberSetting({ label: 'Randomize count', min: 0, max: 1_000_000, integer: true }),
  weights: weightsSetting,
};

const toSettings = (state: LinearCollapseState): SharedSettings => ({ between: state.between, draws: state.draws, weights: serializeLayers(state) });

function fromSettings(settings: SharedSettings, seed: number): LinearCollapseState {
  const parsed = parseLayers(settings.weights);
  const layers = 'layers' in parsed ? parsed.layers : createLinearCollapseState(seed);
  return { layer1: layers.layer1, layer2: layers.layer2, between: settings.between, draws: settings.draws, seed };
}

const FALLBACK_PANEL_SIZE = 240;
const PANEL_PADDING = 8;

interface EntryInputProps {
  address: EntryAddress;
  value: number;
  invalid: boolean;
  onCommit: (value: number) => void;
  onMessage: (message: string | null) => void;
}

/** One editable matrix or bias entry: validated when the learner presses Enter or leaves the field. */
function EntryInput({ address, value, invalid, onCommit, onMessage }: EntryInputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const label = describeEntry(address);
  const commit = () => {
    if (draft === null) return;
    const committed = commitTypedNumber(draft, { label, min: -ENTRY_LIMIT, max: ENTRY_LIMIT }, formatBound(value));
    onMessage(committed.message);
    if (committed.value !== null) onCommit(committed.value);
    setDraft(null);
  };
  return (
    <input
      className="linear-collapse-entry"
      type="text"
      inputMode="decimal"
      autoComplete="off"
      spellCheck={false}
      aria-label={label}
      aria-invalid={invalid ? true : undefined}
      value={draft ?? formatBound(value)}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
        if (event.key === 'Escape') setDraft(null);
      }}
    />
  );
}

interface LayerEditorProps {
  layer: 1 | 2;
  map: AffineMap;
  invalidLabel: string | null;
  onCommit: (address: EntryAddress, value: number) => void;
  onMessage: (label: string, message: string | null) => void;
}

/** W and b of one layer as bracketed grids of inputs. */
function LayerEditor({ layer, map, invalidLabel, onCommit, onMessage }: LayerEditorProps) {
  const rows = map.weights.length;
  const columns = map.weights[0]?.length ?? 0;
  const entry = (address: EntryAddress, value: number) => (
    <EntryInput
      key={describeEntry(address)}
      address={address}
      value={value}
      invalid={invalidLabel === describeEntry(address)}
      onCommit={(next) => onCommit(address, next)}
      onMessage={(message) => onMessage(describeEntry(address), message)}
    />
  );
  return (
    <fieldset className="linear-collapse-layer">
      <legend>
        Layer {layer}: W<sub>{layer}</sub> ({rows}×{columns}) and b<sub>{layer}</sub> ({rows})
      </legend>
      <div className="linear-collapse-matrices">
        <div className="linear-collapse-bracket" style={{ gridTemplateColumns: `repeat(${columns}, auto)` }}>
          {map.weights.map((rowValues, row) => rowValues.map((value, column) => entry({ layer, part: 'weights', row, column }, value)))}
        </div>
        <div className="linear-collapse-bracket" style={{ gridTemplateColumns: 'auto' }}>
          {map.bias.map((value, row) => entry({ layer, part: 'bias', row }, value))}
        </div>
      </div>
    </fieldset>
  );
}

interface GridPanelProps {
  title: string;
  picture: Polyline[];
  extent: [number, number];
  size: number;
  description: string;
}

/** One square panel: the grid's vertical lines in one colour, horizontal lines in the other. */
function GridPanel({ title, picture, extent, size, description }: GridPanelProps) {
  const scaleX = scaleLinear()
    .domain(extent)
    .range([PANEL_PADDING, size - PANEL_PADDING]);
  const scaleY = scaleLinear()
    .domain(extent)
    .range([size - PANEL_PADDING, PANEL_PADDING]);
  const toPath = line<[number, number]>()
    .x(([px]) => scaleX(px))
    .y(([, py]) => scaleY(py));
  const half = picture.length / 2;
  return (
    <>
      <figcaption>{title}</figcaption>
      <svg role="img" aria-label={`${title}. ${description}`} width={size} height={size} viewBox={`0 0 ${size} ${size}`}>
        <rect className="linear-collapse-frame" x={0.5} y={0.5} width={size - 1} height={size - 1} />
        <line className="linear-collapse-axis" x1={scaleX(extent[0])} x2={scaleX(extent[1])} y1={scaleY(0)} y2={scaleY(0)} />
        <line className="linear-collapse-axis" x1={scaleX(0)} x2={scaleX(0)} y1={scaleY(extent[0])} y2={scaleY(extent[1])} />
        {picture.map((polyline, index) => (
          <path key={index} className={index < half ? 'linear-collapse-line-vertical' : 'linear-collapse-line-horizontal'} d={toPath(polyline) ?? ''} />
        ))}
      </svg>
    </>
  );
}

/**
 * Linear collapse: two stacked dense layers on 2-D inputs (R² → R³ → R²) with editable weights,
 * the single equivalent map W = W₂W₁, b = W₂b₁ + b₂, and a grid drawn through both. With nothing
 * between the layers the pictures coincide; a ReLU or tanh in between bends the grid and the single
 * map no longer matches (the largest coordinate difference is reported).
 */
export function LinearCollapse({ seed, instance }: LinearCollapseProps) {
  const names = widgetInstanceNames('linear-collapse', 'collapse', instance);
  const [initial] = useState(() => createLinearCollapseState(seed));
  const shared = useSharedSettings<SharedSettings>(names.shareNamespace, settingsSchema, toSettings(initial));
  const state = useMemo(() => fromSettings(shared.values, initial.seed), [shared.values, initial.seed]);
  const { setValues } = shared;
  const dispatch = useCallback(
    (action: LinearCollapseAction) => setValues((current) => toSettings(linearCollapseReducer(fromSettings(current, initial.seed), action))),
    [setValues, initial.seed],
  );
  const [message, setMessage] = useState<{ label: string; text: string } | null>(null);
  const grid = useMemo(() => createGrid(), []);
  const view = useMemo(() => computeLinearCollapseView(state, grid), [state, grid]);
  const extent = useMemo(() => computeSharedExtent([view.input, view.twoLayers, view.oneLayer]), [view]);
  const equivalentHtml = useMemo(() => {
    const latex = equivalentMapLatex(view.equivalent);
    const render = (source: string) => katex.renderToString(source, { displayMode: true, throwOnError: true, strict: 'error' });
    return { weights: render(latex.weights), bias: render(latex.bias) };
  }, [view.equivalent]);
  const panelRef = useRef<HTMLElement>(null);
  const panelWidth = useElementWidth(panelRef, FALLBACK_PANEL_SIZE);
  const panelSize = Math.min(340, panelWidth);
  const radioName = `between-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;

  const linear = state.between === 'none';
  const betweenLabel = BETWEEN_LAYERS_OPTIONS.find((option) => option.value === state.between)?.label ?? '';
  const differenceText = formatEntry(view.maxDifference, 3);
  const matches = view.maxDifference < 1e-9;

  const handleMessage = (label: string, text: string | null) => {
    setMessage((current) => (text ? { label, text } : current?.label === label ? null : current));
  };

  return (
    <WidgetFrame widgetId="linear-collapse" title="Two linear layers are one" state="ready">
      <LinkProblemsNotice problems={shared.problems} />
      <div className="widget-controls">
        <fieldset className="pill-choices">
          <legend>Between the layers</legend>
          {BETWEEN_LAYERS_OPTIONS.map((option) => (
            <label key={option.value} className="pill-choice">
              <input
                type="radio"
                name={radioName}
                value={option.value}
                checked={state.between === option.value}
                onChange={() => dispatch({ type: 'setBetween', between: option.value })}
              />
              <span>{option.label}</span>
            </label>
          ))}
        </fieldset>
        <div className="button-row">
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setMessage(null);
              dispatch({ type: 'randomize' });
            }}
          >
            Randomize
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setMessage(null);
              dispatch({ type: 'reset' });
            }}
          >
            Reset
          </button>
        </div>
      </div>

      <div className="linear-collapse-editors">
        <LayerEditor
          layer={1}
          map={state.layer1}
          invalidLabel={message?.label ?? null}
          onCommit={(address, value) => dispatch({ type: 'setEntry', address, value })}
          onMessage={handleMessage}
        />
        <LayerEditor
          layer={2}
          map={state.layer2}
          invalidLabel={message?.label ?? null}
          onCommit={(address, value) => dispatch({ type: 'setEntry', address, value })}
          onMessage={handleMessage}
        />
      </div>
      <p className="field-message linear-collapse-message" role="alert">
        {message?.text ?? ''}
      </p>
      <p className="widget-caption">
        Each entry accepts a number from −{ENTRY_LIMIT} to {ENTRY_LIMIT}; press Enter or move on to apply it.
      </p>

      <div className="linear-collapse-equivalent">
        <p className="linear-collapse-equivalent-label">{linear ? 'The single equivalent layer:' : 'What the layers would collapse to without the activation:'}</p>
        <div className="linear-collapse-math">
          <div dangerouslySetInnerHTML={{ __html: equivalentHtml.weights }} />
          <div dangerouslySetInnerHTML={{ __html: equivalentHtml.bias }} />
        </div>
      </div>

      <p className="widget-readout linear-collapse-difference" aria-live="polite">
        max |two layers − single layer| ={' '}
        <strong data-testid="max-difference" className={matches ? 'linear-collapse-match' : 'linear-collapse-mismatch'}>
          {differenceText}
        </strong>
      </p>
      <p className="widget-caption">
        {linear
          ? 'Every grid line stays straight and parallel lines stay parallel: the last two pictures are the same map.'
          : `With ${betweenLabel} between the layers the grid bends, and no single W and b can reproduce it.`}
      </p>

      <div className="linear-collapse-panels">
        <figure ref={panelRef}>
          <GridPanel
            title="Input grid"
            picture={view.input}
            extent={extent}
            size={panelSize}
            description="The square from −1 to 1 in both coordinates, crossed by 9 vertical and 9 horizontal lines."
          />
        </figure>
        <figure>
          <GridPanel
            title={linear ? 'Through both layers' : `Both layers, ${betweenLabel} between`}
            picture={view.twoLayers}
            extent={extent}
            size={panelSize}
            description={`Corners (−1, −1), (−1, 1), (1, 1), (1, −1) land at ${describeCorners(view.twoLayers)}.`}
          />
        </figure>
        <figure>
          <GridPanel
            title="Through W and b alone"
            picture={view.oneLayer}
            extent={extent}
            size={panelSize}
            description={`Corners (−1, −1), (−1, 1), (1, 1), (1, −1) land at ${describeCorners(view.oneLayer)}.`}
          />
        </figure>
      </div>
      <p className="widget-caption">All three panels share one scale. Orange: lines that were vertical; blue: lines that were horizontal.</p>
    </WidgetFrame>
  );
}
