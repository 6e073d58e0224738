import type { Page } from '@playwright/test';
import { expect } from '../fixtures';

/** Loses the WebGL context in the page's training workers through the engine's debugging handle, as a driver reset would. */
export async function loseWebglContextInWorkers(page: Page): Promise<void> {
  const lost = await Promise.all(
    page.workers().map((worker) => worker.evaluate(() => (self as unknown as { receptiveFieldEngine: { loseWebglContext(): boolean } }).receptiveFieldEngine.loseWebglContext())),
  );
  expect(lost).toContain(true);
}
