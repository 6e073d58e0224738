import { memo, useEffect, useRef, useState } from 'react';
import type { NetworkParameters } from '../../core/nn/network-spec';
import { featureById } from './mlp-features';
import { edgeCurve, edgeOpacity, edgeWeight, edgeWidth, NODE_SIZE, type DiagramEdge, type DiagramLayout, type DiagramNode } from './mlp-diagram-layout';
import type { HeatmapPalette } from './mlp-heatmap';
import { HeatmapCanvas } from './heatmap-canvas';

/** A node's heatmap: how to paint it and at which resolution. */
export interface NodePicture {
  resolution: number;
  paint: ((pixels: Uint8ClampedArray) => void) | null;
}

interface NetworkDiagramProps {
  layout: DiagramLayout;
  palette: HeatmapPalette;
  parameters: NetworkParameters | null;
  /** Heatmap of every node by key. */
  pictures: Readonly<Record<string, NodePicture>>;
  /** What each hidden unit computes, for captions ("tanh"). */
  activationLabel: string;
  /** Names of the output units ("output", "class 1"…). */
  outputNames: readonly string[];
  /** The node whose weights the editor shows. */
  selectedKey: string | null;
  /** No feature toggling, no selection for editing (while training). */
  locked: boolean;
  onToggleFeature: (node: DiagramNode) => void;
  onSelectNode: (node: DiagramNode, edgeKey?: string) => void;
  /** A click on an edge (stable: the edges' pointer targets are drawn once). */
  onPickEdge: (edge: DiagramEdge) => void;
  /** Adds (+1) or removes (−1) a neuron of hidden layer `layer`. */
  onChangeUnits: (layer: number, delta: 1 | -1) => void;
  maxUnits: number;
}

const PREVIEW_SIZE = 150;

/** "x₁", "hidden 1 · 2", "output" for a node. */
export function nodeName(node: DiagramNode, outputNames: readonly string[]): string {
  if (node.kind === 'feature') return featureById(node.feature as NonNullable<DiagramNode['feature']>).label;
  if (node.kind === 'hidden') return `layer ${node.layer + 1}, neuron ${node.index + 1}`;
  return outputNames[node.index] ?? 'output';
}

function formatWeight(value: number | null): string {
  return value === null ? '–' : value.toFixed(3);
}

/** Inner size of a node's picture (inside its 2 px border). */
const PICTURE_SIZE = NODE_SIZE - 4;

/**
 * Every edge and every node's heatmap on one canvas, redrawn when the weights or pictures change: one layer for
 * the browser to paint and composite, instead of an SVG path per weight and a canvas per neuron. Edges: width and
 * opacity grow with |w|, blue for w > 0, orange for w < 0; the hovered one in the focus colour.
 */
const DiagramCanvas = memo(function DiagramCanvas({
  layout,
  parameters,
  pictures,
  palette,
  highlighted,
}: {
  layout: DiagramLayout;
  parameters: NetworkParameters | null;
  pictures: Readonly<Record<string, NodePicture>>;
  palette: HeatmapPalette;
  highlighted: string | null;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const scratch = useRef(new Map<number, { canvas: HTMLCanvasElement; image: ImageData }>());
  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.round(layout.width * ratio);
    const height = Math.round(layout.height * ratio);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, layout.width, layout.height);
    context.lineCap = 'round';
    const rgba = (color: readonly number[], alpha: number) => `rgba(${color[0]}, ${color[1]}, ${color[2]}, ${alpha})`;
    for (const edge of layout.edges) {
      const weight = edgeWeight(parameters, edge) ?? 0;
      const [x0, y0, c1x, c1y, c2x, c2y, x1, y1] = edgeCurve(edge.from, edge.to);
      context.strokeStyle = edge.key === highlighted ? 'rgb(255, 146, 43)' : rgba(weight < 0 ? palette.negative : palette.positive, edgeOpacity(weight));
      context.lineWidth = edgeWidth(weight) + (edge.key === highlighted ? 1.5 : 0);
      context.beginPath();
      context.moveTo(x0, y0);
      context.bezierCurveTo(c1x, c1y, c2x, c2y, x1, y1);
      context.stroke();
    }
    context.imageSmoothingEnabled = true;
    for (const node of [...layout.features, ...layout.hidden.flat(), ...layout.outputs]) {
      const picture = pictures[node.key];
      context.fillStyle = rgba(palette.neutral, 1);
      context.fillRect(node.x - NODE_SIZE / 2, node.y - NODE_SIZE / 2, NODE_SIZE, NODE_SIZE);
      if (!picture?.paint) continue;
      let buffer = scratch.current.get(picture.resolution);
      if (!buffer) {
        const small = document.createElement('canvas');
        small.width = picture.resolution;
        small.height = picture.resolution;
        const image = (small.getContext('2d') as CanvasRenderingContext2D).createImageData(picture.resolution, picture.resolution);
        buffer = { canvas: small, image };
        scratch.current.set(picture.resolution, buffer);
      }
      picture.paint(buffer.image.data);
      (buffer.canvas.getContext('2d') as CanvasRenderingContext2D).putImageData(buffer.image, 0, 0);
      context.globalAlpha = node.active ? 1 : 0.35;
      context.drawImage(buffer.canvas, node.x - PICTURE_SIZE / 2, node.y - PICTURE_SIZE / 2, PICTURE_SIZE, PICTURE_SIZE);
      context.globalAlpha = 1;
    }
  }, [layout, parameters, pictures, palette, highlighted]);
  return <canvas ref={canvasRef} className="mlp-diagram-canvas" style={{ width: layout.width, height: layout.height }} aria-hidden="true" />;
});

