// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActivationGallery } from '../../../../src/widgets/activation-gallery/activation-gallery';

// The gallery keeps its settings in the page URL: each test starts from a clean address.
afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

// jsdom has no CSS.escape; user-event needs it to walk a radio group with the arrow keys.
if (typeof globalThis.CSS?.escape !== 'function') {
  const escape = (value: string) => value.replace(/[^a-zA-Z0-9_-]/g, (character) => `\\${character}`);
  Object.defineProperty(globalThis, 'CSS', { value: { ...globalThis.CSS, escape }, configurable: true });
}

describe('ActivationGallery', () => {
  it('renders as a ready widget with a labelled plot', () => {
    const { container } = render(<ActivationGallery />);
    const root = container.querySelector('[data-widget="activation-gallery"]');
    expect(root?.getAttribute('data-state')).toBe('ready');
    expect(screen.getByRole('img', { name: /Plot of Sigmoid/ })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Sigmoid' })).toHaveProperty('checked', true);
  });

  it('updates the read-out when the "Input x" slider moves', () => {
    render(<ActivationGallery initialActivation="sigmoid" initialInput={0} />);
    expect(screen.getByTestId('readout-value').textContent).toBe('0.500');
    expect(screen.getByTestId('readout-derivative').textContent).toBe('0.250');
    fireEvent.change(screen.getByRole('slider', { name: /Input x/ }), { target: { value: '2' } });
    expect(screen.getByTestId('readout-input').textContent).toBe('2.000');
    expect(screen.getByTestId('readout-value').textContent).toBe('0.881');
    expect(screen.getByTestId('readout-derivative').textContent).toBe('0.105');
    expect(screen.getByRole('img', { name: /x = 2\.000: f\(x\) = 0\.881/ })).toBeTruthy();
  });

  it('switches activation, updating formula, read-out and caption', async () => {
    const user = userEvent.setup();
    const { container } = render(<ActivationGallery initialInput={-2} />);
    const formulas = () => container.querySelector('.activation-gallery-formulas')?.textContent ?? '';
    expect(formulas()).toContain('e');
    await user.click(screen.getByRole('radio', { name: 'ReLU' }));
    expect(formulas()).toContain('max');
    expect(screen.getByTestId('readout-value').textContent).toBe('0.000');
    expect(screen.getByTestId('readout-derivative').textContent).toBe('0.000');
    expect(screen.getByText(/"dead"/)).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'Leaky ReLU' }));
    expect(screen.getByTestId('readout-value').textContent).toBe('−0.020');
    expect(screen.getByTestId('readout-derivative').textContent).toBe('0.010');
  });

  it('explains the convention at the kink', () => {
    render(<ActivationGallery initialActivation="relu" initialInput={0} />);
    expect(screen.getByText(/undefined at x = 0/)).toBeTruthy();
  });

  it('changes activation with the arrow keys', async () => {
    const user = userEvent.setup();
    render(<ActivationGallery initialActivation="step" initialInput={1} />);
    screen.getByRole('radio', { name: 'Step' }).focus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('radio', { name: 'Sigmoid' })).toHaveProperty('checked', true);
    expect(screen.getByTestId('readout-value').textContent).toBe('0.731');
  });

  it('shows all five activations at the current x in a table', async () => {
    const user = userEvent.setup();
    render(<ActivationGallery initialActivation="step" initialInput={1} />);
    await user.click(screen.getByRole('checkbox', { name: /Compare all five/ }));
    const table = screen.getByRole('table', { name: /All activations at x = 1\.000/ });
    expect(table.textContent).toContain('0.731');
    expect(table.textContent).toContain('0.762');
  });

  it('moves the marked input when the plot is dragged', () => {
    render(<ActivationGallery initialInput={0} />);
    const plot = screen.getByRole('img', { name: /Plot of/ });
    plot.getBoundingClientRect = () => ({ left: 0, top: 0, width: 560, height: 300, right: 560, bottom: 300, x: 0, y: 0, toJSON: () => ({}) });
    fireEvent.pointerDown(plot, { clientX: 540, clientY: 100, pointerId: 1 });
    expect(Number(screen.getByTestId('readout-input').textContent)).toBeGreaterThan(4);
    fireEvent.pointerMove(plot, { clientX: 44, clientY: 100, pointerId: 1 });
    expect(screen.getByTestId('readout-input').textContent).toBe('−5.000');
    fireEvent.pointerUp(plot, { pointerId: 1 });
    fireEvent.pointerMove(plot, { clientX: 300, clientY: 100, pointerId: 1 });
    expect(screen.getByTestId('readout-input').textContent).toBe('−5.000');
  });

  it('keeps the activation and the input in the share link, and reads them back', async () => {
    const first = render(<ActivationGallery />);
    await userEvent.click(screen.getByRole('radio', { name: 'tanh' }));
    fireEvent.change(screen.getByRole('slider', { name: /Input x/ }), { target: { value: '-1.5' } });
    await waitFor(() => expect(window.location.search).toBe('?activation.activation=tanh&activation.input=-1.5'));
    first.unmount();
    render(<ActivationGallery />);
    expect(screen.getByRole('radio', { name: 'tanh' })).toHaveProperty('checked', true);
    expect(screen.getByTestId('readout-input').textContent).toBe('−1.500');
  });

  it('says what a mangled link contained and shows the defaults', () => {
    window.history.replaceState(null, '', '/?activation.activation=swish&activation.input=lots');
    render(<ActivationGallery />);
    expect(
      screen.getByText(/This link had settings that could not be used: Activation "swish" in the link is not one of .*; Input x "lots" in the link is not a number/),
    ).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Sigmoid' })).toHaveProperty('checked', true);
  });
});
