import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { loseWebglContextInWorkers } from './helpers/lose-webgl-context';

const LESSON = '/lessons/perceptron';

/** The buttons a learner may press, read from the page; they must agree with `data-state` (the widget contract). */
async function expectButtonsMatchState(root: Locator): Promise<void> {
  const state = await root.getAttribute('data-state');
  const enabled = async (name: string) => {
    const button = root.getByRole('button', { name, exact: true });
    return (await button.count()) === 0 ? null : button.isEnabled();
  };
  const canTrain = state === 'ready' || state === 'paused';
  if (state === 'training') expect(await enabled('Pause'), `Pause while ${state}`).toBe(true);
  else expect(await enabled('Train'), `Train while ${state}`).toBe(canTrain);
  expect(await enabled('Step'), `Step while ${state}`).toBe(canTrain);
  expect(await enabled('Reset'), `Reset while ${state}`).toBe(state !== 'loading');
}

async function duplicateIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });
}

test('two copies of one widget on a page keep separate ids, settings, share-link keys and models', async ({ page }) => {
  await page.goto(`${LESSON}?perceptron-2.learningRate=3`);
  const trainers = page.locator('[data-widget="perceptron-trainer"]');
  await expect(trainers).toHaveCount(2);
  const [first, second] = [trainers.nth(0), trainers.nth(1)];

  await second.scrollIntoViewIfNeeded();
  await expect(second).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expectButtonsMatchState(second);
  await expect(second.getByRole('heading', { level: 3 })).toHaveAttribute('id', 'perceptron-trainer-2-title');
  await expect(second.getByLabel('Points')).toHaveValue('xor');
  await expect(second.getByLabel('Learning rate')).toHaveValue('3');

  await first.scrollIntoViewIfNeeded();
  await expect(first).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(first.getByRole('heading', { level: 3 })).toHaveAttribute('id', 'perceptron-trainer-title');
  await expect(first.getByLabel('Points')).toHaveValue('separable');
  await expect(first.getByLabel('Learning rate')).toHaveValue('0.5');
  expect(await duplicateIds(page)).toEqual([]);

  // A setting of the first copy goes to its own key; the second copy's key and value stay.
  await first.getByLabel('Learning rate').fill('0.2');
  await first.getByLabel('Learning rate').press('Enter');
  await expect(page).toHaveURL(/[?&]perceptron\.learningRate=0\.2/);
  await expect(page).toHaveURL(/[?&]perceptron-2\.learningRate=3/);
  await expect(second.getByLabel('Learning rate')).toHaveValue('3');

  // Training the second copy leaves the first copy's model alone.
  await second.scrollIntoViewIfNeeded();
  await second.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(second).toHaveAttribute('data-state', 'training');
  await expectButtonsMatchState(second);
  await expect.poll(async () => Number(await second.getAttribute('data-step')), { timeout: 30_000 }).toBeGreaterThan(50);
  await second.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(second).toHaveAttribute('data-state', 'paused');
  await expectButtonsMatchState(second);
  await expect(first).toHaveAttribute('data-step', '0');
  await expectButtonsMatchState(first);
  // XOR: no line gets every point right.
  await expect(second.getByRole('row', { name: /Points on the right side/ })).not.toContainText('100%');
});

test('a widget that cannot train yet says loading and disables its buttons, never ready with dead buttons', async ({ page }) => {
  await page.goto(`${LESSON}?perceptron.preset=empty`);
  const root = page.locator('[data-widget="perceptron-trainer"]').first();
  await root.scrollIntoViewIfNeeded();
  await expect(root.getByText('Add at least one point to train.')).toBeVisible({ timeout: 60_000 });
  await expect(root).toHaveAttribute('data-state', 'loading');
  await expectButtonsMatchState(root);
  await root.getByRole('application').focus();
  await page.keyboard.press('Enter');
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expectButtonsMatchState(root);
});

test('a GPU lost mid-training: the widget goes on on the CPU from its last checkpoint and says so', async ({ page }) => {
  await page.goto(`${LESSON}?backend=webgl`);
  const root = page.locator('[data-widget="perceptron-trainer"]').first();
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-backend', 'webgl', { timeout: 60_000 });
  await expect(root).toHaveAttribute('data-state', 'ready');
  await root.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(async () => Number(await root.getAttribute('data-step')), { timeout: 30_000 }).toBeGreaterThan(30);
  await loseWebglContextInWorkers(page);
  await expect(root).toHaveAttribute('data-backend', 'cpu', { timeout: 30_000 });
  await expect(root).toHaveAttribute('data-state', 'paused');
  await expect(root.getByText(/The GPU stopped responding .* training continues on the CPU from step \d+/)).toBeVisible();
  const resumedAt = Number(await root.getAttribute('data-step'));
  await root.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(async () => Number(await root.getAttribute('data-step')), { timeout: 30_000 }).toBeGreaterThan(resumedAt + 50);
  await root.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(root).toHaveAttribute('data-state', 'paused');
});

test('a GPU lost while paused: Step goes on on the CPU instead of hanging', async ({ page }) => {
  await page.goto(`${LESSON}?backend=webgl`);
  const root = page.locator('[data-widget="perceptron-trainer"]').first();
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-backend', 'webgl', { timeout: 60_000 });
  await root.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(root).toHaveAttribute('data-step', '1');
  await loseWebglContextInWorkers(page);
  await root.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(root).toHaveAttribute('data-backend', 'cpu', { timeout: 30_000 });
  await expect(root).toHaveAttribute('data-state', 'paused');
  await expect(root.getByText(/The GPU stopped responding .* training continues on the CPU from step \d+/)).toBeVisible();
  const resumedAt = Number(await root.getAttribute('data-step'));
  await root.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(root).toHaveAttribute('data-step', String(resumedAt + 1));
});
