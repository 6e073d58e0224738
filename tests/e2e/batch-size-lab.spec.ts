import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const LESSON = '/lessons/gradient-descent';
type Run = 'single' | 'minibatch' | 'full';

function lab(page: Page): Locator {
  return page.locator('[data-widget="batch-size-lab"]').first();
}

/** The step count a run's column of the read-out table shows. */
async function steps(root: Locator, run: Run): Promise<number> {
  return Number(await root.getByTestId(`steps-${run}`).getAttribute('data-step'));
}

/** The run's training loss over its last ~256 examples, from the read-out table. */
async function loss(root: Locator, run: Run): Promise<number> {
  return Number(await root.getByTestId(`loss-${run}`).getAttribute('data-loss'));
}

async function openReady(page: Page, query = ''): Promise<Locator> {
  await page.goto(`${LESSON}${query}`);
  const root = lab(page);
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 90_000 });
  return root;
}

test.describe('batch-size lab', () => {
  test('loads MNIST and trains three runs side by side: each advances at its own rate and its loss falls', async ({ page }) => {
    const root = await openReady(page);
    await expect(root).toHaveAttribute('data-backend', /^(cpu|wasm|webgl)$/);
    await expect(root.getByText(/Training: 1,000 images of 3 and 8 from MNIST's training split, all correctly labelled/)).toBeVisible();

    // One Step steps every run once; the root reports the minibatch run.
    await root.getByRole('button', { name: 'Step' }).click();
    await expect(root).toHaveAttribute('data-step', '1');
    for (const run of ['single', 'minibatch', 'full'] as const) await expect.poll(() => steps(root, run)).toBe(1);
    const first = { single: await loss(root, 'single'), minibatch: await loss(root, 'minibatch'), full: await loss(root, 'full') };
    // Tiny initial weights: every run starts near ln 2 ≈ 0.693 on its batch.
    expect(first.full).toBeGreaterThan(0.5);
    expect(first.full).toBeLessThan(0.9);

    await root.getByRole('button', { name: 'Train' }).click();
    await expect(root).toHaveAttribute('data-state', 'training');
    await expect.poll(() => steps(root, 'full'), { timeout: 90_000 }).toBeGreaterThanOrEqual(25);
    await root.getByRole('button', { name: 'Pause' }).click();
    await expect(root).toHaveAttribute('data-state', 'paused');

    const counts = { single: await steps(root, 'single'), minibatch: await steps(root, 'minibatch'), full: await steps(root, 'full') };
    // A step on one image is far cheaper than one on 1,000, so its count runs ahead.
    expect(counts.single).toBeGreaterThan(counts.full);
    expect(counts.minibatch).toBeGreaterThan(counts.full);
    // The full batch's loss is exact, so it must have fallen; the noisy runs are compared over their last ~256 examples.
    expect(await loss(root, 'full')).toBeLessThan(first.full * 0.8);
    expect(await loss(root, 'minibatch')).toBeLessThan(0.55);
    expect(await loss(root, 'single')).toBeLessThan(0.6);
    await expect(root.getByRole('cell', { name: /^\d+(\.\d)?%$/ }).first()).toBeVisible();
    // The charts' text alternatives report the curves they drew.
    await expect(root.locator('figcaption').first()).toContainText(/Full batch \(1000\): [\d.]+ after \d+ points/);
  });

  test('a new minibatch size rebuilds the middle run (and restarts the others with it), and the share link keeps it', async ({ page }) => {
    const root = await openReady(page);
    await expect(root.getByRole('columnheader', { name: /Batch of 32/ })).toBeVisible();
    await root.getByRole('button', { name: 'Step' }).click();
    await expect.poll(() => steps(root, 'full')).toBe(1);

    const field = root.getByLabel('Minibatch size');
    await field.fill('8');
    await field.press('Enter');
    await expect(root.getByRole('columnheader', { name: /Batch of 8/ })).toBeVisible();
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    for (const run of ['single', 'minibatch', 'full'] as const) await expect.poll(() => steps(root, run)).toBe(0);
    await expect(root.locator('.chart-legend').first()).toContainText('Minibatch of 8');

    await root.getByRole('button', { name: 'Step' }).click();
    await root.getByRole('button', { name: 'Step' }).click();
    await expect.poll(() => steps(root, 'minibatch')).toBe(2);
    // Examples seen: 2 steps × 8 images.
    await expect(root.getByRole('row', { name: /Examples seen/ })).toContainText('16');
    await expect.poll(() => new URL(page.url()).searchParams.get('batch.batchSize')).toBe('8');

    // Beyond the training subset: clamped to it, with a message.
    await field.fill('5000');
    await field.press('Enter');
    await expect(root.getByText('Minibatch size must be between 1 and 1000; using 1000.')).toBeVisible();
    await expect(root.getByRole('columnheader', { name: /Batch of 1,000/ })).toBeVisible();
  });

  test('label noise is kept in the share link and restored in a new page', async ({ page, context }) => {
    const root = await openReady(page);
    const slider = root.getByRole('slider', { name: /Label noise/ });
    await slider.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect(slider).toHaveAttribute('aria-valuetext', '20% flipped');
    await expect(root.getByText(/200 of them \(20%\) with the wrong label/)).toBeVisible();
    await root.getByLabel('Seed').fill('5');
    await root.getByLabel('Seed').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('batch.labelNoise')).toBe('0.2');
    await expect.poll(() => new URL(page.url()).searchParams.get('batch.seed')).toBe('5');

    const copy = await context.newPage();
    const restored = await openReady(copy, new URL(page.url()).search);
    await expect(restored.getByRole('slider', { name: /Label noise/ })).toHaveAttribute('aria-valuetext', '20% flipped');
    await expect(restored.getByLabel('Seed')).toHaveValue('5');
    await expect(restored.getByText(/200 of them \(20%\) with the wrong label/)).toBeVisible();
    // Training on the noisy labels still runs (the full batch averages the wrong labels out).
    await restored.getByRole('button', { name: 'Step' }).click();
    await expect.poll(() => steps(restored, 'full')).toBe(1);
  });

  test('a mangled link shows a notice and uses the defaults', async ({ page }) => {
    const root = await openReady(page, '?batch.labelNoise=lots&batch.classA=x');
    await expect(root.getByText(/This link had settings that could not be used/)).toBeVisible();
    await expect(root.getByRole('slider', { name: /Label noise/ })).toHaveAttribute('aria-valuetext', '0% flipped');
  });
});
