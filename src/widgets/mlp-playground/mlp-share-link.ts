import { writeSharedSettings } from '../../core/url/shared-settings';
import type { DataPoint, ProblemType } from './mlp-datasets';
import { DRAWN_POINTS_KEY, encodeDrawnPoints, MAX_LINKED_POINTS, type MlpSettings } from './mlp-settings';

/** A link to this page that reproduces the playground, and how many drawn points it could not carry. */
export interface ShareLink {
  url: string;
  /** Drawn points left out because there were more than MAX_LINKED_POINTS (0 when all fit). */
  pointsLeftOut: number;
}

/**
 * The page's address with the playground's settings under `namespace` (those equal to `defaults` left out, the
 * page's other parameters kept) and, for a drawing, its points (all of them, or none when they are more than
 * MAX_LINKED_POINTS). The hash is replaced by `anchor`, so the link opens at the widget.
 */
export function buildShareLink(
  href: string,
  namespace: string,
  settings: MlpSettings,
  defaults: MlpSettings,
  drawn: readonly DataPoint[] | null,
  problem: ProblemType,
  anchor: string,
): ShareLink {
  const url = new URL(href);
  const params = new URLSearchParams(writeSharedSettings(url.search, namespace, settings, defaults));
  const key = `${namespace}.${DRAWN_POINTS_KEY}`;
  let pointsLeftOut = 0;
  if (drawn && drawn.length > 0 && drawn.length <= MAX_LINKED_POINTS) params.set(key, encodeDrawnPoints(drawn, problem));
  else {
    params.delete(key);
    if (drawn && drawn.length > MAX_LINKED_POINTS) pointsLeftOut = drawn.length;
  }
  const search = params.toString();
  url.search = search ? `?${search}` : '';
  url.hash = anchor;
  return { url: url.toString(), pointsLeftOut };
}
