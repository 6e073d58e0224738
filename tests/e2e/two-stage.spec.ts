import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const LESSON = '/lessons/visual-recognition';

function twoStage(page: Page): Locator {
  return page.locator('[data-widget="two-stage-vs-end-to-end"]').first();
}

function timeline(page: Page): Locator {
  return page.locator('[data-widget="deep-learning-timeline"]').first();
}

/** A model card's newest held-out accuracy (0..1), or NaN before its first evaluation. */
async function accuracy(root: Locator, model: 'linear' | 'cnn'): Promise<number> {
  const value = await root.locator(`[data-model="${model}"]`).getAttribute('data-accuracy');
  return value === null ? Number.NaN : Number(value);
}

test.describe('two stages versus end to end', () => {
  test('trains both models side by side; the CNN on pixels beats a linear classifier on intensity histograms; the link restores the settings', async ({ page, context }) => {
    test.setTimeout(300_000);
    // Small and short enough for a software-rendered CI machine: 1,000 images, 2 epochs (40 steps each).
    await page.goto(`${LESSON}?twostage.trainingImages=1000&twostage.epochs=2&twostage.features=intensity`);
    const root = twoStage(page);
    await root.scrollIntoViewIfNeeded();
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 150_000 });
    await expect(root.getByRole('radio', { name: '1,000' })).toBeChecked();
    await expect(root.getByRole('radio', { name: 'Intensity histogram' })).toBeChecked();
    await expect(root.getByText(/pixels → intensity histogram \(fixed, 32 numbers\) → linear classifier/)).toBeVisible();

    await root.getByRole('button', { name: 'Train' }).click();
    await expect(root).toHaveAttribute('data-state', 'training');
    // While training, the controls that would rebuild the models are locked.
    await expect(root.getByRole('radio', { name: 'Orientation histogram' })).toBeDisabled();
    // Both runs stop by themselves after 2 epochs.
    await expect(root).toHaveAttribute('data-state', 'paused', { timeout: 240_000 });
    await expect(root.locator('[data-model="linear"]')).toContainText('final held-out accuracy');
    await expect(root.locator('[data-model="cnn"]')).toContainText('final held-out accuracy');
    const linear = await accuracy(root, 'linear');
    const cnn = await accuracy(root, 'cnn');
    // How much ink there is in each quadrant says little about which digit it is; the CNN learns strokes.
    expect(linear).toBeGreaterThan(0.2);
    expect(cnn).toBeGreaterThan(linear + 0.1);
    await expect(root.getByTestId('two-stage-verdict')).toContainText('The CNN, learning its own features from pixels, leads the linear classifier on the intensity histogram');
    await expect(root.getByRole('img', { name: /Held-out accuracy of both models/ })).toBeVisible();

    // The feature control retrains only the linear classifier, on 144 orientation features.
    await root.getByText('Orientation histogram', { exact: true }).click();
    await expect(root.getByText(/pixels → orientation histogram \(fixed, 144 numbers\)/)).toBeVisible();
    const seed = root.getByLabel('Seed', { exact: true });
    await seed.fill('-3');
    await seed.press('Enter');
    await expect(root.getByRole('alert').filter({ hasText: /Seed/ })).toBeVisible();
    await seed.fill('7');
    await seed.press('Enter');
    await expect(page).toHaveURL(/twostage\.features=orientation/);
    await expect(page).toHaveURL(/twostage\.seed=7/);

    const shared = await context.newPage();
    await shared.goto(page.url());
    const restored = twoStage(shared);
    // The lazy placeholder is replaced by the widget while it scrolls in.
    await expect(async () => restored.scrollIntoViewIfNeeded({ timeout: 2_000 })).toPass({ timeout: 30_000 });
    await expect(restored.getByRole('radio', { name: 'Orientation histogram' })).toBeChecked();
    await expect(restored.getByRole('radio', { name: '1,000' })).toBeChecked();
    await expect(restored.getByLabel('Seed', { exact: true })).toHaveValue('7');
    await expect(restored.getByLabel('Epochs', { exact: true })).toHaveValue('2');
  });

  test('a mangled link shows a notice and uses the defaults', async ({ page }) => {
    await page.goto(`${LESSON}?twostage.trainingImages=lots&twostage.features=pixels`);
    const root = twoStage(page);
    await root.scrollIntoViewIfNeeded();
    await expect(root.getByText(/This link had settings that could not be used/)).toBeVisible({ timeout: 60_000 });
    await expect(root.getByRole('radio', { name: '5,000' })).toBeChecked();
    await expect(root.getByRole('radio', { name: 'Both' })).toBeChecked();
  });
});

test.describe('deep-learning timeline', () => {
  test('selecting events by click and keyboard explains them; the gradient read-out is computed; the link restores both', async ({ page, context }) => {
    await page.goto(LESSON);
    const root = timeline(page);
    await root.scrollIntoViewIfNeeded();
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(root.getByRole('heading', { name: /2012 AlexNet/ })).toBeVisible();

    await root.getByText('Backpropagation', { exact: true }).click();
    await expect(root.getByRole('heading', { name: /1986 Backpropagation/ })).toBeVisible();
    await expect(root.getByRole('radio', { name: /1986 Backpropagation/ })).toBeChecked();
    // Arrow keys move through the events (a native radio group).
    await root.getByRole('radio', { name: /1986 Backpropagation/ }).press('ArrowDown');
    await expect(root.getByRole('heading', { name: /1989 A CNN reads ZIP codes/ })).toBeVisible();
    await root.getByRole('button', { name: 'Later' }).click();
    await expect(root.getByRole('heading', { name: /1991 Vanishing gradients/ })).toBeVisible();

    const readout = root.getByTestId('gradient-readout');
    await expect(readout).toContainText('Through 8 sigmoid layers, at most 0.25⁸ = 1.5 × 10⁻⁵');
    const slider = root.getByRole('slider', { name: /Layers/ });
    await slider.focus();
    await slider.press('ArrowRight');
    await slider.press('ArrowRight');
    await expect(readout).toContainText('Through 10 sigmoid layers, at most 0.25¹⁰ = 9.5 × 10⁻⁷');
    await expect(root.getByRole('img', { name: /largest fraction of the gradient/ })).toHaveAttribute('aria-label', /9\.5 × 10⁻⁷/);
    await expect(page).toHaveURL(/timeline\.event=vanishing-gradients/);
    await expect(page).toHaveURL(/timeline\.layers=10/);

    const shared = await context.newPage();
    await shared.goto(page.url());
    const restored = timeline(shared);
    await expect(async () => restored.scrollIntoViewIfNeeded({ timeout: 2_000 })).toPass({ timeout: 30_000 });
    await expect(restored.getByRole('heading', { name: /1991 Vanishing gradients/ })).toBeVisible();
    await expect(restored.getByTestId('gradient-readout')).toContainText('0.25¹⁰');
  });
});
