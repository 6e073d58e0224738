import { useEffect, useMemo, useRef } from 'react';
import { ColorLegend } from './color-legend';
import { computeColorDomain, describeGrid, describeImage, getColorLut, imageLabel, paintPixels, summarizeValues } from './image-grid-model';
import type { ColorMode, GridImage } from './image-grid-model';
import './charts.css';

export type { ColorMode, GridImage } from './image-grid-model';

/** Props of {@link ImageGrid}. Data are read, never mutated; pass new arrays (or views) to update. */
export interface ImageGridProps {
  /** Row-major values, one per pixel: `values[row * width + column]`. */
  images: GridImage[];
  colorMode: ColorMode;
  /**
   * Values mapped to the two ends of the colour scale. Default: grayscale [0, 1] (or the data's range
   * when values fall outside it); diverging [-m, m] with m = max |value| over all images. A diverging
   * domain is always made symmetric so that 0 is the neutral colour.
   */
  domain?: [number, number];
  /** CSS pixels per image pixel. Default 4. */
  pixelSize?: number;
  /** Accessible name of the grid. */
  title: string;
  /** Show the colour bar. Default: true for 'diverging', false for 'grayscale'. */
  showLegend?: boolean;
  /** Fixed number of columns; by default images wrap to the available width. */
  columns?: number;
  /** Makes each image a button; called with the image's index. */
  onSelect?: (index: number) => void;
  /** With `onSelect`: the image shown as selected (`aria-pressed`). */
  selectedIndex?: number;
}

interface ImageCanvasProps {
  image: GridImage;
  domain: [number, number];
  lut: Uint8ClampedArray;
  pixelSize: number;
  description: string;
}

/** One image on a canvas at its native resolution, scaled up by CSS with nearest-neighbour sampling. */
function ImageCanvas({ image, domain, lut, pixelSize, description }: ImageCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = Math.max(0, Math.floor(image.width));
  const height = Math.max(0, Math.floor(image.height));
  const { values } = image;
  const [lo, hi] = domain;
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width === 0 || height === 0) return;
    const context = canvas.getContext('2d');
    if (!context) return;
    const pixels = context.createImageData(width, height);
    paintPixels(values, width, height, [lo, hi], lut, pixels.data);
    context.putImageData(pixels, 0, 0);
  }, [values, width, height, lo, hi, lut]);
  return (
    <canvas
      ref={canvasRef}
      className="image-grid-canvas"
      width={width}
      height={height}
      style={{ width: `${width * pixelSize}px`, height: `${height * pixelSize}px` }}
      role="img"
      aria-label={description}
    />
  );
}

/**
 * A grid of small images (weights, filters, feature maps, inputs), each painted on its own canvas
 * through a 256-entry colour lookup table: grayscale (black to white) or diverging (blue, white at 0,
 * red). NaN and infinite values are magenta. Each canvas has a text alternative with its min and max,
 * and a visually hidden summary describes the grid. With `onSelect`, images are buttons.
 */
export function ImageGrid({ images, colorMode, domain, pixelSize = 4, title, showLegend, columns, onSelect, selectedIndex }: ImageGridProps) {
  const fixedLo = domain?.[0];
  const fixedHi = domain?.[1];
  const colorDomain = useMemo(
    () => computeColorDomain(images, colorMode, fixedLo !== undefined && fixedHi !== undefined ? [fixedLo, fixedHi] : undefined),
    [images, colorMode, fixedLo, fixedHi],
  );
  const stats = useMemo(() => images.map((image) => summarizeValues(image.values)), [images]);
  const lut = getColorLut(colorMode);
  const scale = Number.isFinite(pixelSize) && pixelSize > 0 ? pixelSize : 4;
  const legendShown = showLegend ?? colorMode === 'diverging';
  const anyNonFinite = stats.some((s) => s.nonFiniteCount > 0);
  const gridStyle = columns !== undefined && columns >= 1 ? { gridTemplateColumns: `repeat(${Math.floor(columns)}, max-content)` } : undefined;

  return (
    <figure className="chart image-grid" role="group" aria-label={title}>
      <div className={gridStyle ? 'image-grid-cells image-grid-fixed' : 'image-grid-cells'} style={gridStyle}>
        {images.map((image, index) => {
          const label = imageLabel(image, index);
          const description = describeImage(label, stats[index]);
          const canvas = <ImageCanvas image={image} domain={colorDomain} lut={lut} pixelSize={scale} description={description} />;
          const caption = image.label === undefined ? null : <span className="image-grid-label">{image.label}</span>;
          return onSelect ? (
            <button
              key={index}
              type="button"
              className="image-grid-cell image-grid-button"
              aria-label={description}
              aria-pressed={selectedIndex === undefined ? undefined : selectedIndex === index}
              onClick={() => onSelect(index)}
            >
              {canvas}
              {caption}
            </button>
          ) : (
            <div key={index} className="image-grid-cell">
              {canvas}
              {caption}
            </div>
          );
        })}
      </div>
      {legendShown && images.length > 0 ? (
        <ColorLegend colorMode={colorMode} domain={colorDomain} showNonFinite={anyNonFinite} />
      ) : anyNonFinite ? (
        <p className="chart-note">Magenta pixels are NaN or infinite values.</p>
      ) : null}
      <figcaption className="visually-hidden">{describeGrid(images, stats, colorMode, colorDomain)}</figcaption>
    </figure>
  );
}