/** Wide invisible strokes over the edges for the pointer: hover shows the weight, click opens it for editing. */
const EdgeTargets = memo(function EdgeTargets({
  edges,
  onHover,
  onPick,
}: {
  edges: DiagramEdge[];
  onHover: (edge: DiagramEdge | null) => void;
  onPick: (edge: DiagramEdge) => void;
}) {
  return (
    <g className="mlp-edge-targets" onPointerLeave={() => onHover(null)}>
      {edges.map((edge) => (
        <path key={edge.key} d={edge.path} className="mlp-edge-target" onPointerEnter={() => onHover(edge)} onClick={() => onPick(edge)} />
      ))}
    </g>
  );
});

/**
 * The network as TF Playground draws it: every input feature (chosen ones wired in; click one to use it or not),
 * every hidden neuron and the output as a small heatmap of what it computes over the plane, and every weight as
 * an edge (blue positive, orange negative, thicker for larger |w|). Hovering or focusing a node shows its heatmap
 * large; hovering an edge shows its weight; clicking an edge or a neuron (Enter on a focused neuron) opens its
 * incoming weights for editing.
 */
interface DiagramControlsProps {
  layout: DiagramLayout;
  activationLabel: string;
  outputNames: readonly string[];
  selectedKey: string | null;
  locked: boolean;
  maxUnits: number;
  onToggleFeature: (node: DiagramNode) => void;
  onSelectNode: (node: DiagramNode, edgeKey?: string) => void;
  onChangeUnits: (layer: number, delta: 1 | -1) => void;
  onPreview: (update: (key: string | null) => string | null) => void;
}

/** Headings, neuron steppers, feature names and the nodes as buttons: they change with the settings, not with training. */
const DiagramControls = memo(function DiagramControls({
  layout,
  activationLabel,
  outputNames,
  selectedKey,
  locked,
  maxUnits,
  onToggleFeature,
  onSelectNode,
  onChangeUnits,
  onPreview,
}: DiagramControlsProps) {
  const nodes = [...layout.features, ...layout.hidden.flat(), ...layout.outputs];
  const describeNode = (node: DiagramNode): string => {
    if (node.kind === 'feature') {
      const feature = featureById(node.feature as NonNullable<DiagramNode['feature']>);
      return `Input feature ${feature.spoken}: ${node.active ? 'used' : 'not used'}`;
    }
    const what = node.kind === 'hidden' ? `Hidden ${nodeName(node, outputNames)} (${activationLabel})` : `Output: ${nodeName(node, outputNames)}`;
    return `${what}: press to see and edit its weights and bias`;
  };
  return (
    <>
      <p className="mlp-column-title" style={{ left: layout.columnX[0] }}>
        Features
      </p>
      {layout.hidden.map((column, layer) => (
        <div key={`units-${layer}`} className="mlp-column-units" style={{ left: layout.columnX[layer + 1] }}>
          <div className="mlp-stepper" role="group" aria-label={`Hidden layer ${layer + 1}: ${column.length} neurons`}>
            <button
              type="button"
              className="mlp-stepper-button"
              disabled={locked || column.length <= 1}
              onClick={() => onChangeUnits(layer, -1)}
              aria-label={`Remove a neuron from hidden layer ${layer + 1}`}
            >
              −
            </button>
            <span aria-hidden="true">{column.length}</span>
            <button
              type="button"
              className="mlp-stepper-button"
              disabled={locked || column.length >= maxUnits}
              onClick={() => onChangeUnits(layer, 1)}
              aria-label={`Add a neuron to hidden layer ${layer + 1}`}
            >
              +
            </button>
          </div>
          <span className="mlp-column-caption" aria-hidden="true">
            {column.length === 1 ? 'neuron' : 'neurons'}
          </span>
        </div>
      ))}
      <p className="mlp-column-title" style={{ left: layout.columnX[layout.columnX.length - 1] }}>
        Output
      </p>
      {layout.features.map((node) => (
        <span
          key={`${node.key}-label`}
          className={node.active ? 'mlp-feature-label' : 'mlp-feature-label mlp-inactive'}
          style={{ top: node.y, left: node.x - NODE_SIZE / 2 - 8 }}
          aria-hidden="true"
        >
          {featureById(node.feature as NonNullable<DiagramNode['feature']>).label}
        </span>
      ))}
      {nodes.map((node) => {
        const classes = ['mlp-node', `mlp-node-${node.kind}`];
        if (!node.active) classes.push('mlp-inactive');
        if (node.key === selectedKey) classes.push('mlp-node-selected');
        const show = () => onPreview(() => node.key);
        const hide = () => onPreview((key) => (key === node.key ? null : key));
        return (
          <button
            key={node.key}
            type="button"
            className={classes.join(' ')}
            style={{ left: node.x - NODE_SIZE / 2, top: node.y - NODE_SIZE / 2, width: NODE_SIZE, height: NODE_SIZE }}
            aria-label={describeNode(node)}
            aria-pressed={node.kind === 'feature' ? node.active : undefined}
            aria-expanded={node.kind === 'feature' ? undefined : node.key === selectedKey}
            disabled={locked && node.kind === 'feature'}
            onPointerEnter={show}
            onPointerLeave={hide}
            onFocus={show}
            onBlur={hide}
            onClick={() => (node.kind === 'feature' ? onToggleFeature(node) : onSelectNode(node))}
          />
        );
      })}
    </>
  );
});

