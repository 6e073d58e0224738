import { useEffect, useMemo, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import katex from 'katex';
import type { PathGrid, ReceptiveLayer } from '../../core/math/receptive-field';
import { numberSetting, type SettingParser, type SettingsSchema } from '../../core/url/shared-settings';
import { useSharedSettings } from '../../hooks/use-shared-settings';
import { NumberField } from '../../ui/number-field';
import { SelectField } from '../../ui/select-field';
import { WidgetFrame } from '../../ui/widget-frame';
import { widgetInstanceNames } from '../training-shell/widget-instance';
import {
  DEFAULT_SETTINGS,
  INPUT_RULE,
  LAYER_RULES,
  MAX_LAYERS,
  PRESETS,
  applyStackAction,
  computeReceptiveFieldView,
  describeLayer,
  moveUnit,
  parseLayers,
  type ReceptiveFieldSettings,
  type StackAction,
} from './receptive-field-state';
import './receptive-field.css';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';

interface ReceptiveFieldProps {
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

const layersSetting: SettingParser<string> = (raw) => {
  const parsed = parseLayers(raw);
  return 'problem' in parsed ? { problem: `the layers in the link: ${parsed.problem}` } : { value: raw };
};

const settingsSchema: SettingsSchema<ReceptiveFieldSettings> = {
  inputSize: numberSetting(INPUT_RULE),
  layers: layersSetting,
  row: numberSetting({ label: 'Output row', min: 1, max: 64, integer: true }),
  column: numberSetting({ label: 'Output column', min: 1, max: 64, integer: true }),
};

const FORMULA_HTML = katex.renderToString('r_l = r_{l-1} + (k_l - 1)\\,d_l\\,j_{l-1}, \\qquad j_l = j_{l-1}\\,s_l, \\qquad r_0 = j_0 = 1', {
  displayMode: true,
  throwOnError: false,
  strict: 'ignore',
});

interface GridCanvasProps {
  grid: PathGrid;
  side: number;
  label: string;
  /** The chosen unit, drawn solid. */
  selected?: [number, number];
}

/** A square grid of units: reached ones shaded by how many paths reach them (darker orange: more), the others pale. */
function GridCanvas({ grid, side, label, selected }: GridCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const ratio = Math.max(1, Math.round(window.devicePixelRatio || 1));
    canvas.width = side * ratio;
    canvas.height = side * ratio;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, side, side);
    const cell = side / grid.size;
    const gap = cell >= 6 ? 1 : 0;
    for (let r = 0; r < grid.size; r += 1) {
      for (let c = 0; c < grid.size; c += 1) {
        const count = grid.counts[r * grid.size + c];
        const isSelected = selected !== undefined && selected[0] === r && selected[1] === c;
        if (isSelected) context.fillStyle = '#c92a2a';
        else if (count > 0) context.fillStyle = `rgba(232, 89, 12, ${0.3 + 0.7 * (count / grid.maxCount)})`;
        else context.fillStyle = 'rgba(134, 142, 150, 0.22)';
        context.fillRect(c * cell + gap / 2, r * cell + gap / 2, cell - gap, cell - gap);
      }
    }
  }, [grid, side, selected]);
  return <canvas ref={ref} className="receptive-field-canvas" style={{ width: `${side}px`, height: `${side}px` }} role="img" aria-label={label} />;
}

interface LayerRowProps {
  index: number;
  count: number;
  layer: ReceptiveLayer;
  dispatch: (action: StackAction) => void;
}

/** One layer of the stack: type, window, stride, dilation and padding, with move and remove buttons. */
function LayerRow({ index, count, layer, dispatch }: LayerRowProps) {
  const update = (patch: Partial<{ kernel: number; stride: number; dilation: number; padding: 'same' | 'valid'; kind: 'conv' | 'pool' }>) => {
    const kind = patch.kind ?? layer.kind;
    const kernel = patch.kernel ?? layer.kernel;
    const stride = patch.stride ?? layer.stride;
    const next: ReceptiveLayer =
      kind === 'conv'
        ? {
            kind,
            kernel,
            stride,
            dilation: patch.dilation ?? (layer.kind === 'conv' ? layer.dilation : 1),
            padding: patch.padding ?? (layer.kind === 'conv' ? layer.padding : 'valid'),
          }
        : { kind, kernel, stride };
    dispatch({ type: 'update', index, layer: next });
  };
  const number = index + 1;
  return (
    <fieldset className={`receptive-field-layer receptive-field-layer-${layer.kind}`}>
      <legend>
        Layer {number}: {describeLayer(layer)}
      </legend>
      <SelectField
        label="Type"
        value={layer.kind}
        options={[
          { value: 'conv', label: 'Convolution' },
          { value: 'pool', label: 'Pooling' },
        ]}
        onChange={(kind) => update({ kind })}
      />
      <NumberField {...LAYER_RULES.kernel} label={layer.kind === 'conv' ? 'Kernel' : 'Window'} value={layer.kernel} onChange={(kernel) => update({ kernel })} />
      <NumberField {...LAYER_RULES.stride} value={layer.stride} onChange={(stride) => update({ stride })} />
      {layer.kind === 'conv' ? (
        <>
          <NumberField {...LAYER_RULES.dilation} value={layer.dilation} onChange={(dilation) => update({ dilation })} />
          <SelectField
            label="Padding"
            value={layer.padding}
            options={[
              { value: 'valid', label: 'valid (none)' },
              { value: 'same', label: 'same (zeros)' },
            ]}
            onChange={(padding) => update({ padding })}
          />
        </>
      ) : null}
      <div className="receptive-field-layer-buttons">
        <button type="button" className="button" aria-label={`Move layer ${number} up`} disabled={index === 0} onClick={() => dispatch({ type: 'move', index, by: -1 })}>
          <span aria-hidden="true">↑</span>
        </button>
        <button type="button" className="button" aria-label={`Move layer ${number} down`} disabled={index === count - 1} onClick={() => dispatch({ type: 'move', index, by: 1 })}>
          <span aria-hidden="true">↓</span>
        </button>
        <button type="button" className="button" aria-label={`Remove layer ${number}`} onClick={() => dispatch({ type: 'remove', index })}>
          <span aria-hidden="true">✕</span>
        </button>
      </div>
    </fieldset>
  );
}

