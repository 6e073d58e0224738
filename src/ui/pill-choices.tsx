import { useId, type ReactNode } from 'react';

interface PillChoicesProps<T extends string> {
  /** What is being chosen: the group's accessible name. */
  legend: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: ReactNode }>;
  onChange: (value: T) => void;
  disabled?: boolean;
}

/**
 * One choice among a few, drawn as a row of pills (`.pill-choices` in global.css): native radio buttons in a
 * fieldset, so the legend names the group, Tab enters it and the arrow keys move the choice. Each instance
 * gets its own radio-group name, so two copies of a widget on one page never share a choice.
 */
export function PillChoices<T extends string>({ legend, value, options, onChange, disabled }: PillChoicesProps<T>) {
  const name = useId();
  return (
    <fieldset className="pill-choices">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="pill-choice">
          <input type="radio" name={name} value={option.value} checked={value === option.value} disabled={disabled} onChange={() => onChange(option.value)} />
          <span>{option.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
