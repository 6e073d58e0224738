import type { Request } from '@playwright/test';
import { expect, test } from './fixtures';

const LESSON = '/lessons/perceptron';
const WIDGETS = ['linear-collapse', 'activation-gallery', 'perceptron-trainer', 'image-perceptron'];

test.use({ viewport: { width: 1280, height: 900 } });

/** The file name of a request's URL, e.g. "image-perceptron-TY9lA50P.js". */
const fileName = (request: Request) => new URL(request.url()).pathname.split('/').pop() ?? '';

test('the lesson text needs no widget code: widgets and the training worker load only when scrolled to', async ({ page, context }) => {
  const requests: Request[] = [];
  context.on('request', (request) => requests.push(request));
  const scripts = () => requests.filter((r) => r.resourceType() === 'script' || /\.m?js$/.test(new URL(r.url()).pathname)).map(fileName);

  await page.goto(LESSON);
  await expect(page.locator('.lesson-body h2').first()).toBeVisible();
  // Each widget is a placeholder that keeps the contract (and is not mistaken for a ready widget).
  for (const id of WIDGETS) {
    const placeholder = page.locator(`[data-widget="${id}"]`).first();
    await expect(placeholder).toHaveAttribute('data-state', 'loading');
    await expect(placeholder.getByRole('status')).toHaveText(/Loading the interactive widget/);
  }
  // Give a wrongly eager loader time to show itself.
  await page.waitForTimeout(1_000);
  const atTop = scripts();
  for (const name of atTop) {
    expect(name, 'no widget chunk before scrolling').not.toMatch(new RegExp(`^(${WIDGETS.join('|')}|training-worker)`));
  }
  expect(page.workers(), 'no training worker before scrolling').toHaveLength(0);
  expect(
    requests.filter((r) => new URL(r.url()).pathname.startsWith('/data/')),
    'no dataset before scrolling',
  ).toHaveLength(0);

  const root = page.locator('[data-widget="image-perceptron"]');
  await root.scrollIntoViewIfNeeded();
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(root.getByRole('button', { name: 'Step' })).toBeEnabled();
  const loadedOnScroll = scripts().filter((name) => !atTop.includes(name));
  expect(
    loadedOnScroll.some((name) => name.startsWith('image-perceptron-')),
    'the widget chunk loaded on scrolling',
  ).toBe(true);
  expect(
    loadedOnScroll.some((name) => name.startsWith('training-worker-')),
    'the training worker started on scrolling',
  ).toBe(true);
  // Widgets far from where the learner is stay unloaded.
  await expect(page.locator('[data-widget="linear-collapse"]')).toHaveAttribute('data-state', 'loading');
});