const INPUT_SIDE = 320;
const LAYER_SIDE = 132;

/**
 * Receptive field: the learner stacks convolution and pooling layers (kernel, stride, dilation, padding; add,
 * remove, reorder; presets such as LeNet-5 and VGG blocks), picks one output unit with a click or the arrow keys,
 * and sees exactly which input pixels it depends on, shaded by how many paths reach each one, with the formula
 * r_l = r_{l−1} + (k_l − 1)·d_l·j_{l−1}, j_l = j_{l−1}·s_l and a table per layer.
 */
export function ReceptiveField({ instance }: ReceptiveFieldProps) {
  const names = widgetInstanceNames('receptive-field', 'field', instance);
  const shared = useSharedSettings<ReceptiveFieldSettings>(names.shareNamespace, settingsSchema, DEFAULT_SETTINGS);
  const settings = shared.values;
  const { setValues } = shared;
  const view = useMemo(() => computeReceptiveFieldView(settings), [settings]);
  const dispatch = (action: StackAction) => setValues((current) => applyStackAction(current, action));
  const inputGrid = view.grids[0];
  const last = view.table[view.table.length - 1];
  const fieldSide = last?.receptiveField ?? 1;
  const clipped = view.seenHeight !== fieldSide || view.seenWidth !== fieldSide;

  const pickByKey = (event: KeyboardEvent<HTMLElement>) => {
    const next = moveUnit(settings, event.key, view.outputSide);
    if (!next) return;
    event.preventDefault();
    setValues(next);
  };
  const pickByClick = (event: MouseEvent<HTMLElement>) => {
    const box = event.currentTarget.querySelector('canvas')?.getBoundingClientRect();
    if (!box || view.outputSide === 0) return;
    const column = Math.floor(((event.clientX - box.left) / box.width) * view.outputSide);
    const row = Math.floor(((event.clientY - box.top) / box.height) * view.outputSide);
    if (row < 0 || column < 0 || row >= view.outputSide || column >= view.outputSide) return;
    setValues((current) => ({ ...current, row: row + 1, column: column + 1 }));
  };

  const unitText = `row ${view.row + 1}, column ${view.column + 1}`;
  const seenText = inputGrid
    ? `Output unit (${unitText}) sees ${view.seenHeight}×${view.seenWidth} input pixels${clipped ? ` (its field of ${fieldSide}×${fieldSide} is clipped by the border or has gaps)` : ''}; ${inputGrid.reached} pixels are reached, the most-reached one by ${inputGrid.maxCount.toLocaleString('en-US')} ${inputGrid.maxCount === 1 ? 'path' : 'paths'}.`
    : '';

  return (
    <WidgetFrame widgetId="receptive-field" domId={names.domId} title="Receptive field: what one unit sees" state="ready" error={view.problem}>
      <LinkProblemsNotice problems={shared.problems} />
      <div className="widget-controls">
        <div className="receptive-field-presets" role="group" aria-label="Preset stacks">
          <span className="receptive-field-presets-label">Presets</span>
          <div className="button-row">
            {PRESETS.map((preset) => (
              <button key={preset.id} type="button" className="button" onClick={() => dispatch({ type: 'preset', id: preset.id })}>
                {preset.label}
              </button>
            ))}
          </div>
        </div>
        <NumberField {...INPUT_RULE} value={settings.inputSize} onChange={(size) => dispatch({ type: 'input', size })} hint="pixels per side" />
      </div>

      <div className="receptive-field-stack">
        {view.layers.map((layer, index) => (
          <LayerRow key={index} index={index} count={view.layers.length} layer={layer} dispatch={dispatch} />
        ))}
        {view.layers.length === 0 ? <p className="widget-caption">No layers: every unit sees one pixel. Add a convolution or a pooling layer.</p> : null}
      </div>
      <div className="button-row receptive-field-add">
        <button type="button" className="button" disabled={view.layers.length >= MAX_LAYERS} onClick={() => dispatch({ type: 'add', kind: 'conv' })}>
          Add convolution
        </button>
        <button type="button" className="button" disabled={view.layers.length >= MAX_LAYERS} onClick={() => dispatch({ type: 'add', kind: 'pool' })}>
          Add pooling
        </button>
        <span className="widget-caption">
          {view.layers.length} of at most {MAX_LAYERS} layers
        </span>
      </div>

      {inputGrid && !view.problem ? (
        <>
          <div className="widget-controls">
            <NumberField label="Output row" min={1} max={view.outputSide} integer value={view.row + 1} onChange={(row) => setValues((current) => ({ ...current, row }))} />
            <NumberField
              label="Output column"
              min={1}
              max={view.outputSide}
              integer
              value={view.column + 1}
              onChange={(column) => setValues((current) => ({ ...current, column }))}
            />
          </div>
          <p className="receptive-field-summary" aria-live="polite" data-testid="receptive-summary">
            {seenText}
          </p>
          <div className="receptive-field-figures">
            <figure className="receptive-field-input">
              <GridCanvas grid={inputGrid} side={INPUT_SIDE} label={`Input ${settings.inputSize}×${settings.inputSize}. ${seenText}`} />
              <figcaption>
                Input {settings.inputSize}×{settings.inputSize}:{' '}
                <span data-testid="seen-size">
                  {view.seenHeight}×{view.seenWidth}
                </span>{' '}
                pixels seen
              </figcaption>
            </figure>
            <div className="receptive-field-layers">
              {view.grids.slice(1).map((grid, index) => {
                const isOutput = index === view.grids.length - 2;
                const caption = `Layer ${index + 1}: ${describeLayer(view.layers[index])}, ${grid.size}×${grid.size}`;
                if (!isOutput) {
                  return (
                    <figure key={index}>
                      <GridCanvas grid={grid} side={LAYER_SIDE} label={`${caption}; ${grid.reached} units on the paths.`} />
                      <figcaption>{caption}</figcaption>
                    </figure>
                  );
                }
                return (
                  <figure
                    key={index}
                    className="receptive-field-output"
                    tabIndex={0}
                    aria-label={`Output grid ${grid.size}×${grid.size}, unit ${unitText} chosen: arrow keys move it, a click picks one`}
                    onKeyDown={pickByKey}
                    onClick={pickByClick}
                  >
                    <GridCanvas
                      grid={grid}
                      side={Math.max(LAYER_SIDE, Math.min(200, grid.size * 24))}
                      label={`${caption}; the chosen unit is ${unitText}.`}
                      selected={[view.row, view.column]}
                    />
                    <figcaption>
                      Output ({caption.replace(/^Layer \d+: /, '')})<span className="receptive-field-hint">click a unit or use the arrow keys</span>
                    </figcaption>
                  </figure>
                );
              })}
            </div>
          </div>
          <p className="widget-caption">
            Red: the chosen output unit. Orange: the units and input pixels it depends on, darker where more paths through the layers reach them (overlapping windows reach the
            centre many times, the border of the field once).
          </p>
        </>
      ) : null}

      <div className="receptive-field-formula" dangerouslySetInnerHTML={{ __html: FORMULA_HTML }} />
      <div className="table-scroll">
        <table className="receptive-field-table">
          <caption className="visually-hidden">Per layer: kernel k, stride s, dilation d, jump j, receptive field r and output size</caption>
          <thead>
            <tr>
              <th scope="col">Layer</th>
              <th scope="col">k</th>
              <th scope="col">s</th>
              <th scope="col">d</th>
              <th scope="col">jump j</th>
              <th scope="col">field r</th>
              <th scope="col">output</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">input</th>
              <td>–</td>
              <td>–</td>
              <td>–</td>
              <td>1</td>
              <td>1</td>
              <td>
                {settings.inputSize}×{settings.inputSize}
              </td>
            </tr>
            {view.table.map((row, index) => (
              <tr key={index}>
                <th scope="row">
                  {index + 1}. {describeLayer(row.layer)}
                </th>
                <td>{row.layer.kernel}</td>
                <td>{row.layer.stride}</td>
                <td>{row.layer.kind === 'conv' ? row.layer.dilation : 1}</td>
                <td>{row.jump}</td>
                <td data-testid={`field-${index + 1}`}>
                  {row.receptiveField}×{row.receptiveField}
                </td>
                <td className={row.outputSize === 0 ? 'receptive-field-empty' : undefined}>{row.outputSize === 0 ? 'none' : `${row.outputSize}×${row.outputSize}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </WidgetFrame>
  );
}
