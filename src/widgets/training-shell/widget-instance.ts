/**
 * Names that must differ between two copies of one widget on a page. The first copy (instance 0) keeps the
 * plain names, so element ids and share links made before instances existed still work; copy n (n ≥ 1) gets
 * the suffix "-(n+1)": `perceptron-trainer-2`, `?perceptron-2.learningRate=0.1`.
 */
export interface WidgetInstanceNames {
  /** Prefix of every element id inside the widget (its title is `${domId}-title`). */
  domId: string;
  /** Namespace of the widget's settings in the page URL (`?<shareNamespace>.<key>=value`). */
  shareNamespace: string;
}

/** The names of copy `instance` (0-based, in document order) of a widget. */
export function widgetInstanceNames(widgetId: string, shareKey: string, instance = 0): WidgetInstanceNames {
  const suffix = Number.isInteger(instance) && instance > 0 ? `-${instance + 1}` : '';
  return { domId: `${widgetId}${suffix}`, shareNamespace: `${shareKey}${suffix}` };
}
