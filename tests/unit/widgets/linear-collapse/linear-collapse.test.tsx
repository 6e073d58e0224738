// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LinearCollapse } from '../../../../src/widgets/linear-collapse/linear-collapse';

// The widget keeps its settings in the page URL: each test starts from a clean address.
afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const difference = () => Number(screen.getByTestId('max-difference').textContent);

describe('LinearCollapse', () => {
  it('is a ready widget whose two layers match the single map exactly', () => {
    const { container } = render(<LinearCollapse seed={2} />);
    expect(container.querySelector('[data-widget="linear-collapse"]')?.getAttribute('data-state')).toBe('ready');
    expect(screen.getByTestId('max-difference').textContent).toBe('0.000');
    expect(container.querySelector('.katex')).not.toBeNull();
    expect(screen.getAllByRole('img')).toHaveLength(3);
  });

  it('shows a difference once a ReLU or tanh sits between the layers', async () => {
    const user = userEvent.setup();
    render(<LinearCollapse seed={2} />);
    await user.click(screen.getByRole('radio', { name: 'ReLU' }));
    expect(difference()).toBeGreaterThan(0);
    expect(screen.getByText(/the grid bends/)).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'tanh' }));
    expect(difference()).toBeGreaterThan(0);
    await user.click(screen.getByRole('radio', { name: 'Nothing (linear)' }));
    expect(difference()).toBe(0);
  });

  it('keeps the old value and explains when an entry is not a number', async () => {
    const user = userEvent.setup();
    render(<LinearCollapse seed={2} />);
    const entry = screen.getByRole('textbox', { name: 'W1 row 1, column 1' });
    const before = (entry as HTMLInputElement).value;
    await user.clear(entry);
    await user.type(entry, 'abc{Enter}');
    expect(screen.getByRole('alert').textContent).toMatch(/W1 row 1, column 1 must be a number between -5 and 5\. Kept/);
    expect((entry as HTMLInputElement).value).toBe(before);
    expect(entry.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('max-difference').textContent).toBe('0.000');
  });

  it('applies a typed value, updates the single matrix and clamps big numbers', async () => {
    const user = userEvent.setup();
    const { container } = render(<LinearCollapse seed={2} />);
    const entry = screen.getByRole('textbox', { name: 'W2 row 1, column 1' });
    const mathBefore = container.querySelector('.linear-collapse-math')?.textContent;
    await user.clear(entry);
    await user.type(entry, '40');
    await user.tab();
    expect((entry as HTMLInputElement).value).toBe('5');
    expect(screen.getByRole('alert').textContent).toMatch(/using 5/);
    expect(container.querySelector('.linear-collapse-math')?.textContent).not.toBe(mathBefore);
    expect(screen.getByTestId('max-difference').textContent).toBe('0.000');
  });

  it('randomizes deterministically for a seed', async () => {
    const user = userEvent.setup();
    const first = render(<LinearCollapse seed={11} />);
    await user.click(screen.getByRole('button', { name: 'Randomize' }));
    const afterFirst = (screen.getByRole('textbox', { name: 'W1 row 1, column 1' }) as HTMLInputElement).value;
    const matrixFirst = first.container.querySelector('.linear-collapse-math')?.textContent;
    first.unmount();
    const second = render(<LinearCollapse seed={11} />);
    await user.click(screen.getByRole('button', { name: 'Randomize' }));
    expect((screen.getByRole('textbox', { name: 'W1 row 1, column 1' }) as HTMLInputElement).value).toBe(afterFirst);
    expect(second.container.querySelector('.linear-collapse-math')?.textContent).toBe(matrixFirst);
  });

  it('keeps what sits between the layers and every edited entry in the share link, and reads them back', async () => {
    const user = userEvent.setup();
    const first = render(<LinearCollapse seed={2} />);
    await user.click(screen.getByRole('radio', { name: 'ReLU' }));
    const entry = screen.getByRole('textbox', { name: 'W1 row 1, column 1' });
    await user.clear(entry);
    await user.type(entry, '1.5{Enter}');
    await waitFor(() => expect(window.location.search).toMatch(/collapse\.between=relu/));
    await waitFor(() => expect(new URLSearchParams(window.location.search).get('collapse.weights')).toMatch(/^1\.5,/));
    const shownDifference = screen.getByTestId('max-difference').textContent;
    first.unmount();
    render(<LinearCollapse seed={2} />);
    expect(screen.getByRole('radio', { name: 'ReLU' })).toHaveProperty('checked', true);
    expect((screen.getByRole('textbox', { name: 'W1 row 1, column 1' }) as HTMLInputElement).value).toBe('1.5');
    expect(screen.getByTestId('max-difference').textContent).toBe(shownDifference);
  });

  it('says what a mangled link contained and shows the seeded weights', () => {
    window.history.replaceState(null, '', '/?collapse.weights=1,2,3&collapse.between=sigmoid');
    render(<LinearCollapse seed={2} />);
    expect(
      screen.getByText(/could not be used: Between the layers "sigmoid" in the link is not one of none, relu, tanh; the weights in the link: needs 17 numbers, got 3/),
    ).toBeTruthy();
    expect(screen.getByTestId('max-difference').textContent).toBe('0.000');
  });
});
