import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const LESSON = '/lessons/gradient-descent';

/** The widget once it has loaded (lazy widgets replace a placeholder that carries the same data-widget). */
async function openWidget(page: Page, id: string): Promise<Locator> {
  const root = page.locator(`[data-widget="${id}"]`);
  await expect(async () => {
    await root.scrollIntoViewIfNeeded();
    await expect(root).toHaveAttribute('data-state', /ready|paused/, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  return root;
}

const step = async (root: Locator) => Number(await root.getAttribute('data-step'));
const loss = async (root: Locator) => Number(await root.getAttribute('data-loss'));

test.describe('loss-surface explorer', () => {
  test('choose a surface, click a start, step, and see the path and table change', async ({ page }) => {
    await page.goto(LESSON);
    const root = await openWidget(page, 'loss-surface-explorer');
    await root.locator('label', { hasText: /^Narrow ravine$/ }).click();
    await expect(root.getByRole('radio', { name: 'Narrow ravine' })).toBeChecked();
    const plot = root.locator('svg.contour-plot-interactive');
    const box = (await plot.boundingBox())!;
    await plot.click({ position: { x: box.width * 0.2, y: box.height * 0.25 } });
    await expect(root).toHaveAttribute('data-step', '0');
    const startLoss = await loss(root);
    const rows = root.getByRole('table', { name: 'The most recent steps' }).locator('tbody tr');
    await expect(rows).toHaveCount(1);
    const pathBefore = await root.locator('.contour-plot-line').getAttribute('d');
    for (let i = 0; i < 3; i++) await root.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(root).toHaveAttribute('data-step', '3');
    await expect(root).toHaveAttribute('data-state', 'paused');
    await expect(rows).toHaveCount(4);
    await expect(rows.first().locator('td').first()).toHaveText('3');
    expect(await root.locator('.contour-plot-line').getAttribute('d')).not.toBe(pathBefore);
    expect(await loss(root)).toBeLessThan(startLoss);

    // Keyboard: focus the plot, move the cursor, Enter starts there (and resets the descent).
    await plot.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(root.getByText(/press Enter to start here/)).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(root).toHaveAttribute('data-step', '0');
  });

  test('the diverging preset reaches "diverged" and offers a smaller learning rate', async ({ page }) => {
    await page.goto(LESSON);
    const root = await openWidget(page, 'loss-surface-explorer');
    await root.getByRole('button', { name: /^Diverging/ }).click();
    await expect(root.getByRole('button', { name: /^Diverging/ })).toHaveAttribute('aria-pressed', 'true');
    await root.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(root).toHaveAttribute('data-state', 'training');
    await expect(root).toHaveAttribute('data-state', 'diverged', { timeout: 30_000 });
    await expect(root.getByRole('alert')).toContainText('Try a smaller learning rate');
    await expect(root.getByRole('button', { name: 'Step', exact: true })).toBeDisabled();
    await root.getByRole('button', { name: /^Use η = 0\.3/ }).click();
    await expect(root).toHaveAttribute('data-state', 'ready');
    await expect(root.getByLabel('Learning rate', { exact: true })).toHaveValue('0.3');
  });

  test('a typed learning rate is validated, and the share link restores surface, start and η', async ({ page, context }) => {
    await page.goto(LESSON);
    const root = await openWidget(page, 'loss-surface-explorer');
    await root.locator('label', { hasText: /^Rosenbrock valley$/ }).click();
    const field = root.getByLabel('Learning rate', { exact: true });
    await field.fill('fast');
    await field.press('Enter');
    await expect(root.getByRole('alert')).toContainText('Kept 0.0015');
    await field.fill('0.0002');
    await field.press('Enter');
    await expect(root.getByRole('button', { name: /^Too small/ })).toHaveAttribute('aria-pressed', 'true');
    await root.locator('svg.contour-plot-interactive').click({ position: { x: 40, y: 40 } });
    await expect(page).toHaveURL(/surface\.learningRate=0\.0002/);
    await expect(page).not.toHaveURL(/surface\.start=-1\.2%2C1/);
    const url = page.url();
    expect(url).toContain('surface.surface=rosenbrock');

    const copy = await context.newPage();
    await copy.goto(url);
    const restored = await openWidget(copy, 'loss-surface-explorer');
    await expect(restored.getByRole('radio', { name: 'Rosenbrock valley' })).toBeChecked();
    await expect(restored.getByLabel('Learning rate', { exact: true })).toHaveValue('0.0002');
    expect(await loss(restored)).toBeCloseTo(await loss(root), 6);

    await copy.goto(`${LESSON}?surface.surface=moon&surface.start=1,2,3`);
    const mangled = await openWidget(copy, 'loss-surface-explorer');
    await expect(mangled.locator('.widget-notice')).toContainText('could not be used');
    await expect(mangled.getByRole('radio', { name: 'Round bowl' })).toBeChecked();
  });
});

test.describe('optimizer race', () => {
  test('plays all six paths with falling loss; an optimizer toggles off; a hyperparameter edits', async ({ page }) => {
    await page.goto(LESSON);
    const root = await openWidget(page, 'optimizer-race');
    await expect(root.locator('.contour-plot-path')).toHaveCount(6);
    const startLoss = await loss(root);
    await root.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(root).toHaveAttribute('data-state', 'training');
    await expect.poll(() => step(root), { timeout: 30_000 }).toBeGreaterThan(30);
    await root.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(root).toHaveAttribute('data-state', 'paused');
    expect(await loss(root)).toBeLessThan(startLoss / 2);
    await expect(root.getByRole('list', { name: 'Current f, best first' }).locator('li')).toHaveCount(6);

    await root.getByRole('checkbox', { name: 'SGD' }).uncheck();
    await expect(root.locator('.contour-plot-path')).toHaveCount(5);
    await expect(root.getByRole('list', { name: 'Current f, best first' }).locator('li')).toHaveCount(5);

    await root.getByText('Hyperparameters').click();
    const momentum = root.getByLabel('Momentum μ');
    await momentum.fill('1.5');
    await momentum.press('Enter');
    await expect(root.getByRole('alert').first()).toContainText('0.999');
    await expect(momentum).toHaveValue('0.999');
    await root.getByLabel('Adam η').fill('0.05');
    await root.getByLabel('Adam η').press('Enter');
    await expect(page).toHaveURL(/race\.adam=0\.05/);
    await expect(page).toHaveURL(/race\.on=momentum/);

    const copy = await page.context().newPage();
    await copy.goto(page.url());
    const restored = await openWidget(copy, 'optimizer-race');
    await expect(restored.getByRole('checkbox', { name: 'SGD' })).not.toBeChecked();
    await restored.getByText('Hyperparameters').click();
    await expect(restored.getByLabel('Adam η')).toHaveValue('0.05');
    await expect(restored.getByLabel('Momentum μ')).toHaveValue('0.999');
  });

  test('races on Rosenbrock and trains the real network in the engine', async ({ page }) => {
    await page.goto(LESSON);
    const root = await openWidget(page, 'optimizer-race');
    await root.locator('label', { hasText: /^Rosenbrock valley$/ }).click();
    await expect(root.getByRole('radio', { name: 'Rosenbrock valley' })).toBeChecked();
    await root.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(root).toHaveAttribute('data-step', '1');
    await expect(page).toHaveURL(/race\.surface=rosenbrock/);

    for (const kind of ['Momentum', 'Nesterov', 'RMSProp', 'AdamW']) await root.getByRole('checkbox', { name: kind, exact: true }).uncheck();
    await root.locator('label', { hasText: /^On a small real network$/ }).click();
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
    await expect(root).toHaveAttribute('data-backend', /webgl|cpu|wasm/);
    await root.getByRole('button', { name: 'Train', exact: true }).click();
    // The loss of the first report (the optimizers train one after another, each for a few hundred steps in well
    // under a second here, so the page is polled often to catch it), then the best loss once both have finished.
    await expect.poll(() => step(root), { timeout: 90_000, intervals: [10] }).toBeGreaterThan(0);
    const early = await loss(root);
    await expect.poll(() => step(root), { timeout: 90_000 }).toBeGreaterThan(150);
    await expect(root).not.toHaveAttribute('data-state', 'training', { timeout: 90_000 });
    expect(await loss(root)).toBeLessThan(early);
    await expect(root.getByRole('table', { name: 'Loss of each optimizer on the real network' }).locator('tbody tr')).toHaveCount(2);
    await expect(page).toHaveURL(/race\.mode=network/);
  });
});
