import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const LESSON = '/lessons/finetuning-schedules';

function lab(page: Page): Locator {
  return page.locator('[data-widget="finetuning-lab"]').first();
}

/** The newest validation accuracy (0..1) of a run in the comparison table, or NaN before any. */
async function finalAccuracy(root: Locator, run: 'finetuned' | 'scratch'): Promise<number> {
  const value = await root.locator(`[data-run="${run}"]`).getAttribute('data-final');
  return value === null ? Number.NaN : Number(value);
}

/** The "max change" read-out of a layer of the finetuned network (NaN before training). */
async function maxChange(root: Locator, layer: number): Promise<number> {
  const value = await root.getByTestId(`max-change-${layer}`).getAttribute('data-value');
  return value === null ? Number.NaN : Number(value);
}

test.describe('finetuning lab', () => {
  test('finetunes the MNIST network next to the same network from scratch; frozen layers stay exactly fixed; the link restores the settings', async ({ page, context }) => {
    test.setTimeout(300_000);
    // Small enough for a slow machine: 100 images (5 steps an epoch), 4 epochs = 20 steps per run.
    await page.goto(`${LESSON}?finetune.trainingImages=100&finetune.epochs=4`);
    const root = lab(page);
    await expect(async () => root.scrollIntoViewIfNeeded({ timeout: 2_000 })).toPass({ timeout: 30_000 });
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 150_000 });
    await expect(root.getByRole('radio', { name: '100' })).toBeChecked();

    // The layer table: kept layers, the new head, layers that cannot be frozen.
    const layers = root.getByTestId('finetuning-layers');
    await expect(layers.locator('[data-layer="7"]')).toContainText('dense 10 (new head)');
    await expect(layers.locator('[data-layer="7"]')).toContainText('always trains');
    await expect(layers.locator('[data-layer="1"]')).toContainText('no parameters');
    await expect(layers.locator('[data-layer="1"]').getByRole('checkbox')).toHaveCount(0);
    const conv1 = root.getByRole('checkbox', { name: /freeze layer 1, conv 6@5×5/ });
    const dense120 = root.getByRole('checkbox', { name: /freeze layer 6, dense 120/ });
    await expect(conv1).toBeChecked();
    await expect(dense120).not.toBeChecked();
    // Freeze the first dense layer too, with the keyboard.
    await dense120.focus();
    await page.keyboard.press('Space');
    await expect(dense120).toBeChecked();
    await expect(page).toHaveURL(/finetune\.frozen=0%2C2%2C5/);

    await root.getByRole('button', { name: 'Train' }).click();
    await expect(root).toHaveAttribute('data-state', 'training');
    await expect(conv1).toBeDisabled();
    await expect(root).toHaveAttribute('data-state', 'paused', { timeout: 240_000 });
    await expect(root).toHaveAttribute('data-step', '20');
    const finetuned = await finalAccuracy(root, 'finetuned');
    const scratch = await finalAccuracy(root, 'scratch');
    // Ten classes: chance is 10 %; both learn something from 100 images in 20 steps.
    expect(finetuned).toBeGreaterThan(0.2);
    expect(scratch).toBeGreaterThan(0.2);
    await expect(root.getByTestId('finetuning-verdict')).toContainText(/leads|level/);
    // Frozen layers did not move at all; the trained ones did.
    await expect.poll(() => maxChange(root, 0)).toBe(0);
    expect(await maxChange(root, 2)).toBe(0);
    expect(await maxChange(root, 5)).toBe(0);
    expect(await maxChange(root, 6)).toBeGreaterThan(0);
    expect(await maxChange(root, 7)).toBeGreaterThan(0);
    await expect(root.getByRole('img', { name: /Validation accuracy of the finetuned and the from-scratch network/ })).toBeVisible();

    // Typed input is validated.
    const learningRate = root.getByLabel('Learning rate', { exact: true });
    await learningRate.fill('fast');
    await learningRate.press('Enter');
    await expect(root.getByRole('alert').filter({ hasText: /Learning rate/ })).toBeVisible();
    await learningRate.fill('0.003');
    await learningRate.press('Enter');
    await root.getByLabel('Optimizer').selectOption('momentum');
    await expect(page).toHaveURL(/finetune\.optimizer=momentum/);
    await expect(page).toHaveURL(/finetune\.learningRate=0\.003/);

    const shared = await context.newPage();
    await shared.goto(page.url());
    const restored = lab(shared);
    await expect(async () => restored.scrollIntoViewIfNeeded({ timeout: 2_000 })).toPass({ timeout: 30_000 });
    await expect(restored.getByRole('radio', { name: '100' })).toBeChecked({ timeout: 60_000 });
    await expect(restored.getByLabel('Optimizer')).toHaveValue('momentum');
    await expect(restored.getByLabel('Learning rate', { exact: true })).toHaveValue('0.003');
    await expect(restored.getByRole('checkbox', { name: /freeze layer 6, dense 120/ })).toBeChecked({ timeout: 60_000 });
  });

  test('a mangled link shows a notice and uses the defaults', async ({ page }) => {
    await page.goto(`${LESSON}?finetune.frozen=all&finetune.trainingImages=lots`);
    const root = lab(page);
    await expect(async () => root.scrollIntoViewIfNeeded({ timeout: 2_000 })).toPass({ timeout: 30_000 });
    await expect(root.getByText(/This link had settings that could not be used/)).toBeVisible({ timeout: 60_000 });
    await expect(root.getByRole('radio', { name: '300' })).toBeChecked();
  });
});
