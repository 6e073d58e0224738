import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const LESSON = '/lessons/classic-architectures';

/** Scrolls a lazy widget into view and waits until it is ready. */
async function readyWidget(page: Page, id: string): Promise<Locator> {
  const root = page.locator(`[data-widget="${id}"]`);
  await expect(root.first()).toBeAttached({ timeout: 30_000 });
  await expect(async () => {
    await root.first().scrollIntoViewIfNeeded({ timeout: 2_000 });
    await expect(root.first()).toHaveAttribute('data-state', 'ready', { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  return root.first();
}

test.describe('ImageNet history', () => {
  test('focusing, arrowing and hovering bars tells what changed that year', async ({ page }) => {
    await page.goto(LESSON);
    const root = await readyWidget(page, 'imagenet-history');
    const detail = root.getByTestId('imagenet-detail');
    await expect(root.getByRole('radio', { name: /^2012: SuperVision/ })).toHaveAttribute('aria-checked', 'true');
    await expect(detail).toContainText('16.4 %');
    await expect(detail).toContainText(/ReLU/);

    // Keyboard: the selected bar is the one tab stop; arrow keys move the selection.
    await root.getByRole('radio', { name: /^2012:/ }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const bar2014 = root.getByRole('radio', { name: /^2014: GoogLeNet/ });
    await expect(bar2014).toBeFocused();
    await expect(bar2014).toHaveAttribute('aria-checked', 'true');
    await expect(root.getByTestId('imagenet-error')).toHaveText(/6\.7 %.*VGG 7\.3 %/);
    await expect(detail).toContainText(/inception/i);
    await page.keyboard.press('End');
    await expect(root.getByTestId('imagenet-error')).toContainText('2.25 %');
    await expect(detail).toContainText(/squeeze-and-excitation/i);

    // Hover previews a year without changing the selection.
    await root.locator('[data-year="2015"]').hover();
    await expect(detail).toContainText(/residual connections/i);
    await expect(detail).toContainText('3.57 %');
    await page.mouse.move(0, 0);
    await expect(root.getByTestId('imagenet-error')).toContainText('2.25 %');

    // The buttons move too, and the table lists every year with a source.
    await root.getByRole('button', { name: 'Earlier year' }).click();
    await expect(root.getByRole('radio', { name: /^2016:/ })).toHaveAttribute('aria-checked', 'true');
    await root.getByText('Table of every year, with sources').click();
    const table = root.getByRole('table');
    await expect(table.getByRole('row')).toHaveCount(1 + 8 + 1);
    await expect(table).toContainText('Russakovsky');
    await expect(table).toContainText('5.1 %');
  });

  test('the share link restores the year, and a mangled one falls back with a notice', async ({ page }) => {
    await page.goto(LESSON);
    let root = await readyWidget(page, 'imagenet-history');
    await root.getByRole('radio', { name: /^2012:/ }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect(page).toHaveURL(/imagenet\.year=2011/);
    await page.goto(page.url());
    root = await readyWidget(page, 'imagenet-history');
    await expect(root.getByRole('radio', { name: /^2011: XRCE/ })).toHaveAttribute('aria-checked', 'true');
    await expect(root.getByTestId('imagenet-error')).toContainText('25.8 %');

    await page.goto(`${LESSON}?imagenet.year=1999`);
    root = await readyWidget(page, 'imagenet-history');
    await expect(root).toContainText(/could not be used: Year "1999"/);
    await expect(root.getByRole('radio', { name: /^2012:/ })).toHaveAttribute('aria-checked', 'true');
  });
});

test.describe('stacking 3×3', () => {
  test('compares one 5×5 or 7×7 with stacked 3×3 convolutions as the learner changes the settings', async ({ page }) => {
    await page.goto(LESSON);
    const root = await readyWidget(page, 'stacking-3x3');
    await expect(root.getByTestId('single-weights')).toHaveText('25C² = 102,400');
    await expect(root.getByTestId('stack-weights')).toHaveText('18C² = 73,728');
    await expect(root.getByTestId('stack-non-linearities')).toHaveText('2');
    await expect(root.getByRole('img', { name: /2 of 2 stacked 3×3.*5×5 block of 25 pixels.*centre pixel is reached by 9 paths/ })).toBeVisible();

    // Follow the stack back one layer: a 3×3 receptive field.
    await root.locator('label', { hasText: /^After 1 layer$/ }).click();
    await expect(root.getByTestId('stacking-receptive-field')).toContainText('3×3 after 1 stacked 3×3 layer');

    // 7×7 against three 3×3, with the keyboard.
    await root.getByRole('radio', { name: '5×5', exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(root.getByRole('radio', { name: '7×7', exact: true })).toBeChecked();
    await expect(root.getByTestId('single-weights')).toHaveText('49C² = 200,704');
    await expect(root.getByTestId('stack-weights')).toHaveText('27C² = 110,592');
    await expect(root.getByTestId('stack-non-linearities')).toHaveText('3');
    await expect(root.getByTestId('stack-receptive-field')).toHaveText('7×7');

    // Channels: C = 2 gives 49 · 4 = 196 and 27 · 4 = 108.
    const channels = root.getByRole('textbox', { name: 'Channels C' });
    await channels.fill('2');
    await channels.press('Enter');
    await expect(root.getByTestId('single-weights')).toHaveText('49C² = 196');
    await expect(root.getByTestId('stack-parameters')).toHaveText('114'); // 108 + 3 · 2 biases

    // Garbage is refused with a message, and nothing changes.
    await channels.fill('lots');
    await channels.press('Enter');
    await expect(root.getByRole('alert')).toContainText(/Channels C/);
    await channels.blur();
    await expect(channels).toHaveValue('2');
    await expect(root.getByTestId('single-weights')).toHaveText('49C² = 196');

    // An input smaller than the receptive field has no output.
    const size = root.getByRole('textbox', { name: 'Input size n' });
    await size.fill('5');
    await size.press('Enter');
    await expect(root.getByTestId('single-output-valid')).toHaveText('none (input too small)');
    await size.fill('224');
    await size.press('Enter');
    await expect(root.getByTestId('stack-output-valid')).toHaveText('218×218');
  });

  test('the share link restores the comparison', async ({ page }) => {
    await page.goto(`${LESSON}?stack3.target=7&stack3.channels=128&stack3.inputSize=56`);
    const root = await readyWidget(page, 'stacking-3x3');
    await expect(root.getByRole('radio', { name: '7×7', exact: true })).toBeChecked();
    await expect(root.getByRole('textbox', { name: 'Channels C' })).toHaveValue('128');
    await expect(root.getByTestId('single-weights')).toHaveText('49C² = 802,816'); // 49 · 16,384
    await expect(root.getByTestId('stack-output-valid')).toHaveText('50×50');

    await root.locator('label', { hasText: /^5×5$/ }).click();
    await expect(page).not.toHaveURL(/stack3\.target=/);
    await expect(page).toHaveURL(/stack3\.channels=128/);
    await page.goto(page.url());
    const again = await readyWidget(page, 'stacking-3x3');
    await expect(again.getByRole('radio', { name: '5×5', exact: true })).toBeChecked();
    await expect(again.getByTestId('stack-weights')).toHaveText('18C² = 294,912'); // 18 · 16,384
  });
});
