import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const LESSON = '/lessons/finetuning-schedules';

function scheduleLab(page: Page): Locator {
  return page.locator('[data-widget="schedule-lab"]').first();
}

/** Scrolls the lazy placeholder into view until the widget itself has replaced it. */
async function reach(root: Locator): Promise<void> {
  await expect(async () => root.scrollIntoViewIfNeeded({ timeout: 2_000 })).toPass({ timeout: 60_000 });
}

test.describe('schedule lab', () => {
  test('draws the schedules, rejects bad parameters with the validator’s message, trains two schedules on real images, and the link restores the settings', async ({
    page,
    context,
  }) => {
    test.setTimeout(300_000);
    // Short runs for a slow CI machine: two schedules, 500 images, 60 steps, cosine over the run.
    await page.goto(`${LESSON}?schedules.on=constant,cosine&schedules.trainingImages=500&schedules.steps=60&schedules.cosineSteps=60&schedules.atStep=30`);
    const root = scheduleLab(page);
    await reach(root);
    await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 150_000 });
    await expect(root.getByRole('checkbox', { name: 'Constant' })).toBeChecked();
    await expect(root.getByRole('checkbox', { name: 'Step decay' })).not.toBeChecked();
    await expect(root.getByRole('radio', { name: '500' })).toBeChecked();
    await expect(root.locator('.katex').first()).toBeVisible();

    // η at step 30 of a 60-step cosine from 0.1 to 0 is exactly half: 0.05; the constant stays at 0.1.
    await expect(root.getByTestId('eta-cosine')).toHaveText('0.05');
    await expect(root.getByTestId('eta-constant')).toHaveText('0.1');
    const atStep = root.getByLabel('Read η at step', { exact: true });
    await atStep.fill('45');
    await atStep.press('Enter');
    // 0.05 · (1 + cos(3π/4)) = 0.01464
    await expect(root.getByTestId('eta-cosine')).toHaveText('0.01464');
    await expect(root.getByRole('img', { name: /Learning rate η against the step/ })).toBeVisible();

    // A step factor of 0 is typed into range but the engine's validator refuses it; text is refused by the field.
    const factor = root.getByLabel('Factor γ', { exact: true });
    await factor.fill('0');
    await factor.press('Enter');
    await expect(root.getByRole('alert').filter({ hasText: "The step schedule's factor must be > 0 and ≤ 1, got 0" })).toBeVisible();
    await factor.fill('half');
    await factor.press('Enter');
    await expect(root.getByRole('alert').filter({ hasText: /Factor γ must be a number/ })).toBeVisible();
    await factor.fill('0.5');
    await factor.press('Enter');
    await expect(root.locator('[data-schedule="step"]').getByRole('alert')).toHaveCount(0);

    // Train: both runs take 60 steps and stop; the loss has fallen, both rows have a final accuracy.
    await root.getByRole('button', { name: 'Step' }).click();
    await expect(root).toHaveAttribute('data-step', '1', { timeout: 60_000 });
    const firstLoss = Number(await root.getAttribute('data-loss'));
    await root.getByRole('button', { name: 'Train' }).click();
    await expect(root).toHaveAttribute('data-state', 'training');
    await expect(root.getByRole('radio', { name: 'Adam', exact: true })).toBeDisabled();
    await expect(root).toHaveAttribute('data-state', 'paused', { timeout: 240_000 });
    await expect(root).toHaveAttribute('data-step', '60');
    const lastLoss = Number(await root.getAttribute('data-loss'));
    expect(lastLoss).toBeLessThan(firstLoss);
    for (const kind of ['constant', 'cosine']) {
      const accuracy = Number(await root.locator(`tr[data-schedule="${kind}"]`).getAttribute('data-final-accuracy'));
      expect(accuracy).toBeGreaterThan(0.3);
    }
    // The η each run used last: constant 0.1; the cosine has reached its floor 0.
    await expect(root.getByTestId('eta-now-constant')).toHaveText('0.1');
    await expect(root.getByTestId('eta-now-cosine')).toHaveText('0');
    await expect(root.getByTestId('schedule-verdict')).toContainText('Highest final validation accuracy here');

    // Another optimizer loads its own η₀ (and restarts the runs); the choice goes into the link.
    await root.getByText('AdamW', { exact: true }).click();
    await expect(root.getByLabel('Base learning rate η₀', { exact: true })).toHaveValue('0.003');
    await expect(root.getByLabel('Weight decay λ', { exact: true })).toBeVisible();
    const seed = root.getByLabel('Seed', { exact: true });
    await seed.fill('-4');
    await seed.press('Enter');
    await expect(root.getByRole('alert').filter({ hasText: /Seed must be between/ })).toBeVisible();
    await seed.fill('9');
    await seed.press('Enter');
    await expect(page).toHaveURL(/schedules\.optimizer=adamw/);
    await expect(page).toHaveURL(/schedules\.seed=9/);
    await expect(page).toHaveURL(/schedules\.stepFactor=0\.5/);

    const shared = await context.newPage();
    await shared.goto(page.url());
    const restored = scheduleLab(shared);
    await reach(restored);
    await expect(restored.getByRole('radio', { name: 'AdamW' })).toBeChecked();
    await expect(restored.getByLabel('Seed', { exact: true })).toHaveValue('9');
    await expect(restored.getByLabel('Factor γ', { exact: true })).toHaveValue('0.5');
    await expect(restored.getByRole('checkbox', { name: 'Cosine' })).toBeChecked();
    await expect(restored.getByRole('checkbox', { name: 'Warm-up' })).not.toBeChecked();
    await expect(restored.getByLabel('Read η at step', { exact: true })).toHaveValue('45');
  });

  test('a mangled link shows a notice and uses the defaults; the keyboard reaches the schedule toggles', async ({ page }) => {
    await page.goto(`${LESSON}?schedules.on=cosine,linear&schedules.optimizer=lion`);
    const root = scheduleLab(page);
    await reach(root);
    await expect(root.getByText(/This link had settings that could not be used/)).toBeVisible({ timeout: 60_000 });
    await expect(root.getByRole('radio', { name: 'SGD + momentum' })).toBeChecked();
    for (const name of ['Constant', 'Step decay', 'Exponential', 'Cosine', 'Warm-up']) await expect(root.getByRole('checkbox', { name })).toBeChecked();
    const warmup = root.getByRole('checkbox', { name: 'Warm-up' });
    await warmup.focus();
    await page.keyboard.press('Space');
    await expect(warmup).not.toBeChecked();
    await expect(page).toHaveURL(/schedules\.on=constant%2Cstep%2Cexponential%2Ccosine/);
  });
});
