import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const LESSON = '/lessons/classic-architectures';

async function openWidget(page: Page, query = ''): Promise<Locator> {
  await page.goto(`${LESSON}${query}`);
  const root = page.locator('[data-widget="backbone-sketch"]');
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  return root;
}

/** Waits for the box head to be fitted and scored, and returns the body's figures. */
async function fitted(root: Locator): Promise<Record<string, number>> {
  const body = root.getByTestId('backbone-body');
  await expect(body).toHaveAttribute('data-fit', 'done', { timeout: 180_000 });
  await expect(body).not.toHaveAttribute('data-mean-box-iou', '', { timeout: 60_000 });
  await expect(body).not.toHaveAttribute('data-box-iou', '', { timeout: 60_000 });
  const figures: Record<string, number> = {};
  for (const name of ['mask-iou', 'box-iou', 'mean-box-iou', 'mean-cam-box-iou', 'mean-trivial-iou', 'mean-mask-iou', 'fit-ms', 'longest-slice-ms']) {
    figures[name] = Number(await body.getAttribute(`data-${name}`));
  }
  return figures;
}

const inUnitInterval = (value: number) => {
  expect(value).toBeGreaterThanOrEqual(0);
  expect(value).toBeLessThanOrEqual(1);
};

test.describe('Backbone sketch', () => {
  test('fits a box head on frozen LeNet-5 features, scores it against baselines, thresholds the CAM mask, validates input and shares its settings', async ({ page }) => {
    test.setTimeout(300_000);
    const root = await openWidget(page);
    await expect(root.getByRole('note')).toContainText('Sketch');
    const figures = await fitted(root);
    console.log(`LeNet-5 backbone sketch: ${JSON.stringify(figures)}`);
    for (const name of ['mask-iou', 'box-iou', 'mean-box-iou', 'mean-cam-box-iou', 'mean-trivial-iou', 'mean-mask-iou']) inUnitInterval(figures[name]);
    // The regressed box beats predicting the mean training box for every image (measured ≈ 0.82 against ≈ 0.58).
    expect(figures['mean-box-iou']).toBeGreaterThan(figures['mean-trivial-iou'] + 0.1);
    await expect(root.getByTestId('mean-box-iou')).toHaveText(/^0\.\d{3}$/);
    await expect(root.getByTestId('backbone-summary')).toContainText('regressed box mean IoU');

    // A higher threshold gives a different (smaller) mask: the mean mask IoU over the held-out images changes.
    const body = root.getByTestId('backbone-body');
    const slider = root.getByLabel('Mask threshold (fraction of the CAM’s max)');
    await slider.focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    await expect(page).toHaveURL(/backbone\.threshold=0\.5/);
    await expect(body).not.toHaveAttribute('data-mean-mask-iou', String(figures['mean-mask-iou'].toFixed(4)));

    // Typed input is validated: text is refused with a message, a number is used and re-solves the head.
    const lambda = root.getByLabel('Ridge penalty λ');
    await lambda.fill('abc');
    await lambda.press('Enter');
    await expect(root.getByRole('alert').first()).toBeVisible();
    await lambda.fill('10');
    await lambda.press('Enter');
    await expect(page).toHaveURL(/backbone\.lambda=10/);
    await expect(root.getByRole('row', { name: /Ridge box head, λ = 10/ })).toBeVisible();
    await expect(body).toHaveAttribute('data-fit', 'done', { timeout: 60_000 });

    // Next image, then a new shift from the keyboard.
    await root.getByRole('button', { name: /Next/ }).click();
    await expect(root.getByLabel('Test image number')).toHaveValue('1');
    const offset = await root.getByTestId('offset').textContent();
    await root.getByRole('button', { name: 'Shuffle shift' }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/backbone\.shift=/);
    expect(offset).toMatch(/^\([+−]\d, [+−]\d\) px$/);

    // The share link restores the settings.
    const url = page.url();
    const shift = await root.getByLabel('Shift seed').inputValue();
    const copy = await page.context().newPage();
    const restored = await openWidget(copy, url.slice(url.indexOf('?')));
    await expect(restored.getByLabel('Test image number')).toHaveValue('1');
    await expect(restored.getByLabel('Shift seed')).toHaveValue(shift);
    await expect(restored.getByLabel('Ridge penalty λ')).toHaveValue('10');
    await expect(restored.getByLabel('Mask threshold (fraction of the CAM’s max)')).toHaveValue('0.5');
    await copy.close();
  });

  test('works on the Fashion-MNIST CNN too, and a mangled link shows the notice', async ({ page }) => {
    test.setTimeout(300_000);
    const root = await openWidget(page, '?backbone.model=fashion-cnn&backbone.lambda=zzz');
    await expect(root.getByText(/This link had settings that could not be used/)).toBeVisible();
    await expect(root.getByRole('radio', { name: 'Small CNN on Fashion-MNIST' })).toBeChecked();
    const figures = await fitted(root);
    console.log(`Fashion CNN backbone sketch: ${JSON.stringify(figures)}`);
    for (const name of ['mask-iou', 'box-iou', 'mean-box-iou', 'mean-cam-box-iou', 'mean-trivial-iou', 'mean-mask-iou']) inUnitInterval(figures[name]);
    expect(figures['mean-box-iou']).toBeGreaterThan(figures['mean-trivial-iou'] + 0.1);
  });
});
