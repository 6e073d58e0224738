// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PillChoices } from '../../../src/ui/pill-choices';

afterEach(cleanup);

const options = [
  { value: 'off', label: 'Off' },
  { value: 'on', label: 'On' },
] as const;

describe('PillChoices', () => {
  it('is a group named by its legend, with one radio per option and the current value checked', () => {
    render(<PillChoices legend="Early stopping" value="on" options={options} onChange={() => undefined} />);
    const group = screen.getByRole('group', { name: 'Early stopping' });
    expect(group).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'On' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('radio', { name: 'Off' }) as HTMLInputElement).checked).toBe(false);
  });

  it('reports the chosen value, and nothing while disabled', () => {
    const onChange = vi.fn();
    const { rerender } = render(<PillChoices legend="Early stopping" value="off" options={options} onChange={onChange} />);
    fireEvent.click(screen.getByRole('radio', { name: 'On' }));
    expect(onChange).toHaveBeenCalledWith('on');
    rerender(<PillChoices legend="Early stopping" value="off" options={options} onChange={onChange} disabled />);
    expect((screen.getByRole('radio', { name: 'On' }) as HTMLInputElement).disabled).toBe(true);
  });

  it('gives each instance its own radio-group name, so two copies never share a choice', () => {
    render(
      <>
        <PillChoices legend="First" value="off" options={options} onChange={() => undefined} />
        <PillChoices legend="Second" value="on" options={options} onChange={() => undefined} />
      </>,
    );
    const [first, second] = screen.getAllByRole('radio', { name: 'Off' }) as HTMLInputElement[];
    expect(first.name).not.toBe('');
    expect(first.name).not.toBe(second.name);
  });
});
