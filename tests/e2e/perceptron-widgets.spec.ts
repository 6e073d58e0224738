import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { trainAndReadLoss } from './helpers/train-widget';

const LESSON = '/lessons/perceptron';

/** The first widget of this kind on the page (the perceptron lesson has two perceptron trainers). */
function widget(page: Page, id: string): Locator {
  return page.locator(`[data-widget="${id}"]`).first();
}

test.describe('perceptron trainer', () => {
  test('the backend policy keeps this tiny network on the CPU backend, and says why', async ({ page }) => {
    await page.goto(LESSON);
    const root = widget(page, 'perceptron-trainer');
    await root.scrollIntoViewIfNeeded();
    await expect(root).toHaveAttribute('data-backend', 'cpu', { timeout: 60_000 });
    await expect(root.getByText('Backend: CPU (auto)')).toBeVisible();
    await expect(root.getByText(/Training on the CPU\. Auto: a network this tiny \(80 multiply–adds per step\) trains fastest on the plain JavaScript CPU backend/)).toBeVisible();
    // 40 preset points, full batch: 2 weights × 40 examples.
  });

  test('trains on WebGL in a worker and the loss falls', async ({ page }) => {
    await page.goto(`${LESSON}?backend=webgl`);
    const root = widget(page, 'perceptron-trainer');
    const [first, last] = await trainAndReadLoss(root, 40);
    await expect(root).toHaveAttribute('data-backend', 'webgl');
    await expect(root.getByText(/Backend: WebGL2/)).toBeVisible();
    expect(first).toBeGreaterThan(0);
    expect(last).toBeLessThan(first * 0.7);
    // The loss chart's text alternative reports the curve it drew.
    await expect(root.locator('figcaption')).toContainText(/Training loss: [\d.]+ after \d+ points/);
  });

  test('the same seed and settings give the same loss after Reset', async ({ page }) => {
    await page.goto(LESSON);
    const root = widget(page, 'perceptron-trainer');
    await root.scrollIntoViewIfNeeded();
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const stepFive = async () => {
      for (let i = 1; i <= 5; i++) {
        await root.getByRole('button', { name: 'Step' }).click();
        await expect(root).toHaveAttribute('data-step', String(i));
      }
      return root.getAttribute('data-loss');
    };
    const first = await stepFive();
    await root.getByRole('button', { name: /Reset/ }).click();
    await expect(root).toHaveAttribute('data-step', '0');
    await expect(root).toHaveAttribute('data-state', 'ready');
    expect(await stepFive()).toBe(first);
  });

  test('rejects text, clamps negative and huge learning rates, and never crashes', async ({ page }) => {
    await page.goto(LESSON);
    const root = widget(page, 'perceptron-trainer');
    await root.scrollIntoViewIfNeeded();
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const field = root.getByLabel('Learning rate');

    await field.fill('fast please');
    await field.press('Enter');
    await expect(root.getByRole('alert')).toHaveText(/Learning rate must be a number between 0\.0001 and 100\. Kept 0\.5\./);
    await expect(field).toHaveValue('0.5');

    await field.fill('-3');
    await field.press('Enter');
    await expect(root.getByRole('alert')).toHaveText(/must be between 0\.0001 and 100; using 0\.0001/);
    await expect(field).toHaveValue('0.0001');

    await field.fill('1e9');
    await field.press('Enter');
    await expect(root.getByRole('alert')).toHaveText(/using 100/);
    await expect(field).toHaveValue('100');
    await expect(root).toHaveAttribute('data-state', 'ready');
    await expect(page).toHaveURL(/perceptron\.learningRate=100/);
  });

  test('a learning rate that makes training diverge stops it with advice, and Reset recovers', async ({ page }) => {
    await page.goto(`${LESSON}?perceptron.activation=linear&perceptron.learningRate=100`);
    const root = widget(page, 'perceptron-trainer');
    await root.scrollIntoViewIfNeeded();
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(root.getByLabel('Activation')).toHaveValue('linear');
    await root.getByRole('button', { name: /Train/ }).click();
    await expect(root).toHaveAttribute('data-state', 'diverged', { timeout: 30_000 });
    await expect(root.getByRole('alert')).toContainText(/diverged at step \d+.*smaller learning rate, such as 10/);
    await expect(root.getByRole('button', { name: /Train/ })).toBeDisabled();
    await root.getByLabel('Learning rate').fill('0.05');
    await root.getByLabel('Learning rate').press('Enter');
    await root.getByRole('button', { name: /Reset/ }).click();
    await expect(root).toHaveAttribute('data-state', 'ready');
    await expect(root).toHaveAttribute('data-step', '0');
    await expect(root.getByRole('alert')).toHaveCount(0);
  });

  test('points can be added with the keyboard and with a click', async ({ page }) => {
    await page.goto(`${LESSON}?perceptron.preset=empty`);
    const root = widget(page, 'perceptron-trainer');
    await root.scrollIntoViewIfNeeded();
    const plane = root.getByRole('application');
    await expect(plane).toHaveAccessibleName(/0 orange circles \(class A\) and 0 blue squares/);
    await expect(root.getByRole('button', { name: /Train/ })).toBeDisabled();

    await plane.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await root.getByRole('radio', { name: /B/ }).check();
    await plane.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect(plane).toHaveAccessibleName(/1 orange circles \(class A\) and 1 blue squares/);
    const box = await plane.boundingBox();
    if (!box) throw new Error('plane not laid out');
    await page.mouse.click(box.x + box.width * 0.8, box.y + box.height * 0.2);
    await expect(plane).toHaveAccessibleName(/1 orange circles \(class A\) and 2 blue squares/);
    // The click focused the plane: Delete removes the point just added.
    await page.keyboard.press('Delete');
    await expect(plane).toHaveAccessibleName(/1 orange circles \(class A\) and 1 blue squares/);

    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await root.getByRole('button', { name: /Train/ }).click();
    await expect.poll(async () => Number(await root.getAttribute('data-step')), { timeout: 30_000 }).toBeGreaterThan(20);
    await expect(root.getByRole('row', { name: /Points on the right side/ })).toContainText('100%');
  });

  test('a mangled shared link shows what was wrong and uses defaults', async ({ page }) => {
    await page.goto(`${LESSON}?perceptron.learningRate=banana&perceptron.activation=%3Cb%3Ex`);
    const root = widget(page, 'perceptron-trainer');
    await root.scrollIntoViewIfNeeded();
    await expect(
      root.getByText(/could not be used: Activation "<b>x" in the link is not one of sigmoid, tanh, linear; Learning rate "banana" in the link is not a number/),
    ).toBeVisible();
    await expect(root.getByLabel('Learning rate')).toHaveValue('0.5');
    await expect(root.getByLabel('Activation')).toHaveValue('sigmoid');
  });

  test('?backend=cpu runs the CPU backend and says why', async ({ page }) => {
    await page.goto(`${LESSON}?backend=cpu`);
    const root = widget(page, 'perceptron-trainer');
    const [first, last] = await trainAndReadLoss(root, 40);
    await expect(root).toHaveAttribute('data-backend', 'cpu');
    await expect(root.getByText('Backend: CPU', { exact: true })).toBeVisible();
    await expect(root.getByText(/Chosen by you \(or \?backend=cpu\)/)).toBeVisible();
    expect(last).toBeLessThan(first);
  });

  test('leaving the page mid-training ends the worker', async ({ page }) => {
    await page.goto(LESSON);
    const root = widget(page, 'perceptron-trainer');
    await root.scrollIntoViewIfNeeded();
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await root.getByRole('button', { name: /Train/ }).click();
    await expect.poll(async () => Number(await root.getAttribute('data-step'))).toBeGreaterThan(5);
    expect(page.workers().length).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Receptive Field' }).first().click();
    await expect(page).toHaveURL(/\/$/);
    await expect.poll(() => page.workers().length).toBe(0);
  });
});

