import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

/**
 * axe-core's WCAG 2.1 A and AA rules on every kind of page, with its widgets loaded and ready: what a screen reader
 * or a keyboard user meets first.
 */
const PAGES = [
  { path: '/', ready: 'h1' },
  { path: '/lessons/perceptron', ready: '[data-widget="perceptron-trainer"][data-state="ready"]' },
  { path: '/engine', ready: '[data-widget="cnn-speed-check"][data-state="ready"]' },
];

for (const { path, ready } of PAGES) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`${path} in the ${colorScheme} theme has no WCAG A/AA violations axe can find`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto(path);
      // Walk down the page so that every lazy widget loads, then check with them in place.
      for (let y = 0; y < (await page.evaluate(() => document.body.scrollHeight)); y += 500) {
        await page.evaluate((top) => window.scrollTo(0, top), y);
        await page.waitForTimeout(150);
      }
      await page.locator(ready).first().waitFor({ timeout: 60_000 });
      await expect(page.locator('.widget-placeholder')).toHaveCount(0, { timeout: 60_000 });
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const found = results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`);
      expect(found).toEqual([]);
    });
  }
}
