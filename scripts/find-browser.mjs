#!/usr/bin/env node
/**
 * Finds a Chromium for the end-to-end tests (see /shared/design/testing.md "A browser for Playwright").
 *
 * Order: $CHROMIUM_PATH, the system Chromium/Chrome, Playwright's own downloaded Chromium, and finally (as
 * root on Debian/Ubuntu with apt-get) installing Debian's `chromium` package. Otherwise it throws one line
 * that says what to run.
 *
 * CLI: `node scripts/find-browser.mjs [--ensure]` prints the path (installing where allowed); exits 1 with
 * the one-line message when no browser can be found.
 */
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Chromium flags used by every launch (tests, benchmark): scripts/chromium-args.json, the one list that
 * playwright.config.ts reads too. No `--disable-gpu`: WebGL through SwiftShader must keep working.
 */
export const CHROMIUM_ARGS = JSON.parse(readFileSync(new URL('./chromium-args.json', import.meta.url), 'utf8'));

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

const HOW_TO_INSTALL = 'No Chromium found: install it with `sudo apt-get install -y chromium` or set CHROMIUM_PATH=/path/to/chrome';

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Playwright's downloaded Chromium if `npx playwright install chromium` ever ran here; else undefined. */
function playwrightChromium() {
  const require = createRequire(import.meta.url);
  for (const name of ['playwright-core', '@playwright/test']) {
    try {
      const { chromium } = require(name);
      const path = chromium.executablePath();
      if (path && existsSync(path) && isExecutable(path)) return path;
    } catch {
      // Package missing or no browser registered: try the next source.
    }
  }
  return undefined;
}

function canInstallWithApt() {
  if (process.platform !== 'linux' || typeof process.getuid !== 'function' || process.getuid() !== 0) return false;
  if (!existsSync('/etc/debian_version')) return false;
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

function installWithApt() {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  console.error("[find-browser] No Chromium found; installing Debian's package:");
  console.error('[find-browser] $ apt-get update');
  execFileSync('apt-get', ['update'], { stdio: ['ignore', 'inherit', 'inherit'], env });
  // Fonts are only a recommendation of the package, but layout tests need real text metrics.
  console.error('[find-browser] $ apt-get install -y --no-install-recommends chromium fonts-liberation');
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-liberation'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env,
  });
}

/**
 * Returns the path of a Chromium executable for Playwright's `launchOptions.executablePath`.
 * May install Debian's `chromium` (root + apt-get only). Throws an Error with a one-line message if none.
 */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    console.error(`[find-browser] CHROMIUM_PATH=${fromEnv} is not an executable file; looking elsewhere`);
  }
  const system = SYSTEM_PATHS.find(isExecutable);
  if (system) return system;
  const bundled = playwrightChromium();
  if (bundled) return bundled;
  if (canInstallWithApt()) {
    try {
      installWithApt();
    } catch {
      throw new Error(`${HOW_TO_INSTALL} (apt-get install chromium failed here; see its output above)`);
    }
    const installed = SYSTEM_PATHS.find(isExecutable);
    if (installed) return installed;
  }
  throw new Error(HOW_TO_INSTALL);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    console.log(findChromium());
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
