import type { Locator } from '@playwright/test';
import { expect } from '../fixtures';

/** Waits for the widget to be trainable, trains until `minSteps`, pauses and returns [first loss, last loss]. */
export async function trainAndReadLoss(root: Locator, minSteps: number): Promise<[number, number]> {
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await root.getByRole('button', { name: 'Step' }).click();
  await expect(root).toHaveAttribute('data-step', '1');
  const firstLoss = Number(await root.getAttribute('data-loss'));
  await root.getByRole('button', { name: /Train/ }).click();
  await expect(root).toHaveAttribute('data-state', 'training');
  await expect.poll(async () => Number(await root.getAttribute('data-step')), { timeout: 60_000 }).toBeGreaterThanOrEqual(minSteps);
  await root.getByRole('button', { name: /Pause/ }).click();
  await expect(root).toHaveAttribute('data-state', 'paused');
  const lastLoss = Number(await root.getAttribute('data-loss'));
  return [firstLoss, lastLoss];
}
