import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const LESSON = '/lessons/convolution-pooling';

/** Scrolls a widget into view (its placeholder is swapped for the real widget on the way) and waits until it is ready. */
async function openWidget(page: Page, widgetId: string) {
  const root = page.locator(`[data-widget="${widgetId}"]`);
  await expect(root).toBeAttached({ timeout: 30_000 });
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await root.scrollIntoViewIfNeeded();
  return root;
}

test.describe('convolution explorer', () => {
  test('a preset changes the map, the keyboard picks a cell, the window steps', async ({ page }) => {
    await page.goto(LESSON);
    const root = await openWidget(page, 'convolution-explorer');
    const map = root.getByTestId('output-map');
    const value = root.getByTestId('cell-value');
    await expect(root.getByLabel('Kernel preset')).toHaveValue('sobel-x');
    const sobelLabel = await map.getAttribute('aria-label');

    // Pick a cell with the keyboard: Home goes to the top-left corner, arrows move from there.
    await map.focus();
    await page.keyboard.press('Home');
    await expect(root.getByTestId('cell-row')).toHaveText('1');
    await expect(root.getByTestId('cell-column')).toHaveText('1');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(root.getByTestId('cell-row')).toHaveText('2');
    await expect(root.getByTestId('cell-column')).toHaveText('3');
    await page.keyboard.press('End');
    await expect(root.getByTestId('cell-row')).toHaveText('26');
    await expect(root.getByTestId('cell-column')).toHaveText('26');

    // Another preset: the map (and its description) changes, the kernel fields follow.
    await root.getByLabel('Kernel preset').selectOption('box-blur');
    await expect(root.getByRole('textbox', { name: 'Kernel row 2, column 2' })).toHaveValue('0.1111');
    await expect.poll(() => map.getAttribute('aria-label')).not.toBe(sobelLabel);
    await expect(value).toHaveText(/^[0-9.]+$/); // a blur of a 0..1 image is never negative

    // Click the middle of the map, then Step moves the window one cell to the right.
    await map.click();
    const column = Number(await root.getByTestId('cell-column').innerText());
    await root.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(root.getByTestId('cell-column')).toHaveText(String(column + 1));

    // Play slides the window and Pause stops it.
    await root.getByRole('button', { name: 'Play', exact: true }).click();
    await root.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(root.getByRole('button', { name: 'Play', exact: true })).toBeVisible();

    // The size formula follows stride and padding.
    await root.getByLabel('Stride').fill('2');
    await root.getByLabel('Stride').press('Enter');
    await expect(root.getByTestId('size-formula')).toContainText('13');
    await expect(root.getByText(/Output feature map 13×13/)).toBeVisible();
  });

  test('garbage and impossible settings give clear messages', async ({ page }) => {
    await page.goto(LESSON);
    const root = await openWidget(page, 'convolution-explorer');
    const entry = root.getByRole('textbox', { name: 'Kernel row 1, column 1' });
    await entry.fill('seven');
    await entry.press('Enter');
    await expect(root.getByRole('alert').filter({ hasText: 'Kernel row 1, column 1 must be a number' })).toBeVisible();
    await entry.blur();
    await expect(entry).toHaveValue('-1');

    const stride = root.getByLabel('Stride');
    await stride.fill('fast');
    await stride.press('Enter');
    await expect(root.getByRole('alert').filter({ hasText: /Stride must be a number between 1 and 6\. Kept 1\./ })).toBeVisible();

    await root.locator('label', { hasText: /^5×5$/ }).click();
    const dilation = root.getByLabel('Dilation');
    await dilation.fill('8');
    await dilation.press('Enter');
    await expect(root.getByTestId('settings-problem')).toContainText('spans 33×33 pixels, more than the 28×28 padded input');
    await expect(root.getByTestId('output-map')).toHaveCount(0);
    await root.locator('label', { hasText: 'P zeros' }).click();
    await root.getByLabel('Padding P').fill('3');
    await root.getByLabel('Padding P').press('Enter');
    await expect(root.getByTestId('settings-problem')).toHaveCount(0);
    await expect(root.getByText(/Output feature map 2×2/)).toBeVisible();
  });

  test('a drawing can be convolved, drawn with the keyboard', async ({ page }) => {
    await page.goto(LESSON);
    const root = await openWidget(page, 'convolution-explorer');
    await root.locator('label', { hasText: 'Your drawing' }).click();
    const pad = root.getByRole('application', { name: 'Draw here' });
    await pad.focus();
    await page.keyboard.press('Space'); // pen down
    for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Space'); // pen up
    await expect(root.locator('.drawing-pad')).toHaveAttribute('data-strokes', '1');
    // The strongest response follows the stroke: the picked cell is not zero.
    await expect(root.getByTestId('cell-value')).not.toHaveText('0');
  });

  test('the share link restores the image, kernel, stride, padding and dilation', async ({ page, context }) => {
    await page.goto(LESSON);
    const root = await openWidget(page, 'convolution-explorer');
    await root.locator('label', { hasText: 'Fashion-MNIST' }).click();
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await root.getByLabel('Test image number').fill('5');
    await root.getByLabel('Test image number').press('Enter');
    await root.getByLabel('Kernel preset').selectOption('emboss');
    await root.locator('label', { hasText: "'same'" }).click();
    await root.getByLabel('Dilation').fill('2');
    await root.getByLabel('Dilation').press('Enter');
    await expect(page).toHaveURL(/conv\.dilation=2/);
    await expect(page).toHaveURL(/conv\.source=fashion-mnist/);
    const url = page.url();

    const other = await context.newPage();
    await other.goto(url);
    const restored = await openWidget(other, 'convolution-explorer');
    await expect(restored.getByRole('radio', { name: 'Fashion-MNIST' })).toBeChecked();
    await expect(restored.getByLabel('Test image number')).toHaveValue('5');
    await expect(restored.getByLabel('Kernel preset')).toHaveValue('emboss');
    await expect(restored.getByRole('radio', { name: "'same'" })).toBeChecked();
    await expect(restored.getByLabel('Dilation')).toHaveValue('2');
    await expect(restored.getByText(/Output feature map 28×28/)).toBeVisible();
  });

  test('a mangled link shows a notice and uses the defaults', async ({ page }) => {
    await page.goto(`${LESSON}?conv.kernel=1,2,banana&conv.stride=2`);
    const root = await openWidget(page, 'convolution-explorer');
    await expect(root.getByText(/This link had settings that could not be used: the kernel in the link/)).toBeVisible();
    await expect(root.getByLabel('Kernel preset')).toHaveValue('sobel-x');
    await expect(root.getByLabel('Stride')).toHaveValue('2');
  });
});

