import { useCallback, useMemo, useRef } from 'react';
import type { SettingsSchema } from '../../core/url/shared-settings';
import { useNearViewport } from '../../hooks/use-near-viewport';
import { useSharedSettings } from '../../hooks/use-shared-settings';
import { widgetInstanceNames, type WidgetInstanceNames } from './widget-instance';

export interface UseTrainingWidgetOptions<S extends object> {
  /** The widget's `data-widget` id, e.g. "perceptron-trainer". */
  widgetId: string;
  /** The URL namespace of its shared settings, e.g. "perceptron" (old links keep working). */
  shareKey: string;
  /** Which copy of the widget on the page this is (0-based, document order; LazyWidget passes it). */
  instance?: number;
  settingsSchema: SettingsSchema<S>;
  /** Starting settings (the MDX props); a share link overrides them. */
  defaultSettings: S;
}

export interface TrainingWidget<S extends object> extends WidgetInstanceNames {
  widgetId: string;
  instance: number;
  /** Attach to the widget's outer element: the engine starts when it nears the viewport. */
  rootRef: React.RefObject<HTMLDivElement | null>;
  /** True once the widget has come near the viewport (start the worker, load data). */
  near: boolean;
  settings: S;
  /** Merges a change into the settings (and the page URL). */
  updateSettings: (patch: Partial<S>) => void;
  /** What a mangled share link contained (shown by the frame; defaults are used instead). */
  linkProblems: string[];
}

/**
 * The part every training widget shares before its model: which copy of the widget it is, its element ids
 * and share-link namespace, its shared settings, and whether it is near the viewport. Pair it with
 * `useTrainingRun` (the model) and `TrainingWidgetFrame` (the contract, badge, controls and errors).
 */
export function useTrainingWidget<S extends object>({ widgetId, shareKey, instance = 0, settingsSchema, defaultSettings }: UseTrainingWidgetOptions<S>): TrainingWidget<S> {
  const rootRef = useRef<HTMLDivElement>(null);
  const near = useNearViewport(rootRef);
  const names = useMemo(() => widgetInstanceNames(widgetId, shareKey, instance), [widgetId, shareKey, instance]);
  const { values, setValues, problems } = useSharedSettings<S>(names.shareNamespace, settingsSchema, defaultSettings);
  const updateSettings = useCallback((patch: Partial<S>) => setValues((current) => ({ ...current, ...patch })), [setValues]);
  return { widgetId, instance, ...names, rootRef, near, settings: values, updateSettings, linkProblems: problems };
}
