import { useEffect, useState } from 'react';
import type { DataPoint, ProblemType } from './mlp-datasets';
import { decodeDrawnPoints, DRAWN_POINTS_KEY, encodeDrawnPoints, MAX_LINKED_POINTS } from './mlp-settings';

const WRITE_DELAY_MS = 200;

/**
 * The learner's drawn points, read once from the page's link (`?<namespace>.drawn=…`) and written back shortly
 * after each change (left out when empty or when there are more than MAX_LINKED_POINTS), so the address
 * reproduces the drawing. `problem` is set when the link's points were damaged (none are used then).
 */
export function useDrawnPoints(namespace: string, problem: ProblemType) {
  const [initial] = useState(() => {
    const raw = new URLSearchParams(window.location.search).get(`${namespace}.${DRAWN_POINTS_KEY}`);
    if (raw === null) return { points: [] as DataPoint[], problem: null };
    const decoded = decodeDrawnPoints(raw, problem);
    return 'points' in decoded ? { points: decoded.points, problem: null } : { points: [] as DataPoint[], problem: decoded.problem };
  });
  const [points, setPoints] = useState<DataPoint[]>(initial.points);
  useEffect(() => {
    const timer = setTimeout(() => {
      const params = new URLSearchParams(window.location.search);
      const key = `${namespace}.${DRAWN_POINTS_KEY}`;
      if (points.length > 0 && points.length <= MAX_LINKED_POINTS) params.set(key, encodeDrawnPoints(points, problem));
      else params.delete(key);
      const search = params.toString() ? `?${params.toString()}` : '';
      if (search !== window.location.search) window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
    }, WRITE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [namespace, points, problem]);
  return { points, setPoints, linkProblem: initial.problem };
}
