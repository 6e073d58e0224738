import { useMemo, type ReactNode } from 'react';
import katex from 'katex';
import { formatCount } from '../../core/math/layer-counts';
import { numberSetting, type SettingsSchema } from '../../core/url/shared-settings';
import { useSharedSettings } from '../../hooks/use-shared-settings';
import { NumberField } from '../../ui/number-field';
import { SliderField } from '../../ui/slider-field';
import { WidgetFrame } from '../../ui/widget-frame';
import { widgetInstanceNames } from '../training-shell/widget-instance';
import {
  DEFAULT_SETTINGS,
  SETTING_RULES,
  computeConvChannelsView,
  drawnSlabs,
  filterStackEntries,
  inputChannelTone,
  normalizeSettings,
  type ConvChannelsSettings,
} from './conv-channels-state';
import './conv-channels.css';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';

interface ConvChannelsProps {
  /** Starting input channels (default 3). */
  inChannels?: number;
  /** Starting output channels (default 64). */
  outChannels?: number;
  /** Starting kernel size (default 3). */
  kernel?: number;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

const settingsSchema: SettingsSchema<ConvChannelsSettings> = {
  inChannels: numberSetting(SETTING_RULES.inChannels),
  outChannels: numberSetting(SETTING_RULES.outChannels),
  kernel: numberSetting(SETTING_RULES.kernel),
  channel: numberSetting({ label: 'Output channel', min: 1, max: 2048, integer: true }),
};

const renderMath = (latex: string) => katex.renderToString(latex, { displayMode: true, throwOnError: false, strict: 'ignore' });

/** Screen offset of one unit of depth: up and to the right. */
const DEPTH_X = 0.72;
const DEPTH_Y = -0.5;

interface BoxProps {
  x: number;
  y: number;
  width: number;
  height: number;
  depth: number;
  className: string;
  children?: ReactNode;
}

/** A box seen from the front, slightly from above and the right: front face at (x, y), depth going up-right. */
function IsoBox({ x, y, width, height, depth, className, children }: BoxProps) {
  const dx = depth * DEPTH_X;
  const dy = depth * DEPTH_Y;
  const top = `${x},${y} ${x + width},${y} ${x + width + dx},${y + dy} ${x + dx},${y + dy}`;
  const side = `${x + width},${y} ${x + width + dx},${y + dy} ${x + width + dx},${y + height + dy} ${x + width},${y + height}`;
  return (
    <g className={className}>
      <polygon className="conv-channels-top" points={top} />
      <polygon className="conv-channels-side" points={side} />
      <rect className="conv-channels-front" x={x} y={y} width={width} height={height} />
      {children}
    </g>
  );
}

/** K×K grid lines on a front face. */
function FaceGrid({ x, y, size, cells }: { x: number; y: number; size: number; cells: number }) {
  const step = size / cells;
  const lines = [];
  for (let i = 1; i < cells; i += 1) {
    lines.push(<line key={`v${i}`} x1={x + i * step} x2={x + i * step} y1={y} y2={y + size} />);
    lines.push(<line key={`h${i}`} x1={x} x2={x + size} y1={y + i * step} y2={y + i * step} />);
  }
  return <g className="conv-channels-face-grid">{lines}</g>;
}

/** A volume of channel slices, slice 1 in front; `highlight` marks one slice. */
function SlabVolume(props: { x: number; y: number; size: number; totalDepth: number; channels: number; followed: number | null; tone: (index: number) => string }) {
  const { x, y, size, totalDepth, channels, followed, tone } = props;
  const slabs = drawnSlabs(channels, followed);
  const thickness = Math.min(26, totalDepth / slabs.length);
  const positioned = slabs.map((index, position) => ({ index, position }));
  const highlighted = positioned.find((slab) => slab.index === followed);
  return (
    <g>
      {[...positioned].reverse().map(({ index, position }) => (
        <IsoBox
          key={index}
          x={x + position * thickness * DEPTH_X}
          y={y + position * thickness * DEPTH_Y}
          width={size}
          height={size}
          depth={thickness}
          className={`conv-channels-slab conv-channels-tone-${tone(index)}${index === followed ? ' conv-channels-slab-followed' : ''}`}
        />
      ))}
      {highlighted && highlighted.position > 0 ? (
        <rect
          className="conv-channels-hidden-outline"
          x={x + highlighted.position * thickness * DEPTH_X}
          y={y + highlighted.position * thickness * DEPTH_Y}
          width={size}
          height={size}
        />
      ) : null}
    </g>
  );
}

const VIEW_WIDTH = 900;
const VIEW_HEIGHT = 420;
/** Baselines of the labels under the four parts. */
const LABEL_Y = 362;

/** The whole drawing: input volume, one filter taken apart, the stack of filters, the output volume. */
function ChannelsDiagram({ settings, description }: { settings: ConvChannelsSettings; description: string }) {
  const { inChannels, outChannels, kernel, channel } = settings;
  const inputTone = (index: number) => inputChannelTone(index, inChannels);

  // Input volume with the K×K window through all its channels.
  const inputX = 14;
  const inputY = 150;
  const inputSize = 160;
  const inputDepth = Math.min(90, 30 * inChannels);
  const cell = Math.min(17, 130 / kernel);
  const windowX = inputX + 36;
  const windowY = inputY + 40;
  const windowSize = kernel * cell;

  // One filter, its K×K slices pulled apart.
  const filterSlices = inChannels <= 5 ? Array.from({ length: inChannels }, (_, i) => i + 1) : [1, 2, 3, inChannels];
  const sliceSize = Math.min(86, 12 * kernel + 30);
  const sliceStep = 48;
  const filterX = 258;
  const filterY = 220;

  // The stack of filters.
  const entries = filterStackEntries(outChannels, channel);
  const stackX = 556;
  const stackTop = 58;
  const stackFace = 30;
  const stackDepth = 16;
  const entryPitch = 46;
  const gapPitch = 30;
  let cursor = stackTop;
  const placed = entries.map((entry) => {
    const y = cursor;
    cursor += entry.kind === 'filter' ? entryPitch : gapPitch;
    return { entry, y };
  });
  const followedY = placed.find((item) => item.entry.kind === 'filter' && item.entry.index === channel)?.y ?? stackTop;

  // Output volume.
  const outputX = 690;
  const outputY = 150;
  const outputSize = 136;
  const outputDepth = Math.min(100, 6 * outChannels);
  const outSlabs = drawnSlabs(outChannels, channel);
  const outThickness = Math.min(26, outputDepth / outSlabs.length);
  const followedPosition = outSlabs.indexOf(channel);
  const followedFrontX = outputX + followedPosition * outThickness * DEPTH_X;
  const followedFrontY = outputY + followedPosition * outThickness * DEPTH_Y;
  const pixel = 14;
  const pixelX = followedFrontX + 36 + (windowSize / 2) * (outputSize / inputSize) - pixel / 2;
  const pixelY = followedFrontY + 40 + (windowSize / 2) * (outputSize / inputSize) - pixel / 2;

  return (
    <svg className="conv-channels-diagram" role="img" aria-label={description} viewBox={`0 0 ${VIEW_WIDTH} ${VIEW_HEIGHT}`}>
      <defs>
        <marker id="conv-channels-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="conv-channels-arrowhead" />
        </marker>
      </defs>

      {/* Input volume */}
      <SlabVolume x={inputX} y={inputY} size={inputSize} totalDepth={inputDepth} channels={inChannels} followed={null} tone={inputTone} />
      <IsoBox
        x={windowX}
        y={windowY}
        width={windowSize}
        height={windowSize}
        depth={Math.min(26, inputDepth / Math.min(inChannels, 48)) * Math.min(inChannels, 48)}
        className="conv-channels-window"
      >
        <FaceGrid x={windowX} y={windowY} size={windowSize} cells={kernel} />
      </IsoBox>
      <text className="conv-channels-label" x={inputX + inputSize / 2} y={LABEL_Y} textAnchor="middle">
        Input H×W×{formatCount(inChannels)}
      </text>
      <text className="conv-channels-note" x={inputX + inputSize / 2} y={LABEL_Y + 26} textAnchor="middle">
        {inChannels === 3 ? 'red, green, blue' : `${formatCount(inChannels)} channels`}
      </text>

      {/* One filter, pulled apart */}
      {[...filterSlices].reverse().map((index) => {
        const position = filterSlices.indexOf(index);
        const x = filterX + position * sliceStep * DEPTH_X;
        const y = filterY + position * sliceStep * DEPTH_Y;
        return (
          <IsoBox key={index} x={x} y={y} width={sliceSize} height={sliceSize} depth={8} className={`conv-channels-filter-slice conv-channels-tone-${inputTone(index)}`}>
            <FaceGrid x={x} y={y} size={sliceSize} cells={kernel} />
          </IsoBox>
        );
      })}
      {inChannels > 5 ? (
        <text className="conv-channels-note" x={filterX + 2.5 * sliceStep * DEPTH_X + sliceSize + 10} y={filterY + 2.5 * sliceStep * DEPTH_Y + 20}>
          ⋯
        </text>
      ) : null}
      <text className="conv-channels-label conv-channels-label-accent" x={filterX + sliceSize / 2 + 20} y={LABEL_Y} textAnchor="middle">
        Filter {channel}: {kernel}×{kernel}×{formatCount(inChannels)}
      </text>
      <text className="conv-channels-note" x={filterX + sliceSize / 2 + 20} y={LABEL_Y + 26} textAnchor="middle">
        {formatCount(kernel * kernel * inChannels)} weights + 1 bias
      </text>
      <text className="conv-channels-note" x={filterX + sliceSize / 2 + 20} y={LABEL_Y + 50} textAnchor="middle">
        one {kernel}×{kernel} slice per input channel
      </text>

      {/* Arrow: the window meets the filter */}
      <path
        className="conv-channels-link"
        d={`M ${windowX + windowSize + 40} ${windowY + windowSize / 2 - 10} C ${filterX - 60} ${windowY}, ${filterX - 60} ${filterY}, ${filterX - 8} ${filterY + sliceSize / 2}`}
        markerEnd="url(#conv-channels-arrow)"
      />

      {/* Stack of filters */}
      <text className="conv-channels-label" x={stackX + stackFace / 2 + 8} y={stackTop - 26} textAnchor="middle">
        {formatCount(outChannels)} {outChannels === 1 ? 'filter' : 'filters'}
      </text>
      {placed.map(({ entry, y }) =>
        entry.kind === 'gap' ? (
          <text key={`gap-${y}`} className="conv-channels-note" x={stackX + stackFace / 2 + 6} y={y + 14} textAnchor="middle">
            ⋮ {formatCount(entry.hidden)} more
          </text>
        ) : (
          <g key={entry.index}>
            <text className={`conv-channels-index${entry.index === channel ? ' conv-channels-index-followed' : ''}`} x={stackX - 12} y={y + stackFace / 2 + 5} textAnchor="end">
              {entry.index}
            </text>
            <IsoBox
              x={stackX}
              y={y}
              width={stackFace}
              height={stackFace}
              depth={stackDepth}
              className={`conv-channels-stack-filter${entry.index === channel ? ' conv-channels-stack-followed' : ''}`}
            >
              <FaceGrid x={stackX} y={y} size={stackFace} cells={kernel} />
            </IsoBox>
          </g>
        ),
      )}
      <path
        className="conv-channels-link conv-channels-link-accent"
        d={`M ${filterX + sliceSize + 8} ${filterY - 10} C ${stackX - 80} ${filterY - 60}, ${stackX - 80} ${followedY + 20}, ${stackX - 34} ${followedY + stackFace / 2}`}
        markerEnd="url(#conv-channels-arrow)"
      />

      {/* Output volume */}
      <SlabVolume x={outputX} y={outputY} size={outputSize} totalDepth={outputDepth} channels={outChannels} followed={channel} tone={() => 'output'} />
      <rect className="conv-channels-pixel" x={pixelX} y={pixelY} width={pixel} height={pixel} />
      <path
        className="conv-channels-link conv-channels-link-accent"
        d={`M ${stackX + stackFace + stackDepth * DEPTH_X + 8} ${followedY + stackFace / 2} C ${outputX - 40} ${followedY + 10}, ${outputX - 50} ${pixelY}, ${pixelX - 6} ${pixelY + pixel / 2}`}
        markerEnd="url(#conv-channels-arrow)"
      />
      <text className="conv-channels-label" x={outputX + outputSize / 2 + 20} y={LABEL_Y} textAnchor="middle">
        Output H×W×{formatCount(outChannels)}
      </text>
      <text className="conv-channels-note conv-channels-label-accent" x={outputX + outputSize / 2 + 20} y={LABEL_Y + 26} textAnchor="middle">
        filter {channel} writes slice {channel}
      </text>
    </svg>
  );
}

/**
 * Channels: a K×K convolution from C_in to C_out channels drawn as volumes. Each output channel has one filter
 * of K×K×C_in weights spanning every input channel, plus a bias: K·K·C_in·C_out + C_out parameters (3·3·3·64 + 64
 * = 1,792 by default), written with KaTeX and updated as the learner changes the layer. The weights of one
 * output channel are highlighted.
 */
export function ConvChannels({ inChannels, outChannels, kernel, instance }: ConvChannelsProps) {
  const names = widgetInstanceNames('conv-channels', 'channels', instance);
  const defaults = useMemo<ConvChannelsSettings>(() => {
    const ok = (value: number | undefined, rule: { min: number; max: number }) => value !== undefined && Number.isInteger(value) && value >= rule.min && value <= rule.max;
    return {
      ...DEFAULT_SETTINGS,
      ...(ok(inChannels, SETTING_RULES.inChannels) ? { inChannels } : {}),
      ...(ok(outChannels, SETTING_RULES.outChannels) ? { outChannels } : {}),
      ...(ok(kernel, SETTING_RULES.kernel) ? { kernel } : {}),
    };
  }, [inChannels, outChannels, kernel]);
  const shared = useSharedSettings<ConvChannelsSettings>(names.shareNamespace, settingsSchema, defaults);
  const settings = useMemo(() => normalizeSettings(shared.values), [shared.values]);
  const { setValues } = shared;
  const view = useMemo(() => computeConvChannelsView(settings), [settings]);
  const totalHtml = useMemo(() => renderMath(view.totalLatex), [view.totalLatex]);
  const channelHtml = useMemo(() => renderMath(view.channelLatex), [view.channelLatex]);
  const update = (patch: Partial<ConvChannelsSettings>) => setValues((current) => normalizeSettings({ ...normalizeSettings(current), ...patch }));

  return (
    <WidgetFrame widgetId="conv-channels" domId={names.domId} title="Channels: every filter spans every input channel" state="ready">
      <LinkProblemsNotice problems={shared.problems} />
      <div className="widget-controls">
        <NumberField {...SETTING_RULES.inChannels} value={settings.inChannels} onChange={(value) => update({ inChannels: value })} hint="C_in" />
        <NumberField {...SETTING_RULES.outChannels} value={settings.outChannels} onChange={(value) => update({ outChannels: value })} hint="C_out: one filter each" />
        <NumberField {...SETTING_RULES.kernel} value={settings.kernel} onChange={(value) => update({ kernel: value })} hint="K×K window" />
        <div className="conv-channels-channel">
          <SliderField
            label="Output channel"
            value={settings.channel}
            min={1}
            max={settings.outChannels}
            step={1}
            onChange={(value) => update({ channel: value })}
            format={(value) => `${value} of ${formatCount(settings.outChannels)}`}
          />
        </div>
        <div className="button-row">
          <button type="button" className="button" onClick={() => setValues(defaults)}>
            Reset
          </button>
        </div>
      </div>

      <div className="conv-channels-math">
        <div className="conv-channels-total" data-testid="channels-formula" dangerouslySetInnerHTML={{ __html: totalHtml }} />
        <div className="conv-channels-one" data-testid="channel-formula" dangerouslySetInnerHTML={{ __html: channelHtml }} />
      </div>
      <p className="widget-readout" aria-live="polite">
        Parameters: <strong data-testid="channels-parameters">{formatCount(view.parameters)}</strong> ({formatCount(view.weights)} weights + {formatCount(settings.outChannels)}{' '}
        biases); output channel {settings.channel} owns <strong>{formatCount(view.parametersPerFilter)}</strong> of them.
      </p>
      <figure className="conv-channels-figure">
        <ChannelsDiagram settings={settings} description={view.description} />
        <figcaption className="widget-caption">
          The highlighted window covers {settings.kernel}×{settings.kernel} pixels in <em>all</em> {formatCount(settings.inChannels)} input channels at once: filter{' '}
          {settings.channel} multiplies those {formatCount(view.weightsPerFilter)} values by its weights, adds its bias and writes one number into output slice {settings.channel}.
          Sliding the window gives the whole slice; {formatCount(settings.outChannels)} filters give {formatCount(settings.outChannels)} slices. The image size H×W does not appear
          in the count.
        </figcaption>
      </figure>
    </WidgetFrame>
  );
}
