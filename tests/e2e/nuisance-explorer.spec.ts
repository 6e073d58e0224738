import { expect, test } from './fixtures';
import type { Locator, Page } from '@playwright/test';

const LESSON = '/lessons/visual-recognition';

async function openExplorer(page: Page, query = ''): Promise<Locator> {
  await page.goto(`${LESSON}${query}`);
  const root = page.locator('[data-widget="nuisance-explorer"]');
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  return root;
}

// Both pretrained models are shipped (public/models, made by `npm run train:models`): their answers must appear.

test.describe('nuisance explorer', () => {
  test('a rotation changes the image and the nearest-neighbour answer is computed for it', async ({ page }) => {
    const root = await openExplorer(page);
    const knn = root.getByTestId('knn-verdict');
    await expect(knn).toBeVisible();
    await expect(root.getByText(/Its memory: the [\d,]+ MNIST validation images/)).toBeVisible();
    const transformed = root.getByRole('application', { name: /Transformed image: no change/ });
    await expect(transformed).toBeVisible();

    const rotation = root.getByRole('slider', { name: /Rotation/ });
    await rotation.fill('180');
    await expect(root.getByRole('application', { name: /Transformed image: rotated 180°/ })).toBeVisible();
    await expect(page).toHaveURL(/nuisance\.rotation=180/);

    // The pretrained LeNet-5 answers, with its measured test accuracy.
    const cnnPanel = root.locator('section', { has: page.getByRole('heading', { name: 'Pretrained CNN' }) });
    await expect(cnnPanel.getByTestId('cnn-verdict')).toBeVisible({ timeout: 60_000 });
    await expect(cnnPanel.getByText(/LeNet-5 trained on MNIST, trained on the MNIST training images: \d+\.\d % right on 10,000 test images/)).toBeVisible();
    // No network of the learner's is kept in this fresh browser: the choice is offered but disabled, with the reason.
    await expect(root.getByRole('radio', { name: "The course's pretrained CNN" })).toBeChecked();
    await expect(root.getByRole('radio', { name: 'The network you trained' })).toBeDisabled();
    await expect(root.getByText(/No network of yours for MNIST yet: train one in the CNN trainer/)).toBeVisible();

    // Next image, and a typed image number is validated.
    await root.getByRole('button', { name: 'Next' }).click();
    await expect(root.getByText(/Original: test image 1,/)).toBeVisible();
    const number = root.getByRole('textbox', { name: 'Test image number' });
    await number.fill('banana');
    await number.press('Enter');
    await expect(root.getByRole('alert').filter({ hasText: 'Test image number must be a number' })).toBeVisible();
    await number.fill('-5');
    await number.press('Enter');
    await expect(root.getByText(/Original: test image 0,/)).toBeVisible();
  });

  test('the occluding patch moves with the keyboard alone', async ({ page }) => {
    const root = await openExplorer(page);
    const transformed = root.getByRole('application', { name: /Transformed image/ });
    await transformed.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(root.getByRole('application', { name: /8-pixel black patch at column 13, row 14/ })).toBeVisible();
    await page.keyboard.press('Shift+ArrowUp');
    await expect(root.getByRole('application', { name: /patch at column 13, row 10/ })).toBeVisible();
    await expect(root.getByRole('slider', { name: /Patch row/ })).toHaveValue('10');
    await root.locator('label', { hasText: /^White$/ }).click();
    await expect(root.getByRole('application', { name: /8-pixel white patch/ })).toBeVisible();
  });

  test('the study counts both classifiers before and after the change, in slices', async ({ page }) => {
    const root = await openExplorer(page, '?nuisance.studyCount=40&nuisance.rotation=90');
    await expect(root.getByTestId('cnn-verdict')).toBeVisible({ timeout: 60_000 });
    await root.getByRole('button', { name: 'Run the study' }).click();
    const results = root.getByTestId('study-results');
    await expect(results).toHaveAttribute('data-running', 'false', { timeout: 60_000 });
    await expect(results).toHaveAttribute('data-done', '40');
    const row = results.getByRole('row', { name: /Nearest neighbour/ });
    const cells = row.getByRole('cell');
    const before = Number((await cells.nth(0).innerText()).replace(' %', ''));
    const after = Number((await cells.nth(1).innerText()).replace(' %', ''));
    // Raw pixels recognize most upright digits and far fewer turned a quarter.
    expect(before).toBeGreaterThan(70);
    expect(after).toBeLessThan(before);
    // The pretrained CNN took part too (its files are shipped for MNIST).
    const cnnCells = results.getByRole('row', { name: /Pretrained CNN/ }).getByRole('cell');
    await expect(cnnCells).toHaveCount(2);
    expect(Number((await cnnCells.nth(0).innerText()).replace(' %', ''))).toBeGreaterThan(90);
    await expect(results.getByRole('caption')).toContainText('rotated 90°');
    // Changing the transform marks the result as out of date.
    await root.getByRole('slider', { name: /Rotation/ }).fill('0');
    await expect(results.getByRole('caption')).toContainText('run it again');
  });

  test('a share link restores the settings, and a mangled one shows the notice and uses defaults', async ({ page, context }) => {
    const root = await openExplorer(page, '?nuisance.dataset=fashion-mnist&nuisance.index=5&nuisance.scale=0.7&nuisance.patchSize=6&nuisance.brightness=0.2');
    await expect(root.getByRole('radio', { name: 'Fashion-MNIST' })).toBeChecked();
    await expect(root.getByTestId('cnn-verdict')).toBeVisible({ timeout: 60_000 });
    await expect(root.getByText(/A small CNN trained on Fashion-MNIST, trained on the Fashion-MNIST training images: \d+\.\d % right on 10,000 test images/)).toBeVisible();
    await expect(root.getByText(/Original: test image 5,/)).toBeVisible();
    await root.getByRole('slider', { name: /Contrast/ }).fill('1.5');
    await expect(page).toHaveURL(/nuisance\.contrast=1\.5/);
    const copy = await context.newPage();
    await copy.goto(page.url());
    const restored = copy.locator('[data-widget="nuisance-explorer"]');
    await restored.scrollIntoViewIfNeeded();
    await expect(restored).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    await expect(restored.getByRole('application', { name: /scaled ×0\.7, a 6-pixel black patch at column 14, row 14, contrast ×1\.5, brightness \+0\.2/ })).toBeVisible();

    const mangled = await openExplorer(copy, '?nuisance.rotation=lots&nuisance.dataset=cifar');
    await expect(mangled.getByText(/This link had settings that could not be used/)).toBeVisible();
    await expect(mangled.getByRole('radio', { name: 'MNIST digits' })).toBeChecked();
    await expect(mangled.getByRole('slider', { name: /Rotation/ })).toHaveValue('0');
  });
});
