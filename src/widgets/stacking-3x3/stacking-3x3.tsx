import { useMemo } from 'react';
import { reachedBounds, type PathGrid } from '../../core/math/receptive-field';
import { useSharedSettings } from '../../hooks/use-shared-settings';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';
import { NumberField } from '../../ui/number-field';
import { PillChoices } from '../../ui/pill-choices';
import { WidgetFrame } from '../../ui/widget-frame';
import { widgetInstanceNames } from '../training-shell/widget-instance';
import {
  CHANNELS_RULE,
  computeStackingView,
  DEFAULT_SETTINGS,
  describeGrid,
  INPUT_SIZE_RULE,
  settingsSchema,
  TARGET_KERNELS,
  type Stacking3x3Settings,
  type TargetKernel,
} from './stacking-3x3-state';
import './stacking-3x3.css';

interface Stacking3x3Props {
  /** The large kernel compared at first: 5 or 7. */
  target?: 5 | 7;
  /** Channels C at first (default 64). */
  channels?: number;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

const CELL = 26;

/**
 * The input grid of one comparison, each pixel shaded by how many paths lead from the centre output unit back to
 * it (the count is written in the pixel); the seen block is outlined.
 */
function InputGrid({ grid, title, description }: { grid: PathGrid; title: string; description: string }) {
  const side = grid.size * CELL;
  const pad = 3;
  const bounds = reachedBounds(grid);
  return (
    <figure className="stacking-figure">
      <figcaption className="stacking-figure-title">{title}</figcaption>
      <svg width={side + pad * 2} height={side + pad * 2} viewBox={`${-pad} ${-pad} ${side + pad * 2} ${side + pad * 2}`} role="img" aria-label={description}>
        {Array.from(grid.counts, (count, index) => {
          const r = Math.floor(index / grid.size);
          const c = index % grid.size;
          const level = count === 0 ? 0 : 0.15 + 0.55 * (count / grid.maxCount);
          return (
            <g key={index}>
              <rect
                className={count === 0 ? 'stacking-cell' : 'stacking-cell is-seen'}
                x={c * CELL}
                y={r * CELL}
                width={CELL}
                height={CELL}
                style={count === 0 ? undefined : { fill: `color-mix(in srgb, var(--class-b) ${Math.round(level * 100)}%, var(--surface))` }}
              />
              {count > 0 ? (
                <text className="stacking-count" x={c * CELL + CELL / 2} y={r * CELL + CELL / 2 + 4} textAnchor="middle">
                  {count}
                </text>
              ) : null}
            </g>
          );
        })}
        {bounds ? (
          <rect
            className="stacking-outline"
            x={bounds.left * CELL}
            y={bounds.top * CELL}
            width={(bounds.right - bounds.left + 1) * CELL}
            height={(bounds.bottom - bounds.top + 1) * CELL}
          />
        ) : null}
      </svg>
    </figure>
  );
}

/**
 * Stacking 3×3: one 5×5 (or 7×7) convolution against two (or three) stacked 3×3 convolutions, C channels in and
 * out: the receptive field drawn on the input (with how many paths reach each pixel), weights 25C² vs 18C² (49C²
 * vs 27C²), biases, multiply–adds and the number of non-linearities, computed exactly.
 */
export function Stacking3x3({ target, channels, instance }: Stacking3x3Props) {
  const names = widgetInstanceNames('stacking-3x3', 'stack3', instance);
  const defaults = useMemo<Stacking3x3Settings>(
    () => ({
      ...DEFAULT_SETTINGS,
      target: target === 7 ? '7' : DEFAULT_SETTINGS.target,
      depth: target === 7 ? 3 : DEFAULT_SETTINGS.depth,
      channels: channels !== undefined && Number.isInteger(channels) && channels >= CHANNELS_RULE.min && channels <= CHANNELS_RULE.max ? channels : DEFAULT_SETTINGS.channels,
    }),
    [target, channels],
  );
  const shared = useSharedSettings<Stacking3x3Settings>(names.shareNamespace, settingsSchema, defaults);
  const { values: settings, setValues } = shared;
  const view = useMemo(() => computeStackingView(settings), [settings]);
  const depthOptions = Array.from({ length: view.stackDepth }, (_, i) => ({ value: String(i + 1), label: i === 0 ? 'After 1 layer' : `After ${i + 1} layers` }));
  const singleTitle = `One ${view.kernel}×${view.kernel} convolution`;
  const stackTitle = `${view.depth} of ${view.stackDepth} stacked 3×3 convolutions`;

  return (
    <WidgetFrame widgetId="stacking-3x3" domId={names.domId} title="One big kernel or a stack of 3×3?" state="ready">
      <LinkProblemsNotice problems={shared.problems} />
      <div className="stacking-controls">
        <PillChoices<TargetKernel>
          legend="Large kernel to replace"
          value={settings.target}
          options={TARGET_KERNELS.map((kernel) => ({ value: kernel, label: `${kernel}×${kernel}` }))}
          onChange={(value) => setValues((current) => ({ ...current, target: value, depth: (Number(value) - 1) / 2 }))}
        />
        <NumberField {...CHANNELS_RULE} value={settings.channels} hint="in = out, every layer" onChange={(value) => setValues((current) => ({ ...current, channels: value }))} />
        <NumberField
          {...INPUT_SIZE_RULE}
          value={settings.inputSize}
          hint="n×n image, for output sizes"
          onChange={(value) => setValues((current) => ({ ...current, inputSize: value }))}
        />
      </div>

      <div className="stacking-figures">
        <InputGrid grid={view.singleGrid} title={singleTitle} description={describeGrid(view.singleGrid, singleTitle)} />
        <div className="stacking-figure-column">
          <InputGrid grid={view.stackGrid} title={stackTitle} description={describeGrid(view.stackGrid, stackTitle)} />
          <PillChoices<string>
            legend="Follow the stack back"
            value={String(view.depth)}
            options={depthOptions}
            onChange={(value) => setValues((current) => ({ ...current, depth: Number(value) }))}
          />
        </div>
      </div>
      <p className="stacking-readout" data-testid="stacking-receptive-field">
        Receptive field: {view.kernel}×{view.kernel} for the single kernel; {view.stackReceptiveField}×{view.stackReceptiveField} after {view.depth} stacked 3×3 layer
        {view.depth === 1 ? '' : 's'}.{' '}
        {view.depth < view.stackDepth
          ? `Each 3×3 layer adds 2 pixels; after all ${view.stackDepth} the stack sees the same ${view.kernel}×${view.kernel} window.`
          : 'The numbers count the paths from the centre output back to each pixel: the stack sees the same window but weighs its centre more.'}
      </p>

      <div className="table-scroll">
        <table className="stacking-table" data-testid="stacking-table">
          <caption>C = {settings.channels.toLocaleString('en-US')} channels in and out, stride 1</caption>
          <thead>
            <tr>
              <th scope="col">Count</th>
              <th scope="col">
                One {view.kernel}×{view.kernel}
              </th>
              <th scope="col">{view.stackDepth} stacked 3×3</th>
              <th scope="col">Stack ÷ single</th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row) => (
              <tr key={row.key} data-row={row.key}>
                <th scope="row">{row.label}</th>
                <td data-testid={`single-${row.key}`}>{row.single}</td>
                <td data-testid={`stack-${row.key}`}>{row.stack}</td>
                <td>{row.ratio}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="stacking-summary" data-testid="stacking-summary">
        {view.summary}
      </p>
    </WidgetFrame>
  );
}
