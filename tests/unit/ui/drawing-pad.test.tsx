// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { centreOfMass, inkBounds } from '../../../src/core/math/digit-preprocess';
import { DrawingPad } from '../../../src/ui/drawing-pad';

const PAD = 200;

beforeEach(() => {
  // jsdom has no 2D canvas and no layout: getContext answers null (the pad still computes its pixels) and the pad
  // is placed at (0, 0), PAD × PAD.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation((() => null) as unknown as HTMLCanvasElement['getContext']);
  vi.spyOn(HTMLCanvasElement.prototype, 'getBoundingClientRect').mockImplementation(() => ({
    left: 0,
    top: 0,
    width: PAD,
    height: PAD,
    right: PAD,
    bottom: PAD,
    x: 0,
    y: 0,
    toJSON: () => ({}),
  }));
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function setup() {
  const onChange = vi.fn<(pixels: Float32Array | null) => void>();
  render(<DrawingPad label="Draw a digit" onChange={onChange} size={PAD} />);
  const pad = screen.getByRole('application', { name: 'Draw a digit' });
  const last = () => onChange.mock.calls[onChange.mock.calls.length - 1]?.[0];
  return { onChange, pad, last };
}

const digitOf = (pixels: Float32Array) => ({ values: pixels, width: 28, height: 28 });

describe('DrawingPad', () => {
  it('is a labelled, focusable pad with instructions, an empty description and a disabled Clear', () => {
    const { pad } = setup();
    expect(pad.getAttribute('tabindex')).toBe('0');
    expect(pad.getAttribute('aria-roledescription')).toBe('drawing pad');
    expect(pad.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(pad.getAttribute('aria-describedby')!)!.textContent).toMatch(/Space or Enter/);
    expect(screen.getByText(/^Drawing: empty\. Pen up/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Clear' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('group', { name: /What the network sees: nothing drawn yet/ })).toBeTruthy();
  });

  it('draws a vertical stroke with the pointer and reports it MNIST-preprocessed (20 px tall, centred by mass)', () => {
    const { pad, last } = setup();
    fireEvent.pointerDown(pad, { pointerId: 1, button: 0, clientX: 60, clientY: 30 });
    for (let y = 40; y <= 170; y += 10) fireEvent.pointerMove(pad, { pointerId: 1, clientX: 60, clientY: y });
    fireEvent.pointerUp(pad, { pointerId: 1, clientX: 60, clientY: 170 });
    const pixels = last()!;
    expect(pixels).toHaveLength(784);
    const bounds = inkBounds(digitOf(pixels))!;
    expect(bounds.bottom - bounds.top + 1).toBe(20);
    expect(bounds.right - bounds.left + 1).toBeLessThan(8);
    const centre = centreOfMass(digitOf(pixels))!;
    expect(Math.abs(centre.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(centre.y - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.max(...pixels)).toBeLessThanOrEqual(1);
    expect(screen.getByText(/^Drawing: 1 stroke\./)).toBeTruthy();
    expect(screen.getByRole('group', { name: /ink box scaled to 20 pixels/ })).toBeTruthy();
  });

  it('ignores moves of a pointer that is not drawing, counts strokes, and Clear reports null', async () => {
    const { pad, onChange, last } = setup();
    fireEvent.pointerMove(pad, { pointerId: 3, clientX: 10, clientY: 10 });
    expect(onChange).not.toHaveBeenCalled();
    for (const x of [50, 120]) {
      fireEvent.pointerDown(pad, { pointerId: 2, button: 0, clientX: x, clientY: 50 });
      fireEvent.pointerMove(pad, { pointerId: 2, clientX: x + 20, clientY: 150 });
      fireEvent.pointerUp(pad, { pointerId: 2 });
    }
    expect(screen.getByText(/^Drawing: 2 strokes\./)).toBeTruthy();
    expect(last()).toBeInstanceOf(Float32Array);
    await userEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(last()).toBeNull();
    expect(screen.getByText(/^Drawing: empty\./)).toBeTruthy();
  });

  it('draws with the keyboard alone: arrows move the cursor, Space puts the pen down and lifts it, C clears', async () => {
    const { pad, last } = setup();
    await act(async () => pad.focus());
    await userEvent.keyboard('{Shift>}{ArrowUp}{/Shift}');
    expect(screen.getByText(/cursor at 50 % across, 40 % down/)).toBeTruthy();
    await userEvent.keyboard(' ');
    expect(screen.getByText(/^Drawing: 1 stroke\. Pen down/)).toBeTruthy();
    await userEvent.keyboard('{Shift>}{ArrowDown}{ArrowDown}{ArrowDown}{/Shift}');
    await userEvent.keyboard('{Enter}');
    expect(screen.getByText(/^Drawing: 1 stroke\. Pen up, cursor at 50 % across, 70 % down/)).toBeTruthy();
    const pixels = last()!;
    const bounds = inkBounds(digitOf(pixels))!;
    expect(bounds.bottom - bounds.top + 1).toBe(20); // a vertical bar, taller than wide
    expect(bounds.right - bounds.left + 1).toBeLessThan(10);
    // Moving with the pen up draws nothing.
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    expect(last()).toBe(pixels);
    await userEvent.keyboard('c');
    expect(last()).toBeNull();
    expect(screen.getByText(/^Drawing: empty\./)).toBeTruthy();
  });

  it('keeps the cursor inside the pad', async () => {
    const { pad } = setup();
    await act(async () => pad.focus());
    await userEvent.keyboard('{Shift>}' + '{ArrowLeft}'.repeat(10) + '{ArrowDown}'.repeat(10) + '{/Shift}');
    expect(screen.getByText(/cursor at 0 % across, 100 % down/)).toBeTruthy();
  });
});