test.describe('image perceptron', () => {
  test('Auto trains the 784-input perceptron on WebAssembly, and says why', async ({ page }) => {
    await page.goto(LESSON);
    const root = widget(page, 'image-perceptron');
    await root.scrollIntoViewIfNeeded();
    await expect(root).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
    await expect(root.getByText(/Auto: a network this small \(25,088 multiply–adds per step\) trains fastest on WebAssembly/)).toBeVisible();
  });

  test('downloads MNIST, trains on WebGL, and its held-out accuracy rises above chance', async ({ page }) => {
    await page.goto(`${LESSON}?backend=webgl&image-perceptron.classA=3&image-perceptron.classB=7`);
    const root = widget(page, 'image-perceptron');
    await expect(root.getByRole('heading', { name: /tells 3 from 7/ })).toBeVisible();
    const [first, last] = await trainAndReadLoss(root, 30);
    await expect(root).toHaveAttribute('data-backend', 'webgl');
    expect(last).toBeLessThan(first);
    const readout = await root.locator('.widget-readout').innerText();
    const accuracy = Number(/held-out accuracy ([\d.]+)%/.exec(readout)?.[1]);
    expect(accuracy).toBeGreaterThan(80);
    await expect(root.getByRole('group', { name: 'Weights as a 28 by 28 template' }).getByRole('img', { name: /evidence for 7.*min -?[\d.]+, max [\d.]+/ })).toBeVisible();
  });

  test('picking the same digit twice explains why it cannot train', async ({ page }) => {
    await page.goto(LESSON);
    const root = widget(page, 'image-perceptron');
    await root.scrollIntoViewIfNeeded();
    await root.getByLabel('Class B (target 1)').selectOption('0');
    await expect(root.getByText(/Pick two different digits/)).toBeVisible();
    await expect(root.getByRole('button', { name: /Train/ })).toBeDisabled();
  });
});

test.describe('dataset problems', () => {
  test('a truncated MNIST download is reported in the widget, and Retry recovers', async ({ page }) => {
    let truncate = true;
    // The second of the 27 chunks of MNIST's training images arrives cut short.
    await page.route('**/data/mnist/train-001.chunk', async (route) => {
      if (!truncate) return route.continue();
      return route.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.alloc(1000) });
    });
    await page.goto(LESSON);
    const root = widget(page, 'image-perceptron');
    await root.scrollIntoViewIfNeeded();
    await expect(root).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
    await expect(root.getByRole('alert')).toHaveText(/MNIST train chunk 2 of 27 is truncated: received 1,000 of [\d,]+ bytes/);
    truncate = false;
    await root.getByRole('button', { name: 'Retry download' }).click();
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(root.getByRole('alert')).toHaveCount(0);
  });
});
