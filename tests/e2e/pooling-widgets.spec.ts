import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const LESSON = '/lessons/convolution-pooling';

// The machines that run this are slow and shared: generous limits, asserted conditions only.
test.describe.configure({ timeout: 180_000 });

/** Opens `url`, scrolls widget `id` into view and waits until the real widget (not its lazy placeholder) is there. */
async function openWidget(page: Page, id: string, url = LESSON) {
  await page.goto(url);
  const root = page.locator(`[data-widget="${id}"]`);
  await root.waitFor({ state: 'attached', timeout: 60_000 });
  await page.evaluate((widget) => document.querySelector(`[data-widget="${widget}"]`)?.scrollIntoView(), id);
  await expect(root).not.toHaveClass(/widget-placeholder/, { timeout: 90_000 });
  await page.evaluate((widget) => document.querySelector(`[data-widget="${widget}"]`)?.scrollIntoView(), id);
  return root;
}

test.describe('parameter calculator', () => {
  test('counts both layers, follows the learner, rejects garbage and keeps a share link', async ({ page }) => {
    const root = await openWidget(page, 'parameter-calculator');
    await expect(root).toHaveAttribute('data-state', 'ready');
    await expect(root.getByTestId('dense-parameters')).toHaveText('150,529,000');
    await expect(root.getByTestId('conv-parameters')).toHaveText('1,792');
    await expect(root.locator('.katex')).toHaveCount(2);

    const filters = root.getByLabel('Filters', { exact: true });
    await filters.fill('128');
    await filters.press('Enter');
    await expect(root.getByTestId('conv-parameters')).toHaveText('3,584');

    const frames = root.getByLabel('Video frames', { exact: true });
    await frames.fill('16');
    await frames.press('Enter');
    await expect(root.getByTestId('dense-parameters')).toHaveText('2,408,449,000');
    await expect(root.getByTestId('conv-parameters')).toHaveText('3,584');

    const height = root.getByLabel('Height', { exact: true });
    await height.fill('tall');
    await height.press('Enter');
    await expect(root.getByRole('alert')).toContainText('Height must be a number');
    await expect(height).toHaveValue('224');

    await height.fill('1e9');
    await height.press('Enter');
    await expect(root.getByRole('alert')).toContainText('using 100000');
    await expect(root.getByTestId('dense-parameters')).toHaveText('1,075,200,001,000');

    await expect(page).toHaveURL(/params\.filters=128/);
    await expect(page).toHaveURL(/params\.height=100000/);
    const url = page.url();
    const copy = await page.context().newPage();
    const copyRoot = await openWidget(copy, 'parameter-calculator', url);
    await expect(copyRoot.getByLabel('Filters', { exact: true })).toHaveValue('128');
    await expect(copyRoot.getByTestId('conv-parameters')).toHaveText('3,584');
  });
});

test.describe('conv channels', () => {
  test('writes 3·3·3·64 + 64 = 1,792 and follows channels, kernel and the chosen output channel', async ({ page }) => {
    const root = await openWidget(page, 'conv-channels');
    await expect(root).toHaveAttribute('data-state', 'ready');
    await expect(root.getByTestId('channels-parameters')).toHaveText('1,792');
    await expect(root.getByTestId('channels-formula')).toContainText('1,792');
    await expect(root.getByRole('img', { name: /3×3 convolution from 3 input channels to 64 output channels/ })).toBeVisible();

    const slider = root.getByRole('slider', { name: /Output channel/ });
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await expect(root.getByTestId('channel-formula')).toContainText('output channel 2');

    const kernel = root.getByLabel('Kernel size', { exact: true });
    await kernel.fill('5');
    await kernel.press('Enter');
    await expect(root.getByTestId('channels-parameters')).toHaveText('4,864');

    const outputs = root.getByLabel('Output channels', { exact: true });
    await outputs.fill('-3');
    await outputs.press('Enter');
    await expect(root.getByRole('alert')).toContainText('Output channels must be between 1 and 2048; using 1');
    await expect(root.getByTestId('channels-parameters')).toHaveText('76');

    await expect(page).toHaveURL(/channels\.kernel=5/);
    await expect(page).toHaveURL(/channels\.outChannels=1(&|$)/);
    await openWidget(page, 'conv-channels', page.url());
    await expect(root.getByLabel('Kernel size', { exact: true })).toHaveValue('5');
    await expect(root.getByTestId('channels-parameters')).toHaveText('76');
  });
});

