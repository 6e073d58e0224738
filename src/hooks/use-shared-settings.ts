import { useEffect, useRef, useState } from 'react';
import { readSharedSettings, writeSharedSettings, type SettingsSchema } from '../core/url/shared-settings';

/** How long after the last change the address is rewritten. */
const URL_WRITE_DELAY_MS = 150;

/**
 * A widget's shareable settings, read once from the page URL (`?<namespace>.<key>=value`) and written
 * back with history.replaceState shortly after they change (URL_WRITE_DELAY_MS after the last change), so
 * copying the address shares the exact setup.
 * `problems` lists what a mangled link contained (shown by the widget; defaults are used instead).
 */
export function useSharedSettings<T extends object>(namespace: string, schema: SettingsSchema<T>, defaults: T) {
  const [initial] = useState(() => readSharedSettings(window.location.search, namespace, schema, defaults));
  const [values, setValues] = useState<T>(initial.values);
  const defaultsRef = useRef(defaults);

  // Written a moment after the last change: a dragged slider changes its value ~60 times a second, and
  // browsers throttle (and drop) history.replaceState calls beyond ~100 in 10 s.
  useEffect(() => {
    const write = () => {
      const search = writeSharedSettings(window.location.search, namespace, values, defaultsRef.current);
      if (search !== window.location.search) {
        window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
      }
    };
    const timer = setTimeout(write, URL_WRITE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [namespace, values]);

  return { values, setValues, problems: initial.problems };
}
