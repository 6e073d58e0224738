import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** A lesson as the course index links to it. */
interface LessonLink {
  href: string;
  /** The link's visible text (contains the lesson's title). */
  text: string;
}

/** Reads the lesson list from the course index page: the source of truth, so new lessons are covered. */
async function readLessonLinks(page: Page): Promise<LessonLink[]> {
  await page.goto('/');
  const links = page.locator('main a[href^="/lessons/"]');
  await expect(links.first()).toBeVisible();
  const lessons = await links.evaluateAll((anchors) =>
    anchors.map((a) => ({ href: a.getAttribute('href') ?? '', text: (a as HTMLElement).innerText.replace(/\s+/g, ' ').trim() })),
  );
  expect(new Set(lessons.map((l) => l.href)).size, 'each lesson is linked once from the index').toBe(lessons.length);
  return lessons;
}

/** Waits until a lesson route has rendered its MDX body. */
async function waitForLessonBody(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.lesson-body')).toBeVisible();
}

async function horizontalOverflow(page: Page) {
  return page.evaluate(() => {
    const scroller = document.scrollingElement ?? document.documentElement;
    return { scrollWidth: scroller.scrollWidth, clientWidth: scroller.clientWidth };
  });
}

test.describe('course index', () => {
  test('lists every lesson with title, summary and reading time', async ({ page }) => {
    const lessons = await readLessonLinks(page);
    await expect(page).toHaveTitle(/Receptive Field/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    const items = page.locator('main li').filter({ has: page.locator('a[href^="/lessons/"]') });
    await expect(items).toHaveCount(lessons.length);
    for (let i = 0; i < lessons.length; i += 1) {
      const item = items.nth(i);
      const link = item.locator('a[href^="/lessons/"]');
      await expect(link, `lesson ${lessons[i].href} has a title`).toHaveText(/\S/);
      await expect(item, `lesson ${lessons[i].href} shows its reading time`).toContainText(/\d+\s*min read/);
      const summaries = await item.locator('p').evaluateAll((ps) => ps.map((p) => (p as HTMLElement).innerText.trim()).filter((t) => t && !/min read/.test(t)));
      expect(summaries.join(' ').length, `lesson ${lessons[i].href} has a summary`).toBeGreaterThan(10);
    }
  });
});

test.describe('lesson pages', () => {
  test('every lesson loads with a title, rendered math, sidebar, contents and pager', async ({ page }) => {
    const lessons = await readLessonLinks(page);
    test.setTimeout(30_000 + lessons.length * 20_000);

    for (const [index, lesson] of lessons.entries()) {
      await test.step(lesson.href, async () => {
        await page.goto(lesson.href);
        await waitForLessonBody(page);

        const title = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
        expect(title.length, 'h1 is not empty').toBeGreaterThan(0);
        expect(lesson.text, 'the index link names the lesson by its h1').toContain(title);
        await expect(page).toHaveTitle(new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

        expect(await page.locator('.lesson-body .katex').count(), 'KaTeX rendered some math').toBeGreaterThan(0);
        await expect(page.locator('.katex-error'), 'no KaTeX errors').toHaveCount(0);

        const sidebar = page.getByRole('navigation', { name: 'Lessons' });
        await expect(sidebar).toBeVisible();
        for (const other of lessons) {
          await expect(sidebar.locator(`a[href="${other.href}"]`), `sidebar links ${other.href}`).toHaveCount(1);
        }
        await expect(sidebar.locator(`a[href="${lesson.href}"]`), 'sidebar marks the current lesson').toHaveAttribute('aria-current', 'page');

        const headingIds = await page.locator('.lesson-body h2').evaluateAll((hs) => hs.map((h) => h.id));
        const toc = page.getByRole('navigation', { name: 'On this page' });
        if (headingIds.length > 0) {
          await expect(toc).toBeVisible();
          for (const id of headingIds) {
            expect(id, 'h2 has an id for the table of contents').not.toBe('');
            await expect(toc.locator(`a[href="#${id}"]`)).toHaveCount(1);
          }
        } else {
          await expect(toc).toHaveCount(0);
        }

        const pager = page.getByRole('navigation', { name: 'Previous and next lesson' });
        const previous = lessons[index - 1];
        const next = lessons[index + 1];
        if (previous) await expect(pager.locator('a[rel="prev"]')).toHaveAttribute('href', previous.href);
        else await expect(pager.locator('a[rel="prev"]')).toHaveCount(0);
        if (next) await expect(pager.locator('a[rel="next"]')).toHaveAttribute('href', next.href);
        else await expect(pager.locator('a[href="/"]')).toBeVisible();
      });
    }
  });

  test('pager walks through the course in order without reloading the page', async ({ page }) => {
    const lessons = await readLessonLinks(page);
    test.setTimeout(30_000 + lessons.length * 10_000);
    await page.locator(`main a[href="${lessons[0].href}"]`).click();
    await page.evaluate(() => {
      (window as unknown as { __noReload: boolean }).__noReload = true;
    });
    for (const [index, lesson] of lessons.entries()) {
      await expect(page).toHaveURL(new RegExp(`${lesson.href}$`));
      await waitForLessonBody(page);
      // The address changes at the click; the previous lesson stays on screen until the next one's text has loaded.
      const heading = page.getByRole('heading', { level: 1 });
      await expect.poll(async () => lesson.text.includes((await heading.innerText()).trim()), { timeout: 15_000 }).toBe(true);
      const pager = page.getByRole('navigation', { name: 'Previous and next lesson' });
      if (index < lessons.length - 1) await pager.locator('a[rel="next"]').click();
      else await pager.locator('a[href="/"]').click();
    }
    await expect(page).toHaveURL(/\/$/);
    await expect(page.locator(`main a[href="${lessons[0].href}"]`)).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  });
});

test.describe('unknown routes', () => {
  for (const path of ['/nope', '/lessons/nope']) {
    test(`${path} shows "Page not found" with a way back`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
      const back = page.getByRole('main').locator('a[href="/"]');
      await expect(back.first()).toBeVisible();
      await back.first().click();
      await expect(page).toHaveURL(/\/$/);
      await expect(page.locator('main a[href^="/lessons/"]').first()).toBeVisible();
    });
  }
});

test.describe('theme', () => {
  test.use({ colorScheme: 'light' });

  test('the toggle switches light and dark, and the choice survives a reload', async ({ page }) => {
    await page.goto('/');
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-theme', 'light');
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const lightBackground = await background();

    await page.getByRole('button', { name: /switch to dark theme/i }).click();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    expect(await background(), 'dark theme changes the page colours').not.toBe(lightBackground);
    await page.reload();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByRole('button', { name: /switch to light theme/i })).toBeVisible();

    await page.getByRole('button', { name: /switch to light theme/i }).click();
    await expect(html).toHaveAttribute('data-theme', 'light');
    await page.reload();
    await expect(html).toHaveAttribute('data-theme', 'light');
    expect(await background()).toBe(lightBackground);
  });

  test.describe('with the OS in dark mode', () => {
    test.use({ colorScheme: 'dark' });

    test('no stored choice gives the dark theme', async ({ page }) => {
      await page.goto('/');
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      await expect(page.getByRole('button', { name: /switch to light theme/i })).toBeVisible();
    });
  });
});

