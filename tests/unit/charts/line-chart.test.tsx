// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { LineChart } from '../../../src/charts/line-chart';
import type { LineSeries } from '../../../src/charts/line-chart';

afterEach(cleanup);

const steps = (n: number) => Float64Array.from({ length: n }, (_, i) => i + 1);

function trainingSeries(): LineSeries[] {
  const X = steps(120);
  const train = X.map((x) => 2 / x);
  train[119] = 0.231;
  const validation = X.map((x) => 2.5 / x);
  return [
    { id: 'train', label: 'Train loss', X, Y: train },
    { id: 'val', label: 'Validation loss', X, Y: validation, dashed: true },
  ];
}

const linePaths = (container: HTMLElement) => Array.from(container.querySelectorAll('path.chart-line')).map((p) => p.getAttribute('d') ?? '');

describe('LineChart', () => {
  it('has an accessible name, a labelled plot and a legend', () => {
    render(<LineChart title="Loss during training" xLabel="Step" yLabel="Loss" series={trainingSeries()} />);
    expect(screen.getByRole('group', { name: 'Loss during training' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Loss during training: Loss against Step' })).toBeTruthy();
    const legend = screen.getByRole('list', { name: 'Legend' });
    expect(legend.textContent).toContain('Train loss');
    expect(legend.textContent).toContain('Validation loss');
  });

  it('states each series’ last value and point count in the text alternative', () => {
    render(<LineChart title="Loss" xLabel="Step" yLabel="Loss" series={trainingSeries()} />);
    expect(screen.getByText('Train loss: 0.231 after 120 points.')).toBeTruthy();
    expect(screen.getByText('Validation loss: 0.0208 after 120 points.')).toBeTruthy();
  });

  it('uses formatY in the text alternative', () => {
    const series = [{ id: 'acc', label: 'Accuracy', X: [1, 2], Y: [0.5, 0.875] }];
    render(<LineChart title="Accuracy" xLabel="Epoch" yLabel="Accuracy" series={series} yDomain={[0, 1]} formatY={(v) => `${(v * 100).toFixed(1)}%`} />);
    expect(screen.getByText('Accuracy: 87.5% after 2 points.')).toBeTruthy();
    expect(screen.getByText('100.0%')).toBeTruthy();
  });

  it('switches the y axis to a log scale and says which values it leaves out', async () => {
    const user = userEvent.setup();
    const series = [{ id: 's', label: 'Gap', X: [1, 2, 3, 4], Y: [10, 0, -1, 0.01] }];
    const { container } = render(<LineChart title="Gap" xLabel="Step" yLabel="Gap" series={series} />);
    const before = linePaths(container)[0];
    const toggle = screen.getByRole('checkbox', { name: 'Log scale' });
    expect(screen.queryByText(/not shown on the log scale/)).toBeNull();
    await user.click(toggle);
    expect((toggle as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('img', { name: 'Gap: Gap against Step, logarithmic y axis' })).toBeTruthy();
    expect(screen.getByText('2 values are zero or negative and not shown on the log scale.')).toBeTruthy();
    const after = linePaths(container)[0];
    expect(after).not.toBe(before);
    expect(after).not.toContain('NaN');
    await user.click(toggle);
    expect(screen.queryByText(/not shown on the log scale/)).toBeNull();
  });

  it('hides the log toggle when asked', () => {
    render(<LineChart title="T" xLabel="x" yLabel="y" series={trainingSeries()} logScaleToggle={false} />);
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('reads out values with the keyboard', async () => {
    const user = userEvent.setup();
    const { container } = render(<LineChart title="Loss" xLabel="Step" yLabel="Loss" series={trainingSeries()} />);
    const plot = screen.getByRole('img', { name: /Loss against Step/ });
    plot.focus();
    await user.keyboard('{ArrowRight}');
    const readout = container.querySelector('.chart-readout') as HTMLElement;
    expect(readout.textContent).toContain('Step 1');
    expect(readout.textContent).toContain('Train loss: 2');
    expect(readout.textContent).toContain('Validation loss: 2.5');
    await user.keyboard('{ArrowRight}');
    expect(readout.textContent).toContain('Train loss: 1');
    await user.keyboard('{End}');
    expect(readout.textContent).toContain('Step 120');
    expect(readout.textContent).toContain('Train loss: 0.231');
    expect(container.querySelector('.chart-guide')).not.toBeNull();
    await user.keyboard('{Escape}');
    expect(readout.textContent).toBe('');
    expect(container.querySelector('.chart-guide')).toBeNull();
  });

  it('reads out the nearest point under the pointer', () => {
    const series = [{ id: 's', label: 'Loss', X: [0, 10], Y: [4, 2] }];
    const { container } = render(<LineChart title="Loss" xLabel="Step" yLabel="Loss" series={series} />);
    const plot = screen.getByRole('img', { name: /Loss against Step/ });
    fireEvent.pointerMove(plot, { clientX: 470 });
    const readout = container.querySelector('.chart-readout') as HTMLElement;
    expect(readout.textContent).toContain('Step 10');
    expect(readout.textContent).toContain('Loss: 2');
    fireEvent.pointerLeave(plot);
    expect(readout.textContent).toBe('');
  });

  it('survives empty data', () => {
    const { rerender } = render(<LineChart title="Empty" xLabel="x" yLabel="y" series={[]} />);
    expect(screen.getByText('No data yet')).toBeTruthy();
    rerender(<LineChart title="Empty" xLabel="x" yLabel="y" series={[{ id: 'a', label: 'A', X: [], Y: [] }]} />);
    expect(screen.getByText('A: no points yet.')).toBeTruthy();
  });

  it('draws a single point as a dot', () => {
    const { container } = render(<LineChart title="One" xLabel="x" yLabel="y" series={[{ id: 'a', label: 'A', X: [3], Y: [0.5] }]} />);
    expect(container.querySelectorAll('circle.chart-last-point')).toHaveLength(1);
    expect(screen.getByText('A: 0.5 after 1 point.')).toBeTruthy();
  });

  it('breaks the line at NaN and Infinity and reports the divergence', () => {
    const series = [{ id: 'a', label: 'Loss', X: [1, 2, 3, 4, 5], Y: [1, 0.5, Infinity, NaN, NaN] }];
    const { container } = render(<LineChart title="Diverged" xLabel="Step" yLabel="Loss" series={series} />);
    const [d] = linePaths(container);
    expect(d).toMatch(/^M[\d.]+,[\d.]+L[\d.]+,[\d.]+$/);
    expect(screen.getByText('Loss: NaN after 5 points (last finite value 0.5).')).toBeTruthy();
  });

  it('downsamples long series but keeps a spike', () => {
    const X = steps(10_000);
    const Y = X.map((x) => 1 / x);
    Y[5000] = 1000;
    const { container } = render(<LineChart title="Long" xLabel="Step" yLabel="Loss" series={[{ id: 'a', label: 'A', X, Y }]} logScaleToggle={false} />);
    const [d] = linePaths(container);
    const points = d.split(/[ML]/).filter(Boolean);
    expect(points.length).toBeLessThan(2000);
    const ys = points.map((p) => Number(p.split(',')[1]));
    expect(Math.min(...ys)).toBeCloseTo(22, 0);
  });

  it('draws labelled markers inside the x range only', () => {
    render(
      <LineChart
        title="Loss"
        xLabel="Epoch"
        yLabel="Loss"
        series={trainingSeries()}
        markers={[
          { x: 40, label: 'best epoch' },
          { x: 500, label: 'outside' },
        ]}
      />,
    );
    expect(screen.getByText('best epoch')).toBeTruthy();
    expect(screen.queryByText('outside')).toBeNull();
  });

  it('respects a fixed y domain', () => {
    render(<LineChart title="Acc" xLabel="Epoch" yLabel="Accuracy" series={trainingSeries()} yDomain={[0, 10]} />);
    expect(screen.getByText('10')).toBeTruthy();
  });
});
