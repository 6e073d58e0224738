import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const LESSON = '/lessons/overfitting-regularization';

async function openLab(page: Page, query = ''): Promise<Locator> {
  await page.goto(`${LESSON}${query}`);
  const root = page.locator('[data-widget="overfitting-lab"]').first();
  await expect(root).toBeAttached({ timeout: 30_000 });
  await expect(async () => {
    await root.scrollIntoViewIfNeeded({ timeout: 2_000 });
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 2_000 });
  }).toPass({ timeout: 120_000 });
  return root;
}

/** Picks a pill radio by clicking its label (the visible pill), until it reads as checked. */
async function choose(root: Locator, name: string) {
  const radio = root.getByRole('radio', { name, exact: true });
  await expect(async () => {
    await radio.locator('xpath=..').click({ timeout: 5_000 });
    await expect(radio).toBeChecked({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
}

async function typeInto(root: Locator, label: string, text: string) {
  const field = root.getByLabel(label, { exact: true });
  await field.fill(text);
  await field.press('Enter');
}

test.describe('overfitting lab', () => {
  test('memorizes a tiny training set: training loss falls, the gap and the best epoch are read out, a run can be kept and the best weights restored', async ({ page }) => {
    const root = await openLab(page);
    // 100 images: 2 steps an epoch, so a few dozen steps are many epochs.
    await choose(root, '100');
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(root.getByRole('heading', { name: /big network on 100 MNIST images/ })).toBeVisible();
    await root.getByRole('button', { name: 'Step' }).click();
    await expect(root).toHaveAttribute('data-step', '1');
    const firstLoss = Number(await root.getAttribute('data-loss'));
    await root.getByRole('button', { name: 'Train' }).click();
    await expect(root).toHaveAttribute('data-state', 'training');
    await expect.poll(async () => Number(await root.getAttribute('data-step')), { timeout: 120_000 }).toBeGreaterThanOrEqual(30);
    await root.getByRole('button', { name: 'Pause' }).click();
    await expect(root).toHaveAttribute('data-state', 'paused');
    expect(Number(await root.getAttribute('data-loss'))).toBeLessThan(firstLoss * 0.5);

    // Training accuracy on the whole subset is read out, with a positive gap to validation.
    await expect(root.getByTestId('train-metrics')).toContainText(/\d+\.\d+%/);
    await expect.poll(async () => Number(await root.getByTestId('gap').getAttribute('data-loss-gap'))).toBeGreaterThan(0);
    await expect(root.getByTestId('best-epoch')).toContainText(/epoch \d+/);

    await root.getByRole('button', { name: 'Keep this run for comparison' }).click();
    await expect(root.getByTestId('kept-runs')).toContainText('MNIST 100 images, 20% noise, no dropout, no decay, seed 1');
    await expect(root.getByRole('group', { name: 'Training and validation loss against epochs' })).toContainText('Kept: MNIST 100 images');

    await root.getByRole('button', { name: 'Restore best weights' }).click();
    await expect(root.getByRole('status').filter({ hasText: /were restored/ })).toBeVisible();

    await root.getByRole('button', { name: 'Clear kept runs' }).click();
    await expect(root.getByTestId('kept-runs')).toHaveCount(0);
  });

  test('dropout is drawn on the network: after a step some sampled units are off', async ({ page }) => {
    const root = await openLab(page, '?overfit.dropoutRate=0.5&overfit.dropoutPlacement=input-hidden');
    await expect(root.getByTestId('dropout-network')).toHaveAttribute('aria-label', /Dropout masks of step 0/);
    await root.getByRole('button', { name: 'Step' }).click();
    await expect(root).toHaveAttribute('data-step', '1');
    await expect(root.getByTestId('dropout-network')).toHaveAttribute('aria-label', /Dropout masks of step 1.*Hidden 1: \d+ of 512 units kept/);
    expect(await root.locator('.overfitting-unit-dropped').count()).toBeGreaterThan(0);
  });

  test('rejects text, clamps out-of-range values, and the share link restores the settings', async ({ page, context }) => {
    const root = await openLab(page);
    await typeInto(root, 'Dropout rate', 'lots');
    await expect(root.getByRole('alert').filter({ hasText: 'Dropout rate must be a number between 0 and 0.9' })).toBeVisible();
    await typeInto(root, 'Dropout rate', '5');
    await expect(root.getByLabel('Dropout rate', { exact: true })).toHaveValue('0.9');
    await typeInto(root, 'Dropout rate', '0.3');
    await typeInto(root, 'Weight decay λ', '-2');
    await expect(root.getByLabel('Weight decay λ', { exact: true })).toHaveValue('0');
    await typeInto(root, 'Weight decay λ', '4');
    await typeInto(root, 'Label noise (%)', '10');
    await choose(root, 'On');
    await expect(root.getByText(/multiplied by 1 − ηλ = 0\.996/)).toBeVisible();
    await expect(root.getByText(/50 of them \(10%\) with a wrong label/)).toBeVisible();
    await expect(page).toHaveURL(/overfit\.weightDecay=4/);
    await expect(page).toHaveURL(/overfit\.earlyStopping=on/);
    await expect(page).toHaveURL(/overfit\.labelNoise=10/);

    const shared = await context.newPage();
    const copy = await openLab(shared, new URL(page.url()).search);
    await expect(copy.getByLabel('Dropout rate', { exact: true })).toHaveValue('0.3');
    await expect(copy.getByLabel('Weight decay λ', { exact: true })).toHaveValue('4');
    await expect(copy.getByLabel('Label noise (%)', { exact: true })).toHaveValue('10');
    await expect(copy.getByRole('radio', { name: 'On', exact: true })).toBeChecked();
  });

  test('a mangled link shows the notice and uses the defaults', async ({ page }) => {
    const root = await openLab(page, '?overfit.trainingImages=7&overfit.dropoutRate=lots');
    await expect(root.getByText(/Training images "7" in the link/)).toBeVisible();
    await expect(root.getByLabel('Dropout rate', { exact: true })).toHaveValue('0');
    await expect(root.getByRole('radio', { name: '500', exact: true })).toBeChecked();
  });
});
