import { useEffect, useRef, useState } from 'react';
import { readSharedSettings, writeSharedSettings, type SettingsSchema } from '../core/url/shared-settings';

/**
 * A widget's shareable settings, read once from the page URL (`?<namespace>.<key>=value`) and written
 * back with history.replaceState whenever they change, so copying the address shares the exact setup.
 * `problems` lists what a mangled link contained (shown by the widget; defaults are used instead).
 */
export function useSharedSettings<T extends object>(namespace: string, schema: SettingsSchema<T>, defaults: T) {
  const [initial] = useState(() => readSharedSettings(window.location.search, namespace, schema, defaults));
  const [values, setValues] = useState<T>(initial.values);
  const defaultsRef = useRef(defaults);

  useEffect(() => {
    const search = writeSharedSettings(window.location.search, namespace, values, defaultsRef.current);
    if (search !== window.location.search) {
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
    }
  }, [namespace, values]);

  return { values, setValues, problems: initial.problems };
}
