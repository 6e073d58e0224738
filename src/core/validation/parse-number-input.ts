/** Limits and wording for one numeric control. */
export interface NumberInputRule {
  /** Human name used in messages, e.g. "Learning rate". */
  label: string;
  min: number;
  max: number;
  /** Round to an integer (batch sizes, step counts). */
  integer?: boolean;
}

/** Outcome of reading what a learner typed. `value` is always usable; `message` explains any change. */
export type NumberInputResult = { status: 'valid'; value: number } | { status: 'clamped'; value: number; message: string } | { status: 'invalid'; message: string };

/**
 * Parses free text typed into a numeric field.
 * - Accepts decimals and scientific notation ("0.03", "3e-2", " 1,5 " with a decimal comma).
 * - Text that is not a finite number is `invalid` (the caller keeps its previous value).
 * - Finite numbers outside [min, max] are `clamped` to the nearest bound, with a message saying so.
 */
export function parseNumberInput(text: string, rule: NumberInputRule): NumberInputResult {
  const normalized = text.trim().replace(/^(-?\d+),(\d+)$/, '$1.$2');
  const range = `between ${formatBound(rule.min)} and ${formatBound(rule.max)}`;
  if (normalized === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(normalized)) {
    return { status: 'invalid', message: `${rule.label} must be a number ${range}.` };
  }
  let value = Number(normalized);
  if (!Number.isFinite(value)) {
    return { status: 'invalid', message: `${rule.label} must be a number ${range}.` };
  }
  if (rule.integer) value = Math.round(value);
  if (value < rule.min || value > rule.max) {
    const clampedValue = Math.min(rule.max, Math.max(rule.min, value));
    return {
      status: 'clamped',
      value: clampedValue,
      message: `${rule.label} must be ${range}; using ${formatBound(clampedValue)}.`,
    };
  }
  return { status: 'valid', value };
}

/** What committing a typed number means for a field: the value to apply (null: keep the current one) and what to tell the learner. */
export interface TypedNumberCommit {
  value: number | null;
  message: string | null;
}

/**
 * The one rule every numeric field follows when the learner commits what they typed (Enter or leaving the field):
 * text that is not a number keeps the current value and says so ("… Kept 0.5."), an out-of-range number is clamped
 * with the rule's message, a valid one is applied with no message. `current` is the value as the field shows it.
 */
export function commitTypedNumber(text: string, rule: NumberInputRule, current: string): TypedNumberCommit {
  const result = parseNumberInput(text, rule);
  if (result.status === 'invalid') return { value: null, message: `${result.message} Kept ${current}.` };
  return { value: result.value, message: result.status === 'clamped' ? result.message : null };
}

/** Formats a bound compactly: 0.0001 → "0.0001", 1e-7 → "1e-7", 1000 → "1000". */
export function formatBound(value: number): string {
  if (value !== 0 && (Math.abs(value) < 1e-4 || Math.abs(value) >= 1e6)) return value.toExponential().replace('e+', 'e');
  return String(Number(value.toPrecision(6)));
}
