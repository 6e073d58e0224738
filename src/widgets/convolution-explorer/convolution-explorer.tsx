import { useEffect, useId, useMemo, useRef, useState } from 'react';
import katex from 'katex';
import { ColorLegend } from '../../charts/color-legend';
import { getColorLut, lutIndex } from '../../charts/image-grid-model';
import type { Plane } from '../../core/math/convolution';
import { choiceSetting, numberSetting, type SettingParser } from '../../core/url/shared-settings';
import { commitTypedNumber } from '../../core/validation/parse-number-input';
import { useDataset } from '../../hooks/use-dataset';
import { useSharedSettings } from '../../hooks/use-shared-settings';
import { DrawingPad } from '../../ui/drawing-pad';
import { LoadingProgress } from '../../ui/loading-progress';
import { NumberField } from '../../ui/number-field';
import { WidgetFrame } from '../../ui/widget-frame';
import { widgetInstanceNames } from '../training-shell/widget-instance';
import {
  BIAS_RULE,
  DEFAULT_SETTINGS,
  DILATION_RULE,
  IMAGE_SIZE,
  INDEX_LIMIT,
  KERNEL_LIMIT,
  PADDING_OPTIONS,
  PADDING_RULE,
  PRESETS,
  SOURCE_OPTIONS,
  STRIDE_RULE,
  cellArithmetic,
  clampCell,
  computeExplorerView,
  describeArithmetic,
  describePadding,
  formatValue,
  kernelValues,
  matchingPreset,
  moveCell,
  nextSweepCell,
  outputSizeLatex,
  parseKernel,
  resizeKernel,
  strongestCell,
  serializeKernel,
  type ExplorerSettings,
  type ImageSource,
  type KernelSize,
  type PaddingMode,
} from './convolution-explorer-state';
import './convolution-explorer.css';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';

interface ConvolutionExplorerProps {
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

const kernelSetting: SettingParser<string> = (raw) => {
  const parsed = parseKernel(raw);
  return 'problem' in parsed ? { problem: `the kernel in the link: ${parsed.problem}` } : { value: serializeKernel(parsed.values) };
};
const kernelSizeSetting: SettingParser<KernelSize> = (raw) =>
  raw === '3' || raw === '5' ? { value: Number(raw) as KernelSize } : { problem: `Kernel size "${raw}" in the link is not 3 or 5` };

const settingsSchema = {
  source: choiceSetting<ImageSource>(
    'Image',
    SOURCE_OPTIONS.map((option) => option.value),
  ),
  index: numberSetting({ label: 'Image number', min: 0, max: INDEX_LIMIT, integer: true }),
  kernelSize: kernelSizeSetting,
  kernel: kernelSetting,
  bias: numberSetting(BIAS_RULE),
  stride: numberSetting(STRIDE_RULE),
  paddingMode: choiceSetting<PaddingMode>(
    'Padding',
    PADDING_OPTIONS.map((option) => option.value),
  ),
  padding: numberSetting(PADDING_RULE),
  dilation: numberSetting(DILATION_RULE),
};

const SWEEP_INTERVAL_MS = 90;
const INPUT_CELL = 11;
const OUTPUT_MAX_PX = 308;
const HIGHLIGHT = '#ff922b';

function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Sizes a canvas for the device's pixel ratio and returns its 2-D context scaled to CSS pixels. */
function prepareCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const context = canvas.getContext('2d');
  context?.setTransform(ratio, 0, 0, ratio, 0, 0);
  return context;
}

interface InputCanvasProps {
  image: Plane;
  padTop: number;
  padLeft: number;
  padBottom: number;
  padRight: number;
  /** Input positions the kernel taps for the picked cell (may lie in the padding). */
  taps: { row: number; column: number }[];
  label: string;
}

