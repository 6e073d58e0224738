import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const LESSON = '/lessons/explainable-cnn';
const METHODS = ['forward', 'saliency', 'smoothgrad', 'gradcam', 'occlusion'];

async function openWidget(page: Page, query = ''): Promise<Locator> {
  await page.goto(`${LESSON}${query}`);
  const root = page.locator('[data-widget="cnn-explainer"]');
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  return root;
}

/** Waits until every method has a time for the current settings, and returns the times (ms). */
async function settledTimings(root: Locator): Promise<Record<string, number>> {
  const body = root.getByTestId('cnn-explainer-body');
  for (const method of METHODS) await expect(root.locator(`tr[data-method="${method}"]`)).not.toHaveAttribute('data-ms', '', { timeout: 120_000 });
  await expect(body).toHaveAttribute('data-busy', 'false', { timeout: 120_000 });
  const times: Record<string, number> = {};
  for (const method of [...METHODS, 'ascent']) {
    const value = await root.locator(`tr[data-method="${method}"]`).getAttribute('data-ms');
    if (value) times[method] = Number(value);
  }
  return times;
}

test.describe('CNN explainer', () => {
  test('explains a test image with every method, for a chosen class, and grows an image by gradient ascent', async ({ page }) => {
    test.setTimeout(240_000);
    const root = await openWidget(page);
    const lenet = await settledTimings(root);
    console.log(`LeNet-5 explanation times (ms): ${JSON.stringify(lenet)}`);
    await expect(root.getByTestId('prediction')).toHaveAttribute('data-class', /^\d$/);
    // Every method has drawn its picture and has its formula.
    await expect(root.locator('.cnn-explainer-formula .katex')).toHaveCount(6);
    await expect(root.getByRole('img', { name: /^Grad-CAM for/ })).toBeVisible();
    await expect(root.getByRole('group', { name: /Occlusion map for/ }).first()).toBeVisible();
    await expect(root.getByRole('group', { name: /Learned filters of the first conv layer/ }).first()).toBeVisible();

    // Another class: the explanations follow it.
    const predicted = Number(await root.getByTestId('prediction').getAttribute('data-class'));
    const other = (predicted + 1) % 10;
    await root.getByLabel('Class to explain').selectOption(String(other));
    await expect(root.getByTestId('explained-class')).toHaveText(String(other));
    await expect(root.getByRole('img', { name: new RegExp(`^Grad-CAM for ${other} `) })).toBeVisible({ timeout: 60_000 });

    // Typed input is validated: text is refused with a message, a number is used.
    const patch = root.getByLabel('Patch size (px)');
    await patch.fill('abc');
    await patch.press('Enter');
    await expect(root.getByRole('alert').first()).toBeVisible();
    await patch.fill('8');
    await patch.press('Enter');
    await expect(page).toHaveURL(/explain\.patch=8/);

    // Activation maximization, driven from the keyboard: the activation rises.
    const steps = root.getByLabel('Ascent steps');
    await steps.fill('12');
    await steps.press('Enter');
    await root.getByRole('button', { name: 'Start ascent' }).focus();
    await page.keyboard.press('Enter');
    const ascent = root.getByTestId('ascent');
    await expect(ascent).toHaveAttribute('data-running', 'false', { timeout: 120_000 });
    await expect(ascent).toHaveAttribute('data-step', '12');
    const first = Number(await ascent.getAttribute('data-first'));
    const last = Number(await ascent.getAttribute('data-last'));
    expect(last).toBeGreaterThan(first);

    // The share link restores the network, image, class and method settings.
    await root.getByLabel('Test image number').fill('5');
    await root.getByLabel('Test image number').press('Enter');
    await expect(page).toHaveURL(/explain\.index=5/);
    const url = page.url();
    const copy = await page.context().newPage();
    const restored = await openWidget(copy, url.slice(url.indexOf('?')));
    await expect(restored.getByLabel('Class to explain')).toHaveValue(String(other));
    await expect(restored.getByLabel('Test image number')).toHaveValue('5');
    await expect(restored.getByLabel('Patch size (px)')).toHaveValue('8');
    await copy.close();
  });

  test('explains the Fashion-MNIST CNN too, and a mangled link shows the notice', async ({ page }) => {
    test.setTimeout(240_000);
    const root = await openWidget(page, '?explain.model=fashion-cnn&explain.seed=zzz');
    await expect(root.getByText(/This link had settings that could not be used/)).toBeVisible();
    await expect(root.getByLabel('Network')).toHaveValue('fashion-cnn');
    const fashion = await settledTimings(root);
    console.log(`Fashion CNN explanation times (ms): ${JSON.stringify(fashion)}`);
    await root.getByLabel('Ascent steps').fill('10');
    await root.getByLabel('Ascent steps').press('Enter');
    await root.getByRole('button', { name: 'Start ascent' }).click();
    await expect(root.getByTestId('ascent')).toHaveAttribute('data-running', 'false', { timeout: 120_000 });
    const withAscent = await settledTimings(root);
    console.log(`Fashion CNN activation maximization per step (ms): ${withAscent.ascent}`);
  });
});

test.describe('CNN explainer when the network cannot be downloaded', () => {
  test.use({ allowedErrors: [/weights\.bin|503|Failed to load resource/i] });

  test('says so in the widget with the error state, and Retry recovers', async ({ page }) => {
    let fail = true;
    await page.route('**/models/lenet5-mnist/weights.bin', (route) => (fail ? route.fulfill({ status: 503, body: 'unavailable' }) : route.continue()));
    await page.goto(LESSON);
    const root = page.locator('[data-widget="cnn-explainer"]');
    await root.scrollIntoViewIfNeeded();
    await expect(root).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
    await expect(root.getByRole('alert')).toContainText('The network could not be loaded');
    fail = false;
    await root.getByRole('button', { name: 'Retry' }).click();
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
    await expect(root.getByRole('alert')).toHaveCount(0);
  });
});