export function NetworkDiagram({
  layout,
  palette,
  parameters,
  pictures,
  activationLabel,
  outputNames,
  selectedKey,
  locked,
  onToggleFeature,
  onSelectNode,
  onPickEdge,
  onChangeUnits,
  maxUnits,
}: NetworkDiagramProps) {
  const [previewKey, setPreviewKey] = useState<string | null>(null);
  const [hoveredEdge, setHoveredEdge] = useState<DiagramEdge | null>(null);
  const preview = previewKey ? ([...layout.features, ...layout.hidden.flat(), ...layout.outputs].find((node) => node.key === previewKey) ?? null) : null;
  const previewPicture = preview ? pictures[preview.key] : null;
  const previewLeft = preview ? (preview.x + NODE_SIZE / 2 + 12 + PREVIEW_SIZE > layout.width ? preview.x - NODE_SIZE / 2 - 12 - PREVIEW_SIZE : preview.x + NODE_SIZE / 2 + 12) : 0;
  const previewTop = preview ? Math.max(4, Math.min(layout.height - PREVIEW_SIZE - 40, preview.y - PREVIEW_SIZE / 2)) : 0;
  const hoveredWeight = hoveredEdge ? edgeWeight(parameters, hoveredEdge) : null;

  return (
    <div className="mlp-diagram" style={{ width: layout.width, height: layout.height }}>
      <DiagramCanvas layout={layout} parameters={parameters} pictures={pictures} palette={palette} highlighted={hoveredEdge?.key ?? null} />
      <svg className="mlp-diagram-svg" width={layout.width} height={layout.height} aria-hidden="true">
        <EdgeTargets edges={layout.edges} onHover={setHoveredEdge} onPick={onPickEdge} />
      </svg>
      <DiagramControls
        layout={layout}
        activationLabel={activationLabel}
        outputNames={outputNames}
        selectedKey={selectedKey}
        locked={locked}
        maxUnits={maxUnits}
        onToggleFeature={onToggleFeature}
        onSelectNode={onSelectNode}
        onChangeUnits={onChangeUnits}
        onPreview={setPreviewKey}
      />
      {hoveredEdge ? (
        <div
          className="mlp-tooltip"
          role="status"
          style={{
            // Grows away from the nearer side of the diagram, so it is never cut off.
            left: (hoveredEdge.from.x + hoveredEdge.to.x) / 2,
            top: (hoveredEdge.from.y + hoveredEdge.to.y) / 2 - 34,
            transform: (hoveredEdge.from.x + hoveredEdge.to.x) / 2 > layout.width / 2 ? 'translateX(-100%)' : 'none',
          }}
        >
          {nodeName(hoveredEdge.from, outputNames)} → {nodeName(hoveredEdge.to, outputNames)}: w = {formatWeight(hoveredWeight)}
          {locked ? '' : ' (click to edit)'}
        </div>
      ) : null}
      {preview && previewPicture ? (
        <figure className="mlp-preview" style={{ left: previewLeft, top: previewTop, width: PREVIEW_SIZE }} aria-hidden="true">
          <HeatmapCanvas resolution={previewPicture.resolution} size={PREVIEW_SIZE} paint={previewPicture.paint} />
          <figcaption>
            {preview.kind === 'feature'
              ? `Feature ${nodeName(preview, outputNames)}`
              : preview.kind === 'hidden'
                ? `Hidden ${nodeName(preview, outputNames)}`
                : nodeName(preview, outputNames)}
          </figcaption>
        </figure>
      ) : null}
    </div>
  );
}
