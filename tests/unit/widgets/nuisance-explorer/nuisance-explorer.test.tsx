// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { lenet5 } from '../../../../src/core/nn/architectures/lenet5';
import { initializeParameters } from '../../../../src/core/nn/network-spec';

/** Two classes of synthetic "images": a bar on the left (label 0) or on the right (label 1). */
function split(count: number) {
  const images = new Uint8Array(count * 784);
  const labels = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    labels[n] = n % 2;
    const column = labels[n] === 0 ? 6 + (n % 3) : 19 + (n % 3);
    for (let row = 4; row < 24; row++) for (let c = column; c < column + 3; c++) images[n * 784 + row * 28 + c] = 255;
  }
  return {
    name: 'mnist',
    split: 'test',
    count,
    totalCount: count,
    imageWidth: 28,
    imageHeight: 28,
    classNames: ['zero', 'one', '2', '3', '4', '5', '6', '7', '8', '9'],
    images,
    labels,
  };
}

const datasetState = vi.hoisted(() => ({ status: 'loaded' as 'loaded' | 'failed' }));
const modelState = vi.hoisted(() => ({ status: 'loaded' as 'loaded' | 'loading' | 'failed', retry: vi.fn() }));

vi.mock('../../../../src/hooks/use-dataset', () => ({
  useDataset: () => ({
    load:
      datasetState.status === 'loaded'
        ? { status: 'loaded', splits: [split(40), { ...split(30), split: 'validation' }] }
        : { status: 'failed', message: 'The MNIST data could not be downloaded.' },
    retry: vi.fn(),
  }),
}));

// The pretrained model's loader, answered with a seeded random LeNet-5: the widget runs it through the same code path.
vi.mock('../../../../src/hooks/use-pretrained-model', () => ({
  usePretrainedModel: () => ({
    load:
      modelState.status === 'loaded'
        ? {
            status: 'loaded',
            model: {
              id: 'lenet5-mnist',
              network: lenet5,
              parameters: initializeParameters(lenet5, 4),
              metadata: { title: 'LeNet-5', dataset: 'mnist', testAccuracy: 0.991, testCount: 10000 },
            },
          }
        : modelState.status === 'loading'
          ? { status: 'loading' }
          : { status: 'failed', message: 'the file is corrupt' },
    retry: modelState.retry,
  }),
}));

const { NuisanceExplorer } = await import('../../../../src/widgets/nuisance-explorer/nuisance-explorer');

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation((() => null) as unknown as HTMLCanvasElement['getContext']);
  window.history.replaceState(null, '', '/lessons/visual-recognition');
  datasetState.status = 'loaded';
  modelState.status = 'loaded';
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const root = () => document.querySelector('[data-widget="nuisance-explorer"]')!;

describe('NuisanceExplorer', () => {
  it('shows both classifiers with their answers for the shown image, and the nearest neighbour', () => {
    render(<NuisanceExplorer />);
    expect(root().getAttribute('data-state')).toBe('ready');
    expect(screen.getByText(/Original: test image 0, a/)).toBeTruthy();
    const knn = screen.getByTestId('knn-verdict');
    expect(knn.getAttribute('data-class')).toBe('0');
    expect(knn.getAttribute('data-correct')).toBe('true');
    expect(screen.getByText(/Its memory: the 30 MNIST validation images/)).toBeTruthy();
    expect(screen.getByRole('group', { name: /Nearest neighbour: validation image \d+, a zero/ })).toBeTruthy();
    const cnn = screen.getByTestId('cnn-verdict');
    expect(Number(cnn.getAttribute('data-class'))).toBeGreaterThanOrEqual(0);
    expect(screen.getByText(/LeNet-5, trained on the MNIST training images: 99\.1 % right on 10,000 test images/)).toBeTruthy();
    expect(screen.getByRole('list', { name: /CNN probabilities per class/ }).querySelectorAll('li')).toHaveLength(10);
  });

  it('a transform changes the image description, the link and (here) the pixel classifier answer', async () => {
    render(<NuisanceExplorer />);
    // Test image 0 is a left bar (class "zero"); turned 180° it becomes a right bar, which raw pixels call "one".
    fireEvent.change(screen.getByRole('slider', { name: /Rotation/ }), { target: { value: '180' } });
    expect(screen.getByRole('application', { name: 'Transformed image: rotated 180°' })).toBeTruthy();
    expect(screen.getByTestId('knn-verdict').getAttribute('data-class')).toBe('1');
    expect(screen.getByTestId('knn-verdict').textContent).toMatch(/wrong/);
    await waitFor(() => expect(window.location.search).toContain('nuisance.rotation=180'));
  });

  it('moves the patch with the arrow keys on the transformed image', async () => {
    render(<NuisanceExplorer />);
    const image = screen.getByRole('application', { name: /Transformed image/ });
    image.focus();
    await userEvent.keyboard('{ArrowRight}{Shift>}{ArrowDown}{/Shift}');
    expect(screen.getByRole('application', { name: 'Transformed image: a 8-pixel black patch at column 15, row 18' })).toBeTruthy();
  });

  it('runs the study in slices and reports accuracy before and after for both', async () => {
    render(<NuisanceExplorer />);
    fireEvent.change(screen.getByRole('slider', { name: /Rotation/ }), { target: { value: '180' } });
    const count = screen.getByRole('textbox', { name: 'Images in the study' });
    await userEvent.clear(count);
    await userEvent.type(count, '20{Enter}');
    await userEvent.click(screen.getByRole('button', { name: 'Run the study' }));
    await waitFor(() => expect(screen.getByTestId('study-results').getAttribute('data-running')).toBe('false'), { timeout: 20_000 });
    const table = screen.getByTestId('study-results');
    expect(table.getAttribute('data-done')).toBe('20');
    const knnRow = screen.getByRole('row', { name: /Nearest neighbour/ });
    expect(knnRow.textContent).toContain('100.0 %');
    expect(knnRow.textContent).toContain('0.0 %');
    expect(screen.getByRole('row', { name: /Pretrained CNN/ }).querySelectorAll('td')).toHaveLength(2);
    fireEvent.change(screen.getByRole('slider', { name: /Rotation/ }), { target: { value: '0' } });
    expect(table.textContent).toMatch(/run it again/);
  });

  it('says when the CNN is loading or failed (with Retry), while the pixel classifier still answers', async () => {
    modelState.status = 'loading';
    const { unmount } = render(<NuisanceExplorer />);
    expect(screen.getAllByRole('status').some((status) => /Loading the pretrained CNN…/.test(status.textContent ?? ''))).toBe(true);
    expect(screen.getByTestId('knn-verdict')).toBeTruthy();
    unmount();
    modelState.status = 'failed';
    render(<NuisanceExplorer />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/could not be loaded: the file is corrupt/);
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(modelState.retry).toHaveBeenCalled();
  });

  it('is in the error state with a message when the images cannot be downloaded', () => {
    datasetState.status = 'failed';
    render(<NuisanceExplorer />);
    expect(root().getAttribute('data-state')).toBe('error');
    expect(screen.getByRole('alert').textContent).toMatch(/could not be downloaded/);
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('shows a notice and uses defaults for a mangled link', () => {
    window.history.replaceState(null, '', '/lessons/visual-recognition?nuisance.rotation=lots');
    render(<NuisanceExplorer />);
    expect(screen.getByText(/This link had settings that could not be used/)).toBeTruthy();
    expect((screen.getByRole('slider', { name: /Rotation/ }) as HTMLInputElement).value).toBe('0');
  });
});
