import { parseNumberInput, type NumberInputRule } from '../validation/parse-number-input';

/** Reads one setting from its URL text: a value, or a learner-readable problem. */
export type SettingParser<T> = (raw: string) => { value: T } | { problem: string };

export type SettingsSchema<T> = { [K in keyof T]: SettingParser<T[K]> };

/** A number setting within [min, max]; out-of-range values are clamped, text is rejected. */
export function numberSetting(rule: NumberInputRule): SettingParser<number> {
  return (raw) => {
    const result = parseNumberInput(raw, rule);
    return result.status === 'invalid' ? { problem: `${rule.label} "${raw}" in the link is not a number` } : { value: result.value };
  };
}

/** One of a fixed list of names. */
export function choiceSetting<T extends string>(label: string, choices: readonly T[]): SettingParser<T> {
  return (raw) => ((choices as readonly string[]).includes(raw) ? { value: raw as T } : { problem: `${label} "${raw}" in the link is not one of ${choices.join(', ')}` });
}

/**
 * Reads the settings of one widget from a query string, where each is stored as `<namespace>.<key>`.
 * Missing keys keep their defaults; unreadable ones keep their defaults and are listed in `problems`
 * (the widget shows them), so a mangled link never breaks the page.
 */
export function readSharedSettings<T extends object>(search: string, namespace: string, schema: SettingsSchema<T>, defaults: T): { values: T; problems: string[] } {
  const params = new URLSearchParams(search);
  const values = { ...defaults };
  const problems: string[] = [];
  for (const key of Object.keys(schema) as (keyof T)[]) {
    const raw = params.get(`${namespace}.${String(key)}`);
    if (raw === null) continue;
    const parsed = schema[key](raw.slice(0, 200));
    if ('value' in parsed) values[key] = parsed.value;
    else problems.push(parsed.problem);
  }
  return { values, problems };
}

/**
 * Writes a widget's settings into a query string (values equal to the defaults are left out, so links stay
 * short). Parameters of other widgets and of the page are kept.
 */
export function writeSharedSettings<T extends object>(search: string, namespace: string, values: T, defaults: T): string {
  const params = new URLSearchParams(search);
  for (const key of Object.keys(values) as (keyof T)[]) {
    const name = `${namespace}.${String(key)}`;
    if (values[key] === defaults[key]) params.delete(name);
    else params.set(name, String(values[key]));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