/** The (padded) input in grey levels, padding hatched, the taps of the window outlined. */
function InputCanvas({ image, padTop, padLeft, padBottom, padRight, taps, label }: InputCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const rows = image.height + padTop + padBottom;
  const columns = image.width + padLeft + padRight;
  const cell = Math.max(5, Math.min(INPUT_CELL, Math.floor(340 / Math.max(rows, columns))));
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const context = prepareCanvas(canvas, columns * cell, rows * cell);
    if (!context) return;
    context.fillStyle = '#6b7280';
    context.fillRect(0, 0, columns * cell, rows * cell);
    context.strokeStyle = 'rgba(255,255,255,0.25)';
    context.lineWidth = 1;
    for (let d = -rows; d < columns; d += 2) {
      context.beginPath();
      context.moveTo(d * cell, 0);
      context.lineTo((d + rows) * cell, rows * cell);
      context.stroke();
    }
    for (let r = 0; r < image.height; r++) {
      for (let c = 0; c < image.width; c++) {
        const v = Math.round(255 * Math.min(1, Math.max(0, image.values[r * image.width + c])));
        context.fillStyle = `rgb(${v},${v},${v})`;
        context.fillRect((c + padLeft) * cell, (r + padTop) * cell, cell, cell);
      }
    }
    if (taps.length > 0) {
      const top = Math.min(...taps.map((t) => t.row)) + padTop;
      const left = Math.min(...taps.map((t) => t.column)) + padLeft;
      const bottom = Math.max(...taps.map((t) => t.row)) + padTop + 1;
      const right = Math.max(...taps.map((t) => t.column)) + padLeft + 1;
      context.fillStyle = 'rgba(255,146,43,0.28)';
      for (const tap of taps) context.fillRect((tap.column + padLeft) * cell, (tap.row + padTop) * cell, cell, cell);
      context.lineWidth = 1.5;
      context.strokeStyle = HIGHLIGHT;
      for (const tap of taps) context.strokeRect((tap.column + padLeft) * cell + 0.75, (tap.row + padTop) * cell + 0.75, cell - 1.5, cell - 1.5);
      context.lineWidth = 3;
      context.strokeStyle = '#000';
      context.strokeRect(left * cell - 2.5, top * cell - 2.5, (right - left) * cell + 5, (bottom - top) * cell + 5);
      context.lineWidth = 2;
      context.strokeStyle = HIGHLIGHT;
      context.strokeRect(left * cell - 2.5, top * cell - 2.5, (right - left) * cell + 5, (bottom - top) * cell + 5);
    }
  }, [image, padTop, padLeft, padBottom, padRight, taps, rows, columns, cell]);
  return <canvas ref={ref} className="conv-explorer-canvas" role="img" aria-label={label} />;
}

interface OutputCanvasProps {
  output: Plane;
  domain: [number, number];
  selected: { row: number; column: number };
  /** Cells after this reading-order index are not computed yet (while the window slides); null: all shown. */
  revealedUpTo: number | null;
  label: string;
  onPick: (cell: { row: number; column: number }) => void;
  onKey: (key: string) => boolean;
}

