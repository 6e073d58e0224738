import { useId, useState } from 'react';
import { commitTypedNumber, formatBound, type NumberInputRule } from '../core/validation/parse-number-input';

interface NumberFieldProps extends NumberInputRule {
  value: number;
  onChange: (value: number) => void;
  /** Visible hint under the field, e.g. units. */
  hint?: string;
  disabled?: boolean;
}

/**
 * A labelled text field for a number. What the learner types is validated on commit (Enter or blur):
 * text that is not a number leaves the value unchanged and says so; out-of-range numbers are clamped
 * with a message. The message is announced (role="alert") and linked with aria-describedby.
 */
export function NumberField({ label, min, max, integer, value, onChange, hint, disabled }: NumberFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const commit = () => {
    if (draft === null) return;
    const committed = commitTypedNumber(draft, { label, min, max, integer }, formatBound(value));
    setMessage(committed.message);
    if (committed.value !== null && committed.value !== value) onChange(committed.value);
    setDraft(null);
  };

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={draft ?? formatBound(value)}
        disabled={disabled}
        aria-invalid={message ? true : undefined}
        aria-describedby={message || hint ? `${id}-note` : undefined}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
          if (event.key === 'Escape') {
            setDraft(null);
            setMessage(null);
          }
        }}
      />
      <span id={`${id}-note`} className={message ? 'field-message' : 'field-hint'} role={message ? 'alert' : undefined}>
        {message ?? hint}
      </span>
    </div>
  );
}
