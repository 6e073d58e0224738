import { findParameter, type NetworkParameters } from '../../core/nn/network-spec';
import { FEATURES, type FeatureId } from './mlp-features';

/*
 * Where the network diagram puts things: a column of input features (all of them; the chosen ones are wired in),
 * one column per hidden layer and the output column, with an edge for every weight. Pure geometry in CSS pixels.
 */

export const NODE_SIZE = 40;
/** Vertical distance between two nodes' centres. */
export const NODE_PITCH = 54;
/** Room above the nodes for each column's heading and its + / − buttons. */
export const HEADER_HEIGHT = 62;
/** Room left of the features for their names. */
export const LABEL_WIDTH = 58;
const MIN_COLUMN_GAP = 78;
const MAX_COLUMN_GAP = 170;

export type NodeKind = 'feature' | 'hidden' | 'output';

export interface DiagramNode {
  /** Unique within the diagram: "f-x1", "h-0-3", "o-0". */
  key: string;
  kind: NodeKind;
  /** Feature id of a feature node. */
  feature?: FeatureId;
  /** Hidden layer index (0-based) of a hidden node. */
  layer: number;
  /** Position in its column (0-based). */
  index: number;
  /** Centre. */
  x: number;
  y: number;
  /** Whether a feature node is wired into the network. Always true for other nodes. */
  active: boolean;
}

export interface DiagramEdge {
  key: string;
  /** The dense layer (engine index) whose kernel holds this weight. */
  layer: number;
  /** Row-major index into that kernel [fanIn, units]: from · units + to. */
  kernelIndex: number;
  from: DiagramNode;
  to: DiagramNode;
  /** A cubic Bézier from the right side of `from` to the left side of `to`. */
  path: string;
}

export interface DiagramLayout {
  width: number;
  height: number;
  /** x of each column's centre: the features, each hidden layer, the output. */
  columnX: number[];
  features: DiagramNode[];
  hidden: DiagramNode[][];
  outputs: DiagramNode[];
  edges: DiagramEdge[];
}

/** The cubic Bézier of an edge, from the right side of `from` to the left side of `to`: start, two controls, end. */
export function edgeCurve(from: Pick<DiagramNode, 'x' | 'y'>, to: Pick<DiagramNode, 'x' | 'y'>): [number, number, number, number, number, number, number, number] {
  const x0 = from.x + NODE_SIZE / 2;
  const x1 = to.x - NODE_SIZE / 2;
  const middle = (x0 + x1) / 2;
  return [x0, from.y, middle, from.y, middle, to.y, x1, to.y];
}

function edgePath(from: DiagramNode, to: DiagramNode): string {
  const [x0, y0, c1x, c1y, c2x, c2y, x1, y1] = edgeCurve(from, to);
  return `M${x0},${y0} C${c1x},${c1y} ${c2x},${c2y} ${x1},${y1}`;
}

/**
 * The diagram for `chosen` features, hidden layers of `hiddenLayers` units and `outputCount` output units, as wide
 * as `availableWidth` allows (columns between MIN_COLUMN_GAP and MAX_COLUMN_GAP apart; wider than available when
 * they must be, and then the diagram scrolls).
 */
export function layoutDiagram(chosen: readonly FeatureId[], hiddenLayers: readonly number[], outputCount: number, availableWidth: number): DiagramLayout {
  const columns = hiddenLayers.length + 2;
  const usable = availableWidth - LABEL_WIDTH - NODE_SIZE - 16;
  const gap = Math.max(MIN_COLUMN_GAP, Math.min(MAX_COLUMN_GAP, usable / (columns - 1)));
  const columnX = Array.from({ length: columns }, (_, c) => LABEL_WIDTH + NODE_SIZE / 2 + c * gap);
  const rowY = (index: number) => HEADER_HEIGHT + NODE_SIZE / 2 + index * NODE_PITCH;
  const features: DiagramNode[] = FEATURES.map((feature, index) => ({
    key: `f-${feature.id}`,
    kind: 'feature',
    feature: feature.id,
    layer: -1,
    index,
    x: columnX[0],
    y: rowY(index),
    active: chosen.includes(feature.id),
  }));
  const hidden = hiddenLayers.map((units, layer) =>
    Array.from({ length: units }, (_, index): DiagramNode => ({ key: `h-${layer}-${index}`, kind: 'hidden', layer, index, x: columnX[layer + 1], y: rowY(index), active: true })),
  );
  const outputs = Array.from({ length: outputCount }, (_, index): DiagramNode => ({
    key: `o-${index}`,
    kind: 'output',
    layer: hiddenLayers.length,
    index,
    x: columnX[columns - 1],
    y: rowY(index),
    active: true,
  }));
  const sources: DiagramNode[][] = [features.filter((node) => node.active), ...hidden];
  const targets: DiagramNode[][] = [...hidden, outputs];
  const edges: DiagramEdge[] = targets.flatMap((column, layer) =>
    sources[layer].flatMap((from, i) => column.map((to, j) => ({ key: `${from.key}>${to.key}`, layer, kernelIndex: i * column.length + j, from, to, path: edgePath(from, to) }))),
  );
  const rows = Math.max(FEATURES.length, ...hiddenLayers, outputCount);
  return { width: columnX[columns - 1] + NODE_SIZE / 2 + 12, height: rowY(rows - 1) + NODE_SIZE / 2 + 8, columnX, features, hidden, outputs, edges };
}

/** The weight an edge stands for in the engine's parameters, or null before they are known. */
export function edgeWeight(parameters: NetworkParameters | null | undefined, edge: Pick<DiagramEdge, 'layer' | 'kernelIndex'>): number | null {
  const kernel = findParameter(parameters, edge.layer, 'kernel');
  return kernel && edge.kernelIndex < kernel.length ? kernel[edge.kernelIndex] : null;
}

/** The bias of a hidden or output node (its dense layer's bias entry), or null before the parameters are known. */
export function nodeBias(parameters: NetworkParameters | null | undefined, node: Pick<DiagramNode, 'kind' | 'layer' | 'index'>): number | null {
  if (node.kind === 'feature') return null;
  const bias = findParameter(parameters, node.layer, 'bias');
  return bias && node.index < bias.length ? bias[node.index] : null;
}

/** Stroke width of an edge for weight w: 0.6 px at 0, growing with |w| up to 7 px. */
export function edgeWidth(weight: number): number {
  return Number.isFinite(weight) ? Math.min(7, 0.6 + 2.2 * Math.abs(weight)) : 1;
}

/** Opacity of an edge for weight w: faint near 0, solid from |w| ≈ 1. */
export function edgeOpacity(weight: number): number {
  return Number.isFinite(weight) ? Math.min(1, 0.25 + 0.75 * Math.abs(weight)) : 1;
}
