import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * axe-core's WCAG 2.1 A and AA rules on every page of the site (the index, every lesson the index links,
 * /engine and the not-found page), in both themes, with every widget loaded: what a screen reader or a
 * keyboard user meets first.
 */
const FIXED_PAGES = ['/', '/engine', '/nope'];

async function sitePages(page: Page): Promise<string[]> {
  await page.goto('/');
  const lessons = await page.locator('main a[href^="/lessons/"]').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
  expect(lessons.length, 'the index links lessons').toBeGreaterThan(0);
  return [...FIXED_PAGES, ...lessons];
}

/** Walks down the page so every lazy widget loads, then waits until none is a placeholder or still loading. */
async function loadEveryWidget(page: Page): Promise<void> {
  for (let y = 0; y < (await page.evaluate(() => document.body.scrollHeight)); y += 500) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(150);
  }
  await expect(page.locator('.widget-placeholder')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.locator('[data-widget][data-state="loading"]')).toHaveCount(0, { timeout: 60_000 });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every page in the ${colorScheme} theme has no WCAG A/AA violations axe can find`, async ({ page }) => {
    test.setTimeout(360_000);
    await page.emulateMedia({ colorScheme });
    const found: string[] = [];
    for (const path of await sitePages(page)) {
      await test.step(path, async () => {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await loadEveryWidget(page);
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        for (const violation of results.violations) {
          found.push(`${path}: ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`);
        }
      });
    }
    expect(found).toEqual([]);
  });
}
