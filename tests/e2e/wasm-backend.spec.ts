import type { Page, Request } from '@playwright/test';
import { expect, test } from './fixtures';
import { trainAndReadLoss } from './helpers/train-widget';
import { loseWebglContextInWorkers } from './helpers/lose-webgl-context';

const ENGINE_PAGE = '/engine';

/** Every .wasm file the page or its workers ask for. */
function recordWasmRequests(page: Page): Request[] {
  const requests: Request[] = [];
  page.context().on('request', (request) => {
    if (new URL(request.url()).pathname.endsWith('.wasm')) requests.push(request);
  });
  return requests;
}

test('Auto trains a convolutional network on WebAssembly where WebGL is software-rendered, says why, and loads the binary from this site', async ({ page, baseURL }) => {
  const wasmRequests = recordWasmRequests(page);
  await page.goto(ENGINE_PAGE);
  const root = page.locator('[data-widget="cnn-speed-check"]');
  const [first, last] = await trainAndReadLoss(root, 30);
  await expect(root).toHaveAttribute('data-backend', 'wasm');
  await expect(root.getByText('Backend: WASM (auto)')).toBeVisible();
  await expect(
    root.getByText(/Training on WebAssembly \(SIMD, 1 thread\)\. Auto: convolutions train faster on WebAssembly \(SIMD\) here: WebGL is emulated on the CPU/),
  ).toBeVisible();
  expect(last).toBeLessThan(first);
  await expect(root.getByTestId('examples-per-second')).toHaveText(/^[\d,]+$/);
  await expect(root.getByTestId('first-step-ms')).toHaveText(/^\d+ ms$/);
  // One binary (the SIMD build), from the page's own origin.
  expect(wasmRequests.map((request) => new URL(request.url()).pathname)).toEqual([expect.stringMatching(/^\/assets\/tfjs-backend-wasm-simd-[\w-]+\.wasm$/)]);
  expect(new URL(wasmRequests[0].url()).origin).toBe(new URL(baseURL as string).origin);
});

test('no WebAssembly is fetched where no widget needs it', async ({ page }) => {
  const wasmRequests = recordWasmRequests(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto(`/lessons/perceptron?backend=cpu`);
  const root = page.locator('[data-widget="perceptron-trainer"]').first();
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-backend', 'cpu', { timeout: 60_000 });
  expect(wasmRequests).toEqual([]);
});

test('?backend=wasm puts a widget on WebAssembly, and the badge lets the learner switch among all three backends', async ({ page }) => {
  await page.goto('/lessons/perceptron?backend=wasm');
  const root = page.locator('[data-widget="perceptron-trainer"]').first();
  const [first, last] = await trainAndReadLoss(root, 20);
  await expect(root).toHaveAttribute('data-backend', 'wasm');
  await expect(root.getByText(/Training on WebAssembly \(SIMD, 1 thread\)\. Chosen by you \(or \?backend=wasm\)/)).toBeVisible();
  expect(last).toBeLessThan(first);
  const select = root.getByRole('combobox', { name: 'Backend' });
  await expect(select.locator('option')).toHaveText(['Auto', 'WebGL (GPU)', 'WebAssembly', 'CPU']);
  await select.selectOption('cpu');
  await expect(root).toHaveAttribute('data-backend', 'cpu', { timeout: 30_000 });
});

test.describe('when the WebAssembly binary cannot be loaded', () => {
  test.use({ allowedErrors: [/wasm|WebAssembly|backend/i] });

  test('the widget falls back to the CPU, says so, and still trains', async ({ page }) => {
    await page.context().route('**/*.wasm', (route) => route.abort('blockedbyclient'));
    await page.goto('/lessons/perceptron?backend=wasm');
    const root = page.locator('[data-widget="perceptron-trainer"]').first();
    const [first, last] = await trainAndReadLoss(root, 20);
    await expect(root).toHaveAttribute('data-backend', 'cpu');
    await expect(root.getByText(/WebAssembly unavailable \(.+\); training on the CPU instead/)).toBeVisible();
    expect(last).toBeLessThan(first);
  });
});

test('a GPU lost while a convolutional network trains: it goes on on WebAssembly from its last checkpoint', async ({ page }) => {
  await page.goto(`${ENGINE_PAGE}?backend=webgl`);
  const root = page.locator('[data-widget="cnn-speed-check"]');
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-backend', 'webgl', { timeout: 60_000 });
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await root.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(async () => Number(await root.getAttribute('data-step')), { timeout: 60_000 }).toBeGreaterThan(3);
  await loseWebglContextInWorkers(page);
  await expect(root).toHaveAttribute('data-backend', 'wasm', { timeout: 30_000 });
  await expect(root.getByText(/The GPU stopped responding .* training continues on WebAssembly from step \d+/)).toBeVisible();
  const resumedAt = Number(await root.getAttribute('data-step'));
  await root.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(async () => Number(await root.getAttribute('data-step')), { timeout: 30_000 }).toBeGreaterThan(resumedAt + 20);
  await root.getByRole('button', { name: 'Pause', exact: true }).click();
});