/** The output map in the diverging colour scale; click or arrow keys pick a cell. */
function OutputCanvas({ output, domain, selected, revealedUpTo, label, onPick, onKey }: OutputCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const cell = Math.max(4, Math.min(16, Math.floor(OUTPUT_MAX_PX / Math.max(output.height, output.width))));
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const width = output.width * cell;
    const height = output.height * cell;
    const context = prepareCanvas(canvas, width, height);
    if (!context) return;
    const lut = getColorLut('diverging');
    for (let r = 0; r < output.height; r++) {
      for (let c = 0; c < output.width; c++) {
        const index = r * output.width + c;
        if (revealedUpTo !== null && index > revealedUpTo) {
          context.fillStyle = '#9ca3af';
        } else {
          const i = lutIndex(output.values[index], domain);
          context.fillStyle = i < 0 ? 'rgb(255,0,255)' : `rgb(${lut[3 * i]},${lut[3 * i + 1]},${lut[3 * i + 2]})`;
        }
        context.fillRect(c * cell, r * cell, cell, cell);
      }
    }
    context.lineWidth = 3;
    context.strokeStyle = '#000';
    context.strokeRect(selected.column * cell - 1.5, selected.row * cell - 1.5, cell + 3, cell + 3);
    context.lineWidth = 2;
    context.strokeStyle = HIGHLIGHT;
    context.strokeRect(selected.column * cell - 1.5, selected.row * cell - 1.5, cell + 3, cell + 3);
  }, [output, domain, selected, revealedUpTo, cell]);
  return (
    <canvas
      ref={ref}
      className="conv-explorer-canvas conv-explorer-output"
      tabIndex={0}
      role="img"
      aria-label={label}
      data-testid="output-map"
      onClick={(event) => {
        const rect = event.currentTarget.getBoundingClientRect();
        const column = Math.floor(((event.clientX - rect.left) / rect.width) * output.width);
        const row = Math.floor(((event.clientY - rect.top) / rect.height) * output.height);
        onPick(clampCell({ row, column }, output.height, output.width));
      }}
      onKeyDown={(event) => {
        if (onKey(event.key)) event.preventDefault();
      }}
    />
  );
}

interface KernelEntryProps {
  row: number;
  column: number;
  value: number;
  invalid: boolean;
  onCommit: (value: number) => void;
  onMessage: (message: string | null) => void;
}

/** One kernel weight, validated when the learner presses Enter or leaves the field. */
function KernelEntry({ row, column, value, invalid, onCommit, onMessage }: KernelEntryProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const label = `Kernel row ${row + 1}, column ${column + 1}`;
  const shown = formatValue(value, 4).replace('−', '-');
  const commit = () => {
    if (draft === null) return;
    const committed = commitTypedNumber(draft, { label, min: -KERNEL_LIMIT, max: KERNEL_LIMIT }, shown);
    onMessage(committed.message);
    if (committed.value !== null) onCommit(committed.value);
    setDraft(null);
  };
  const strength = Math.min(1, Math.abs(value) / 2);
  return (
    <input
      className="conv-explorer-entry"
      type="text"
      inputMode="decimal"
      autoComplete="off"
      spellCheck={false}
      aria-label={label}
      aria-invalid={invalid ? true : undefined}
      data-sign={value > 0 ? 'positive' : value < 0 ? 'negative' : 'zero'}
      style={{ '--entry-strength': strength.toFixed(2) } as React.CSSProperties}
      value={draft ?? shown}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
        if (event.key === 'Escape') setDraft(null);
      }}
    />
  );
}

/**
 * Widget "convolution-explorer": a 3×3 or 5×5 kernel slid over an MNIST, Fashion-MNIST or hand-drawn image
 * with stride, padding and dilation. It shows the padded input with the window of the picked output cell,
 * the output map, the sum of products of that cell written out, and the output-size formula with the numbers in.
 */
