import { expect, test } from './fixtures';
import type { Locator, Page } from '@playwright/test';

const LESSON = '/lessons/training-a-cnn';

/** Scrolls to the widget: its lazy placeholder is replaced by the widget itself once it comes near, so scroll twice. */
async function scrollToTrainer(page: Page): Promise<Locator> {
  const root = page.locator('[data-widget="cnn-trainer"]');
  await root.scrollIntoViewIfNeeded().catch(() => undefined);
  await expect(root.getByRole('button', { name: 'Reset', exact: true })).toBeAttached({ timeout: 60_000 });
  await root.scrollIntoViewIfNeeded();
  return root;
}

async function openTrainer(page: Page, query = ''): Promise<Locator> {
  await page.goto(`${LESSON}${query}`);
  const root = await scrollToTrainer(page);
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  return root;
}

test.describe('CNN trainer', () => {
  test('trains on MNIST: the loss falls, validation accuracy, filters, feature maps and the confusion matrix appear', async ({ page }) => {
    const root = await openTrainer(page);
    await expect(root).toHaveAttribute('data-backend', /webgl|wasm|cpu/);
    await root.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(root).toHaveAttribute('data-step', '1', { timeout: 60_000 });
    const firstLoss = Number(await root.getAttribute('data-loss'));
    await root.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(root).toHaveAttribute('data-state', 'training');
    // Validation is scored every 63 steps at batch 32: wait for the first figure.
    await expect(root.getByTestId('cnn-validation-accuracy')).toHaveText(/\d+\.\d %/, { timeout: 120_000 });
    await expect.poll(async () => Number(await root.getAttribute('data-step')), { timeout: 120_000 }).toBeGreaterThanOrEqual(70);
    await root.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(root).toHaveAttribute('data-state', 'paused');
    const lastLoss = Number(await root.getAttribute('data-loss'));
    expect(lastLoss).toBeLessThan(firstLoss * 0.7);
    await expect(root.getByTestId('cnn-full-validation')).toContainText(/All [\d,]+ validation images: \d+\.\d\d %/, { timeout: 60_000 });
    await expect(root.getByRole('group', { name: 'First-layer filters' })).toBeVisible();
    await expect(root.getByTestId('cnn-feature-maps').getByRole('img').first()).toHaveAttribute('aria-label', /Conv 3×3, 8 filters: 8 maps of 28×28/);
    const grid = root.getByRole('grid', { name: /Confusion matrix of the first [\d,]+ test images/ });
    await expect(grid).toBeVisible();
    // A mistake, chosen from the gallery, shows its feature maps.
    const mistake = root.getByTestId('cnn-mistakes').getByRole('button').first();
    if (await mistake.count()) {
      const label = (await mistake.getAttribute('aria-label')) ?? '';
      const index = /Test image ([\d,]+)/.exec(label)?.[1] ?? '';
      await mistake.click();
      await expect(root.getByText(new RegExp(`Every layer's output for test image ${index}\\b`))).toBeVisible();
    }
  });

  test('a digit drawn with the mouse gets class probabilities', async ({ page }) => {
    const root = await openTrainer(page);
    const pad = root.getByRole('application', { name: /Draw a digit/ });
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.8, { steps: 12 });
    await page.mouse.up();
    const bars = root.getByTestId('cnn-probabilities');
    await expect(bars).toBeVisible({ timeout: 30_000 });
    await expect(bars.getByRole('listitem')).toHaveCount(10);
    await expect(root.getByText("Every layer's output for your drawing")).toBeVisible();
  });

  test('changing the architecture redraws the diagram; an impossible one is refused and Train disabled', async ({ page }) => {
    const root = await openTrainer(page);
    await expect(root.getByTestId('cnn-total-parameters')).toHaveText('52,138');
    const nodes = root.getByTestId('cnn-diagram-node');
    await expect(nodes).toHaveCount(7);
    await root.getByLabel('Conv blocks').selectOption('3');
    await expect(nodes).toHaveCount(9);
    await expect(root.getByRole('img', { name: /Network diagram: Input 28×28×1.*Conv 3×3 7×7×32/ })).toBeVisible();
    await expect(page).toHaveURL(/cnn\.blocks=3/);
    await root.locator('label', { hasText: /^5×5$/ }).click();
    await root.locator('label', { hasText: /^Valid \(none\)$/ }).click();
    await expect(root.getByText(/This architecture cannot be trained\. Block 3 cannot fit/)).toBeVisible();
    await expect(root.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
    await root.locator('label', { hasText: /^Same$/ }).click();
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(root.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  });

  test('a share link restores the settings; garbage in a field or the link gets a message', async ({ page, context }) => {
    const root = await openTrainer(page);
    await root.getByLabel('Optimizer').selectOption('momentum');
    const rate = root.getByRole('textbox', { name: 'Learning rate' });
    await rate.fill('0.03');
    await rate.press('Enter');
    await root.getByRole('textbox', { name: 'Filters, block 2' }).fill('12');
    await root.getByRole('textbox', { name: 'Filters, block 2' }).press('Enter');
    await expect(page).toHaveURL(/cnn\.learningRate=0\.03/);
    await expect(page).toHaveURL(/cnn\.filters=8%2C12%2C32%2C64|cnn\.filters=8,12,32,64/);
    const shared = await context.newPage();
    await shared.goto(page.url());
    const restored = await scrollToTrainer(shared);
    await expect(restored.getByLabel('Optimizer')).toHaveValue('momentum');
    await expect(restored.getByRole('textbox', { name: 'Learning rate' })).toHaveValue('0.03');
    await expect(restored.getByRole('textbox', { name: 'Filters, block 2' })).toHaveValue('12');

    await rate.fill('fast please');
    await rate.press('Enter');
    await expect(root.getByRole('alert').filter({ hasText: /Learning rate/ })).toBeVisible();
    await expect(rate).toHaveValue('0.03');

    const mangled = await context.newPage();
    await mangled.goto(`${LESSON}?cnn.blocks=lots&cnn.kernelSize=9`);
    const fallback = await scrollToTrainer(mangled);
    await expect(fallback.getByText(/This link had settings that could not be used: Conv blocks "lots"/)).toBeVisible();
    await expect(fallback.getByLabel('Conv blocks')).toHaveValue('2');
  });

  test('starts from the pretrained LeNet-5, goes on training from it, and keeps the network for the other lessons', async ({ page, context }) => {
    const root = await openTrainer(page);
    // The model's metadata is shown next to the button.
    await expect(root.getByTestId('cnn-pretrained-about')).toContainText(/LeNet-5 trained on MNIST: \d+\.\d\d % right on 10,000 test images, after \d+ epochs/, {
      timeout: 60_000,
    });
    await root.getByRole('button', { name: 'Start from the pretrained network' }).click();
    await expect(page).toHaveURL(/cnn\.start=pretrained/);
    await expect(root.getByTestId('cnn-pretrained-flag')).toContainText('LeNet-5 trained on MNIST');
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
    await expect(root).toHaveAttribute('data-step', '0');
    // Step 0 is already the trained network: its validation accuracy, LeNet-5's six 5×5 filters and its feature maps.
    const accuracy = root.getByTestId('cnn-validation-accuracy');
    await expect(accuracy).toHaveText(/\d+\.\d %/, { timeout: 60_000 });
    expect(Number((await accuracy.innerText()).replace(' %', ''))).toBeGreaterThan(95);
    await expect(root.getByTestId('cnn-feature-maps').getByRole('img').first()).toHaveAttribute('aria-label', /Conv 5×5, 6 filters: 6 maps of 28×28/);
    await expect(root.getByRole('img', { name: /Network diagram: Input 28×28×1.*Dense.*Dense.*Output/ })).toBeVisible();

    // Training goes on from there; a pause keeps the network for the other lessons.
    await root.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(async () => Number(await root.getAttribute('data-step')), { timeout: 120_000 }).toBeGreaterThanOrEqual(10);
    await root.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(root).toHaveAttribute('data-state', 'paused');
    const step = Number(await root.getAttribute('data-step'));
    await expect(root.getByTestId('cnn-kept')).toContainText(`Kept in this browser for the other lessons as "the network you trained" (step ${step.toLocaleString('en-US')})`, {
      timeout: 60_000,
    });

    // Reset returns to the pretrained weights, not to random ones.
    await root.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect(root).toHaveAttribute('data-step', '0', { timeout: 60_000 });
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
    await expect.poll(async () => Number((await accuracy.innerText()).replace(' %', '')), { timeout: 60_000 }).toBeGreaterThan(95);

    // The nuisance explorer offers the network the learner trained.
    const lesson = await context.newPage();
    await lesson.goto('/lessons/visual-recognition');
    const explorer = lesson.locator('[data-widget="nuisance-explorer"]');
    await explorer.scrollIntoViewIfNeeded();
    await expect(explorer).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const mine = explorer.getByRole('radio', { name: new RegExp(`The network you trained \\(step ${step}, validation \\d+\\.\\d %\\)`) });
    await expect(mine).toBeEnabled();
    await explorer.locator('label', { hasText: /^The network you trained \(step/ }).click();
    await expect(mine).toBeChecked();
    const panel = explorer.locator('section', { has: lesson.getByRole('heading', { name: 'The network you trained' }) });
    await expect(panel.getByTestId('cnn-verdict')).toBeVisible();
    await expect(panel.getByText(new RegExp(`Your network from the CNN trainer, after ${step} steps`))).toBeVisible();

    // Editing the architecture, or the control for it, goes back to random initialization.
    await root.getByRole('button', { name: 'Back to random initialization' }).click();
    await expect(root.getByTestId('cnn-pretrained-flag')).toHaveCount(0);
    await expect(page).not.toHaveURL(/cnn\.start=pretrained/);
    await root.getByRole('button', { name: 'Start from the pretrained network' }).click();
    await expect(root.getByTestId('cnn-pretrained-flag')).toBeVisible();
    await root.getByRole('textbox', { name: 'Dense width' }).fill('32');
    await root.getByRole('textbox', { name: 'Dense width' }).press('Enter');
    await expect(root.getByTestId('cnn-pretrained-flag')).toHaveCount(0);
    await expect(root.getByText(/Starting weights: random, from seed 1/)).toBeVisible();
  });
});
