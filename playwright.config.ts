import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs } from './tests/e2e/chromium-args';

/**
 * End-to-end tests against the built site. Run them with `npm run test:e2e` (scripts/run-e2e.mjs), which
 * builds, serves dist/ with `vite preview` and sets E2E_BASE_URL and CHROMIUM_PATH.
 * Flags match CHROMIUM_ARGS in scripts/find-browser.mjs; no `--disable-gpu`, so WebGL runs on SwiftShader.
 */

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  // Two cores and software WebGL: one browser at a time.
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: 'list',
  use: {
    baseURL: process.env.E2E_BASE_URL ?? 'http://127.0.0.1:4173',
    screenshot: 'only-on-failure',
    trace: 'off',
    video: 'off',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH,
          args: chromiumArgs,
        },
      },
    },
  ],
});
