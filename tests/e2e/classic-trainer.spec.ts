import { expect, test } from './fixtures';
import type { Locator, Page } from '@playwright/test';

const LESSON = '/lessons/classic-architectures';

/** The n-th classic trainer (0: LeNet-5, 1: mini-VGG), scrolled into view and ready to train. */
async function openTrainer(page: Page, index: number, query = ''): Promise<Locator> {
  await page.goto(`${LESSON}${query}`);
  const root = page.locator('[data-widget="classic-trainer"]').nth(index);
  await root.scrollIntoViewIfNeeded().catch(() => undefined);
  await expect(root.getByRole('button', { name: 'Reset', exact: true })).toBeAttached({ timeout: 60_000 });
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  return root;
}

/** Step once, train until `minSteps`, pause: [first loss, last loss]. */
async function trainFor(root: Locator, minSteps: number): Promise<[number, number]> {
  await root.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(root).toHaveAttribute('data-step', '1', { timeout: 60_000 });
  const first = Number(await root.getAttribute('data-loss'));
  await root.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(root).toHaveAttribute('data-state', 'training');
  await expect.poll(async () => Number(await root.getAttribute('data-step')), { timeout: 180_000 }).toBeGreaterThanOrEqual(minSteps);
  await root.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(root).toHaveAttribute('data-state', 'paused');
  return [first, Number(await root.getAttribute('data-loss'))];
}

test.describe('Classic trainer', () => {
  test('LeNet-5 on MNIST: layer table, the loss falls, validation accuracy shows; settings travel in the link', async ({ page, context }) => {
    const root = await openTrainer(page, 0);
    await expect(root.getByTestId('classic-total-parameters')).toHaveText('61,706');
    await expect(root.getByRole('table')).toContainText('Conv 5×5, 6 filters, same');
    const [first, last] = await trainFor(root, 60);
    expect(last).toBeLessThan(first * 0.6);
    await expect(root.getByTestId('classic-validation-accuracy')).toHaveText(/\d+\.\d %/);
    await expect(root.getByTestId('classic-time')).toHaveText(/\d+\.\d s|min/);

    // Typed input is validated: a clear message, nothing breaks.
    const steps = root.getByRole('textbox', { name: 'Steps', exact: true });
    await steps.fill('-5');
    await steps.press('Enter');
    await expect(root.getByRole('alert').first()).toBeVisible();
    await steps.fill('800');
    await steps.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('classic.steps')).toBe('800');

    const copy = await context.newPage();
    const restored = await openTrainer(copy, 0, new URL(page.url()).search);
    await expect(restored.getByRole('textbox', { name: 'Steps', exact: true })).toHaveValue('800');
    await copy.close();
  });

  test('mini-VGG on Fashion-MNIST trains on WebGL with the VGG recipe: the loss falls', async ({ page }) => {
    const root = await openTrainer(page, 1, '?backend=webgl');
    await expect(root).toHaveAttribute('data-backend', 'webgl');
    await expect(root.getByTestId('classic-total-parameters')).toHaveText('122,434');
    await expect(root).toContainText('Momentum (μ 0.9)');
    const [first, last] = await trainFor(root, 40);
    expect(last).toBeLessThan(first);
    await expect(root).toHaveAttribute('data-backend', 'webgl');
    await expect(root.getByTestId('classic-learning-rate')).toHaveText('0.020');
  });

  test('mini-VGG: the shallow-first comparison runs all three nets and names the copied layers', async ({ page }) => {
    const root = await openTrainer(page, 1, '?classic-2.shallowSteps=15&classic-2.compareSteps=15');
    await root.getByRole('button', { name: 'Run the shallow-first comparison' }).click();
    await expect(root.getByTestId('classic-compare-status')).toHaveText(/^Done\./, { timeout: 300_000 });
    await expect(root.getByTestId('classic-compare-status')).toContainText('Copied: conv1-1, conv2-1, fc1, fc2, fc3; fresh: conv1-2, conv2-2');
    for (const phase of ['shallow', 'deep-warm', 'deep-random']) {
      await expect(root.getByTestId(`classic-compare-${phase}`)).toContainText(/\d+\.\d s/);
    }
  });
});
