import { startTransition, useEffect, useRef, useState } from 'react';

/**
 * `value`, passed on at most once per `intervalMs` (the newest value wins; the last one always arrives).
 * While `immediate` is true every value passes at once (a paused widget answers Step without delay).
 * Throttled updates are drawn as React transitions, so drawing never holds up a frame.
 */
export function useThrottledValue<T>(value: T, intervalMs: number, immediate: boolean): T {
  const [shown, setShown] = useState(value);
  const lastMs = useRef(0);
  useEffect(() => {
    if (immediate) {
      lastMs.current = performance.now();
      setShown(value);
      return;
    }
    const wait = Math.max(0, lastMs.current + intervalMs - performance.now());
    const timer = setTimeout(() => {
      lastMs.current = performance.now();
      startTransition(() => setShown(value));
    }, wait);
    return () => clearTimeout(timer);
  }, [value, intervalMs, immediate]);
  return shown;
}