test.describe('conv neuron versus perceptron', () => {
  test('a full-size kernel equals the dense layer; a small one shares its weights', async ({ page }) => {
    await page.goto(LESSON);
    const root = await openWidget(page, 'conv-neuron-vs-perceptron');
    await expect(root.getByTestId('max-difference')).toHaveText('0');
    await expect(root.getByTestId('output-shape')).toHaveText('1×1×4');
    await expect(root.getByTestId('conv-parameters')).toHaveText('788');
    await expect(root.getByTestId('dense-parameters')).toHaveText('788');

    const filters = root.getByLabel('Filters F');
    await filters.fill('7');
    await filters.press('Enter');
    await expect(root.getByTestId('output-shape')).toHaveText('1×1×7');
    await expect(root.locator('tbody tr')).toHaveCount(7);
    await root.locator('label', { hasText: /^28×28$/ }).click();
    await expect(root.getByTestId('conv-parameters')).toHaveText('5\u2009495');
    await expect(root.getByTestId('dense-parameters')).toHaveText('5\u2009495');
    await expect(root.getByTestId('max-difference')).toHaveText('0');
    await expect(root.getByTestId('shared-conv-parameters')).toHaveText('70');
    await root.locator('label', { hasText: /^5×5$/ }).click();
    await expect(root.getByTestId('shared-conv-parameters')).toHaveText('182');

    await filters.fill('ten');
    await filters.press('Enter');
    await expect(root.getByRole('alert').filter({ hasText: 'Filters F must be a number between 1 and 10. Kept 7.' })).toBeVisible();
    await filters.fill('40');
    await filters.press('Enter');
    await expect(root.getByTestId('output-shape')).toHaveText('1×1×10');
  });

  test('the share link restores size, filters and seed', async ({ page }) => {
    await page.goto(`${LESSON}?conv-fc.size=7&conv-fc.filters=2&conv-fc.seed=9`);
    const root = await openWidget(page, 'conv-neuron-vs-perceptron');
    await expect(root.getByRole('radio', { name: '7×7' })).toBeChecked();
    await expect(root.getByTestId('output-shape')).toHaveText('1×1×2');
    await expect(root.getByRole('textbox', { name: 'Seed' })).toHaveValue('9');
    const first = await root.locator('tbody tr').first().innerText();
    await root.getByRole('textbox', { name: 'Seed' }).fill('10');
    await root.getByRole('textbox', { name: 'Seed' }).press('Enter');
    await expect(root.locator('tbody tr').first()).not.toHaveText(first);
    await expect(page).toHaveURL(/conv-fc\.seed=10/);
  });
});
