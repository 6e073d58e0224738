import { memo, useEffect, useRef } from 'react';

interface HeatmapCanvasProps {
  /** Pixels per side of the image (the grid's resolution). */
  resolution: number;
  /** CSS pixels per side on the page (the browser smooths the image up to it). */
  size: number;
  /** Writes resolution² RGBA pixels; a new function repaints. Null paints nothing (an empty square). */
  paint: ((pixels: Uint8ClampedArray) => void) | null;
  /** The text alternative; omit for a decorative canvas inside a labelled control. */
  label?: string;
  className?: string;
}

/**
 * A square heatmap on a canvas of resolution² pixels, scaled up smoothly by CSS. Painting happens in an effect
 * (never during render) and reuses one ImageData, so a repaint costs one pass over the pixels.
 */
export const HeatmapCanvas = memo(function HeatmapCanvas({ resolution, size, paint, label, className }: HeatmapCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const imageRef = useRef<ImageData | null>(null);
  useEffect(() => {
    const context = canvasRef.current?.getContext('2d');
    if (!context) return;
    if (!paint) {
      context.clearRect(0, 0, resolution, resolution);
      return;
    }
    if (imageRef.current?.width !== resolution) imageRef.current = context.createImageData(resolution, resolution);
    paint(imageRef.current.data);
    context.putImageData(imageRef.current, 0, 0);
  }, [paint, resolution]);
  return (
    <canvas
      ref={canvasRef}
      className={className ? `mlp-heatmap ${className}` : 'mlp-heatmap'}
      width={resolution}
      height={resolution}
      style={{ width: size, height: size }}
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    />
  );
});
