import { useEffect, useId, useRef, useState } from 'react';
import { commitTypedNumber } from '../../core/validation/parse-number-input';

/** Weights and biases a learner may type: wide enough for any experiment, small enough to keep tanh meaningful. */
export const WEIGHT_LIMIT = 50;

export interface EditableWeight {
  /** Stable key (the edge's, or "bias"). */
  key: string;
  /** "from x₁", "bias". */
  label: string;
  layer: number;
  parameter: 'kernel' | 'bias';
  index: number;
  value: number | null;
}

interface WeightFieldProps {
  weight: EditableWeight;
  disabled: boolean;
  autoFocus: boolean;
  onCommit: (weight: EditableWeight, value: number) => void;
}

/** One weight as a text field: Enter or leaving the field sets it (checked and clamped), Escape puts the current value back. */
function WeightField({ weight, disabled, autoFocus, onCommit }: WeightFieldProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (autoFocus) inputRef.current?.focus();
  }, [autoFocus]);
  const shown = weight.value === null ? '' : Number(weight.value.toFixed(4)).toString();
  const commit = () => {
    if (draft === null) return;
    const committed = commitTypedNumber(draft, { label: 'A weight', min: -WEIGHT_LIMIT, max: WEIGHT_LIMIT }, shown);
    setDraft(null);
    setMessage(committed.message);
    if (committed.value !== null) onCommit(weight, committed.value);
  };
  return (
    <div className="mlp-weight-field">
      <label htmlFor={id}>{weight.label}</label>
      <input
        ref={inputRef}
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={draft ?? shown}
        disabled={disabled}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-note` : undefined}
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
      {message ? (
        <span id={`${id}-note`} className="field-message" role="alert">
          {message}
        </span>
      ) : null}
    </div>
  );
}

interface WeightEditorProps {
  /** "Hidden layer 1, neuron 2" */
  title: string;
  weights: EditableWeight[];
  /** The weight to focus when the editor opens (a clicked edge). */
  focusKey: string | null;
  /** While training, weights are shown but not editable. */
  locked: boolean;
  onCommit: (weight: EditableWeight, value: number) => void;
  onClose: () => void;
}

/** The incoming weights and the bias of one neuron, each editable while training is paused. */
export function WeightEditor({ title, weights, focusKey, locked, onCommit, onClose }: WeightEditorProps) {
  const headingId = useId();
  return (
    <section className="mlp-weight-editor" aria-labelledby={headingId}>
      <div className="mlp-weight-editor-head">
        <h4 id={headingId}>Weights into {title}</h4>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="widget-caption">{locked ? 'Pause to edit these weights.' : 'Type a value and press Enter: training goes on from it, with the optimizer’s memory kept.'}</p>
      <div className="mlp-weight-fields">
        {weights.map((weight) => (
          <WeightField key={weight.key} weight={weight} disabled={locked} autoFocus={weight.key === focusKey} onCommit={onCommit} />
        ))}
      </div>
    </section>
  );
}
