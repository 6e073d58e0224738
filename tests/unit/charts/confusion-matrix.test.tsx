// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfusionMatrix } from '../../../src/charts/confusion-matrix';

afterEach(cleanup);

const counts = [
  [5, 1],
  [0, 4],
];

describe('ConfusionMatrix', () => {
  it('is a grid of counts with a name per cell and a summary', () => {
    render(<ConfusionMatrix counts={counts} classNames={['A', 'B']} title="Matrix" />);
    const grid = screen.getByRole('grid', { name: 'Matrix' });
    expect(grid).toBeTruthy();
    const cells = screen.getAllByRole('gridcell');
    expect(cells.map((cell) => cell.textContent)).toEqual(['5', '1', '', '4']);
    expect(cells[1].getAttribute('aria-label')).toBe('true A, predicted B: 1 image, 16.7 % of the 6 A images');
    expect(screen.getByText(/Confusion matrix of 10 images: 90.0 % on the diagonal/)).toBeTruthy();
  });

  it('has one tab stop; arrow keys move between cells and Enter chooses one', async () => {
    const onSelect = vi.fn();
    render(<ConfusionMatrix counts={counts} classNames={['A', 'B']} title="Matrix" onSelectCell={onSelect} />);
    const cells = screen.getAllByRole('gridcell');
    expect(cells.map((cell) => cell.tabIndex)).toEqual([0, -1, -1, -1]);
    const user = userEvent.setup();
    await user.tab();
    expect(document.activeElement).toBe(cells[0]);
    await user.keyboard('{ArrowRight}{ArrowDown}');
    expect(document.activeElement).toBe(cells[3]);
    await user.keyboard('{ArrowRight}'); // stays at the edge
    expect(document.activeElement).toBe(cells[3]);
    await user.keyboard('{Enter}');
    expect(onSelect).toHaveBeenCalledWith(1, 1);
    await user.click(cells[1]);
    expect(onSelect).toHaveBeenLastCalledWith(0, 1);
  });
});
