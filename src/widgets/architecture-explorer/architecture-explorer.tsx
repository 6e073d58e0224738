import { memo, useMemo, useRef } from 'react';
import { formatShape } from '../../core/math/classic-architectures';
import { formatCount } from '../../core/math/layer-counts';
import { choiceSetting, numberSetting, type SettingsSchema } from '../../core/url/shared-settings';
import { useElementWidth } from '../../hooks/use-element-width';
import { useSharedSettings } from '../../hooks/use-shared-settings';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';
import { NumberField } from '../../ui/number-field';
import { PillChoices } from '../../ui/pill-choices';
import { SliderField } from '../../ui/slider-field';
import { WidgetFrame } from '../../ui/widget-frame';
import { widgetInstanceNames } from '../training-shell/widget-instance';
import {
  ALEXNET_VARIANTS,
  ALEXNET_VARIANT_LABELS,
  ARCHITECTURE_CHOICES,
  ARCHITECTURE_LABELS,
  DEFAULT_SETTINGS,
  SIZE_RULE,
  chosenArchitecture,
  computeExplorerView,
  countWithWords,
  formatRatio,
  layerTypeLabel,
  layerWindowLabel,
  type ArchitectureChoice,
  type ArchitectureExplorerSettings,
  type DiagramBox,
} from './architecture-explorer-state';
import './architecture-explorer.css';

