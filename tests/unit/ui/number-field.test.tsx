// @vitest-environment jsdom
import { useState } from 'react';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { NumberField } from '../../../src/ui/number-field';

function Harness() {
  const [value, setValue] = useState(0.5);
  return (
    <>
      <NumberField label="Learning rate" min={0.0001} max={10} value={value} onChange={setValue} />
      <output data-testid="value">{value}</output>
    </>
  );
}

afterEach(cleanup);

describe('NumberField', () => {
  it('applies a valid number on Enter', async () => {
    render(<Harness />);
    const field = screen.getByLabelText('Learning rate');
    await userEvent.clear(field);
    await userEvent.type(field, '0.03{Enter}');
    expect(screen.getByTestId('value').textContent).toBe('0.03');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps the old value and explains when the text is not a number', async () => {
    render(<Harness />);
    const field = screen.getByLabelText('Learning rate');
    await userEvent.clear(field);
    await userEvent.type(field, 'abc{Enter}');
    expect(screen.getByTestId('value').textContent).toBe('0.5');
    expect(screen.getByRole('alert').textContent).toBe('Learning rate must be a number between 0.0001 and 10. Kept 0.5.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect((field as HTMLInputElement).value).toBe('0.5');
  });

  it('clamps on blur and says what it used', async () => {
    render(<Harness />);
    const field = screen.getByLabelText('Learning rate');
    await userEvent.clear(field);
    await userEvent.type(field, '1e9');
    await userEvent.tab();
    expect(screen.getByTestId('value').textContent).toBe('10');
    expect(screen.getByRole('alert').textContent).toMatch(/using 10\./);
  });

  it('Escape abandons the edit', async () => {
    render(<Harness />);
    const field = screen.getByLabelText('Learning rate');
    await userEvent.clear(field);
    await userEvent.type(field, '7{Escape}');
    expect((field as HTMLInputElement).value).toBe('0.5');
  });
});
