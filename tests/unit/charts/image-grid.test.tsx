// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ImageGrid } from '../../../src/charts/image-grid';

interface FakePixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** jsdom has no 2D canvas; by default getContext answers null, as it does in jsdom without the canvas package. */
let context: { createImageData: (w: number, h: number) => FakePixels; putImageData: ReturnType<typeof vi.fn> } | null;

beforeEach(() => {
  context = null;
  const getContext = () => context;
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(getContext as unknown as HTMLCanvasElement['getContext']);
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function useFakeContext() {
  context = {
    createImageData: (width, height) => ({ data: new Uint8ClampedArray(width * height * 4), width, height }),
    putImageData: vi.fn(),
  };
  return context;
}

const weights = [
  { values: [0.1, -0.42, 0.3, 0], width: 2, height: 2, label: 'Weights of output 1' },
  { values: [0.51, 0, -0.2, 0.05], width: 2, height: 2, label: 'Weights of output 2' },
];

describe('ImageGrid', () => {
  it('has an accessible name and a text alternative per image', () => {
    render(<ImageGrid title="Output weights" images={weights} colorMode="diverging" />);
    expect(screen.getByRole('group', { name: 'Output weights' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Weights of output 1: min -0.42, max 0.3' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Weights of output 2: min -0.2, max 0.51' })).toBeTruthy();
    expect(screen.getByText('Weights of output 1')).toBeTruthy();
    expect(screen.getByText(/2 images of 2 by 2 pixels\. Colour scale from -0\.51 \(blue\) through 0/)).toBeTruthy();
  });

  it('shows a symmetric colour legend for diverging data', () => {
    render(<ImageGrid title="W" images={weights} colorMode="diverging" />);
    const legend = screen.getByRole('img', { name: /^Colour scale/ });
    expect(legend.getAttribute('aria-label')).toBe('Colour scale from -0.51 (blue) through 0 (white) to 0.51 (red)');
    const labels = Array.from(legend.querySelectorAll('text')).map((t) => t.textContent);
    expect(labels).toEqual(['-0.51', '0', '0.51']);
  });

  it('has no legend for grayscale unless asked', () => {
    const images = [{ values: [0, 1], width: 2, height: 1 }];
    const { rerender } = render(<ImageGrid title="Digits" images={images} colorMode="grayscale" />);
    expect(screen.queryByRole('img', { name: /^Colour scale/ })).toBeNull();
    rerender(<ImageGrid title="Digits" images={images} colorMode="grayscale" showLegend />);
    expect(screen.getByRole('img', { name: 'Colour scale from 0 (black) to 1 (white)' })).toBeTruthy();
  });

  it('draws each image at native resolution and scales it with CSS', () => {
    const ctx = useFakeContext();
    render(<ImageGrid title="Digit" images={[{ values: [0, 1, NaN], width: 3, height: 1 }]} colorMode="grayscale" pixelSize={5} />);
    const canvas = screen.getByRole('img', { name: /^Image 1/ }) as HTMLCanvasElement;
    expect(canvas.width).toBe(3);
    expect(canvas.height).toBe(1);
    expect(canvas.style.width).toBe('15px');
    expect(ctx.putImageData).toHaveBeenCalledTimes(1);
    const pixels = ctx.putImageData.mock.calls[0][0] as FakePixels;
    expect(Array.from(pixels.data)).toEqual([0, 0, 0, 255, 255, 255, 255, 255, 255, 0, 255, 255]);
  });

  it('paints 0 white-ish and the extremes blue and red in diverging mode', () => {
    const ctx = useFakeContext();
    render(<ImageGrid title="W" images={[{ values: [-2, 0, 1], width: 3, height: 1 }]} colorMode="diverging" />);
    const { data } = ctx.putImageData.mock.calls[0][0] as FakePixels;
    expect(data[2]).toBeGreaterThan(data[0]);
    expect(Math.min(data[4], data[5], data[6])).toBeGreaterThan(230);
    expect(data[8]).toBeGreaterThan(data[10]);
  });

  it('redraws when the values change', () => {
    const ctx = useFakeContext();
    const { rerender } = render(<ImageGrid title="W" images={[{ values: [0, 1], width: 2, height: 1 }]} colorMode="grayscale" />);
    rerender(<ImageGrid title="W" images={[{ values: [1, 0], width: 2, height: 1 }]} colorMode="grayscale" />);
    expect(ctx.putImageData).toHaveBeenCalledTimes(2);
    const { data } = ctx.putImageData.mock.calls[1][0] as FakePixels;
    expect(data[0]).toBe(255);
  });

  it('mentions NaN values and shows them in the legend', () => {
    render(<ImageGrid title="Diverged" images={[{ values: [NaN, 1, -1, NaN], width: 2, height: 2, label: 'Filter 1' }]} colorMode="diverging" />);
    expect(screen.getByRole('img', { name: 'Filter 1: min -1, max 1; 2 of 4 values are NaN or infinite (shown in magenta)' })).toBeTruthy();
    expect(screen.getByText(/1 image contains NaN or infinite values, shown in magenta/)).toBeTruthy();
    expect(screen.getByText('NaN')).toBeTruthy();
  });

  it('survives no images, empty images and all-NaN images', () => {
    const { rerender } = render(<ImageGrid title="None" images={[]} colorMode="diverging" />);
    expect(screen.getByText('No images.')).toBeTruthy();
    rerender(
      <ImageGrid
        title="None"
        images={[
          { values: [], width: 0, height: 0 },
          { values: [NaN], width: 1, height: 1 },
        ]}
        colorMode="grayscale"
      />,
    );
    expect(screen.getByRole('img', { name: 'Image 1: no values' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Image 2: all 1 values are NaN or infinite (shown in magenta)' })).toBeTruthy();
    expect(screen.getByText('Magenta pixels are NaN or infinite values.')).toBeTruthy();
  });

  it('makes images selectable buttons when onSelect is given', async () => {
    const user = userEvent.setup();
    const onSelect = vi.fn();
    render(<ImageGrid title="W" images={weights} colorMode="diverging" onSelect={onSelect} selectedIndex={0} />);
    const buttons = screen.getAllByRole('button');
    expect(buttons).toHaveLength(2);
    expect(buttons[0].getAttribute('aria-pressed')).toBe('true');
    expect(buttons[1].getAttribute('aria-pressed')).toBe('false');
    await user.click(screen.getByRole('button', { name: /Weights of output 2/ }));
    expect(onSelect).toHaveBeenCalledWith(1);
    buttons[0].focus();
    await user.keyboard('{Enter}');
    expect(onSelect).toHaveBeenLastCalledWith(0);
  });

  it('lays images out in a fixed number of columns when asked', () => {
    const { container } = render(<ImageGrid title="W" images={weights} colorMode="diverging" columns={1} />);
    const cells = container.querySelector('.image-grid-cells') as HTMLElement;
    expect(cells.style.gridTemplateColumns).toBe('repeat(1, max-content)');
  });
});
