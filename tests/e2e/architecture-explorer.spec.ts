import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';

const LESSON = '/lessons/classic-architectures';

/** Picks a pill by its label, again if lazy widgets above were still loading and moved it under the pointer. */
async function choose(root: Locator, label: string | RegExp): Promise<void> {
  await expect(async () => {
    await root.locator('label', { hasText: label }).click();
    await expect(root.locator('label', { hasText: label }).getByRole('radio')).toBeChecked({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
}

test.describe('architecture explorer', () => {
  test('counts each architecture, and shows what scales and what breaks with the input size', async ({ page }) => {
    await page.goto(LESSON);
    const root = page.locator('[data-widget="architecture-explorer"]');
    await root.scrollIntoViewIfNeeded();
    await expect(root).toHaveAttribute('data-state', 'ready');
    await expect(root.getByTestId('total-parameters')).toHaveText('61,706');

    await choose(root, /^VGG-16$/);
    await expect(root.getByRole('radio', { name: 'VGG-16' })).toBeChecked();
    await expect(root.getByTestId('total-parameters')).toHaveText('138,357,544');
    const size = root.getByRole('textbox', { name: 'Input size' });
    await expect(size).toHaveValue('224');
    await expect(root.getByTestId('shape-pool5')).toHaveText('7×7×512');
    await expect(root.getByRole('alert')).toHaveCount(0);

    // Bigger input: conv parameters stay, the first dense layer grows, the published head no longer fits.
    await size.fill('448');
    await size.press('Enter');
    await expect(root.getByTestId('shape-pool5')).toHaveText('14×14×512');
    await expect(root.getByTestId('ratio-conv-parameters')).toHaveText('×1 (unchanged)');
    await expect(root.getByTestId('parameters-fc6')).toContainText('411,045,888');
    await expect(root.getByTestId('problem-head-mismatch')).toContainText('25,088');
    await expect(root.getByRole('img', { name: /14×14×512/ })).toBeVisible();

    // Too small: the network breaks at pool5.
    await size.fill('20');
    await size.press('Enter');
    await expect(root.getByTestId('problem-too-small')).toContainText('breaks at pool5');
    await expect(root.getByTestId('shape-pool5')).toHaveText('window does not fit');
    await root.getByRole('button', { name: /Smallest that runs \(32×32\)/ }).click();
    await expect(size).toHaveValue('32');
    await expect(root.getByTestId('problem-too-small')).toHaveCount(0);

    // Typed garbage and huge values are explained, nothing breaks.
    await size.fill('abc');
    await size.press('Enter');
    await expect(root.getByText('Input size must be a number between 1 and 1024.')).toBeVisible();
    await expect(size).toHaveValue('32');
    await size.fill('5000');
    await size.press('Enter');
    await expect(root.getByText(/Input size must be between 1 and 1024; using 1024/)).toBeVisible();
    await expect(root.getByTestId('shape-pool5')).toHaveText('32×32×512');

    // Keyboard: the slider moves the size one pixel per arrow; 224 → 225 keeps the head.
    await root.getByRole('button', { name: /Native size/ }).click();
    const slider = root.getByRole('slider', { name: /Input side/ });
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await expect(size).toHaveValue('225');
    await expect(root.getByTestId('total-parameters')).toHaveText('138,357,544');
    await expect(root.locator('.architecture-explorer-problem')).toHaveCount(0);
  });

  test('AlexNet variants give their documented totals', async ({ page }) => {
    await page.goto(LESSON);
    const root = page.locator('[data-widget="architecture-explorer"]');
    await root.scrollIntoViewIfNeeded();
    await choose(root, /^AlexNet$/);
    await expect(root.getByTestId('total-parameters')).toHaveText('62,378,344');
    await choose(root, 'Two GPUs');
    await expect(root.getByTestId('total-parameters')).toHaveText('60,965,224');
    await choose(root, 'torchvision');
    await expect(root.getByTestId('total-parameters')).toHaveText('61,100,840');
    await expect(root.getByRole('textbox', { name: 'Input size' })).toHaveValue('224');
  });

  test('share link restores architecture, variant and size; a mangled link shows the notice', async ({ page, context }) => {
    await page.goto(LESSON);
    const root = page.locator('[data-widget="architecture-explorer"]');
    await root.scrollIntoViewIfNeeded();
    await choose(root, /^AlexNet$/);
    await choose(root, 'Two GPUs');
    const size = root.getByRole('textbox', { name: 'Input size' });
    await size.fill('300');
    await size.press('Enter');
    await expect(page).toHaveURL(/arch\.architecture=alexnet/);
    await expect(page).toHaveURL(/arch\.alexnet=two-gpu/);
    await expect(page).toHaveURL(/arch\.size=300/);

    const other = await context.newPage();
    await other.goto(page.url());
    const copy = other.locator('[data-widget="architecture-explorer"]');
    await copy.scrollIntoViewIfNeeded();
    await expect(copy.getByRole('radio', { name: 'AlexNet', exact: true })).toBeChecked();
    await expect(copy.getByRole('radio', { name: /Two GPUs/ })).toBeChecked();
    await expect(copy.getByRole('textbox', { name: 'Input size' })).toHaveValue('300');
    await expect(copy.getByTestId('problem-head-mismatch')).toBeVisible();

    await other.goto(`${LESSON}?arch.architecture=resnet&arch.size=big`);
    await copy.scrollIntoViewIfNeeded();
    await expect(copy.getByText(/This link had settings that could not be used/)).toBeVisible();
    await expect(copy.getByTestId('total-parameters')).toHaveText('61,706');
  });
});