test.describe('pooling lab', () => {
  test('loads an MNIST test digit and pools it', async ({ page }) => {
    const root = await openWidget(page, 'pooling-lab');
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(root.getByTestId('memory')).toContainText('784 values → 196 values');
    await root.getByRole('button', { name: 'Right' }).click();
    await expect(root.getByTestId('shift')).toContainText('shifted 1 px right');
    await expect.poll(async () => Number(await root.getByTestId('changed-input').innerText())).toBeGreaterThan(0);
  });

  test('shifts by keyboard, shows what max pooling keeps, and restores from a link', async ({ page }) => {
    const root = await openWidget(page, 'pooling-lab');
    await root.locator('label', { hasText: 'Synthetic pattern' }).click();
    await expect(root).toHaveAttribute('data-state', 'ready');
    await expect(root.getByTestId('changed-count')).toHaveText('0');

    await root.getByRole('figure', { name: /arrow keys shift it/ }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(root.getByTestId('shift')).toContainText('shifted 1 px right');
    const maxChanged = Number(await root.getByTestId('changed-count').innerText());
    expect(maxChanged).toBeGreaterThan(0);
    await root.locator('label', { hasText: /^Average$/ }).click();
    await expect.poll(async () => Number(await root.getByTestId('changed-count').innerText())).toBeGreaterThan(maxChanged);

    const size = root.getByLabel('Window size', { exact: true });
    await size.fill('big');
    await size.press('Enter');
    await expect(root.getByRole('alert')).toContainText('Window size must be a number');
    await size.fill('4');
    await size.press('Enter');
    const stride = root.getByLabel('Stride', { exact: true });
    await stride.fill('4');
    await stride.press('Enter');
    await expect(root.getByTestId('memory')).toContainText('784 values → 49 values (7×7)');

    await expect(page).toHaveURL(/pooling\.dx=1/);
    await expect(page).toHaveURL(/pooling\.kind=average/);
    await expect(page).toHaveURL(/pooling\.stride=4/);
    const url = page.url();
    const copy = await page.context().newPage();
    const copyRoot = await openWidget(copy, 'pooling-lab', url);
    await expect(copyRoot.getByRole('radio', { name: 'Average' })).toBeChecked();
    await expect(copyRoot.getByTestId('shift')).toContainText('shifted 1 px right');
    await expect(copyRoot.getByTestId('memory')).toContainText('(7×7)');
    await copyRoot.getByRole('button', { name: 'Undo shift' }).click();
    await expect(copyRoot.getByTestId('changed-count')).toHaveText('0');
  });
});

test.describe('receptive field', () => {
  test('LeNet-5 sees 16×16; presets, the keyboard and garbage behave', async ({ page }) => {
    const root = await openWidget(page, 'receptive-field');
    await expect(root).toHaveAttribute('data-state', 'ready');
    await expect(root.getByTestId('field-4')).toHaveText('16×16');
    await expect(root.getByTestId('seen-size')).toHaveText('16×16');
    await expect(root.locator('.receptive-field-formula .katex')).toHaveCount(1);

    await root.getByRole('button', { name: 'Three 3×3 (VGG)' }).click();
    await expect(root.getByTestId('field-3')).toHaveText('7×7');
    await expect(root.getByTestId('seen-size')).toHaveText('7×7');
    const output = root.getByRole('figure', { name: /Output grid/ });
    await output.focus();
    for (let i = 0; i < 7; i += 1) await page.keyboard.press('ArrowLeft');
    await expect(root.getByTestId('receptive-summary')).toContainText('column 1');
    await expect(root.getByTestId('seen-size')).toHaveText('7×4');

    await root.getByRole('button', { name: 'Remove layer 3' }).click();
    await expect(root.getByTestId('field-2')).toHaveText('5×5');
    await root.getByRole('button', { name: 'Add pooling' }).click();
    await expect(root.getByTestId('field-3')).toHaveText('6×6');

    const input = root.getByLabel('Input size', { exact: true });
    await input.fill('lots');
    await input.press('Enter');
    await expect(root.getByRole('alert').first()).toContainText('Input size must be a number');
    await root.getByRole('button', { name: 'LeNet-5' }).click();
    await input.fill('10');
    await input.press('Enter');
    await expect(root.getByRole('alert').first()).toContainText('leaves no output');

    await input.fill('32');
    await input.press('Enter');
    await expect(root.getByTestId('seen-size')).toHaveText('16×16');
    await root.getByRole('button', { name: 'Move layer 2 down' }).click();
    // Both convolutions before both poolings: 5, 9, 10, 12.
    await expect(root.getByTestId('field-4')).toHaveText('12×12');
    await expect(page).toHaveURL(/field\.layers=c5s1d1v-c5s1d1v-p2s2-p2s2/);
    const url = page.url();
    const copy = await page.context().newPage();
    const copyRoot = await openWidget(copy, 'receptive-field', url);
    await expect(copyRoot.getByRole('group', { name: 'Layer 2: conv 5×5' })).toBeVisible();
  });

  test('a mangled link shows the notice and the default stack', async ({ page }) => {
    const root = await openWidget(page, 'receptive-field', `${LESSON}?field.layers=c5s1-zz`);
    await expect(root.locator('.widget-notice')).toContainText('could not be used');
    await expect(root.getByTestId('field-4')).toHaveText('16×16');
  });
});
