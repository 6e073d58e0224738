import { test as base, expect } from '@playwright/test';

/**
 * The `test` every e2e spec imports. An automatic fixture watches the test's browser context (so every page
 * the test opens with the `page` or `context` fixtures) and fails the test at teardown, listing what it saw, if
 * there was any of:
 * - a console message of type `error` (from pages or their workers);
 * - an uncaught exception or unhandled rejection in a page (`pageerror` / context `weberror`);
 * - a same-origin request that failed (network error), answered with HTTP status >= 400, or asked for a file
 *   (a path with an extension) and got the SPA fallback page instead, i.e. the file is missing.
 *
 * A test that provokes an error on purpose declares it with `test.use({ allowedErrors: [/pattern/] })`;
 * each collected message is matched against those patterns and dropped when one matches.
 * Pages from contexts a test creates itself with `browser.newContext()` are not watched.
 */
export const test = base.extend<{ allowedErrors: RegExp[]; pageProblems: string[] }>({
  allowedErrors: [[], { option: true }],

  pageProblems: [
    async ({ context, baseURL, allowedErrors }, use) => {
      const problems: string[] = [];
      const origin = baseURL ? new URL(baseURL).origin : undefined;
      const isSameOrigin = (url: string) => {
        try {
          return origin !== undefined && new URL(url).origin === origin;
        } catch {
          return false;
        }
      };
      const record = (message: string) => {
        if (!allowedErrors.some((pattern) => pattern.test(message))) problems.push(message);
      };

      context.on('console', (message) => {
        if (message.type() !== 'error') return;
        const { url, lineNumber } = message.location();
        const where = url ? ` (${url}:${lineNumber})` : '';
        record(`console error on ${message.page()?.url() ?? 'a worker'}: ${message.text()}${where}`);
      });
      context.on('weberror', (webError) => {
        const error = webError.error();
        record(`page error on ${webError.page()?.url() ?? 'unknown page'}: ${error.stack ?? error.message}`);
      });
      context.on('requestfailed', (request) => {
        const failure = request.failure()?.errorText ?? 'unknown failure';
        // Requests cut short by a navigation or by closing the page are not failures of the site.
        if (!isSameOrigin(request.url()) || failure === 'net::ERR_ABORTED') return;
        record(`request failed: ${request.method()} ${request.url()}: ${failure}`);
      });
      context.on('response', (response) => {
        if (!isSameOrigin(response.url())) return;
        const request = response.request();
        if (response.status() >= 400) {
          record(`request failed: ${request.method()} ${response.url()}: HTTP ${response.status()}`);
          return;
        }
        // `vite preview` answers a missing file with index.html and status 200 (SPA fallback): a request for
        // something with a file extension (data, chunks, images) that comes back as HTML is a missing file.
        const { pathname } = new URL(response.url());
        const contentType = response.headers()['content-type'] ?? '';
        if (request.resourceType() !== 'document' && /\.[a-z0-9]+$/i.test(pathname) && !/\.html?$/i.test(pathname) && contentType.startsWith('text/html')) {
          record(`request failed: ${request.method()} ${response.url()}: missing (the server sent index.html instead)`);
        }
      });

      await use(problems);

      if (problems.length > 0) {
        throw new Error(`${problems.length} console/page/network error(s) during the test:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
      }
    },
    { auto: true },
  ],
});

export { expect };
