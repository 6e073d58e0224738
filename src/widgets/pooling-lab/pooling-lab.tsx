import { useEffect, useId, useMemo, useRef } from 'react';
import katex from 'katex';
import { choiceSetting, numberSetting, type SettingsSchema } from '../../core/url/shared-settings';
import type { PlaneMap, PoolingKind } from '../../core/math/pooling';
import { useDataset } from '../../hooks/use-dataset';
import { useSharedSettings } from '../../hooks/use-shared-settings';
import { LoadingProgress } from '../../ui/loading-progress';
import { NumberField } from '../../ui/number-field';
import { WidgetFrame, type WidgetState } from '../../ui/widget-frame';
import { widgetInstanceNames } from '../training-shell/widget-instance';
import {
  DEFAULT_SETTINGS,
  KIND_LATEX,
  KIND_OPTIONS,
  SETTING_RULES,
  SOURCE_OPTIONS,
  computePoolingView,
  describeShift,
  directionOfKey,
  formatPercent,
  imageFromSplit,
  shiftBy,
  syntheticPattern,
  type PoolingLabSettings,
  type PoolingSource,
} from './pooling-lab-state';
import './pooling-lab.css';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';

interface PoolingLabProps {
  /** Starting input (default 'mnist'). */
  source?: PoolingSource;
  /** Starting pooling kind (default 'max'). */
  kind?: PoolingKind;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

const settingsSchema: SettingsSchema<PoolingLabSettings> = {
  source: choiceSetting(
    'Input',
    SOURCE_OPTIONS.map((option) => option.value),
  ),
  image: numberSetting(SETTING_RULES.image),
  kind: choiceSetting(
    'Pooling',
    KIND_OPTIONS.map((option) => option.value),
  ),
  size: numberSetting(SETTING_RULES.size),
  stride: numberSetting(SETTING_RULES.stride),
  dx: numberSetting(SETTING_RULES.dx),
  dy: numberSetting(SETTING_RULES.dy),
};

/** Displayed side of every map, so that input and pooled maps line up. */
const PANEL_SIDE = 150;

interface MapCanvasProps {
  map: PlaneMap;
  label: string;
  /** Cells outlined (1) as changed. */
  mask?: Uint8Array;
  /** Paint the mask itself: changed cells in the highlight colour, the others dark. */
  maskOnly?: boolean;
  /** Draw the pooling windows' grid every `gridStep` pixels (input only). */
  gridStep?: number;
}

/** A map on a canvas, grayscale 0 (black) to 1 (white), each cell a square; changed cells outlined. */
function MapCanvas({ map, label, mask, maskOnly, gridStep }: MapCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const cell = map.width > 0 ? PANEL_SIDE / map.width : 1;
  useEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const ratio = Math.max(1, Math.round(window.devicePixelRatio || 1));
    canvas.width = PANEL_SIDE * ratio;
    canvas.height = Math.round(map.height * cell * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.fillStyle = '#000';
    context.fillRect(0, 0, PANEL_SIDE, map.height * cell);
    for (let row = 0; row < map.height; row += 1) {
      for (let column = 0; column < map.width; column += 1) {
        const i = row * map.width + column;
        if (maskOnly) {
          context.fillStyle = mask?.[i] ? '#ff922b' : '#2b2f36';
        } else {
          const level = Math.round(255 * Math.min(1, Math.max(0, map.values[i])));
          context.fillStyle = `rgb(${level},${level},${level})`;
        }
        context.fillRect(column * cell, row * cell, Math.ceil(cell), Math.ceil(cell));
      }
    }
    if (maskOnly) {
      context.strokeStyle = '#000';
      context.lineWidth = 1;
      for (let i = 1; i < map.width; i += 1) {
        context.beginPath();
        context.moveTo(i * cell, 0);
        context.lineTo(i * cell, map.height * cell);
        context.moveTo(0, i * cell);
        context.lineTo(map.width * cell, i * cell);
        context.stroke();
      }
    }
    if (gridStep && gridStep > 1) {
      context.strokeStyle = 'rgba(92, 184, 255, 0.55)';
      context.lineWidth = 1;
      for (let i = gridStep; i < map.width; i += gridStep) {
        context.beginPath();
        context.moveTo(i * cell + 0.5, 0);
        context.lineTo(i * cell + 0.5, map.height * cell);
        context.moveTo(0, i * cell + 0.5);
        context.lineTo(map.width * cell, i * cell + 0.5);
        context.stroke();
      }
    }
    if (mask && !maskOnly) {
      context.strokeStyle = '#ff922b';
      context.lineWidth = Math.max(2, cell / 6);
      for (let i = 0; i < mask.length; i += 1) {
        if (!mask[i]) continue;
        const row = Math.floor(i / map.width);
        const column = i % map.width;
        const inset = context.lineWidth / 2;
        context.strokeRect(column * cell + inset, row * cell + inset, cell - 2 * inset, cell - 2 * inset);
      }
    }
  }, [map, mask, maskOnly, gridStep, cell]);
  return <canvas ref={ref} className="pooling-lab-canvas" style={{ width: `${PANEL_SIDE}px`, height: `${map.height * cell}px` }} role="img" aria-label={label} />;
}

