#!/usr/bin/env node
/**
 * `npm run test:e2e [-- playwright args]`: finds Chromium, builds the site (skipped with E2E_SKIP_BUILD=1),
 * serves dist/ with `vite preview` on a free 127.0.0.1 port, runs `playwright test` against it with
 * E2E_BASE_URL and CHROMIUM_PATH set, always stops the server, and exits with Playwright's exit code.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './find-browser.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_START_TIMEOUT_MS = 30_000;
const startedAt = Date.now();

const log = (message) => console.log(`[e2e] ${message}`);
const seconds = () => `${((Date.now() - startedAt) / 1000).toFixed(1)} s`;

/** @type {import('node:child_process').ChildProcess | undefined} */
let server;

function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  try {
    // Detached: the server leads its own process group, so this also ends anything it started.
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    server.kill('SIGTERM');
  }
}

function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(url) {
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server && (server.exitCode !== null || server.signalCode !== null)) {
      throw new Error(`vite preview exited early (code ${server.exitCode ?? server.signalCode})`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`vite preview did not answer at ${url} within ${SERVER_START_TIMEOUT_MS / 1000} s`);
}

function localBin(name) {
  const path = join(root, 'node_modules', '.bin', name);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm ci\` first`);
  return path;
}

async function main() {
  const chromiumPath = findChromium();
  log(`browser: ${chromiumPath}`);

  if (process.env.E2E_SKIP_BUILD === '1') {
    if (!existsSync(join(root, 'dist', 'index.html'))) throw new Error('E2E_SKIP_BUILD=1 but dist/index.html is missing');
    log('build skipped (E2E_SKIP_BUILD=1), serving the existing dist/');
  } else {
    log('building the site (npm run build)…');
    const code = await run('npm', ['run', 'build']);
    if (code !== 0) throw new Error(`npm run build failed with exit code ${code}`);
    log(`build done (${seconds()})`);
  }

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  log(`starting vite preview at ${baseUrl}`);
  server = spawn(localBin('vite'), ['preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  server.on('error', (error) => console.error(`[e2e] vite preview: ${error.message}`));
  await waitUntilServing(`${baseUrl}/`);
  log(`server ready (${seconds()}); running playwright test ${process.argv.slice(2).join(' ')}`.trimEnd());

  const code = await run(localBin('playwright'), ['test', ...process.argv.slice(2)], {
    env: { ...process.env, E2E_BASE_URL: baseUrl, CHROMIUM_PATH: chromiumPath },
  });
  log(`playwright exited with code ${code} (total ${seconds()})`);
  return code;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    log(`${signal}: stopping the preview server`);
    stopServer();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}
process.on('exit', stopServer);

main().then(
  (code) => {
    stopServer();
    process.exit(code);
  },
  (error) => {
    console.error(`[e2e] ${error instanceof Error ? error.message : String(error)}`);
    stopServer();
    process.exit(1);
  },
);