export function ConvolutionExplorer({ instance }: ConvolutionExplorerProps) {
  const names = widgetInstanceNames('convolution-explorer', 'conv', instance);
  const shared = useSharedSettings<ExplorerSettings>(names.shareNamespace, settingsSchema, DEFAULT_SETTINGS);
  const { values: settings, setValues } = shared;
  const update = (patch: Partial<ExplorerSettings>) => setValues((current) => ({ ...current, ...patch }));
  const kernel = useMemo(() => kernelValues(settings), [settings]);
  const preset = matchingPreset(kernel, settings.kernelSize);
  const [drawing, setDrawing] = useState<Float32Array>(() => new Float32Array(IMAGE_SIZE * IMAGE_SIZE));
  const [kernelMessage, setKernelMessage] = useState<{ label: string; text: string } | null>(null);
  const [selected, setSelected] = useState({ row: 0, column: 0 });
  // Until the learner picks a cell, the picked cell follows the strongest response of the map.
  const [picked, setPicked] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [revealedUpTo, setRevealedUpTo] = useState<number | null>(null);
  const [reducedMotion] = useState(prefersReducedMotion);
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');

  const datasetName = settings.source === 'drawing' ? 'mnist' : settings.source;
  const { load, retry } = useDataset(datasetName, ['test'], settings.source !== 'drawing');
  const split = load.status === 'loaded' ? load.splits[0] : null;
  const imageIndex = split ? Math.min(settings.index, split.count - 1) : settings.index;

  const image: Plane | null = useMemo(() => {
    if (settings.source === 'drawing') return { values: drawing, height: IMAGE_SIZE, width: IMAGE_SIZE };
    if (!split) return null;
    const offset = imageIndex * IMAGE_SIZE * IMAGE_SIZE;
    return { values: Float32Array.from(split.images.subarray(offset, offset + IMAGE_SIZE * IMAGE_SIZE), (v) => v / 255), height: IMAGE_SIZE, width: IMAGE_SIZE };
  }, [settings.source, drawing, split, imageIndex]);

  const view = useMemo(() => (image ? computeExplorerView(image, settings) : null), [image, settings]);
  const geometry = view && 'geometry' in view ? view.geometry : null;
  const output = view && 'output' in view ? view.output : null;
  const strongest = useMemo(() => (output ? strongestCell(output) : null), [output]);
  const cell = output ? (picked || !strongest ? clampCell(selected, output.height, output.width) : strongest) : selected;
  const arithmetic = useMemo(() => (image && output ? cellArithmetic(image, settings, cell.row, cell.column) : null), [image, output, settings, cell.row, cell.column]);
  const taps = useMemo(() => arithmetic?.terms.map((term) => ({ row: term.inputRow, column: term.inputColumn })) ?? [], [arithmetic]);
  const domain = useMemo<[number, number]>(() => {
    let m = 0;
    if (output) for (const v of output.values) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
    return m > 0 ? [-m, m] : [-1, 1];
  }, [output]);
  const formula = useMemo(() => {
    if (!geometry) return null;
    const latex = outputSizeLatex(IMAGE_SIZE, settings.kernelSize, geometry);
    const render = (source: string) => katex.renderToString(source, { displayMode: true, throwOnError: false });
    return { general: render(latex.general), substituted: render(latex.substituted) };
  }, [geometry, settings.kernelSize]);

  // The sliding window: one output cell per tick, in reading order, revealing the map as it goes.
  const outputHeight = output?.height ?? 0;
  const outputWidth = output?.width ?? 0;
  useEffect(() => {
    if (!playing || outputHeight === 0) return;
    const timer = setInterval(() => {
      setSelected((current) => {
        const next = nextSweepCell(clampCell(current, outputHeight, outputWidth), outputHeight, outputWidth);
        if (!next) {
          setPlaying(false);
          setRevealedUpTo(null);
          return current;
        }
        setRevealedUpTo(next.row * outputWidth + next.column);
        return next;
      });
    }, SWEEP_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [playing, outputHeight, outputWidth]);
  // A settings change that makes the map impossible stops the window.
  useEffect(() => {
    if (!output) setPlaying(false);
  }, [output]);

  const play = () => {
    setPicked(true);
    if (!output) return;
    if (revealedUpTo === null) {
      setSelected({ row: 0, column: 0 });
      setRevealedUpTo(0);
    }
    setPlaying(true);
  };
  const step = () => {
    setPicked(true);
    if (!output) return;
    const next = nextSweepCell(cell, output.height, output.width);
    if (!next) {
      setRevealedUpTo(null);
      setSelected({ row: 0, column: 0 });
      return;
    }
    setSelected(next);
    if (revealedUpTo !== null) {
      const index = next.row * output.width + next.column;
      setRevealedUpTo(index === output.height * output.width - 1 ? null : index);
    }
  };
  const reset = () => {
    setPicked(false);
    setPlaying(false);
    setRevealedUpTo(null);
    setSelected({ row: 0, column: 0 });
  };
  const pickCell = (next: { row: number; column: number }) => {
    setPicked(true);
    setPlaying(false);
    setRevealedUpTo(null);
    setSelected(next);
  };

  const setKernel = (values: number[]) => update({ kernel: serializeKernel(values) });
  const handleKernelMessage = (label: string, text: string | null) => setKernelMessage((current) => (text ? { label, text } : current?.label === label ? null : current));

  const randomImage = () => {
    const count = split?.count ?? INDEX_LIMIT + 1;
    let next = Math.floor(Math.random() * count);
    if (next === imageIndex) next = (next + 1) % count;
    update({ index: next });
  };

  const classWord = split && settings.source !== 'drawing' ? split.classNames[split.labels[imageIndex]] : null;
  const sourceLabel = SOURCE_OPTIONS.find((option) => option.value === settings.source)?.label ?? '';
  const imageDescription =
    settings.source === 'drawing' ? 'your drawing' : `${settings.source === 'mnist' ? 'MNIST' : 'Fashion-MNIST'} test image ${imageIndex}${classWord ? ` (${classWord})` : ''}`;
  const arithmeticText = arithmetic ? describeArithmetic(arithmetic, settings.kernelSize) : null;
  const state = settings.source !== 'drawing' && load.status !== 'loaded' ? (load.status === 'failed' ? 'error' : 'loading') : 'ready';

  return (
    <WidgetFrame
      widgetId="convolution-explorer"
      domId={names.domId}
      title="Convolution explorer"
      state={state}
      error={load.status === 'failed' && settings.source !== 'drawing' ? `The images could not be loaded: ${load.message}` : null}
    >
      <LinkProblemsNotice problems={shared.problems} />
      {load.status === 'failed' && settings.source !== 'drawing' ? (
        <div className="button-row">
          <button type="button" className="button" onClick={retry}>
            Retry
          </button>
        </div>
      ) : null}

      <div className="conv-explorer-controls">
        <fieldset className="pill-choices">
          <legend>Image</legend>
          {SOURCE_OPTIONS.map((option) => (
            <label key={option.value} className="pill-choice">
              <input
                type="radio"
                name={`source-${uid}`}
                value={option.value}
                checked={settings.source === option.value}
                onChange={() => {
                  if (option.value === 'drawing') setDrawing(new Float32Array(IMAGE_SIZE * IMAGE_SIZE));
                  update({ source: option.value });
                }}
              />
              <span>{option.label}</span>
            </label>
          ))}
        </fieldset>
        {settings.source === 'drawing' ? <DrawingPad label="Draw here" onChange={(pixels) => setDrawing(pixels ?? new Float32Array(IMAGE_SIZE * IMAGE_SIZE))} /> : null}
        {settings.source !== 'drawing' ? (
          <div className="conv-explorer-picker">
            <NumberField label="Test image number" min={0} max={split ? split.count - 1 : INDEX_LIMIT} integer value={imageIndex} onChange={(index) => update({ index })} />
            <div className="button-row">
              <button type="button" className="button" onClick={() => update({ index: (imageIndex + 1) % (split?.count ?? INDEX_LIMIT + 1) })}>
                Next image
              </button>
              <button type="button" className="button" onClick={randomImage}>
                Random image
              </button>
            </div>
          </div>
        ) : null}
      </div>

      <div className="conv-explorer-kernel-row">
        <div className="conv-explorer-kernel-settings">
          <fieldset className="pill-choices">
            <legend>Kernel size</legend>
            {([3, 5] as const).map((size) => (
              <label key={size} className="pill-choice">
                <input
                  type="radio"
                  name={`size-${uid}`}
                  value={size}
                  checked={settings.kernelSize === size}
                  onChange={() => {
                    setKernelMessage(null);
                    update({ kernelSize: size, kernel: serializeKernel(resizeKernel(kernel, settings.kernelSize, size)) });
                  }}
                />
                <span>
                  {size}×{size}
                </span>
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`preset-${uid}`}>Kernel preset</label>
            <select
              id={`preset-${uid}`}
              value={preset ?? 'custom'}
              onChange={(event) => {
                const chosen = PRESETS.find((p) => p.value === event.target.value);
                if (chosen) {
                  setKernelMessage(null);
                  setKernel(chosen.kernels[settings.kernelSize]);
                }
              }}
            >
              {preset === null ? <option value="custom">Your own kernel</option> : null}
              {PRESETS.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
          <NumberField {...BIAS_RULE} value={settings.bias} onChange={(bias) => update({ bias })} hint="added to every output" />
        </div>
        <figure className="conv-explorer-panel">
          <figcaption>
            Kernel {settings.kernelSize}×{settings.kernelSize}
          </figcaption>
          <div
            className="conv-explorer-kernel"
            style={{ gridTemplateColumns: `repeat(${settings.kernelSize}, auto)` }}
            role="group"
            aria-label={`Kernel weights, ${settings.kernelSize} by ${settings.kernelSize}`}
          >
            {kernel.map((value, i) => {
              const row = Math.floor(i / settings.kernelSize);
              const column = i % settings.kernelSize;
              const label = `Kernel row ${row + 1}, column ${column + 1}`;
              return (
                <KernelEntry
                  key={`${settings.kernelSize}-${i}`}
                  row={row}
                  column={column}
                  value={value}
                  invalid={kernelMessage?.label === label}
                  onCommit={(next) => setKernel(kernel.map((v, k) => (k === i ? next : v)))}
                  onMessage={(text) => handleKernelMessage(label, text)}
                />
              );
            })}
          </div>
          <p className="field-message conv-explorer-message" role="alert">
            {kernelMessage?.text ?? ''}
          </p>
          <p className="widget-caption">
            Weights from −{KERNEL_LIMIT} to {KERNEL_LIMIT}; Enter applies. Tint: red positive, blue negative.
          </p>
        </figure>
      </div>

      <div className="conv-explorer-controls">
        <NumberField {...STRIDE_RULE} value={settings.stride} onChange={(stride) => update({ stride })} hint="S: window step" />
        <fieldset className="pill-choices">
          <legend>Padding</legend>
          {PADDING_OPTIONS.map((option) => (
            <label key={option.value} className="pill-choice">
              <input
                type="radio"
                name={`padding-${uid}`}
                value={option.value}
                checked={settings.paddingMode === option.value}
                onChange={() => update({ paddingMode: option.value })}
              />
              <span>{option.label}</span>
            </label>
          ))}
        </fieldset>
        {settings.paddingMode === 'explicit' ? (
          <NumberField
            label="Padding P"
            min={PADDING_RULE.min}
            max={PADDING_RULE.max}
            integer
            value={settings.padding}
            onChange={(padding) => update({ padding })}
            hint="zeros on each side"
          />
        ) : null}
        <NumberField {...DILATION_RULE} value={settings.dilation} onChange={(dilation) => update({ dilation })} hint="D: spacing of the taps" />
      </div>

      {view && 'problem' in view ? (
        <p className="widget-error" role="alert" data-testid="settings-problem">
          {view.problem}
        </p>
      ) : null}
      {settings.source !== 'drawing' && load.status === 'loading' ? <LoadingProgress label={`Downloading the ${sourceLabel} test images…`} fraction={load.fraction} /> : null}

      <div className="conv-explorer-panels">
        <figure className="conv-explorer-panel">
          <figcaption>Input{geometry && (geometry.padTop > 0 || geometry.padLeft > 0 || geometry.padBottom > 0) ? ' (hatched: zero padding)' : ''}</figcaption>
          {image ? (
            <InputCanvas
              image={image}
              padTop={geometry?.padTop ?? 0}
              padLeft={geometry?.padLeft ?? 0}
              padBottom={geometry?.padBottom ?? 0}
              padRight={geometry?.padRight ?? 0}
              taps={taps}
              label={`Input: ${imageDescription}, 28 by 28 pixels${geometry ? `, ${describePadding(settings, geometry)}` : ''}. The window of output cell row ${cell.row + 1}, column ${cell.column + 1} covers input rows ${taps.length ? Math.min(...taps.map((t) => t.row)) + 1 : '–'} to ${taps.length ? Math.max(...taps.map((t) => t.row)) + 1 : '–'}.`}
            />
          ) : null}
          <p className="widget-caption">{imageDescription}</p>
        </figure>

        <figure className="conv-explorer-panel">
          <figcaption>Output feature map{output ? ` ${output.height}×${output.width}` : ''}</figcaption>
          {output ? (
            <>
              <OutputCanvas
                output={output}
                domain={domain}
                selected={cell}
                revealedUpTo={revealedUpTo}
                label={`Output feature map, ${output.height} by ${output.width}, values from ${formatValue(Math.min(...output.values))} to ${formatValue(Math.max(...output.values))}. Picked cell row ${cell.row + 1}, column ${cell.column + 1} = ${arithmetic ? formatValue(arithmetic.value) : '–'}. Arrow keys move the picked cell.`}
                onPick={pickCell}
                onKey={(key) => {
                  const next = moveCell(cell, key, output.height, output.width);
                  if (next) pickCell(next);
                  return next !== null;
                }}
              />
              <ColorLegend colorMode="diverging" domain={domain} width={180} format={(v) => formatValue(v, 2)} />
              <p className="widget-caption">Click a cell, or focus the map and use the arrow keys.</p>
            </>
          ) : null}
        </figure>
      </div>

      <div className="conv-explorer-sweep">
        <div className="button-row">
          {reducedMotion ? null : playing ? (
            <button type="button" className="button button-primary" onClick={() => setPlaying(false)}>
              <span aria-hidden="true">❚❚ </span>Pause
            </button>
          ) : (
            <button type="button" className="button button-primary" onClick={play} disabled={!output}>
              <span aria-hidden="true">▶ </span>Play
            </button>
          )}
          <button type="button" className="button" onClick={step} disabled={!output || playing}>
            Step
          </button>
          <button type="button" className="button" onClick={reset} disabled={!output}>
            <span aria-hidden="true">↺ </span>Reset
          </button>
        </div>
        <p className="widget-caption">
          {reducedMotion
            ? 'Your system asks for reduced motion, so the window does not animate: Step moves it one output cell.'
            : 'Play slides the window over the input and fills the map cell by cell; Step moves it one cell.'}
        </p>
      </div>

      {arithmetic && arithmeticText ? (
        <div className="conv-explorer-arithmetic" aria-live="polite">
          <p className="conv-explorer-cell">
            Output cell row <strong data-testid="cell-row">{cell.row + 1}</strong>, column <strong data-testid="cell-column">{cell.column + 1}</strong> (input value × kernel
            weight, kernel row by row):
          </p>
          <ol className="conv-explorer-terms">
            {arithmeticText.rows.map((line, r) => (
              <li key={r}>
                {r > 0 ? '+ ' : ''}
                {line}
              </li>
            ))}
          </ol>
          <p className="conv-explorer-total">
            {arithmeticText.lead}
            {' = '}
            <strong data-testid="cell-value">{formatValue(arithmetic.value)}</strong>
          </p>
        </div>
      ) : null}

      {formula && geometry ? (
        <div className="conv-explorer-formula">
          <p>
            Output size, with input I = {IMAGE_SIZE}, kernel K = {settings.kernelSize}, padding P ({describePadding(settings, geometry)}), dilation D = {settings.dilation}, stride
            S = {settings.stride}:
          </p>
          <div dangerouslySetInnerHTML={{ __html: formula.general }} />
          <div dangerouslySetInnerHTML={{ __html: formula.substituted }} data-testid="size-formula" />
          <p className="widget-caption">
            The window spans D·(K − 1) + 1 = {geometry.effectiveKernelHeight} pixels; the map is {geometry.outputHeight}×{geometry.outputWidth}.
          </p>
        </div>
      ) : null}
    </WidgetFrame>
  );
}