/**
 * Pooling lab: max, average and L2-norm pooling (root mean square, √(Σx²/n)) of an MNIST or Fashion-MNIST test
 * image or a synthetic pattern, with window size and stride. Arrow buttons (or arrow keys on the input) shift the
 * input one pixel at a time; the pooled map of the shifted input is shown next to that of the unshifted input,
 * with the cells that changed counted and outlined, so the learner sees how much of a small shift pooling absorbs.
 */
export function PoolingLab({ source, kind, instance }: PoolingLabProps) {
  const names = widgetInstanceNames('pooling-lab', 'pooling', instance);
  const defaults = useMemo<PoolingLabSettings>(
    () => ({
      ...DEFAULT_SETTINGS,
      ...(source && SOURCE_OPTIONS.some((option) => option.value === source) ? { source } : {}),
      ...(kind && KIND_OPTIONS.some((option) => option.value === kind) ? { kind } : {}),
    }),
    [source, kind],
  );
  const shared = useSharedSettings<PoolingLabSettings>(names.shareNamespace, settingsSchema, defaults);
  const settings = shared.values;
  const { setValues } = shared;
  const usesDataset = settings.source !== 'pattern';
  const { load, retry } = useDataset(settings.source === 'fashion-mnist' ? 'fashion-mnist' : 'mnist', ['test'], usesDataset);
  const split = usesDataset && load.status === 'loaded' ? load.splits[0] : null;
  const imageCount = split ? split.count : SETTING_RULES.image.max;
  const imageIndex = Math.min(settings.image, imageCount) - 1;
  const pattern = useMemo(() => syntheticPattern(), []);
  const image = useMemo(() => (usesDataset ? (split ? imageFromSplit(split.images, imageIndex, split.imageWidth) : null) : pattern), [usesDataset, split, imageIndex, pattern]);
  const view = useMemo(() => (image ? computePoolingView(image, settings) : null), [image, settings]);
  const formulaHtml = useMemo(() => katex.renderToString(KIND_LATEX[settings.kind], { displayMode: false, throwOnError: false, strict: 'ignore' }), [settings.kind]);
  const radioId = useId().replace(/[^a-zA-Z0-9_-]/g, '');

  const update = (patch: Partial<PoolingLabSettings>) => setValues((current) => ({ ...current, ...patch }));
  const shift = (direction: 'left' | 'right' | 'up' | 'down') => setValues((current) => shiftBy(current, direction));

  const state: WidgetState = !usesDataset || load.status === 'loaded' ? 'ready' : load.status === 'failed' ? 'error' : 'loading';
  const className = split && usesDataset ? split.classNames[split.labels[imageIndex]] : null;
  const kindLabel = KIND_OPTIONS.find((option) => option.value === settings.kind)?.label ?? '';
  const shiftText = describeShift(settings.dx, settings.dy);
  const pooledSide = view ? `${view.pooledShifted.height}×${view.pooledShifted.width}` : '';

  return (
    <WidgetFrame
      widgetId="pooling-lab"
      domId={names.domId}
      title="Pooling lab: shift the input, watch the pooled map"
      state={state}
      error={load.status === 'failed' && usesDataset ? `The test images could not be loaded: ${load.message}` : null}
    >
      <LinkProblemsNotice problems={shared.problems} />
      {load.status === 'failed' && usesDataset ? (
        <div className="button-row">
          <button type="button" className="button" onClick={retry}>
            Retry
          </button>
        </div>
      ) : null}
      <div className="widget-controls">
        <fieldset className="pill-choices">
          <legend>Input</legend>
          {SOURCE_OPTIONS.map((option) => (
            <label key={option.value} className="pill-choice">
              <input type="radio" name={`source-${radioId}`} checked={settings.source === option.value} onChange={() => update({ source: option.value })} />
              <span>{option.label}</span>
            </label>
          ))}
        </fieldset>
        {usesDataset ? (
          <NumberField
            {...SETTING_RULES.image}
            max={imageCount}
            value={Math.min(settings.image, imageCount)}
            onChange={(value) => update({ image: value })}
            hint={className ? `of ${imageCount.toLocaleString('en-US')}: ${className}` : `of ${imageCount.toLocaleString('en-US')}`}
          />
        ) : null}
      </div>
      <div className="widget-controls">
        <fieldset className="pill-choices">
          <legend>Pooling</legend>
          {KIND_OPTIONS.map((option) => (
            <label key={option.value} className="pill-choice">
              <input type="radio" name={`kind-${radioId}`} checked={settings.kind === option.value} onChange={() => update({ kind: option.value })} />
              <span>{option.label}</span>
            </label>
          ))}
        </fieldset>
        <NumberField {...SETTING_RULES.size} value={settings.size} onChange={(value) => update({ size: value })} hint="n = size² values" />
        <NumberField {...SETTING_RULES.stride} value={settings.stride} onChange={(value) => update({ stride: value })} hint="step of the window" />
      </div>

      <p className="pooling-lab-formula">
        <span className="pooling-lab-formula-label">{kindLabel} pooling of a window W of n values:</span>
        <span dangerouslySetInnerHTML={{ __html: formulaHtml }} />
        {settings.kind === 'l2' ? <span className="pooling-lab-formula-note">root mean square: the plain norm √Σx² is √n times larger</span> : null}
      </p>

      <div className="pooling-lab-shift" role="group" aria-label="Shift the input">
        <span className="pooling-lab-shift-label">Shift the input by one pixel</span>
        <div className="pooling-lab-arrows">
          <button type="button" className="button pooling-lab-up" onClick={() => shift('up')} disabled={settings.dy <= -SETTING_RULES.dy.max}>
            <span aria-hidden="true">↑</span> Up
          </button>
          <button type="button" className="button pooling-lab-left" onClick={() => shift('left')} disabled={settings.dx <= -SETTING_RULES.dx.max}>
            <span aria-hidden="true">←</span> Left
          </button>
          <button type="button" className="button pooling-lab-right" onClick={() => shift('right')} disabled={settings.dx >= SETTING_RULES.dx.max}>
            Right <span aria-hidden="true">→</span>
          </button>
          <button type="button" className="button pooling-lab-down" onClick={() => shift('down')} disabled={settings.dy >= SETTING_RULES.dy.max}>
            <span aria-hidden="true">↓</span> Down
          </button>
        </div>
        <span className="widget-readout" data-testid="shift">
          {shiftText} ({settings.dx >= 0 ? '+' : '−'}
          {Math.abs(settings.dx)}, {settings.dy >= 0 ? '+' : '−'}
          {Math.abs(settings.dy)})
        </span>
        <button type="button" className="button" onClick={() => update({ dx: 0, dy: 0 })} disabled={settings.dx === 0 && settings.dy === 0}>
          Undo shift
        </button>
      </div>

      {state === 'loading' ? <LoadingProgress label="Loading the test images…" fraction={load.status === 'loading' ? load.fraction : null} /> : null}
      {view?.problem ? <p className="widget-notice">{view.problem}</p> : null}
      {view && !view.problem ? (
        <>
          <p className="pooling-lab-summary" aria-live="polite">
            The shift changed <strong data-testid="changed-input">{view.changedInput}</strong> of {view.valuesBefore} input pixels (
            {formatPercent(view.changedInput / view.valuesBefore)}) {view.changedPooled.count / view.valuesAfter < view.changedInput / view.valuesBefore ? 'but only' : 'and'}{' '}
            <strong data-testid="changed-count">{view.changedPooled.count}</strong> of {view.valuesAfter} pooled values (
            {formatPercent(view.changedPooled.count / view.valuesAfter)}).
          </p>
          <div className="pooling-lab-panels">
            <figure
              className="pooling-lab-input"
              tabIndex={0}
              aria-label="Input image: arrow keys shift it by one pixel"
              onKeyDown={(event) => {
                const direction = directionOfKey(event.key);
                if (!direction) return;
                event.preventDefault();
                shift(direction);
              }}
            >
              <MapCanvas
                map={view.shifted}
                gridStep={settings.stride === settings.size ? settings.size : undefined}
                label={`Input, 28×28, ${shiftText}${className ? `: ${className}` : ''}.`}
              />
              <figcaption>
                Input, {shiftText}
                <span className="pooling-lab-hint">focus it and use the arrow keys</span>
              </figcaption>
            </figure>
            <figure>
              <MapCanvas
                map={view.pooledShifted}
                mask={view.changedPooled.mask}
                label={`${kindLabel} pooling of the shifted input, ${pooledSide}; ${view.changedPooled.count} cells differ from the unshifted result (outlined in orange).`}
              />
              <figcaption>{kindLabel} pooled, shifted input</figcaption>
            </figure>
            <figure>
              <MapCanvas map={view.pooledOriginal} label={`${kindLabel} pooling of the unshifted input, ${pooledSide}.`} />
              <figcaption>{kindLabel} pooled, unshifted input</figcaption>
            </figure>
            <figure>
              <MapCanvas map={view.pooledShifted} mask={view.changedPooled.mask} maskOnly label={`Changed pooled cells: ${view.changedPooled.count} of ${view.valuesAfter}.`} />
              <figcaption>Changed cells (orange)</figcaption>
            </figure>
          </div>
          <p className="widget-readout pooling-lab-memory" data-testid="memory">
            Memory: {view.valuesBefore} values → {view.valuesAfter} values ({pooledSide}),{' '}
            {view.valuesAfter > 0 ? `${Number((view.valuesBefore / view.valuesAfter).toFixed(2))}× fewer` : ''} ({formatPercent(1 - view.valuesAfter / view.valuesBefore)} saved)
          </p>
          <p className="widget-caption">
            Pooling has no weights: it summarizes each {settings.size}×{settings.size} window. A one-pixel shift moves the pixels, but a window&apos;s maximum often stays inside
            the same window, so max pooling changes fewer cells than average or L2 pooling: it is invariant to small shifts, locally, not to large ones.
          </p>
        </>
      ) : null}
    </WidgetFrame>
  );
}
