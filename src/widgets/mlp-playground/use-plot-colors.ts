import { useEffect, useState, type RefObject } from 'react';
import { parseColor, type HeatmapPalette } from './mlp-heatmap';

/** Used until the page's colours are read (and where a variable is missing): the light theme's. */
const FALLBACK: HeatmapPalette = {
  negative: [217, 72, 15],
  positive: [28, 126, 214],
  neutral: [255, 255, 255],
  classes: [
    [217, 72, 15],
    [28, 126, 214],
    [47, 158, 68],
    [156, 54, 181],
  ],
};

/** The canvases' colours: the heatmap palette, and the page's text (`ink`) and surface (`paper`) as CSS colours. */
export interface PlotColors {
  palette: HeatmapPalette;
  ink: string;
  paper: string;
}

const FALLBACK_COLORS: PlotColors = { palette: FALLBACK, ink: '#1d1f24', paper: '#ffffff' };

/** The colours from the theme's CSS variables as they apply to `element` (see mlp-playground.css). */
function readColors(element: Element): PlotColors {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: HeatmapPalette['neutral']) => parseColor(style.getPropertyValue(name), fallback);
  const negative = read('--mlp-negative', FALLBACK.negative);
  const positive = read('--mlp-positive', FALLBACK.positive);
  const palette: HeatmapPalette = {
    negative,
    positive,
    neutral: read('--mlp-neutral', FALLBACK.neutral),
    classes: [negative, positive, read('--mlp-class-2', FALLBACK.classes[2]), read('--mlp-class-3', FALLBACK.classes[3])],
  };
  const css = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { palette, ink: css('--text', FALLBACK_COLORS.ink), paper: css('--surface', FALLBACK_COLORS.paper) };
}

/**
 * The colours the canvases paint with, read from the page's theme and read again when the theme changes (the
 * site's toggle sets `data-theme` on <html>; without it, the system's colour scheme decides).
 */
export function usePlotColors(ref: RefObject<Element | null>): PlotColors {
  const [colors, setColors] = useState<PlotColors>(FALLBACK_COLORS);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => setColors(readColors(element));
    update();
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class'] });
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    media?.addEventListener('change', update);
    return () => {
      observer.disconnect();
      media?.removeEventListener('change', update);
    };
  }, [ref]);
  return colors;
}