test.describe('layout', () => {
  test.describe('phone, 360 px wide', () => {
    test.use({ viewport: { width: 360, height: 740 } });

    test('no page scrolls horizontally', async ({ page }) => {
      const lessons = await readLessonLinks(page);
      test.setTimeout(30_000 + lessons.length * 15_000);
      for (const path of ['/', '/nope', '/engine', ...lessons.map((l) => l.href)]) {
        await test.step(path, async () => {
          await page.goto(path);
          await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
          if (path.startsWith('/lessons/')) await waitForLessonBody(page);
          const { scrollWidth } = await horizontalOverflow(page);
          expect(scrollWidth, `${path} is ${scrollWidth} px wide at a 360 px viewport`).toBeLessThanOrEqual(361);
        });
      }
    });
  });

  test.describe('projector, 1920 px wide', () => {
    test.use({ viewport: { width: 1920, height: 1080 } });

    test('lesson text is at least 16 px', async ({ page }) => {
      const lessons = await readLessonLinks(page);
      await page.goto(lessons[0].href);
      await waitForLessonBody(page);
      const sizes = await page.locator('.lesson-body p').evaluateAll((ps) => ps.map((p) => Number.parseFloat(getComputedStyle(p).fontSize)));
      expect(sizes.length, 'the lesson has paragraphs').toBeGreaterThan(0);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(16);
    });
  });
});

test.describe('keyboard', () => {
  test('Tab from page load reaches "Skip to content" first, and it moves focus to the main content', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
  });
});
