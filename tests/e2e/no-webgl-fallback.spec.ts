import { expect, test } from './fixtures';
import { chromiumArgs, noWebglArgs } from './chromium-args';
import { trainAndReadLoss } from './helpers/train-widget';

// A browser with no WebGL at all, in pages or workers (testing.md).
test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH, args: [...chromiumArgs, ...noWebglArgs] } });

test('without WebGL the widgets fall back to the CPU backend, tell the learner, and still train', async ({ page }) => {
  await page.goto('/lessons/perceptron?backend=webgl');
  const root = page.locator('[data-widget="perceptron-trainer"]').first();
  const [first, last] = await trainAndReadLoss(root, 20);
  await expect(root).toHaveAttribute('data-backend', 'cpu');
  await expect(root.getByText(/WebGL unavailable.*training on the CPU instead/)).toBeVisible();
  expect(last).toBeLessThan(first);
});

test('without WebGL, Auto trains a convolutional network on WebAssembly and says why', async ({ page }) => {
  await page.goto('/engine');
  const root = page.locator('[data-widget="cnn-speed-check"]');
  const [first, last] = await trainAndReadLoss(root, 20);
  await expect(root).toHaveAttribute('data-backend', 'wasm');
  await expect(root.getByText(/Auto: convolutions train fastest on WebAssembly \(SIMD\) where the browser offers no WebGL/)).toBeVisible();
  expect(last).toBeLessThan(first);
});