interface ArchitectureExplorerProps {
  /** Architecture shown first (default LeNet-5); its native input size is used unless `size` is given. */
  architecture?: ArchitectureChoice;
  /** Starting input side in pixels (1…1024). */
  size?: number;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

const settingsSchema: SettingsSchema<ArchitectureExplorerSettings> = {
  architecture: choiceSetting('Architecture', ARCHITECTURE_CHOICES),
  alexnet: choiceSetting('AlexNet variant', ALEXNET_VARIANTS),
  size: numberSetting(SIZE_RULE),
};

const DIAGRAM_HEIGHT = 300;
const LABEL_SPACE = 64;
/** Room for the first rotated label. */
const LEFT_MARGIN = 24;

/** Boxes left to right: height ∝ log₂ of the map side (dense: of the units), width ∝ log₂ of the channels. */
const ArchitectureDiagram = memo(function ArchitectureDiagram({ boxes, width, description }: { boxes: DiagramBox[]; width: number; description: string }) {
  const slot = (width - LEFT_MARGIN) / boxes.length;
  const maxBoxHeight = DIAGRAM_HEIGHT - LABEL_SPACE - 16;
  const middle = 8 + maxBoxHeight / 2;
  const maxBoxWidth = Math.max(6, Math.min(44, slot * 0.78));
  const fontSize = slot < 26 ? 10 : 12;
  return (
    <svg className="architecture-explorer-diagram" role="img" aria-label={description} width={width} height={DIAGRAM_HEIGHT} viewBox={`0 0 ${width} ${DIAGRAM_HEIGHT}`}>
      <line className="architecture-explorer-axis" x1={0} x2={width} y1={middle} y2={middle} />
      {boxes.map((box, index) => {
        const boxWidth = Math.max(4, box.width * maxBoxWidth);
        const boxHeight = box.height * maxBoxHeight;
        const x = LEFT_MARGIN + index * slot + (slot - boxWidth) / 2;
        const labelX = LEFT_MARGIN + index * slot + slot / 2;
        const labelY = DIAGRAM_HEIGHT - LABEL_SPACE + 6;
        return (
          <g key={box.key}>
            <title>{`${box.label}: ${box.shape}`}</title>
            <rect
              className={`architecture-explorer-box architecture-explorer-box-${box.broken ? 'broken' : box.kind}`}
              x={x}
              y={middle - boxHeight / 2}
              width={boxWidth}
              height={boxHeight}
              rx={2}
            />
            <text className="architecture-explorer-box-label" x={labelX} y={labelY} fontSize={fontSize} transform={`rotate(-55 ${labelX} ${labelY})`} textAnchor="end">
              {box.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
});

/**
 * Architecture explorer: LeNet-5, AlexNet (three variants), VGG-16, VGG-19 and the course's mini-VGG, every layer's
 * output shape, parameters (conv K·K·C/g·F + F, dense N·M + M) and multiply–adds computed for a square input of
 * any side, with totals, a log-scale diagram, what scales against the native size, and where the network breaks.
 */
export function ArchitectureExplorer({ architecture, size, instance }: ArchitectureExplorerProps) {
  const names = widgetInstanceNames('architecture-explorer', 'arch', instance);
  const defaults = useMemo<ArchitectureExplorerSettings>(() => {
    const chosen = architecture && (ARCHITECTURE_CHOICES as readonly string[]).includes(architecture) ? architecture : DEFAULT_SETTINGS.architecture;
    const nativeSize = chosenArchitecture({ architecture: chosen, alexnet: DEFAULT_SETTINGS.alexnet }).nativeSize;
    const start = size !== undefined && Number.isInteger(size) && size >= SIZE_RULE.min && size <= SIZE_RULE.max ? size : nativeSize;
    return { ...DEFAULT_SETTINGS, architecture: chosen, size: start };
  }, [architecture, size]);
  const shared = useSharedSettings<ArchitectureExplorerSettings>(names.shareNamespace, settingsSchema, defaults);
  const settings = shared.values;
  const { setValues } = shared;
  const view = useMemo(() => computeExplorerView(settings), [settings]);
  const diagramRef = useRef<HTMLDivElement>(null);
  const diagramWidth = useElementWidth(diagramRef, 720);
  const { analysis, native } = view;
  const arch = view.architecture;
  const atNative = settings.size === arch.nativeSize;

  const choose = (next: Partial<ArchitectureExplorerSettings>) =>
    setValues((current) => {
      const merged = { ...current, ...next };
      return { ...merged, size: chosenArchitecture(merged).nativeSize };
    });
  const setSize = (value: number) => setValues((current) => ({ ...current, size: value }));
  const nativeDense = new Map(native.rows.filter((row) => row.layer.kind === 'dense').map((row) => [row.layer.name, row]));

  return (
    <WidgetFrame widgetId="architecture-explorer" domId={names.domId} title="Architecture explorer: every layer counted" state="ready">
      <LinkProblemsNotice problems={shared.problems} />
      <div className="architecture-explorer-controls">
        <PillChoices
          legend="Architecture"
          value={settings.architecture}
          options={ARCHITECTURE_CHOICES.map((value) => ({ value, label: ARCHITECTURE_LABELS[value] }))}
          onChange={(value) => choose({ architecture: value })}
        />
        {settings.architecture === 'alexnet' ? (
          <PillChoices
            legend="AlexNet variant"
            value={settings.alexnet}
            options={ALEXNET_VARIANTS.map((value) => ({ value, label: ALEXNET_VARIANT_LABELS[value] }))}
            onChange={(value) => choose({ alexnet: value })}
          />
        ) : null}
      </div>
      <p className="architecture-explorer-variant">{arch.variant}</p>

      <fieldset className="architecture-explorer-size">
        <legend>Input image (square, {arch.channels === 1 ? '1 channel' : `${arch.channels} channels`})</legend>
        <NumberField {...SIZE_RULE} value={settings.size} onChange={setSize} hint={`pixels per side; designed for ${arch.nativeSize}`} />
        <div className="architecture-explorer-slider">
          <SliderField label="Input side" value={settings.size} min={SIZE_RULE.min} max={SIZE_RULE.max} step={1} onChange={setSize} format={(value) => `${value}×${value}`} />
        </div>
        <div className="button-row">
          <button type="button" className="button" disabled={atNative} onClick={() => setSize(arch.nativeSize)}>
            Native size ({arch.nativeSize}×{arch.nativeSize})
          </button>
          {view.smallestInput !== null ? (
            <button type="button" className="button" disabled={settings.size === view.smallestInput} onClick={() => setSize(view.smallestInput ?? arch.nativeSize)}>
              Smallest that runs ({view.smallestInput}×{view.smallestInput})
            </button>
          ) : null}
        </div>
      </fieldset>

      {analysis.problems.map((problem) => (
        <p
          key={problem.kind}
          className={`widget-error architecture-explorer-problem architecture-explorer-problem-${problem.kind}`}
          role="alert"
          data-testid={`problem-${problem.kind}`}
        >
          <strong>{problem.kind === 'too-small' ? 'The network breaks. ' : 'The original head does not fit. '}</strong>
          {problem.message}
        </p>
      ))}

      <p className="architecture-explorer-headline" aria-live="polite">
        {arch.name} on {settings.size}×{settings.size}×{arch.channels}
        {view.broken ? (
          <>
            : cannot run (needs at least {view.smallestInput}×{view.smallestInput}).
          </>
        ) : (
          <>
            : <strong data-testid="total-parameters">{formatCount(analysis.parameters)}</strong> parameters and{' '}
            <strong data-testid="total-multiply-adds">{countWithWords(analysis.multiplyAdds)}</strong> multiply–adds per image.
          </>
        )}
      </p>

      <div className="architecture-explorer-scaling" role="group" aria-label={`Compared with the native ${arch.nativeSize}×${arch.nativeSize} input`}>
        {view.scaling.map((figure) => (
          <div key={figure.key} className={`architecture-explorer-card architecture-explorer-card-${figure.key}`} data-testid={`scaling-${figure.key}`}>
            <span className="architecture-explorer-card-label">{figure.label}</span>
            <span className="architecture-explorer-card-value">{figure.here === null ? '—' : formatCount(figure.here)}</span>
            <span className="architecture-explorer-card-ratio" data-testid={`ratio-${figure.key}`}>
              {figure.ratio === null ? 'network breaks' : formatRatio(figure.ratio)}
            </span>
            <span className="architecture-explorer-card-native">
              at {arch.nativeSize}×{arch.nativeSize}: {formatCount(figure.native)}
            </span>
          </div>
        ))}
      </div>
      {!view.broken && !atNative ? (
        <p className="widget-caption">
          Convolution weights are the same whatever the image size: a kernel is shared by every position. The fully connected layers read the flattened map, so their weights follow
          its size
          {arch.id === 'alexnet-torchvision' ? ' (here the adaptive pool always makes it 6×6×256, so they do not change)' : ''}; every multiply–add count follows the area of the
          maps.
        </p>
      ) : null}
      {view.cropNotes.length > 0 ? (
        <div className="widget-notice architecture-explorer-crops">
          <strong>Edges never seen</strong> (the output sides are rounded down):
          <ul>
            {view.cropNotes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <div ref={diagramRef} className="architecture-explorer-diagram-wrap">
        <ArchitectureDiagram boxes={view.boxes} width={Math.max(320, diagramWidth)} description={view.diagramDescription} />
      </div>
      <p className="widget-caption architecture-explorer-legend">
        <span className="architecture-explorer-swatch architecture-explorer-swatch-conv" aria-hidden="true" /> convolution{' '}
        <span className="architecture-explorer-swatch architecture-explorer-swatch-pool" aria-hidden="true" /> pooling{' '}
        <span className="architecture-explorer-swatch architecture-explorer-swatch-dense" aria-hidden="true" /> fully connected. Box height: side of the feature map; width: number
        of channels (both on log scales). Fully connected layers are thin bars as tall as log₂ of their units. ReLU follows every convolution and every fully connected layer but
        the last.
      </p>

      <div className="table-scroll" tabIndex={0} role="region" aria-label={`Layer table of ${arch.name}`}>
        <table className="architecture-explorer-table" data-testid="layer-table">
          <caption className="visually-hidden">
            Every layer of {arch.name} on a {settings.size}×{settings.size} input: type, window, output shape, parameters and multiply–adds
          </caption>
          <thead>
            <tr>
              <th scope="col">Layer</th>
              <th scope="col">Type</th>
              <th scope="col">
                <abbr title="Window (kernel) size K×K, stride s, zero padding p">K / s / p</abbr>
              </th>
              <th scope="col">Output shape</th>
              <th scope="col">Parameters</th>
              <th scope="col">Multiply–adds</th>
            </tr>
          </thead>
          <tbody>
            <tr className="architecture-explorer-row-input">
              <th scope="row">input</th>
              <td>Image</td>
              <td>—</td>
              <td>
                {settings.size}×{settings.size}×{arch.channels}
              </td>
              <td>0</td>
              <td>0</td>
            </tr>
            {analysis.rows.map((row) => {
              const nativeRow = nativeDense.get(row.layer.name);
              const changed = nativeRow !== undefined && row.outputShape !== null && nativeRow.parameters !== row.parameters;
              const computed = row.outputShape !== null;
              return (
                <tr
                  key={row.layer.name}
                  className={`architecture-explorer-row-${row.layer.kind}${row.tooSmall ? ' architecture-explorer-row-broken' : ''}${computed ? '' : ' architecture-explorer-row-missing'}`}
                  data-layer={row.layer.name}
                >
                  <th scope="row">{row.layer.name}</th>
                  <td>{layerTypeLabel(row.layer)}</td>
                  <td>{layerWindowLabel(row.layer)}</td>
                  <td data-testid={`shape-${row.layer.name}`}>{row.tooSmall ? 'window does not fit' : row.outputShape ? formatShape(row.outputShape) : '—'}</td>
                  <td data-testid={`parameters-${row.layer.name}`}>
                    {computed ? formatCount(row.parameters) : '—'}
                    {changed ? <span className="architecture-explorer-native-note">was {formatCount(nativeRow.parameters)}</span> : null}
                  </td>
                  <td data-testid={`multiply-adds-${row.layer.name}`}>{computed ? formatCount(row.multiplyAdds) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td colSpan={3}>
                {view.broken ? 'up to the layer that breaks' : `published: ${formatCount(arch.publishedParameters)} parameters at ${arch.nativeSize}×${arch.nativeSize}`}
              </td>
              <td>{formatCount(analysis.parameters)}</td>
              <td>{formatCount(analysis.multiplyAdds)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="widget-caption">
        Parameters: convolution K·K·(C/g)·F + F, fully connected N·M + M. Multiply–adds: convolution H′·W′·K·K·(C/g)·F, fully connected N·M; pooling, local response normalization
        (LRN), ReLU and dropout count as none. K / s / p: window K×K, stride s, zero padding p on each side; output side ⌊(n + 2p − K)/s⌋ + 1.
      </p>
    </WidgetFrame>
  );
}
