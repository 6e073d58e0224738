import { memo, useEffect, useRef } from 'react';
import { getColorLut, summarizeValues, valueToRgb } from '../../charts/image-grid-model';
import type { LayerOutput } from '../../core/nn/forward-pass';
import type { LayerSummary } from '../../core/nn/network-spec';

/** Tiles per row of a layer's maps, and the CSS size of one tile, from the map side h (bigger maps, fewer tiles). */
export function tileLayout(side: number, channels: number): { columns: number; scale: number } {
  const columns = Math.min(channels, 8);
  const scale = Math.max(2, Math.min(8, Math.floor(64 / side)));
  return { columns, scale };
}

/** Paints every channel of one [h, w, c] output (HWC) as tiles with a 1-pixel gap, on one canvas. */
function paintMaps(canvas: HTMLCanvasElement, values: Float32Array, [h, w, c]: number[], columns: number, domain: [number, number], lut: Uint8ClampedArray) {
  const rows = Math.ceil(c / columns);
  const width = columns * (w + 1) - 1;
  const height = rows * (h + 1) - 1;
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return;
  const image = context.createImageData(width, height);
  const data = image.data;
  for (let channel = 0; channel < c; channel++) {
    const left = (channel % columns) * (w + 1);
    const top = Math.floor(channel / columns) * (h + 1);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const [r, g, b] = valueToRgb(values[(y * w + x) * c + channel], domain, lut);
        const o = ((top + y) * width + left + x) * 4;
        data[o] = r;
        data[o + 1] = g;
        data[o + 2] = b;
        data[o + 3] = 255;
      }
    }
  }
  context.putImageData(image, 0, 0);
}

/** Paints a vector of units as one strip of cells. */
function paintStrip(canvas: HTMLCanvasElement, values: Float32Array, domain: [number, number], lut: Uint8ClampedArray) {
  canvas.width = values.length;
  canvas.height = 1;
  const context = canvas.getContext('2d');
  if (!context) return;
  const image = context.createImageData(values.length, 1);
  values.forEach((value, i) => image.data.set([...valueToRgb(value, domain, lut), 255], i * 4));
  context.putImageData(image, 0, 0);
}

interface LayerMapsProps {
  title: string;
  output: LayerOutput;
}

/** One layer's output: tiles for [h, w, c] maps (grayscale 0…max for non-negative outputs, diverging otherwise), a strip for vectors. */
const LayerMaps = memo(function LayerMaps({ title, output }: LayerMapsProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const stats = summarizeValues(output.values);
  const negative = stats.min < -1e-6;
  const limit = Math.max(Math.abs(stats.min), Math.abs(stats.max), 1e-6);
  const domain: [number, number] = negative ? [-limit, limit] : [0, limit];
  const spatial = output.shape.length === 3;
  const [h = 1, w = output.values.length, c = 1] = output.shape;
  const { columns, scale } = spatial ? tileLayout(h, c) : { columns: 1, scale: 1 };
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const lut = getColorLut(negative ? 'diverging' : 'grayscale');
    if (spatial) paintMaps(canvas, output.values, output.shape, columns, domain, lut);
    else paintStrip(canvas, output.values, domain, lut);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the domain follows from the values
  }, [output, columns, negative, spatial]);
  const rows = Math.ceil(c / columns);
  const style = spatial
    ? { width: `${(columns * (w + 1) - 1) * scale}px`, aspectRatio: `${columns * (w + 1) - 1} / ${rows * (h + 1) - 1}` }
    : { width: `${Math.min(100, Math.max(30, output.values.length * 3))}%`, height: '22px' };
  const description = `${title}: ${spatial ? `${c} map${c === 1 ? '' : 's'} of ${h}×${w}` : `${output.values.length} units`}, values ${stats.min.toFixed(2)} to ${stats.max.toFixed(2)}`;
  return (
    <div className="cnn-maps-layer">
      <div className="cnn-maps-caption">
        <span className="cnn-maps-name">{title}</span>
        <span className="cnn-maps-shape">{output.shape.join('×')}</span>
      </div>
      <canvas ref={canvasRef} className="cnn-maps-canvas" style={style} role="img" aria-label={description} />
    </div>
  );
});

interface FeatureMapsProps {
  summary: readonly LayerSummary[];
  layers: readonly LayerOutput[];
  /** Names the layers as the diagram does. */
  layerTitle: (summary: LayerSummary) => string;
}

/** Every layer's output for one image, top to bottom, each drawn on one canvas (flatten omitted). */
export const FeatureMaps = memo(function FeatureMaps({ summary, layers, layerTitle }: FeatureMapsProps) {
  return (
    <div className="cnn-maps" data-testid="cnn-feature-maps">
      {layers
        .filter((output) => summary[output.layer] && summary[output.layer].layer.kind !== 'flatten')
        .map((output) => (
          <LayerMaps key={output.layer} title={layerTitle(summary[output.layer])} output={output} />
        ))}
    </div>
  );
});
