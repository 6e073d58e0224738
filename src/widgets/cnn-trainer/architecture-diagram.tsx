import { memo } from 'react';
import type { LayerSummary } from '../../core/nn/network-spec';
import { formatCount, formatLarge, networkTotals } from './cnn-trainer-state';

/** One drawn node of the diagram: the input, or a layer other than flatten. */
interface DiagramNode {
  key: string;
  title: string;
  shape: number[];
  parameters: number | null;
  tone: 'input' | 'conv' | 'pool' | 'dense' | 'output';
}

const COLUMN = 82;
const SHAPES_HEIGHT = 132;
const HEIGHT = SHAPES_HEIGHT + 62;

const shapeText = (shape: number[]) => shape.join('×');

/** A layer's name as the diagram writes it: "Conv 3×3", "Max pool", "Dense 64", "Output 10". */
function layerTitle(summary: LayerSummary, last: boolean): string {
  const layer = summary.layer;
  switch (layer.kind) {
    case 'conv2d':
      return `Conv ${layer.kernelSize}×${layer.kernelSize}`;
    case 'max-pool':
      return 'Max pool';
    case 'avg-pool':
      return 'Avg pool';
    case 'dense':
      return last ? 'Output' : 'Dense';
    default:
      return layer.kind;
  }
}

function nodesOf(summary: readonly LayerSummary[]): DiagramNode[] {
  const input = summary[0]?.inputShape ?? [28, 28, 1];
  const nodes: DiagramNode[] = [{ key: 'input', title: 'Input', shape: input, parameters: null, tone: 'input' }];
  summary.forEach((layer, i) => {
    if (layer.layer.kind === 'flatten') return;
    const last = i === summary.length - 1;
    const tone = layer.layer.kind === 'conv2d' ? 'conv' : layer.layer.kind === 'dense' ? (last ? 'output' : 'dense') : 'pool';
    nodes.push({ key: `layer-${i}`, title: layerTitle(layer, last), shape: layer.outputShape, parameters: layer.parameterCount, tone });
  });
  return nodes;
}

/** The slab of a [h, w, c] output: a square whose side follows h, stacked in depth by log₂ c; dense: a bar by log₂ units. */
function NodeShape({ node, x }: { node: DiagramNode; x: number }) {
  const color = `var(--cnn-${node.tone})`;
  const mid = SHAPES_HEIGHT / 2 + 6;
  if (node.shape.length === 3) {
    const [h, , c] = node.shape;
    const side = 16 + 74 * Math.sqrt(h / 28);
    const layers = Math.min(8, 1 + Math.round(Math.log2(c)));
    const step = 3.2;
    const width = Math.min(side, 44);
    const left = x - width / 2 - (layers * step) / 2;
    const top = mid - side / 2 + (layers * step) / 2;
    return (
      <g>
        {Array.from({ length: layers }, (_, i) => (
          <rect
            key={i}
            x={left + i * step}
            y={top - i * step}
            width={width}
            height={side}
            rx={2}
            fill={color}
            fillOpacity={i === layers - 1 ? 0.9 : 0.25 + (0.35 * i) / layers}
            stroke={color}
            strokeWidth={1}
          />
        ))}
      </g>
    );
  }
  const units = node.shape[0];
  const height = Math.min(SHAPES_HEIGHT - 8, 14 + 11 * Math.log2(units + 1));
  return <rect x={x - 7} y={mid - height / 2} width={14} height={height} rx={3} fill={color} fillOpacity={0.85} stroke={color} />;
}

interface ArchitectureDiagramProps {
  summary: readonly LayerSummary[];
}

/**
 * The network drawn left to right, one node per layer (flatten omitted): convolution and pooling outputs as
 * slabs sized by their height and (log) channels, dense layers as bars, with each layer's output shape and
 * parameter count under it, and the totals. Memoized: it redraws only when the architecture changes.
 */
export const ArchitectureDiagram = memo(function ArchitectureDiagram({ summary }: ArchitectureDiagramProps) {
  const nodes = nodesOf(summary);
  const width = nodes.length * COLUMN;
  const totals = networkTotals(summary);
  const description = `Network diagram: ${nodes.map((node) => `${node.title} ${shapeText(node.shape)}${node.parameters ? ` (${formatCount(node.parameters)} parameters)` : ''}`).join(', then ')}. Total ${formatCount(totals.parameters)} parameters, ${formatCount(totals.multiplyAdds)} multiply–adds per image.`;
  return (
    <figure className="cnn-diagram">
      <div className="cnn-diagram-scroll">
        <svg viewBox={`0 0 ${width} ${HEIGHT}`} style={{ minWidth: `${Math.min(width, 620)}px` }} role="img" aria-label={description}>
          {nodes.map((node, i) => {
            const x = i * COLUMN + COLUMN / 2;
            return (
              <g key={node.key} data-testid="cnn-diagram-node">
                {i > 0 ? <path d={`M ${x - COLUMN + 30} ${SHAPES_HEIGHT / 2 + 6} H ${x - 30}`} className="cnn-diagram-arrow" markerEnd="url(#cnn-arrow)" /> : null}
                <NodeShape node={node} x={x} />
                <text x={x} y={SHAPES_HEIGHT + 16} className="cnn-diagram-title">
                  {node.title}
                </text>
                <text x={x} y={SHAPES_HEIGHT + 34} className="cnn-diagram-shape">
                  {shapeText(node.shape)}
                </text>
                <text x={x} y={SHAPES_HEIGHT + 51} className="cnn-diagram-params">
                  {node.parameters === null ? 'image' : node.parameters === 0 ? 'no params' : `${formatLarge(node.parameters)} params`}
                </text>
              </g>
            );
          })}
          <defs>
            <marker id="cnn-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto">
              <path d="M 0 0 L 8 4 L 0 8 z" className="cnn-diagram-arrowhead" />
            </marker>
          </defs>
        </svg>
      </div>
      <figcaption className="cnn-diagram-totals">
        <span>
          <strong data-testid="cnn-total-parameters">{formatCount(totals.parameters)}</strong> parameters
        </span>
        <span>
          <strong>{formatLarge(totals.multiplyAdds)}</strong> multiply–adds per image
        </span>
      </figcaption>
      <details className="cnn-layer-table">
        <summary>Layer table</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Layer</th>
              <th scope="col">Output shape</th>
              <th scope="col">Parameters</th>
              <th scope="col">Multiply–adds</th>
            </tr>
          </thead>
          <tbody>
            {summary.map((layer) => (
              <tr key={layer.index}>
                <th scope="row">{layer.layer.kind === 'flatten' ? 'Flatten' : layerTitle(layer, layer.index === summary.length - 1)}</th>
                <td>{shapeText(layer.outputShape)}</td>
                <td>{formatCount(layer.parameterCount)}</td>
                <td>{formatCount(layer.multiplyAdds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
});
