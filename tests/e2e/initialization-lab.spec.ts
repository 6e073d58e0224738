import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const LESSON = '/lessons/weight-initialization';

async function openLab(page: Page, query = ''): Promise<Locator> {
  await page.goto(`${LESSON}${query}`);
  const root = page.locator('[data-widget="initialization-lab"]').first();
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  return root;
}

/** Picks a pill-shaped radio button by clicking its label, as a learner does. */
const choose = (root: Locator, name: string | RegExp) => root.getByRole('radio', { name }).locator('xpath=..').click();

const row = (root: Locator, init: string) => root.locator(`tr[data-init="${init}"]`);
const attribute = async (locator: Locator, name: string) => Number(await locator.getAttribute(name));

test.describe('initialization lab', () => {
  test.setTimeout(240_000);

  test('shows tanh collapse, saturation and Xavier’s healthy spread, then ReLU’s shrink under Xavier and He’s fix', async ({ page }) => {
    const root = await openLab(page);
    await expect(root).toHaveAttribute('data-backend', /webgl|wasm|cpu/);
    for (const init of ['small', 'unit', 'xavier', 'he']) await expect(row(root, init)).toHaveAttribute('data-std-last', /\d/, { timeout: 60_000 });
    expect(await attribute(row(root, 'small'), 'data-std-last')).toBeLessThan(1e-6);
    expect(await attribute(row(root, 'unit'), 'data-std-last')).toBeGreaterThan(0.9);
    const xavierLast = await attribute(row(root, 'xavier'), 'data-std-last');
    expect(xavierLast).toBeGreaterThan(0.1);
    expect(xavierLast).toBeLessThan(0.6);
    await expect(root.getByRole('group', { name: /Histograms of the ten hidden layers' tanh outputs, N\(0, 0\.01²\)/ })).toBeVisible();
    await expect(root.getByText(/layer 10 std [0-9.]+×10⁻/)).toBeAttached();

    await choose(root, 'ReLU');
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
    await expect
      .poll(async () => (await attribute(row(root, 'he'), 'data-std-last')) / (await attribute(row(root, 'he'), 'data-std-first')), { timeout: 60_000 })
      .toBeGreaterThan(0.4);
    const xavierRatio = (await attribute(row(root, 'xavier'), 'data-std-last')) / (await attribute(row(root, 'xavier'), 'data-std-first'));
    expect(xavierRatio).toBeLessThan(0.1);
    await choose(root, /He$/);
    await expect(root.getByRole('group', { name: /ReLU outputs, He/ })).toBeVisible();
  });

  test('steps to show the gradients, trains the four starts together and the loss falls', async ({ page }) => {
    const root = await openLab(page);
    await expect(root.getByText('Press Step: the gradients of the first minibatch appear here.')).toBeVisible();
    await root.getByRole('button', { name: 'Step' }).click();
    for (const init of ['small', 'unit', 'xavier', 'he']) await expect(row(root, init)).toHaveAttribute('data-step', '1', { timeout: 60_000 });
    await expect(root.getByRole('img', { name: /weight gradient/ })).toBeVisible({ timeout: 30_000 });
    const firstLoss = await attribute(row(root, 'xavier'), 'data-loss');

    await root.getByRole('button', { name: 'Train' }).click();
    await expect(root).toHaveAttribute('data-state', 'training');
    await expect(root.getByLabel('Units per hidden layer')).toBeDisabled();
    await expect.poll(async () => attribute(row(root, 'xavier'), 'data-step'), { timeout: 180_000 }).toBeGreaterThanOrEqual(60);
    await root.getByRole('button', { name: 'Pause' }).click();
    await expect(root).toHaveAttribute('data-state', 'paused', { timeout: 30_000 });
    expect(await attribute(row(root, 'xavier'), 'data-loss')).toBeLessThan(firstLoss);
    expect(Number(await root.getAttribute('data-step'))).toBeGreaterThanOrEqual(60);
    await expect(row(root, 'xavier')).toHaveAttribute('data-accuracy', /\d/);

    await root.getByRole('button', { name: 'Reset' }).click();
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
    await expect(root).toHaveAttribute('data-step', '0');
  });

  test('validates typed input and keeps its settings in the share link', async ({ page, context }) => {
    const root = await openLab(page);
    const width = root.getByLabel('Units per hidden layer');
    await width.fill('lots');
    await width.press('Enter');
    await expect(root.getByRole('alert').filter({ hasText: /must be a number between 10 and 256.*Kept 100/ })).toBeVisible();
    await expect(width).toHaveValue('100');
    await width.fill('100000');
    await width.press('Enter');
    await expect(width).toHaveValue('256');
    await expect(root.getByRole('alert').filter({ hasText: 'using 256' })).toBeVisible();
    await width.fill('64');
    await width.press('Enter');
    await choose(root, 'ReLU');
    await choose(root, 'Xavier / Glorot');
    await root.getByLabel('Seed').fill('7');
    await root.getByLabel('Seed').press('Enter');
    await expect(page).toHaveURL(/init\.width=64/);
    await expect(page).toHaveURL(/init\.activation=relu/);
    await expect(page).toHaveURL(/init\.inspect=xavier/);
    await expect(page).toHaveURL(/init\.seed=7/);

    const copy = await context.newPage();
    const restored = await openLab(copy, new URL(page.url()).search);
    await expect(restored.getByLabel('Units per hidden layer')).toHaveValue('64');
    await expect(restored.getByLabel('Seed')).toHaveValue('7');
    await expect(restored.getByRole('radio', { name: 'ReLU' })).toBeChecked();
    await expect(restored.getByRole('radio', { name: 'Xavier / Glorot' })).toBeChecked();
    // the formulas' numbers follow the width: Xavier σ = √(2 / (64 + 64)) = 0.125 in the hidden layers
    await expect(restored.getByText('σ = 0.125').first()).toBeVisible();
  });

  test('a mangled link shows a notice and uses the defaults', async ({ page }) => {
    const root = await openLab(page, '?init.width=abc&init.activation=sigmoid');
    await expect(root.locator('.widget-notice').first()).toContainText('could not be used');
    await expect(root.getByLabel('Units per hidden layer')).toHaveValue('100');
    await expect(root.getByRole('radio', { name: 'tanh' })).toBeChecked();
  });
});
